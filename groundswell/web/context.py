from groundswell.orgs.selectors import my_memberships


def navigation(request) -> dict:
    """The signed-in person's teams, for the header's team switcher."""
    actor = getattr(request, "actor", None)
    if actor is None or not request.user.is_authenticated:
        return {}
    return {"nav_memberships": list(my_memberships(actor=actor))}
