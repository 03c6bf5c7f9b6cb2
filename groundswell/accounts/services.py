"""Writes for accounts: API tokens, sign-in throttling, known devices, two-factor sign-in, the profile."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from groundswell.accounts.models import ApiToken, KnownDevice, LoginFailure, User
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


class LoginRefused(ValidationError):
    """A refused sign-in; the message is safe to show (it never says whether the email exists)."""


WRONG_CREDENTIALS = "Wrong email or password."


def too_many_attempts_message() -> str:
    minutes = max(1, round(settings.LOGIN_FAILURE_WINDOW_SECONDS / 60))
    return f"Too many attempts — wait {minutes} minute{'s' if minutes != 1 else ''} and try again."


def login_attempt(*, email: str, password: str, ip_address: str | None, request=None) -> User:
    """The user for these credentials, or LoginRefused with a message fit for the form.

    The throttle is checked first only to choose the message: credentials_check() refuses either way.
    """
    if login_is_throttled(email=email, ip_address=ip_address):
        raise LoginRefused(too_many_attempts_message(), code="throttled")
    user = credentials_check(email=email, password=password, ip_address=ip_address, request=request)
    if user is None:
        raise LoginRefused(WRONG_CREDENTIALS, code="invalid")
    return user


def device_fingerprint(*, user_agent: str, device_cookie: str) -> str:
    return hashlib.sha256(f"{user_agent}\n{device_cookie}".encode()).hexdigest()


@transaction.atomic
def login_record(*, user: User, user_agent: str, device_cookie: str | None, ip_address: str | None) -> str:
    """Audit a successful sign-in, and a sign-in from a browser we have not seen for this user.

    Returns the value of the long-lived device cookie to (re)set: a new random one when the browser had none.
    The user agent alone is shared by millions of phones, so the cookie is what tells browsers apart.
    """
    device_cookie = device_cookie or new_secret(24)
    user_agent = user_agent[:300]
    fingerprint = device_fingerprint(user_agent=user_agent, device_cookie=device_cookie)
    device, created = KnownDevice.objects.get_or_create(
        user=user, fingerprint=fingerprint, defaults={"user_agent": user_agent}
    )
    if created:
        audit_log(actor=user, action="accounts.login.new_device", target=device,
                  data={"user_agent": user_agent}, ip_address=ip_address)
    else:
        device.save(update_fields=["last_seen_at"])
    audit_log(actor=user, action="accounts.login", target=user, ip_address=ip_address)
    return device_cookie


def two_factor_required(user: User) -> bool:
    """Must this user sign in with a second factor? Yes when they hold a role in roles.TWO_FACTOR_ROLES on
    any team of an organization (a root team) that has switched on `require_2fa_for_admins`."""
    # accounts sits below orgs in the dependency order and orgs imports accounts.models at load time, so
    # orgs is imported here, when the function runs, to avoid an import cycle.
    from groundswell.orgs.models import Membership, Team
    from groundswell.orgs.roles import TWO_FACTOR_ROLES

    if not user.is_authenticated:
        return False
    strict_orgs = Team.objects.filter(depth=1, require_2fa_for_admins=True).values("path")
    return (
        Membership.objects.filter(user_id=user.pk, role__in=TWO_FACTOR_ROLES)
        .annotate(org_path=Substr("team__path", 1, Team.steplen))
        .filter(org_path__in=strict_orgs)
        .exists()
    )


def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up; reused so reloading the page keeps the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def totp_verify(*, device: TOTPDevice, token: str) -> None:
    """Check a 6-digit code against a device, with django-otp's own back-off after wrong codes."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        raise ValidationError("Too many wrong codes — wait a minute and try again.", code="throttled")
    if not device.verify_token(token):
        raise ValidationError("That code is not right. Check the time on your phone and try the newest code.",
                              code="invalid")


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> TOTPDevice:
    """Turn on two-factor sign-in with this device once the user proves it works; it replaces any other."""
    # Checked outside the transaction: a wrong code must leave its throttling count behind, not roll it back.
    totp_verify(device=device, token=token)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        audit_log(actor=user, action="accounts.two_factor.enabled", target=user)
    return device


@transaction.atomic
def totp_devices_remove(*, user: User) -> int:
    """Turn two-factor sign-in off, unless the user's organization requires it for their role."""
    if two_factor_required(user):
        raise ValidationError("Your organization requires two-factor sign-in for your role, so it stays on.",
                              code="required")
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    if removed:
        audit_log(actor=user, action="accounts.two_factor.disabled", target=user)
    return removed


PROFILE_FIELDS = ("full_name", "preferred_name", "phone", "time_zone")


def user_profile_update(*, user: User, **fields: str) -> User:
    """Change the user's own name, phone and time zone; only the fields in PROFILE_FIELDS."""
    changed = [name for name in PROFILE_FIELDS if name in fields and getattr(user, name) != fields[name]]
    for name in changed:
        setattr(user, name, fields[name])
    if changed:
        user.full_clean(exclude=["password"])
        user.save(update_fields=changed)
        audit_log(actor=user, action="accounts.profile.updated", target=user, data={"fields": changed})
    return user


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str) -> User:
    """Create an account for a newcomer who signs up themselves (the join flow).

    The password must pass the configured validators; an email that already has an account is refused, so
    the caller can ask for that account's password instead.
    """
    from django.contrib.auth.password_validation import validate_password

    email = email.strip().lower()
    full_name = full_name.strip()
    errors: dict[str, list[ValidationError]] = {}
    if not full_name:
        errors["full_name"] = [ValidationError("Tell us your name.", code="required")]
    if User.objects.filter(email__iexact=email).exists():
        errors["email"] = [ValidationError("There is already an account with this email.", code="exists")]
    try:
        validate_password(password, User(email=email, full_name=full_name))
    except ValidationError as error:
        errors["password"] = error.error_list
    if errors:
        raise ValidationError(errors)
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    audit_log(actor=user, action="accounts.user.registered", target=user)
    return user
