"""Sign-in (password, then a 6-digit code when two-factor is on), two-factor set-up, the profile and tokens."""

import time
from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from groundswell.accounts import selectors, services
from groundswell.accounts.forms import (
    LoginForm,
    OtpCodeForm,
    PasswordConfirmForm,
    ProfileForm,
    TokenCreateForm,
    time_zone_names,
)
from groundswell.accounts.models import User
from groundswell.common.net import client_ip

DEVICE_COOKIE = "gs_device"
DEVICE_COOKIE_AGE = 60 * 60 * 24 * 365
# The half-signed-in state between the password and the code: who, which backend, where to, and since when.
PENDING_KEY = "accounts_pending_login"
PENDING_MAX_AGE = 10 * 60


def safe_next(request: HttpRequest) -> str:
    """Where to go after signing in: the `next` parameter only when it points back at this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def finish_login(request: HttpRequest, user: User, next_url: str, device=None) -> HttpResponse:
    """Log the user in (verified with `device` when given), audit it and remember this browser."""
    auth_login(request, user, backend=getattr(user, "backend", None))
    if device is not None:
        django_otp.login(request, device)
    return remember_sign_in(request, user, redirect(next_url))


def remember_sign_in(request: HttpRequest, user: User, response: HttpResponse) -> HttpResponse:
    """Audit a sign-in (and a new browser) and set the long-lived device cookie on `response`.
    Every place that signs someone in calls this, the join flow included."""
    cookie = services.login_record(
        user=user, user_agent=request.headers.get("User-Agent", ""),
        device_cookie=request.COOKIES.get(DEVICE_COOKIE), ip_address=client_ip(request),
    )
    response.set_cookie(DEVICE_COOKIE, cookie, max_age=DEVICE_COOKIE_AGE, httponly=True, samesite="Lax",
                        secure=settings.SESSION_COOKIE_SECURE)
    return response


@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    next_url = safe_next(request)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.login_attempt(**form.cleaned_data, ip_address=client_ip(request), request=request)
        except services.LoginRefused as refusal:
            form.add_error(None, refusal)
        else:
            if selectors.totp_device_confirmed(user=user) is None:
                return finish_login(request, user, next_url)
            # Not logged in yet: only the id waits in the session until the code is right.
            request.session[PENDING_KEY] = {"user_id": user.pk, "backend": user.backend,
                                            "next": next_url, "at": time.time()}
            return redirect("accounts:login-otp")
    next_param = request.POST.get("next") or request.GET.get("next", "")
    return render(request, "accounts/login.html", {"form": form, "next": next_param})


def pending_user(request: HttpRequest) -> tuple[User | None, dict]:
    pending = request.session.get(PENDING_KEY) or {}
    if not pending or time.time() - pending.get("at", 0) > PENDING_MAX_AGE:
        return None, {}
    return selectors.user_by_id(user_id=pending["user_id"]), pending


@sensitive_post_parameters("code")
@never_cache
def login_otp(request: HttpRequest) -> HttpResponse:
    user, pending = pending_user(request)
    device = selectors.totp_device_confirmed(user=user) if user else None
    if device is None:
        request.session.pop(PENDING_KEY, None)
        return redirect("accounts:login")
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_verify(device=device, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            del request.session[PENDING_KEY]
            user.backend = pending["backend"]
            return finish_login(request, user, pending["next"], device=device)
    return render(request, "accounts/login_otp.html", {"form": form})


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    replacing = selectors.totp_device_confirmed(user=request.user)
    if replacing and not request.user.is_verified():
        # Swapping the authenticator must not be a way around it: only a session that gave a code may.
        messages.error(request, "Sign in again with your current code to move two-factor to a new phone.")
        return redirect("accounts:profile")
    device = services.totp_device_start(user=request.user)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_device_confirm(user=request.user, device=device, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            # This session has just proved the second factor, so it counts as verified from now on.
            django_otp.login(request, device)
            messages.success(request, "Two-factor sign-in is on.")
            return redirect("accounts:profile")
    return render(request, "accounts/otp_setup.html", {
        "form": form, "device": device, "qr_svg": segno.make(device.config_url).svg_inline(scale=4),
        "secret": otp_secret_base32(device), "replacing": replacing,
        "required": services.two_factor_required(request.user),
    })


def otp_secret_base32(device) -> str:
    """The secret as authenticator apps expect it typed in, in groups of four for reading aloud."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@sensitive_post_parameters("password")
@login_required
@require_POST
def otp_disable(request: HttpRequest) -> HttpResponse:
    form = PasswordConfirmForm(request.POST)
    if form.is_valid():
        try:
            password_confirm(request, form.cleaned_data["password"])
            services.totp_devices_remove(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Two-factor sign-in is off.")
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", profile_context(request, disable_form=form))


def password_confirm(request: HttpRequest, password: str) -> None:
    """The signed-in user's own password, throttled like sign-in so a borrowed phone cannot guess it."""
    try:
        user = services.login_attempt(email=request.user.email, password=password,
                                      ip_address=client_ip(request), request=request)
    except services.LoginRefused as refusal:
        if refusal.code == "invalid":
            raise ValidationError("That is not your current password.", code="invalid") from refusal
        raise
    if user.pk != request.user.pk:
        raise ValidationError("That is not your current password.", code="invalid")


def profile_context(request: HttpRequest, **overrides) -> dict:
    context = {
        "form": ProfileForm.for_user(request.user),
        "token_form": TokenCreateForm(),
        "tokens": selectors.api_token_list(user=request.user),
        "disable_form": PasswordConfirmForm(),
        "otp_device": selectors.totp_device_confirmed(user=request.user),
        "two_factor_required": services.two_factor_required(request.user),
        "time_zones": time_zone_names(),
    }
    context.update(overrides)
    return context


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm.for_user(request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", profile_context(request, form=form))


def tokens_response(request: HttpRequest, **context) -> HttpResponse:
    """The token list: the partial for htmx, the whole profile page when JavaScript is off."""
    if request.htmx:
        context = {"tokens": selectors.api_token_list(user=request.user),
                   "token_form": TokenCreateForm(), **context}
        return render(request, "accounts/_tokens.html", context)
    return render(request, "accounts/profile.html", profile_context(request, **context))


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        # htmx swaps only 2xx responses by default, so the form comes back with its errors as a 200.
        return tokens_response(request, token_form=form)
    token, secret = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
    return tokens_response(request, new_token=token, new_secret=secret)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Looked up among the user's own tokens only: someone else's id is a 404, like one that does not exist.
    token = get_object_or_404(selectors.api_token_list(user=request.user), pk=token_id)
    services.api_token_revoke(user=request.user, token=token)
    return tokens_response(request)
