from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from groundswell.common.zones import zone_named
from groundswell.orgs.access import Actor


class ActorMiddleware:
    """Attach `request.actor` (the user with all their roles), resolved lazily once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: Actor.for_user(request.user))
        return self.get_response(request)


class TimeZoneMiddleware:
    """Dates and times on a signed-in person's pages in their own zone (Actor.time_zone: their profile's,
    else their team's), not UTC. Times that belong to a place — a shift, a call window, a team's meeting — are
    still shown in that place's zone where their templates say so (`|timezone:team.time_zone`). Visitors read
    UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = zone_named(request.actor.time_zone) if request.user.is_authenticated else None
        with timezone.override(zone):  # None: the default zone (UTC)
            return self.get_response(request)
