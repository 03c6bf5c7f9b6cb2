"""Reads for accounts. Everything here is about the user's own things, so every function takes `user=`."""

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from groundswell.accounts.models import ApiToken, User


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first, revoked ones included so they can see what was turned off."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def totp_device_confirmed(*, user: User) -> TOTPDevice | None:
    """The authenticator the user signs in with, if two-factor sign-in is on."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def user_by_id(*, user_id: int) -> User | None:
    """An active user, for finishing a sign-in that was started (password checked) earlier in the session."""
    return User.objects.filter(pk=user_id, is_active=True).first()
