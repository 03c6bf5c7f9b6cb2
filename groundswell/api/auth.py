from ninja.security import HttpBearer, SessionAuth

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


class SessionUser(SessionAuth):
    """The signed-in browser session (docs page, htmx calls from our own pages); CSRF-checked on writes."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None and not user.is_active:
            return None
        return user
