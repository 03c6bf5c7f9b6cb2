from ninja import Router

from groundswell.accounts.schemas import MeOut, TokenIn, TokenOut
from groundswell.accounts.services import api_token_create, credentials_check
from groundswell.common.net import client_ip
from groundswell.common.schemas import ERRORS
from groundswell.orgs.selectors import my_memberships

router = Router(tags=["auth"])


@router.post("/auth/token", auth=None, response={201: TokenOut, **ERRORS})
def auth_token(request, payload: TokenIn):
    """Exchange an email and password for an API token. Accounts with two-factor sign-in on make tokens on
    their profile page instead."""
    user = credentials_check(email=payload.email, password=payload.password, ip_address=client_ip(request))
    if user is None:
        return 401, {"detail": "wrong email or password, or too many attempts; wait and try again"}
    if user.totpdevice_set.filter(confirmed=True).exists():
        return 403, {"detail": "this account uses two-factor sign-in: create a token on your profile page"}
    token, secret = api_token_create(user=user, name=payload.name)
    return 201, {"token": secret, "name": token.name, "prefix": token.prefix}


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request):
    actor = request.actor
    memberships = [
        {"team_id": m.team_id, "team_name": m.team.name, "team_slug": m.team.slug, "role": m.role}
        for m in my_memberships(actor=actor)
    ]
    user = actor.user
    return {"id": user.pk, "email": user.email, "full_name": user.full_name, "memberships": memberships}
