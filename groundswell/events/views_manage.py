"""The signed link in every email: see one's signup, cancel it, or move to another shift — no account or
sign-in needed. A cancelled event's link says so; a forged or expired link is a plain 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.common.errors import Conflict
from groundswell.common.ids import parse_id
from groundswell.events import calendars, selectors
from groundswell.events.display import shift_when
from groundswell.events.links import signup_from_token
from groundswell.events.services_signups import signup_cancel, signup_move


def signup_manage(request: HttpRequest, token: str) -> HttpResponse:
    signup = signup_from_token(token)
    event = signup.event
    signup.shift.event = event
    others = [s for s in selectors.bookable_shifts(event) if s.pk != signup.shift_id]
    for shift in others:
        shift.event = event
        shift.label = shift_when(shift) + ("" if shift.left is None else
                                           " · full: waitlist" if shift.left == 0 else f" · {shift.left} left")
    return render(request, "events/manage_signup.html", {
        "signup": signup, "event": event, "when": shift_when(signup.shift), "others": others, "token": token,
        "google_url": calendars.google_url(signup.shift, event),
        "outlook_url": calendars.outlook_url(signup.shift, event),
    })


@require_POST
def signup_manage_cancel(request: HttpRequest, token: str) -> HttpResponse:
    signup = signup_from_token(token)
    signup_cancel(actor=request.actor, signup=signup, reason="cancelled by the link")
    messages.success(request, "Your signup is cancelled. Thank you for letting us know.")
    return redirect("events:signup-manage", token)


@require_POST
def signup_manage_move(request: HttpRequest, token: str) -> HttpResponse:
    signup = signup_from_token(token)
    shift_id = parse_id(request.POST.get("shift"))
    shift = signup.event.shifts.filter(pk=shift_id).first() if shift_id else None
    if shift is None:
        messages.error(request, "Pick one of the other times.")
        return redirect("events:signup-manage", token)
    try:
        moved = signup_move(actor=request.actor, signup=signup, shift=shift)
    except (Conflict, ValidationError) as exc:
        messages.error(request, str(exc) if isinstance(exc, Conflict) else " ".join(exc.messages))
    else:
        moved.shift.event = moved.event
        waiting = " You're on its waitlist." if moved.status == moved.Status.WAITLISTED else ""
        messages.success(request, f"Moved to {shift_when(moved.shift)}.{waiting}")
    return redirect("events:signup-manage", token)
