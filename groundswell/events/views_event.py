"""The event page anyone can open (public, members', or private by link): details, shifts with places left,
and the one-screen signup — or one tap for a signed-in member. Then the confirmation page."""

import segno
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from groundswell.common.errors import Conflict
from groundswell.common.forms import add_service_errors
from groundswell.common.ids import parse_id
from groundswell.events import calendars, selectors
from groundswell.events.display import shift_when
from groundswell.events.forms import SignupForm
from groundswell.events.links import signup_from_token, signup_token
from groundswell.events.models import Event, Signup
from groundswell.events.services_events import may_host
from groundswell.events.services_signups import AlreadySignedUp, Contact, member_signup, signup_create

REF_KEY = "events:ref:{}"


def _bookable_shifts(event: Event) -> list:
    """Shifts still open for signups, labelled with their local time and places left."""
    shifts = [s for s in selectors.shifts_with_counts(event) if not s.is_past and s.cancelled_at is None]
    for shift in shifts:
        shift.event = event
        places = "" if shift.left is None else (" · full: join the waitlist" if shift.left == 0
                                               else f" · {shift.left} place{'s' if shift.left != 1 else ''} left")
        shift.label = shift_when(shift) + places
    return shifts


def _page(request: HttpRequest, event: Event, form: SignupForm | None = None, status: int = 200,
          key: str = "") -> HttpResponse:
    shifts = _bookable_shifts(event)
    ref = request.GET.get("ref", "") or request.session.get(REF_KEY.format(event.pk), "")
    if request.GET.get("ref"):
        request.session[REF_KEY.format(event.pk)] = request.GET["ref"][:16]  # kept through a sign-in
    form = form or SignupForm(shifts=shifts, initial={"ref": ref})
    mine = []
    if request.user.is_authenticated:
        mine = list(event.signups.filter(user=request.user).exclude(status=Signup.Status.CANCELLED)
                    .select_related("shift"))
    mine_shift_ids = {s.shift_id for s in mine}
    return render(request, "events/event.html", {
        "event": event, "shifts": shifts, "form": form, "ref": ref, "key": key, "mine": mine,
        "mine_shift_ids": mine_shift_ids,
        # Signed up for every open shift already: no "Sign up" card with nothing in it.
        "offer_signup": (not event.is_cancelled and event.status == Event.Status.PUBLISHED
                         and (not mine or any(shift.pk not in mine_shift_ids for shift in shifts))),
        "is_host": request.user.is_authenticated and may_host(request.actor, event.team),
        "referrer": selectors.referrer_name(event, ref),
    }, status=status)


def event_page(request: HttpRequest, event_id: int) -> HttpResponse:
    return _page(request, selectors.visible_event(request.actor, event_id))


def private_event(request: HttpRequest, key: str) -> HttpResponse:
    return _page(request, selectors.event_by_key(request.actor, key), key=key)


@require_POST
def signup(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.visible_event(request.actor, event_id, key=request.POST.get("key", ""))
    shifts = _bookable_shifts(event)
    by_id = {s.pk: s for s in shifts}
    if request.user.is_authenticated and request.POST.get("one_tap"):
        return _one_tap(request, event, by_id)
    form = SignupForm(request.POST, shifts=shifts)
    if not form.is_valid():
        return _page(request, event, form, status=422, key=request.POST.get("key", ""))
    data = form.cleaned_data
    contact = Contact(first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
                      phone=data["phone"], zip=data["zip"], consent=data["consent"])
    try:
        made = _signup(request, by_id[data["shift"]], contact, data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _page(request, event, form, status=422, key=request.POST.get("key", ""))
    except AlreadySignedUp:
        # Not a link to that signup: anyone can type someone else's email. Their confirmation email has it.
        form.add_error(None, "You're already signed up for this shift. Your confirmation email has the link to "
                             "change or cancel it.")
        return _page(request, event, form, status=409, key=request.POST.get("key", ""))
    except Conflict as exc:
        form.add_error(None, str(exc))
        return _page(request, event, form, status=409, key=request.POST.get("key", ""))
    return redirect("events:signed-up", signup_token(made))


def _signup(request: HttpRequest, shift, contact: Contact, data: dict):
    """The form's signup; the same page sent again for another shift (back button) is a second signup, not
    a replay of the first (its id was for that one)."""
    user = request.user if request.user.is_authenticated else None
    try:
        return signup_create(actor=request.actor, shift=shift, contact=contact, ref=data["ref"], user=user,
                             client_uuid=data["client_uuid"])
    except ValidationError as exc:
        if "client_uuid" not in getattr(exc, "message_dict", {}):
            raise
        return signup_create(actor=request.actor, shift=shift, contact=contact, ref=data["ref"], user=user)


def _one_tap(request: HttpRequest, event: Event, by_id: dict) -> HttpResponse:
    shift = by_id.get(parse_id(request.POST.get("shift")))
    if shift is None:  # filled, cancelled or started since the page was loaded
        return _refused(request, event, by_id, "That shift is not open for signups any more; pick another.", 422)
    try:
        made = member_signup(actor=request.actor, shift=shift, ref=request.session.get(REF_KEY.format(event.pk), ""))
    except AlreadySignedUp as exc:
        if exc.signup.user_id == request.user.pk:
            return redirect("events:signed-up", signup_token(exc.signup))
        return _refused(request, event, by_id, "You're already signed up for this shift.", 409)
    except (Conflict, ValidationError) as exc:
        return _refused(request, event, by_id, str(exc) if isinstance(exc, Conflict) else " ".join(exc.messages), 409)
    return redirect("events:signed-up", signup_token(made))


def _refused(request: HttpRequest, event: Event, by_id: dict, message: str, status: int) -> HttpResponse:
    """The event page again, saying why the one-tap signup was not made, above the shifts still open."""
    form = SignupForm(shifts=list(by_id.values()))
    form.cleaned_data = {}  # an unbound form: add_error needs it to drop a field from
    form.add_error(None, message)
    return _page(request, event, form, status=status)


def signed_up(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation: when and where, add to calendar, share your own link, change or cancel."""
    made = signup_from_token(token)
    made.shift.event = made.event
    share = None
    if request.user.is_authenticated and made.user_id == request.user.pk:
        from groundswell.events.services_signups import share_link

        share = share_link(event=made.event, user=request.user)
    scan_url = request.build_absolute_uri(reverse("events:scan", args=[made.event_id])) + f"?s={token}"
    return render(request, "events/signed_up.html", {
        "signup": made, "event": made.event, "shift": made.shift, "when": shift_when(made.shift), "token": token,
        "share": share, "qr_svg": segno.make(scan_url, error="m").svg_inline(scale=4),
        "google_url": calendars.google_url(made.shift, made.event),
        "outlook_url": calendars.outlook_url(made.shift, made.event),
    })
