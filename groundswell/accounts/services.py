"""Writes for accounts: API tokens, sign-in throttling, known devices."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from groundswell.accounts.models import ApiToken, LoginFailure, User
from groundswell.audit.services import audit_log
from groundswell.common.tokens import digest, new_secret

TOKEN_PREFIX = "gs_"


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns it with the secret, which is never stored and cannot be shown again."""
    secret = TOKEN_PREFIX + new_secret(30)
    token = ApiToken.objects.create(user=user, name=name.strip()[:100] or "API token",
                                    prefix=secret[:8], key_digest=digest(secret))
    audit_log(actor=user, action="accounts.token.created", target=token)
    return token, secret


def api_token_revoke(*, user: User, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=user, action="accounts.token.revoked", target=token)
    return token


def api_token_authenticate(*, token: str) -> User | None:
    """The active user a bearer token belongs to, or None. Touches last_used at most once a minute."""
    row = (
        ApiToken.objects.select_related("user")
        .filter(key_digest=digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def login_is_throttled(*, email: str, ip_address: str | None) -> bool:
    """Too many recent failures for this email or from this address."""
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    match = Q(email=email.lower())
    if ip_address:
        match |= Q(ip_address=ip_address)
    return LoginFailure.objects.filter(match, created_at__gte=since).count() >= settings.LOGIN_FAILURE_LIMIT


def login_failure_record(*, email: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(email=email.lower()[:254], ip_address=ip_address)


def login_failures_clear(*, email: str) -> None:
    LoginFailure.objects.filter(email=email.lower()).delete()


def credentials_check(*, email: str, password: str, ip_address: str | None, request=None) -> User | None:
    """Check an email and password with throttling; the same None for unknown, wrong or throttled."""
    if login_is_throttled(email=email, ip_address=ip_address):
        return None
    user = authenticate(request, username=email.lower(), password=password)
    if user is None:
        login_failure_record(email=email, ip_address=ip_address)
        return None
    login_failures_clear(email=email)
    return user


def user_get_or_invite(*, actor, email: str, full_name: str) -> User:
    """The account for `email`, or a new one without a password (they set it through password reset)."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    if not full_name.strip():
        raise ValidationError({"full_name": "This person has no account yet: give their name."})
    user = User.objects.create_user(email=email, password=None, full_name=full_name.strip())
    audit_log(actor=actor, action="accounts.user.created", target=user)
    return user
