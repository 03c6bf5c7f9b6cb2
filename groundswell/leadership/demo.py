from groundswell.orgs.models import Team


def leadership_demo_load(org: Team, *, seed: int) -> None:
    """The demo's leadership data, made through the real services."""
