"""Authorization-matrix entries for event pages (see tests/matrix.py).

Host routes point at a members' event of the matrix's target team (made by the url callables): CREATE_EVENTS
(admin, organizer, leader) manage it; other members of the team's subtree get 403; an event of a team outside
the actor's subtree — a sibling's, or one above them that they may sign up for — is 404 to manage. Proposing an
event is open to members who make contacts (volunteers too). The event page, signup and confirmation are
public; "my events" and a share link belong to the signed-in user."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from groundswell.events.links import signup_token
from groundswell.events.models import CalendarFeed, Event, FollowUp, Shift, Signup
from groundswell.people.services import org_of
from tests import factories
from tests.matrix import EVERYONE, Route, seq, slug_url

HOSTS = frozenset({"admin", "organizer", "leader"})
PROPOSERS = frozenset({"admin", "organizer", "leader", "volunteer"})


def event_on(team, *, visibility="members", status="published", started=False) -> Event:
    """An event of `team` with one shift (tomorrow, or begun an hour ago) and one signup on it."""
    event = Event.objects.create(org=org_of(team), team=team, title=f"Matrix event {next(seq)}", zip="60614",
                                 time_zone="America/Chicago", visibility=visibility, status=status)
    start = timezone.now() + (dt.timedelta(hours=-1) if started else dt.timedelta(days=1))
    shift = Shift.objects.create(event=event, starts_at=start, ends_at=start + dt.timedelta(hours=2), capacity=10)
    person = factories.person(team)
    Signup.objects.create(event=event, shift=shift, person=person, first_name="Sam", email="sam@example.test",
                          first_time=True)
    return event


def event_url(name: str, *, extra=None, **made):
    """The url of an event page; `extra(event)` gives a further argument (a shift, a signup)."""
    def url(team) -> str:
        event = event_on(team, **made)
        return reverse(name, args=[event.pk, *([extra(event)] if extra else [])])
    return url


def first_shift(event: Event) -> int:
    return event.shifts.first().pk


def first_signup(event: Event) -> int:
    return event.signups.first().pk


def follow_up(event: Event) -> int:
    signup = event.signups.first()
    return FollowUp.objects.create(event=event, signup=signup, kind=FollowUp.Kind.CALL_NO_SHOW).pk


def scan_url(team) -> str:
    event = event_on(team)
    return reverse("events:scan", args=[event.pk]) + f"?s={signup_token(event.signups.first())}"


def walk_in(team) -> dict:
    return {"first_name": "Walk", "last_name": "In", "shift": ""}


def public_event_url(name: str):
    return lambda team: reverse(name, args=[event_on(team, visibility="public").pk])


def signup_link(name: str):
    """A route by a signup's signed link (events.links), anyone holding it may use it."""
    return lambda team: reverse(name, args=[signup_token(event_on(team, visibility="public").signups.first())])


def own_event(name: str):
    """A self route about a public event somewhere (the signed-in user's share link)."""
    return lambda user: reverse(name, args=[event_on(factories.team(name=f"Elsewhere {next(seq)}"),
                                                     visibility="public").pk])


WEB: dict[str, Route] = {
    "events:team-events": Route("GET", "team", EVERYONE, url=slug_url("events:team-events")),
    "events:event-new": Route("GET", "team", PROPOSERS, url=slug_url("events:event-new")),
    "events:manage": Route("GET", "team", HOSTS, url=event_url("events:manage")),
    "events:edit": Route("GET", "team", HOSTS, url=event_url("events:edit")),
    "events:shifts": Route("GET", "team", HOSTS, url=event_url("events:shifts")),
    "events:shift-remove": Route("POST", "team", HOSTS, url=event_url("events:shift-remove", extra=first_shift)),
    "events:roster": Route("GET", "team", HOSTS, url=event_url("events:roster")),
    "events:check-in": Route("POST", "team", HOSTS, url=event_url("events:check-in", extra=first_signup)),
    "events:undo": Route("POST", "team", HOSTS, url=event_url("events:undo", extra=first_signup)),
    "events:walk-in": Route("POST", "team", HOSTS, url=event_url("events:walk-in"), payload=walk_in),
    "events:scan": Route("GET", "team", HOSTS, url=scan_url),
    "events:no-shows": Route("POST", "team", HOSTS, url=event_url("events:no-shows", extra=first_shift, started=True)),
    "events:follow-up-done": Route("POST", "team", HOSTS, url=event_url("events:follow-up-done", extra=follow_up)),
    "events:message": Route("GET", "team", HOSTS, url=event_url("events:message")),
    "events:duplicate": Route("POST", "team", HOSTS, url=event_url("events:duplicate")),
    "events:cancel": Route("GET", "team", HOSTS, url=event_url("events:cancel")),
    "events:approve": Route("POST", "team", HOSTS, url=event_url("events:approve", status="pending")),
    "events:event": Route("GET", "public", url=public_event_url("events:event")),
    "events:signup": Route("POST", "public", url=public_event_url("events:signup")),
    "events:private": Route("GET", "public", url=lambda t: reverse(
        "events:private", args=[event_on(t, visibility="private").private_key])),
    "events:signed-up": Route("GET", "public", url=lambda t: reverse(
        "events:signed-up", args=[signup_token(event_on(t, visibility="public").signups.first())])),
    "events:event-ics": Route("GET", "public", url=public_event_url("events:event-ics")),
    "events:signup-ics": Route("GET", "public", url=signup_link("events:signup-ics")),
    "events:signup-manage": Route("GET", "public", url=signup_link("events:signup-manage")),
    "events:signup-cancel": Route("POST", "public", url=signup_link("events:signup-cancel")),
    "events:signup-move": Route("POST", "public", url=signup_link("events:signup-move")),
    "events:feed": Route("GET", "public", url=lambda t: reverse(
        "events:feed", args=[CalendarFeed.objects.create(user=factories.user()).token])),
    "events:feed-reset": Route("POST", "self"),
    "events:mine": Route("GET", "self"),
    "events:share": Route("GET", "self", url=own_event("events:share")),
}
API: dict[str, Route] = {}
