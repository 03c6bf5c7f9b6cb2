from groundswell.orgs.models import Team


def goals_demo_load(org: Team, *, seed: int) -> None:
    """The demo's goals data, made through the real services."""
