"""Calendar files (iCalendar, RFC 5545, built with the `icalendar` library) for an event, one signup and a
person's feed, and "add to Google / Outlook" links. Times carry the event's own zone (TZID with its VTIMEZONE),
so a calendar app shows 10 am in Chicago whatever zone the phone is in."""

import datetime as dt
import zoneinfo
from urllib.parse import urlencode

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from groundswell.events.models import Event, Shift, Signup

PRODID = "-//Groundswell//Events//EN"


def _site() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/")


def _host() -> str:
    site = _site()
    return site.split("://", 1)[-1].split("/", 1)[0] or "groundswell.local"


def _location(event: Event) -> str:
    return event.join_url or event.dial_in if event.is_virtual else event.place


def _description(event: Event, extra: str = "") -> str:
    parts = [event.description.strip(), f"Online: {event.join_url}" if event.is_virtual and event.join_url else "",
             f"Dial-in: {event.dial_in}" if event.is_virtual and event.dial_in else "",
             f"Contact: {event.contact_name} {event.contact_email}".strip() if event.contact_name else "", extra]
    return "\n\n".join(p for p in parts if p)


def _vevent(shift: Shift, event: Event, *, cancelled: bool = False, extra: str = "") -> icalendar.Event:
    zone = zoneinfo.ZoneInfo(event.time_zone)
    item = icalendar.Event()
    item.add("uid", f"shift-{shift.pk}@{_host()}")
    item.add("dtstamp", timezone.now().astimezone(dt.UTC))
    item.add("dtstart", shift.starts_at.astimezone(zone))
    item.add("dtend", shift.ends_at.astimezone(zone))
    item.add("summary", event.title)
    item.add("description", _description(event, extra))
    location = _location(event)
    if location:
        item.add("location", location)
    item.add("url", _site() + reverse("events:event", args=[event.pk]))
    if event.contact_email:
        organizer = icalendar.vCalAddress(f"mailto:{event.contact_email}")
        organizer.params["cn"] = icalendar.vText(event.contact_name or event.contact_email)
        item.add("organizer", organizer)
    if event.latitude is not None and not event.is_virtual:
        item.add("geo", (event.latitude, event.longitude))
    gone = cancelled or event.is_cancelled or shift.cancelled_at is not None
    item.add("status", "CANCELLED" if gone else "CONFIRMED")
    item.add("sequence", int(event.updated_at.timestamp()) % 2_000_000_000)
    return item


def _calendar(items: list[icalendar.Event], *, name: str = "", cancel: bool = False) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancel else "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    for item in items:
        cal.add_component(item)
    starts = [i.decoded("dtstart") for i in items]
    if starts:
        first, last = min(starts).date() - dt.timedelta(days=1), max(starts).date() + dt.timedelta(days=2)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()


def event_ics(event: Event) -> bytes:
    """Every shift of the event (cancelled ones marked so)."""
    return _calendar([_vevent(s, event) for s in event.shifts.all()], name=event.title)


def signup_ics(signup: Signup) -> bytes:
    """The signup's shift; a cancelled signup (or event) is a CANCEL the calendar app removes."""
    cancelled = signup.status == Signup.Status.CANCELLED
    return _calendar([_vevent(signup.shift, signup.event, cancelled=cancelled)],
                     cancel=cancelled or signup.event.is_cancelled)


def feed_ics(user) -> bytes:
    """A person's calendar feed: the shifts they signed up for (cancelled ones stay, marked, so calendar apps
    drop them), from 30 days back."""
    since = timezone.now() - dt.timedelta(days=30)
    signups = (Signup.objects.filter(user=user, shift__ends_at__gte=since).select_related("shift", "event")
               .order_by("shift__starts_at"))
    items = [_vevent(s.shift, s.event, cancelled=s.status == Signup.Status.CANCELLED,
                     extra="On the waitlist" if s.status == Signup.Status.WAITLISTED else "") for s in signups]
    return _calendar(items, name="My Groundswell events")


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def google_url(shift: Shift, event: Event) -> str:
    query = {"action": "TEMPLATE", "text": event.title, "dates": f"{_utc(shift.starts_at)}/{_utc(shift.ends_at)}",
             "details": _description(event), "location": _location(event) or "", "ctz": event.time_zone}
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_url(shift: Shift, event: Event) -> str:
    start, end = shift.starts_at.astimezone(dt.UTC), shift.ends_at.astimezone(dt.UTC)
    query = {"path": "/calendar/action/compose", "rru": "addevent", "subject": event.title,
             "startdt": start.isoformat(), "enddt": end.isoformat(), "body": _description(event),
             "location": _location(event) or ""}
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)
