"""Host tools: a team's events, new event (or a volunteer's proposal), the event's dashboard (shifts, places,
referrals, follow-ups), the roster with check-in from a phone, walk-ins, no-shows, a message to everyone,
duplicate, cancel with notice, approve. Everything goes through selectors.hosted_event (404 outside the
actor's teams, 403 without CREATE_EVENTS) and the services."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from groundswell.common.errors import Conflict, NotFound
from groundswell.common.forms import add_service_errors
from groundswell.common.ids import parse_id
from groundswell.events import notices, selectors
from groundswell.events import services_attendance as attendance
from groundswell.events import services_events as hosting
from groundswell.events.forms import CancelForm, EventForm, MessageForm, ShiftForm, WalkInForm
from groundswell.events.links import signup_from_token
from groundswell.events.models import Event, Signup
from groundswell.events.services_signups import AlreadySignedUp, Contact
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap
from groundswell.outreach.selectors import campaigns_for


def _campaigns(request, team):
    return campaigns_for(request.actor, Cap.EDIT_SCRIPTS).filter(team__path__startswith=team.org_path)


@login_required
def team_events(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug)
    hosting_here = hosting.may_host(request.actor, team)
    events = selectors.team_events(request.actor, team)
    return render(request, "events/team_events.html", {
        "team": team, "may_host": hosting_here, "may_propose": hosting.may_propose(request.actor, team),
        "upcoming": selectors.with_next_start(events.exclude(status=Event.Status.CANCELLED)).order_by("next_start"),
        "pending": events.filter(status=Event.Status.PENDING),
        "mine_pending": selectors.my_pending_proposals(request.actor, team),
    })


@login_required
def event_new(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug)
    if not hosting.may_propose(request.actor, team):
        raise hosting.PermissionDenied("you may not add events to this team")
    form = EventForm(request.POST or None, campaigns=_campaigns(request, team),
                     initial={"contact_name": request.user.full_name, "contact_email": request.user.email})
    if request.method == "POST" and form.is_valid():
        try:
            event = hosting.event_create(actor=request.actor, team=team, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if event.status == Event.Status.PENDING:
                messages.success(request, "Thanks! Now add when it happens; an organizer will look at it and "
                                          "publish it.")
                return redirect("events:shifts", event.pk)
            messages.success(request, "Event created. Now add when it happens.")
            return redirect("events:shifts", event.pk)
    return render(request, "events/event_form.html", {"form": form, "team": team, "event": None,
                                                      "proposing": not hosting.may_host(request.actor, team)},
                  status=422 if form.errors else 200)


@login_required
def manage(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.hosted_event(request.actor, event_id)
    shifts = selectors.shifts_with_counts(event)
    for shift in shifts:
        shift.event = event
    return render(request, "events/manage.html", {
        "event": event, "shifts": shifts, "referrals": selectors.referral_counts(event),
        "follow_ups": selectors.open_follow_ups(event),
        "share_url": request.build_absolute_uri(reverse("events:event", args=[event.pk])),
        "private_url": request.build_absolute_uri(reverse("events:private", args=[event.private_key])),
    })


@login_required
def edit(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.editable_event(request.actor, event_id)
    # The form fills its own copy, so the service still sees what changed.
    form = EventForm(request.POST or None, instance=copy.copy(event),
                     campaigns=_campaigns(request, event.team))
    if request.method == "POST" and form.is_valid():
        try:
            hosting.event_update(actor=request.actor, event=event, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Saved.")
            return redirect("events:manage" if hosting.may_host(request.actor, event.team) else "events:event",
                            event.pk)
    return render(request, "events/event_form.html", {"form": form, "team": event.team, "event": event},
                  status=422 if form.errors else 200)


@login_required
def shifts(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.editable_event(request.actor, event_id)
    form = ShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = hosting.shifts_add(actor=request.actor, event=event, day=data["day"], start=data["start"],
                                      end=data["end"], capacity=data["capacity"], weeks=data["weeks"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Added {len(made)} shift{'s' if len(made) != 1 else ''}.")
            return redirect("events:shifts", event.pk)
    rows = selectors.shifts_with_counts(event)
    for shift in rows:
        shift.event = event
    # Its proposer (a volunteer, while it waits for approval) may add shifts but not manage it: back to its page.
    back = reverse("events:manage" if hosting.may_host(request.actor, event.team) else "events:event",
                   args=[event.pk])
    return render(request, "events/shifts.html", {"event": event, "form": form, "shifts": rows, "back": back},
                  status=422 if form.errors else 200)


@require_POST
@login_required
def shift_remove(request: HttpRequest, event_id: int, shift_id: int) -> HttpResponse:
    event = selectors.editable_event(request.actor, event_id)
    shift = event.shifts.filter(pk=shift_id).first()
    if shift is None:
        raise NotFound("shift")
    told = hosting.shift_remove(actor=request.actor, shift=shift)
    if told:
        notices.shift_cancelled([s.pk for s in told])
    messages.success(request, f"Shift removed{f'; {len(told)} people were told' if told else ''}.")
    return redirect("events:shifts", event.pk)


@login_required
def roster(request: HttpRequest, event_id: int) -> HttpResponse:
    """Who is coming, shift by shift, with a check-in button each (big enough for a thumb)."""
    event = selectors.hosted_event(request.actor, event_id)
    shift_id = parse_id(request.GET.get("shift"))
    shift = event.shifts.filter(pk=shift_id).first() if shift_id else None
    rows = selectors.shifts_with_counts(event)
    for row in rows:
        row.event = event
    signups = list(selectors.roster(event, shift))
    for signup in signups:
        signup.shift.event = event
    return render(request, "events/roster.html", {
        "event": event, "signups": signups, "shifts": rows, "shift": shift,
        "walk_in": WalkInForm(initial={"shift": shift.pk if shift else None}),
    })


def _signup_of(event: Event, signup_id: int) -> Signup:
    signup = event.signups.filter(pk=signup_id).select_related("shift", "event").first()
    if signup is None:
        raise NotFound("signup")
    return signup


def _roster_row(request: HttpRequest, event: Event, signup: Signup, error: str = "") -> HttpResponse:
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(reverse("events:roster", args=[event.pk]) + f"#signup-{signup.pk}")
    signup.shift.event = event
    return render(request, "events/_roster_row.html", {"event": event, "s": signup, "error": error})


@require_POST
@login_required
def check_in(request: HttpRequest, event_id: int, signup_id: int) -> HttpResponse:
    event = selectors.hosted_event(request.actor, event_id)
    signup = _signup_of(event, signup_id)
    try:
        signup = attendance.check_in(actor=request.actor, signup=signup)
    except Conflict as exc:
        return _roster_row(request, event, signup, str(exc))
    if request.POST.get("from") == "scan":
        messages.success(request, f"{signup.name} is checked in.")
        return redirect("events:roster", event.pk)
    return _roster_row(request, event, signup)


@require_POST
@login_required
def undo(request: HttpRequest, event_id: int, signup_id: int) -> HttpResponse:
    event = selectors.hosted_event(request.actor, event_id)
    signup = attendance.undo_attendance(actor=request.actor, signup=_signup_of(event, signup_id))
    return _roster_row(request, event, signup)


@require_POST
@login_required
def walk_in(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.hosted_event(request.actor, event_id)
    form = WalkInForm(request.POST)
    form.fields["shift"].choices = [(s.pk, s.pk) for s in event.shifts.all()]
    if form.is_valid():
        data = form.cleaned_data
        contact = Contact(first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
                          phone=data["phone"])
        try:
            signup = attendance.walk_in(actor=request.actor, shift=event.shifts.get(pk=data["shift"]),
                                        contact=contact)
        except ValidationError as exc:
            messages.error(request, "Walk-in not added: " + " ".join(exc.messages))
        except AlreadySignedUp as exc:
            attendance.check_in(actor=request.actor, signup=exc.signup)
            messages.success(request, f"{exc.signup.name} was already signed up; checked in.")
        else:
            messages.success(request, f"{signup.name} added and checked in.")
    else:
        messages.error(request, "Walk-in not added: give at least a first name and pick the shift.")
    shift_id = parse_id(request.POST.get("shift"))
    return redirect(reverse("events:roster", args=[event.pk]) + (f"?shift={shift_id}" if shift_id else ""))


@login_required
def scan(request: HttpRequest, event_id: int) -> HttpResponse:
    """Where an attendee's QR code leads the host's phone camera: "check in Pat Lee?" (GET shows, POST acts)."""
    event = selectors.hosted_event(request.actor, event_id)
    try:
        signup = signup_from_token(request.GET.get("s", ""))
    except NotFound:
        signup = None
    if signup is not None and signup.event_id != event.pk:
        signup = None
    if signup is not None:
        signup.shift.event = event
    return render(request, "events/scan.html", {"event": event, "signup": signup}, status=200 if signup else 404)


@require_POST
@login_required
def no_shows(request: HttpRequest, event_id: int, shift_id: int) -> HttpResponse:
    event = selectors.hosted_event(request.actor, event_id)
    shift = event.shifts.filter(pk=shift_id).first()
    if shift is None:
        raise NotFound("shift")
    try:
        marked = attendance.mark_no_shows(actor=request.actor, shift=shift)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Marked {marked} as did not come; each has a follow-up call on your list.")
    return redirect("events:manage", event.pk)


@require_POST
@login_required
def follow_up_done(request: HttpRequest, event_id: int, follow_up_id: int) -> HttpResponse:
    event = selectors.hosted_event(request.actor, event_id)
    follow_up = event.follow_ups.filter(pk=follow_up_id).select_related("signup").first()
    if follow_up is None:
        raise NotFound("follow-up")
    attendance.follow_up_done(actor=request.actor, follow_up=follow_up, outcome=request.POST.get("outcome", ""))
    messages.success(request, f"Done: {follow_up.signup.name}.")
    return redirect(reverse("events:manage", args=[event.pk]) + "#follow-ups")


@login_required
def message(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.hosted_event(request.actor, event_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        statuses = [Signup.Status.CONFIRMED] + ([Signup.Status.WAITLISTED] if form.cleaned_data["include_waitlist"]
                                                else [])
        ids = list(event.signups.filter(status__in=statuses).exclude(email="").values_list("pk", flat=True))
        if not ids:
            form.add_error(None, "Nobody with an email address is signed up yet.")
        else:
            notices.message_signups(event.pk, ids, form.cleaned_data["subject"], form.cleaned_data["body"],
                                    request.user.pk)
            messages.success(request, f"Sending to {len(ids)} {'person' if len(ids) == 1 else 'people'}.")
            return redirect("events:manage", event.pk)
    return render(request, "events/message.html", {"event": event, "form": form},
                  status=422 if form.errors else 200)


@require_POST
@login_required
def duplicate(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.hosted_event(request.actor, event_id)
    copy = hosting.event_duplicate(actor=request.actor, event=event)
    messages.success(request, "Copied, with the same shifts one week later. Check the details and times.")
    return redirect("events:edit", copy.pk)


@login_required
def cancel(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.hosted_event(request.actor, event_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = hosting.event_cancel(actor=request.actor, event=event, reason=form.cleaned_data["reason"])
        except Conflict as exc:
            messages.error(request, str(exc))
        else:
            if told:
                notices.event_cancelled(event.pk, [s.pk for s in told])
            messages.success(request, f"Cancelled. {len(told)} {'person was' if len(told) == 1 else 'people were'}"
                                      " told by email.")
        return redirect("events:manage", event.pk)
    live = event.signups.exclude(status=Signup.Status.CANCELLED).count()
    return render(request, "events/cancel.html", {"event": event, "form": form, "live": live})


@require_POST
@login_required
def approve(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.hosted_event(request.actor, event_id)
    try:
        hosting.event_approve(actor=request.actor, event=event)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Approved and published. Add its shifts.")
    return redirect("events:shifts", event.pk)
