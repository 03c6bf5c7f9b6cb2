"""The join flow for a newcomer on a phone, five screens at most:

1. landing (team, mission, who invited you) → 2. account (skipped when signed in) → 3. code of conduct →
4. availability and interests → 5. the home page with their first task. Every step can be reloaded, gone
back to or submitted twice: accepting an invitation and each onboarding step are idempotent services.
"""

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from groundswell.accounts import selectors as account_selectors
from groundswell.accounts import services as account_services
from groundswell.accounts.models import User
from groundswell.accounts.views import remember_sign_in
from groundswell.common.net import client_ip
from groundswell.orgs import selectors, services
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.forms import JoinAccountForm, JoinPasswordForm, PreferencesForm
from groundswell.orgs.models import Invitation
from groundswell.orgs.views import add_errors

WELCOME_KEY = "join_welcome_team"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def gone(request: HttpRequest, invitation: Invitation | None) -> HttpResponse:
    """The friendly dead end: unknown links are 404, withdrawn/expired/used-up ones 410 (Gone)."""
    if invitation is None:
        reason, status = "We could not find this invitation. The link may be incomplete or mistyped.", 404
    else:
        reason, status = invitation.unusable_reason(), 410
    return render(request, "orgs/join_gone.html", {"reason": reason, "invitation": invitation}, status=status)


def usable_invitation(request: HttpRequest, token: str) -> tuple[Invitation | None, HttpResponse | None]:
    """The invitation if it can still be used — or if the actor already joined with it (going back is fine)."""
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None:
        return None, gone(request, None)
    if invitation.unusable_reason() and selectors.membership_of(actor=request.actor, team=invitation.team) is None:
        return None, gone(request, invitation)
    return invitation, None


@never_cache
def invitation_landing(request: HttpRequest, token: str) -> HttpResponse:
    invitation, failure = usable_invitation(request, token)
    if failure:
        return failure
    return render(request, "orgs/join_landing.html", {
        "invitation": invitation, "team": invitation.team, "step": 1,
        "membership": selectors.membership_of(actor=request.actor, team=invitation.team),
    })


def accept(request: HttpRequest, invitation: Invitation, user: User, form=None) -> HttpResponse:
    """Join the team and go on to the code of conduct; a refusal is shown on the page it came from."""
    try:
        membership = services.invitation_accept(invitation=invitation, user=user)
    except ValidationError as error:
        return render(request, "orgs/join_landing.html", {
            "invitation": invitation, "team": invitation.team, "step": 1, "error": " ".join(error.messages),
        }, status=400)
    return redirect("join:conduct", membership.team.slug)


@sensitive_post_parameters("password")
@never_cache
def join_account(request: HttpRequest, token: str) -> HttpResponse:
    invitation, failure = usable_invitation(request, token)
    if failure:
        return failure
    if request.user.is_authenticated:
        if request.method == "POST":
            return accept(request, invitation, request.user)
        return redirect("join:invitation", token)
    if request.method == "POST" and request.POST.get("mode") == "existing":
        return existing_account(request, invitation)
    form = JoinAccountForm(request.POST or None, initial={"email": invitation.email}, only_email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_services.user_register(**form.cleaned_data)
        except ValidationError as error:
            if any(e.code == "exists" for e in getattr(error, "error_dict", {}).get("email", [])):
                password_form = JoinPasswordForm(initial={"email": form.cleaned_data["email"]})
                return render_account(request, invitation, password_form, existing=True)
            add_errors(form, error)
        else:
            login(request, user, backend=BACKEND)
            return remember_sign_in(request, user, accept(request, invitation, user))
    return render_account(request, invitation, form, status=400 if request.method == "POST" else 200)


def existing_account(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Someone who already has an account signs in with its password (throttled like the sign-in page)."""
    form = JoinPasswordForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        try:
            user = account_services.login_attempt(
                email=email, password=form.cleaned_data["password"], ip_address=client_ip(request), request=request)
        except account_services.LoginRefused as refusal:
            form.add_error("password", refusal.messages[0].replace("email or password", "password"))
        else:
            if account_selectors.totp_device_confirmed(user=user) is not None:
                # Two-factor accounts finish signing in on the sign-in page, then come back to this link.
                next_url = reverse("join:invitation", args=[invitation.token])
                return redirect(f"{reverse('accounts:login')}?next={next_url}")
            login(request, user, backend=BACKEND)
            return remember_sign_in(request, user, accept(request, invitation, user))
    return render_account(request, invitation, form, existing=True, status=400)


def render_account(request, invitation, form, *, existing: bool = False, status: int = 200) -> HttpResponse:
    return render(request, "orgs/join_account.html", {
        "invitation": invitation, "team": invitation.team, "form": form, "existing": existing, "step": 2,
        "email": form.initial.get("email") or form.data.get("email", ""),
    }, status=status)


@login_required
def join_conduct(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug)
    membership = selectors.membership_of(actor=request.actor, team=team)
    if membership is None:
        return redirect("orgs:team-detail", team.slug)
    if request.method == "POST":
        services.onboarding_accept_conduct(membership=membership)
        return redirect("join:preferences", team.slug)
    conduct = selectors.conduct_for(team=team)
    return render(request, "orgs/join_conduct.html", {
        "team": team, "membership": membership, "step": 3,
        "conduct_team": conduct[0] if conduct else None, "conduct": conduct[1] if conduct else "",
    })


@login_required
def join_preferences(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug)
    membership = selectors.membership_of(actor=request.actor, team=team)
    if membership is None:
        return redirect("orgs:team-detail", team.slug)
    initial = {"availability": membership.availability, "interests": membership.interests}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.onboarding_set_preferences(membership=membership, **form.cleaned_data)
        request.session[WELCOME_KEY] = team.pk
        return redirect("web:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/join_preferences.html", {
        "team": team, "membership": membership, "form": form, "step": 4,
    }, status=status)
