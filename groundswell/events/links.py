"""Links that act on a signup without signing in (cancel, change shift, calendar file): signed with the
site's secret, bound to one signup, and expiring (DESIGN: no login needed, nothing guessable)."""

from django.core import signing
from django.urls import reverse

from groundswell.common.errors import NotFound
from groundswell.events.models import Signup

_SALT = "groundswell.events.signup"
MAX_AGE = 60 * 60 * 24 * 120  # 120 days: long enough for a shift booked months ahead


def signup_token(signup: Signup) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(str(signup.pk))


def signup_from_token(token: str) -> Signup:
    """The signup a token was made for; NotFound when it was altered, expired, or the signup is gone."""
    try:
        pk = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=MAX_AGE)
    except signing.BadSignature as exc:  # SignatureExpired is a BadSignature
        raise NotFound("signup") from exc
    signup = Signup.objects.select_related("shift", "event", "event__team").filter(pk=int(pk)).first()
    if signup is None:
        raise NotFound("signup")
    return signup


def manage_url(signup: Signup) -> str:
    return reverse("events:signup-manage", args=[signup_token(signup)])
