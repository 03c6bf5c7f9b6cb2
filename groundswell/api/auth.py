from ninja.security import HttpBearer

from groundswell.accounts.services import api_token_authenticate
from groundswell.orgs.access import Actor


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; sets request.user and request.actor for the endpoint."""

    def authenticate(self, request, token: str):
        user = api_token_authenticate(token=token)
        if user is None:
            return None
        request.user = user
        request.actor = Actor.for_user(user)
        return user


class SessionUser:
    """The signed-in browser session, for the docs page and htmx calls from our own pages."""

    openapi_type = "apiKey"
    openapi_name = "sessionid"
    openapi_in = "cookie"

    def __call__(self, request):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None
