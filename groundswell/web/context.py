from groundswell.orgs.roles import Cap
from groundswell.orgs.selectors import my_memberships
from groundswell.people.selectors import first_people_team


def navigation(request) -> dict:
    """The signed-in person's teams for the header's team switcher, and which links their roles open."""
    actor = getattr(request, "actor", None)
    if actor is None or not request.user.is_authenticated:
        return {}
    return {
        "nav_memberships": list(my_memberships(actor=actor)),
        "nav_can_audit": bool(actor.paths_with(Cap.VIEW_AUDIT)),
        "nav_develops_leaders": bool(actor.paths_with(Cap.DEVELOP_LEADERS)),
        # The People link opens the top-most team whose people the actor may browse (no query otherwise).
        "nav_people_team": first_people_team(actor) if actor.paths_with(Cap.VIEW_PEOPLE) else None,
    }
