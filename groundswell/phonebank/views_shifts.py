"""Call shift pages: callers sign up for time slots of a campaign ("Sign up to call"); the people who build
the campaign add shifts and see who signed up, came and did not come. Opening either page sweeps the
campaign's no-shows (throttled: services_shifts.sweep_if_due), since the worker has no clock."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from groundswell.common.errors import Conflict
from groundswell.orgs.roles import Cap
from groundswell.outreach.selectors import get_campaign_for, get_campaign_to_work
from groundswell.phonebank import selectors_shifts as shifts
from groundswell.phonebank import services_shifts as services
from groundswell.phonebank.forms_shifts import ShiftForm, add_service_errors
from groundswell.phonebank.models import ShiftSignup

# Where "Start calling" leads (views_calling); should it ever be missing, check-in comes back to the shifts.
CALLING_PAGE = "phonebank:calling"


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError):
        return None


@login_required
def shift_list(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """ "Sign up to call": the campaign's shifts still to come, with free places, for callers."""
    campaign = get_campaign_to_work(request.actor, campaign_id)
    now = timezone.now()
    services.sweep_if_due(campaign, now)
    return render(request, "phonebank/shift_list.html", {
        "campaign": campaign, "rows": shifts.open_shifts(campaign, request.actor.user_id, now),
        "current": shifts.current_signup(request.actor.user_id, campaign, now), "zone": campaign.team.time_zone,
    })


def _card(request: HttpRequest, campaign, shift, error: str = "") -> HttpResponse:
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("phonebank:shift-list", campaign.pk)
    row = shifts.shift_row(shift, request.actor.user_id)
    return render(request, "phonebank/_shift_card.html", {
        "campaign": campaign, "row": row, "error": error, "zone": campaign.team.time_zone})


@require_POST
@login_required
def shift_signup(request: HttpRequest, campaign_id: int, shift_id: int) -> HttpResponse:
    campaign = get_campaign_to_work(request.actor, campaign_id)
    shift = shifts.get_campaign_shift(campaign, shift_id)
    try:
        services.shift_signup(actor=request.actor, shift=shift, client_uuid=_uuid(request.POST.get("client_uuid")))
    except (ValidationError, Conflict) as error:
        return _card(request, campaign, shift, " ".join(getattr(error, "messages", [str(error)])))
    if not request.htmx:
        messages.success(request, "You are signed up. See you then!")
    return _card(request, campaign, shift)


@require_POST
@login_required
def shift_signup_cancel(request: HttpRequest, campaign_id: int, shift_id: int) -> HttpResponse:
    campaign = get_campaign_to_work(request.actor, campaign_id)
    shift = shifts.get_campaign_shift(campaign, shift_id)
    try:
        services.shift_signup_cancel(actor=request.actor, shift=shift)
    except Conflict as error:
        return _card(request, campaign, shift, f"Cannot cancel: {error}.")
    if not request.htmx:
        messages.success(request, "Cancelled: your place is free for someone else.")
    return _card(request, campaign, shift)


@require_POST
@login_required
def shift_start_calling(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Check in: start (or resume) calling, tied to the shift running now."""
    campaign = get_campaign_to_work(request.actor, campaign_id)
    services.shift_check_in(actor=request.actor, campaign=campaign)
    try:
        return redirect(reverse(CALLING_PAGE, args=[campaign.pk]))
    except NoReverseMatch:
        messages.success(request, "You are checked in. Happy calling!")
        return redirect("phonebank:shift-list", campaign.pk)


def _admin_context(request: HttpRequest, campaign, form: ShiftForm) -> dict:
    coming, past = shifts.organizer_shifts(campaign, timezone.now())
    return {"campaign": campaign, "form": form, "coming": coming, "past": past, "zone": campaign.team.time_zone,
            "now": timezone.now()}


@login_required
def shift_manage(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The organizer's shifts page: add a shift; who signed up, came, did not come (each count links to them)."""
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    services.sweep_if_due(campaign)
    form = ShiftForm(time_zone=campaign.team.time_zone)
    return render(request, "phonebank/shift_manage.html", _admin_context(request, campaign, form))


@require_POST
@login_required
def shift_create(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    form = ShiftForm(request.POST, time_zone=campaign.team.time_zone)
    if form.is_valid():
        starts_at, ends_at = form.times()
        try:
            services.shift_create(actor=request.actor, campaign=campaign, starts_at=starts_at, ends_at=ends_at,
                                  capacity=form.cleaned_data["capacity"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Shift added.")
            if not request.htmx:
                return redirect("phonebank:shift-manage", campaign.pk)
            form = ShiftForm(time_zone=campaign.team.time_zone)
    # htmx swaps only 2xx responses, so the partial with its field errors comes back as a 200.
    template = "phonebank/_shift_admin.html" if request.htmx else "phonebank/shift_manage.html"
    status = 400 if form.errors and not request.htmx else 200
    return render(request, template, _admin_context(request, campaign, form), status=status)


@require_POST
@login_required
def shift_delete(request: HttpRequest, campaign_id: int, shift_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    shift = shifts.get_campaign_shift(campaign, shift_id)
    try:
        dropped = services.shift_delete(actor=request.actor, shift=shift)
    except Conflict as error:
        messages.error(request, f"Cannot cancel: {error}.")
    else:
        messages.success(request, f"Shift cancelled; {dropped} signed-up caller(s) lost their place.")
    return redirect("phonebank:shift-manage", campaign.pk)


@login_required
def shift_people(request: HttpRequest, campaign_id: int, shift_id: int) -> HttpResponse:
    """The people behind a count on the shifts page (`?status=no_show` and so on)."""
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    shift = shifts.get_campaign_shift(campaign, shift_id)
    status = request.GET.get("status", "")
    status = status if status in ShiftSignup.Status.values else ""
    return render(request, "phonebank/shift_people.html", {
        "campaign": campaign, "shift": shift, "status": status, "statuses": ShiftSignup.Status.choices,
        "signups": shifts.shift_signups(shift, status), "zone": campaign.team.time_zone,
    })
