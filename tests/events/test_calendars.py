"""Calendar files parsed back by the `icalendar` library: local times in the event's zone (across a DST change),
cancelled signups and events, the personal feed, and the add-to-calendar links."""

import datetime as dt
import zoneinfo
from urllib.parse import parse_qs, urlparse

import icalendar
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groundswell.events import calendars
from groundswell.events.links import signup_token
from groundswell.events.models import CalendarFeed
from groundswell.events.services_events import event_cancel, event_create, shifts_add
from groundswell.events.services_signups import Contact, member_signup, signup_cancel, signup_create
from groundswell.orgs.access import Actor
from tests.conftest import actor_for

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def vevents(body: bytes) -> list:
    return [c for c in icalendar.Calendar.from_ical(body).walk("VEVENT")]


def test_weekly_series_across_dst_reads_10am_chicago_every_week(org_tree, organizer, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    event = event_create(actor=organizer, team=org_tree.north_team, title="Saturday canvass", zip="60614")
    shifts_add(actor=organizer, event=event, day=dt.date(2026, 10, 24), start=dt.time(10), end=dt.time(12), weeks=3)
    cal = icalendar.Calendar.from_ical(calendars.event_ics(event))
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/Chicago"]
    items = vevents(calendars.event_ics(event))
    starts = [item.decoded("dtstart") for item in items]
    assert [s.astimezone(CHICAGO).strftime("%a %H:%M") for s in starts] == ["Sat 10:00"] * 3
    assert [s.astimezone(dt.UTC).hour for s in starts] == [15, 15, 16]  # CDT until 1 November, then CST
    assert items[0]["DTSTART"].params["TZID"] == "America/Chicago"
    assert all(str(item["SUMMARY"]) == "Saturday canvass" for item in items)
    assert len({str(item["UID"]) for item in items}) == 3


def test_signup_file_and_its_cancellation(event):
    signup = signup_create(actor=Actor.for_user(AnonymousUser()), shift=event.shifts.get(),
                           contact=Contact(first_name="Ana", email="ana@example.test"))
    (item,) = vevents(calendars.signup_ics(signup))
    assert str(item["STATUS"]) == "CONFIRMED" and "2430 N Cannon Dr" in str(item["LOCATION"])
    assert item.decoded("dtend") - item.decoded("dtstart") == dt.timedelta(hours=2)
    signup_cancel(actor=Actor.for_user(AnonymousUser()), signup=signup)
    signup.refresh_from_db()
    body = calendars.signup_ics(signup)
    assert icalendar.Calendar.from_ical(body)["METHOD"] == "CANCEL"
    assert str(vevents(body)[0]["STATUS"]) == "CANCELLED"


def test_ics_routes_serve_text_calendar(event, organizer):
    signup = signup_create(actor=Actor.for_user(AnonymousUser()), shift=event.shifts.get(),
                           contact=Contact(first_name="Ana", email="ana@example.test"))
    response = Client().get(reverse("events:event-ics", args=[event.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert vevents(response.content)
    response = Client().get(reverse("events:signup-ics", args=[signup_token(signup)]))
    assert response.status_code == 200 and len(vevents(response.content)) == 1
    assert Client().get(reverse("events:signup-ics", args=["forged:token"])).status_code == 404


def test_feed_lists_the_users_shifts_and_a_reset_kills_the_old_url(event, personas, client_for, organizer):
    member_signup(actor=actor_for(personas.volunteer), shift=event.shifts.get())
    event_cancel(actor=organizer, event=event, reason="Rain")
    client = client_for(personas.volunteer)
    page = client.get(reverse("events:mine"))
    token = CalendarFeed.objects.get(user=personas.volunteer).token
    assert token.encode() in page.content
    response = Client().get(reverse("events:feed", args=[token]))
    (item,) = vevents(response.content)
    assert str(item["STATUS"]) == "CANCELLED"
    client.post(reverse("events:feed-reset"))
    assert Client().get(reverse("events:feed", args=[token])).status_code == 404
    assert Client().get(reverse("events:feed", args=["nobodys-token"])).status_code == 404


def test_google_and_outlook_links_carry_utc_times_and_the_zone(event):
    shift = event.shifts.get()
    google = parse_qs(urlparse(calendars.google_url(shift, event)).query)
    start = shift.starts_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert google["dates"][0].startswith(start) and google["ctz"] == ["America/Chicago"]
    outlook = parse_qs(urlparse(calendars.outlook_url(shift, event)).query)
    assert dt.datetime.fromisoformat(outlook["startdt"][0]) == shift.starts_at
    assert outlook["subject"] == [event.title]
