"""/api/v1/events: the public list and detail (anyone; members also see their branch's members' events), public
signups, and a host's attendances (CREATE_EVENTS on the event's team: 403 without it, 404 outside).

Signups are public like the signup page: a caller without an API token is treated as anonymous even when a
browser session is present (the endpoint takes no CSRF token, so it must not act for a signed-in user)."""

import datetime as dt
import uuid

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from ninja import Query, Router

from groundswell.api.auth import BearerToken, SessionUser
from groundswell.common.pagination import paginate
from groundswell.common.schemas import ERRORS, ErrorOut, PageOut
from groundswell.events import selectors
from groundswell.events.geo import BadZip, zip_place
from groundswell.events.links import manage_url
from groundswell.events.models import Event, Shift, Signup
from groundswell.events.schemas import (
    MAX_UNIX,
    AttendancesQuery,
    EventOut,
    EventsQuery,
    HostAttendanceOut,
    SignupIn,
    SignupOut,
)
from groundswell.events.services_signups import Contact, signup_create
from groundswell.orgs.access import Actor

router = Router(tags=["events"])
_OPS = {"gte": "starts_after", "gt": "starts_after", "lt": "starts_before", "lte": "starts_before"}


# In OpenAPI, an empty requirement makes authentication optional: these endpoints serve anyone.
PUBLIC = {"security": [{"BearerToken": []}, {"SessionUser": []}, {}]}
PUBLIC_WRITE = {"security": [{"BearerToken": []}, {}]}


def anonymous(request):
    """Anyone: the endpoint acts for nobody in particular."""
    request.user = AnonymousUser()
    request.actor = Actor.for_user(request.user)
    return request.actor


def _unix(moment: dt.datetime | None) -> int | None:
    return int(moment.timestamp()) if moment else None


def timeslot_out(shift: Shift, confirmed: int | None = None) -> dict:
    taken = confirmed if confirmed is not None else shift.signups.filter(status=Signup.Status.CONFIRMED).count()
    left = None if shift.capacity is None else max(shift.capacity - taken, 0)
    return {"id": shift.pk, "start_date": _unix(shift.starts_at), "end_date": _unix(shift.ends_at),
            "capacity": shift.capacity, "places_left": left, "is_full": left == 0,
            "is_cancelled": shift.cancelled_at is not None}


def event_out(event: Event, *, miles: float | None = None) -> dict:
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    shifts = selectors.shifts_with_counts(event)
    location = None if event.is_virtual else {
        "venue": event.venue, "address_lines": [line for line in (event.address1,) if line], "locality": event.city,
        "region": event.state, "postal_code": event.zip,
        "location": {"latitude": event.latitude, "longitude": event.longitude} if event.latitude is not None else None,
    }
    return {
        "id": event.pk, "title": event.title, "description": event.description, "event_type": event.kind,
        "effort": event.effort, "status": event.status, "visibility": event.visibility, "timezone": event.time_zone,
        "tags": event.tags, "is_virtual": event.is_virtual, "virtual_action_url": event.join_url,
        "dial_in": event.dial_in, "location": location,
        "contact": {"name": event.contact_name, "email_address": event.contact_email},
        "team": {"id": event.team_id, "name": event.team.name},
        "timeslots": [timeslot_out(s, s.confirmed) for s in shifts], "cancel_reason": event.cancel_reason,
        "browser_url": site + reverse("events:event", args=[event.pk]),
        "created_date": _unix(event.created_at), "modified_date": _unix(event.updated_at), "distance_miles": miles,
    }


def _finder(params: EventsQuery) -> selectors.Finder:
    errors: dict[str, list[str]] = {}
    finder = selectors.Finder(team_ids=tuple(params.team))
    unknown = sorted(set(params.event_type) - set(Event.Kind.values))
    if unknown:
        errors["event_type"] = [f"Unknown event type {', '.join(unknown)}; use {', '.join(Event.Kind.values)}."]
    finder.kinds = tuple(params.event_type)
    if params.zipcode:
        try:
            place = zip_place(params.zipcode)
        except BadZip as exc:
            errors["zipcode"] = [str(exc)]
        else:
            finder.lat, finder.lng, finder.max_miles = place.latitude, place.longitude, params.max_dist or 25.0
    elif params.max_dist is not None:
        errors["max_dist"] = ["Give a zipcode to measure the distance from."]
    for value in params.timeslot_start:
        op, _, number = value.partition("_")
        if op not in _OPS or not number.isdigit() or int(number) > MAX_UNIX:
            errors["timeslot_start"] = ['Use gte_<unix seconds>, gt_, lte_ or lt_, e.g. "gte_1767225600".']
            continue
        setattr(finder, _OPS[op], dt.datetime.fromtimestamp(int(number), tz=dt.UTC))
    if params.updated_since is not None:
        finder.updated_since = dt.datetime.fromtimestamp(params.updated_since, tz=dt.UTC)
    if errors:
        raise ValidationError(errors)
    return finder


