from django.utils.functional import SimpleLazyObject

from groundswell.orgs.access import Actor


class ActorMiddleware:
    """Attach `request.actor` (the user with all their roles), resolved lazily once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: Actor.for_user(request.user))
        return self.get_response(request)
