"""The signed link in every email: cancel (the place goes to the waitlist), move to another shift, see that the
event was cancelled; forged links are 404. No sign-in needed."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groundswell.events.links import signup_token
from groundswell.events.models import Signup
from groundswell.events.services_events import event_cancel, shifts_add
from groundswell.events.services_signups import Contact, signup_create
from groundswell.orgs.access import Actor

ANON = Actor.for_user(AnonymousUser())


def sign(shift, name):
    return signup_create(actor=ANON, shift=shift, contact=Contact(first_name=name, email=f"{name}@example.test"),
                         notify=False)


def test_cancel_by_link_frees_the_place_for_the_waitlist(event):
    shift = event.shifts.get()
    ana, _, cy = sign(shift, "ana"), sign(shift, "ben"), sign(shift, "cy")
    url = reverse("events:signup-manage", args=[signup_token(ana)])
    page = Client().get(url)
    assert page.status_code == 200 and b"Cancel my signup" in page.content
    Client().post(reverse("events:signup-cancel", args=[signup_token(ana)]))
    assert Signup.objects.get(pk=ana.pk).status == "cancelled"
    assert Signup.objects.get(pk=cy.pk).status == "confirmed"
    assert b"Your signup is cancelled" in Client().get(url).content


def test_move_to_another_shift(event, organizer):
    later = shifts_add(actor=organizer, event=event, day=timezone.localdate() + dt.timedelta(days=2),
                       start=dt.time(14), end=dt.time(16), capacity=5)[0]
    ana = sign(event.shifts.order_by("starts_at").first(), "ana")
    token = signup_token(ana)
    assert b"Change to another time" in Client().get(reverse("events:signup-manage", args=[token])).content
    response = Client().post(reverse("events:signup-move", args=[token]), {"shift": later.pk}, follow=True)
    assert b"Moved to" in response.content
    assert Signup.objects.get(pk=ana.pk).shift_id == later.pk
    bad = Client().post(reverse("events:signup-move", args=[token]), {"shift": "nope"}, follow=True)
    assert b"Pick one of the other times." in bad.content


def test_cancelled_event_link_says_so(event, organizer):
    ana = sign(event.shifts.get(), "ana")
    event_cancel(actor=organizer, event=event, reason="Storm warning")
    page = Client().get(reverse("events:signup-manage", args=[signup_token(ana)]))
    assert b"This event was cancelled." in page.content and b"Storm warning" in page.content


def test_forged_or_altered_links_are_not_found(event):
    ana = sign(event.shifts.get(), "ana")
    token = signup_token(ana)
    assert Client().get(reverse("events:signup-manage", args=[token[:-2] + "xx"])).status_code == 404
    assert Client().get(reverse("events:signup-manage", args=["1:abc"])).status_code == 404
    assert Client().post(reverse("events:signup-cancel", args=["1:abc"])).status_code == 404
    assert Signup.objects.get(pk=ana.pk).status == "confirmed"