@router.get("/events", auth=[BearerToken(), SessionUser(), anonymous], openapi_extra=PUBLIC,
            response={200: PageOut[EventOut], **ERRORS})
def events_list(request, params: Query[EventsQuery]):
    """Upcoming events, soonest first: public ones for anyone; a signed-in member also gets the members' events
    of their branch. Filters as Mobilize's: `zipcode` + `max_dist` (miles, default 25), `event_type`, `team`,
    `timeslot_start` (gte_/lt_ Unix seconds), `updated_since`."""
    finder = _finder(params)
    page = paginate(selectors.find_events(selectors.findable_events(request.actor), finder), params)
    return page | {"items": [
        event_out(e, miles=selectors.distance_miles(e, finder.lat, finder.lng) if finder.lat is not None else None)
        for e in page["items"]]}


@router.get("/events/{event_id}", auth=[BearerToken(), SessionUser(), anonymous], openapi_extra=PUBLIC,
            response={200: EventOut, **ERRORS})
def events_get(request, event_id: int):
    """One event as its page shows it (a cancelled one says so in `status` and `cancel_reason`)."""
    return event_out(selectors.visible_event(request.actor, event_id))


@router.post("/events/{event_id}/signups", auth=[BearerToken(), anonymous], openapi_extra=PUBLIC_WRITE,
             response={200: SignupOut, 201: SignupOut, 409: ErrorOut, **ERRORS})
def events_signup(request, event_id: int, payload: SignupIn):
    """Sign a person up for one or more timeslots of the event — all of them or none (one transaction). Each
    is `confirmed`, or `waitlisted` when the timeslot is full. 201 when made; 200 with the same signups when this
    `client_uuid` was already used (a retry); 409 for a cancelled event, a timeslot that is over, or a person
    already signed up; 422 with field messages for bad input or a timeslot of another event."""
    event = selectors.visible_event(request.actor, event_id)
    shifts = {s.pk: s for s in event.shifts.filter(pk__in=payload.timeslots)}
    missing = [pk for pk in payload.timeslots if pk not in shifts]
    if missing:
        raise ValidationError({"timeslots": [f"Not a timeslot of this event: {', '.join(map(str, missing))}."]})
    keys = {pk: uuid.uuid5(payload.client_uuid, str(pk)) if payload.client_uuid else None for pk in shifts}
    done = list(Signup.objects.filter(client_uuid__in=[k for k in keys.values() if k]))
    if payload.client_uuid and len(done) == len(shifts):
        return 200, {"attendances": [_attendance(s) for s in done]}
    person = payload.person
    contact = Contact(first_name=person.given_name, last_name=person.family_name, email=person.email_address,
                      phone=person.phone_number, zip=person.postal_code, consent=payload.consent)
    user = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        made = [signup_create(actor=request.actor, shift=shifts[pk], contact=contact, source=Signup.Source.API,
                              user=user, ref=payload.referrer_code, client_uuid=keys[pk])
                for pk in dict.fromkeys(payload.timeslots)]
    return 201, {"attendances": [_attendance(s) for s in made]}


def _attendance(signup: Signup) -> dict:
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    return {"id": signup.pk, "timeslot_id": signup.shift_id, "status": signup.status,
            "attended": _attended(signup), "manage_url": site + manage_url(signup)}


def _attended(signup: Signup) -> bool | None:
    return {Signup.Attendance.ATTENDED: True, Signup.Attendance.NO_SHOW: False}.get(signup.attendance)


@router.get("/events/{event_id}/attendances", response={200: PageOut[HostAttendanceOut], **ERRORS})
def events_attendances(request, event_id: int, params: Query[AttendancesQuery]):
    """The event's signups with contact details, for its hosts (CREATE_EVENTS on its team)."""
    event = selectors.hosted_event(request.actor, event_id)
    unknown = sorted(set(params.status) - set(Signup.Status.values))
    if unknown:
        raise ValidationError({"status": [f"Unknown status {', '.join(unknown)}."]})
    signups = (event.signups.select_related("shift", "referrer").order_by("shift__starts_at", "id")
               .filter(status__in=params.status or [Signup.Status.CONFIRMED, Signup.Status.WAITLISTED]))
    page = paginate(signups, params)
    return page | {"items": [_host_row(s) for s in page["items"]]}


def _host_row(signup: Signup) -> dict:
    return {
        "id": signup.pk, "person_id": signup.person_id, "status": signup.status, "attended": _attended(signup),
        "person": {"given_name": signup.first_name, "family_name": signup.last_name,
                   "email_address": signup.email, "phone_number": signup.phone, "postal_code": signup.zip},
        "timeslot": timeslot_out(signup.shift), "checked_in_date": _unix(signup.checked_in_at),
        "first_time": signup.first_time, "source": signup.source,
        "referrer": {"id": signup.referrer_id, "name": signup.referrer.full_name or signup.referrer.email}
        if signup.referrer else None,
        "created_date": _unix(signup.created_at), "modified_date": _unix(signup.updated_at),
    }
