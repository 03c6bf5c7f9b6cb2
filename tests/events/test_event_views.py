"""The event page and signup as a visitor sees them: one screen, field messages, waitlist, duplicates,
referrals, one tap for members, cancelled events and private links."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groundswell.events.models import Event, Shift, Signup
from groundswell.events.services_events import event_cancel
from groundswell.events.services_signups import share_link
from tests.events.helpers import make_event


def post_signup(client, event, **fields):
    data = {"shift": event.shifts.first().pk, "first_name": "Ana", "last_name": "Ruiz", "email": "ana@example.test",
            "zip": "60614", "consent": "on"} | fields
    return client.post(reverse("events:signup", args=[event.pk]), data)


def test_visitor_signs_up_in_one_screen_and_lands_on_the_confirmation(event):
    page = Client().get(reverse("events:event", args=[event.pk]))
    assert page.status_code == 200
    assert b"Sign me up" in page.content and b"2 places left" in page.content
    response = post_signup(Client(), event)
    assert response.status_code == 302
    confirmation = Client().get(response["Location"])
    assert b"You're signed up!" in confirmation.content
    assert Signup.objects.get().person.first_name == "Ana"


def test_bad_input_shows_field_messages_and_saves_nothing(event):
    response = post_signup(Client(), event, email="nope", zip="99999", first_name="")
    assert response.status_code == 422
    text = response.content.decode()
    assert "That is not an email address." in text or "Enter a valid email" in text
    assert "Tell us your first name." in text or "This field is required." in text
    assert not Signup.objects.exists()


def test_impossible_zip_is_a_field_message(event):
    response = post_signup(Client(), event, zip="00000")
    assert response.status_code == 422
    assert b"is not a US ZIP code" in response.content
    assert not Signup.objects.exists()


def test_full_shift_puts_the_next_person_on_the_waitlist(event):
    for n in range(2):
        post_signup(Client(), event, email=f"p{n}@example.test")
    response = post_signup(Client(), event, email="late@example.test")
    page = Client().get(response["Location"])
    assert b"You're on the waitlist" in page.content
    assert Signup.objects.get(email="late@example.test").status == "waitlisted"


def test_duplicate_signup_gets_a_message_not_the_other_persons_link(event):
    post_signup(Client(), event)
    response = post_signup(Client(), event)
    assert response.status_code == 409
    assert b"already signed up" in response.content
    assert Signup.objects.count() == 1


def test_referral_link_is_remembered_and_credited(event, personas):
    code = share_link(event=event, user=personas.volunteer).code
    visitor = Client()
    page = visitor.get(reverse("events:event", args=[event.pk]) + f"?ref={code}")
    assert re.search(rb'name="ref" value="' + code.encode(), page.content)
    assert f"{personas.volunteer.first_name} invited you".encode() in page.content
    post_signup(visitor, event, ref=code)
    assert Signup.objects.get().referrer_id == personas.volunteer.pk


def test_member_signs_up_with_one_tap(event, personas, client_for):
    client = client_for(personas.volunteer)
    page = client.get(reverse("events:event", args=[event.pk]))
    assert b"one tap" in page.content
    response = client.post(reverse("events:signup", args=[event.pk]),
                           {"one_tap": "1", "shift": event.shifts.get().pk})
    assert response.status_code == 302
    signup = Signup.objects.get()
    assert signup.user_id == personas.volunteer.pk and signup.source == "member"
    again = client.get(reverse("events:event", args=[event.pk]))
    assert b"You're signed up" in again.content
    assert b">Sign up</h2>" not in again.content  # their one shift is taken: nothing more to sign up for
    Shift.objects.create(event=event, starts_at=event.shifts.get().starts_at + dt.timedelta(hours=3),
                         ends_at=event.shifts.get().ends_at + dt.timedelta(hours=3))
    more = client.get(reverse("events:event", args=[event.pk]))
    assert b">Add another shift</h2>" in more.content


@pytest.mark.parametrize("shift", ["gone", "99999999999999999999999", "²", "{}"])
def test_one_tap_for_a_shift_no_longer_open_says_so(event, personas, client_for, shift):
    """A page loaded before the shift filled up or started, or a mangled post: the page again with a message."""
    client = client_for(personas.volunteer)
    if shift == "gone":
        shift = event.shifts.get().pk
        event.shifts.update(cancelled_at=timezone.now())
    response = client.post(reverse("events:signup", args=[event.pk]), {"one_tap": "1", "shift": shift})
    assert response.status_code == 422
    assert b"That shift is not open for signups any more" in response.content
    assert not Signup.objects.exists()


def test_one_tap_on_a_cancelled_event_is_refused_with_the_reason(event, personas, client_for, organizer):
    client = client_for(personas.volunteer)
    shift = event.shifts.get().pk
    event_cancel(actor=organizer, event=event, reason="Heat advisory")
    response = client.post(reverse("events:signup", args=[event.pk]), {"one_tap": "1", "shift": shift})
    assert response.status_code in (409, 422)
    assert b"message-error" in response.content
    assert not Signup.objects.exists()


def test_cancelled_event_page_says_so_and_refuses_signups(event, organizer):
    event_cancel(actor=organizer, event=event, reason="Heat advisory")
    page = Client().get(reverse("events:event", args=[event.pk]))
    assert b"This event was cancelled." in page.content and b"Heat advisory" in page.content
    response = post_signup(Client(), event)
    assert response.status_code == 409
    assert not Signup.objects.exists()


def test_members_and_private_events_are_hidden_from_the_public(org_tree, organizer, personas, client_for):
    members = make_event(organizer, org_tree.north_team, visibility="members")
    private = make_event(organizer, org_tree.north_team, visibility="private")
    assert Client().get(reverse("events:event", args=[members.pk])).status_code == 404
    assert Client().get(reverse("events:event", args=[private.pk])).status_code == 404
    assert Client().get(reverse("events:private", args=[private.private_key])).status_code == 200
    assert Client().get(reverse("events:private", args=["wrong-key"])).status_code == 404
    assert client_for(personas.volunteer).get(reverse("events:event", args=[members.pk])).status_code == 200


def test_pending_proposal_is_not_open_for_signups(org_tree, personas, client_for):
    from tests.conftest import actor_for

    proposal = make_event(actor_for(personas.volunteer), org_tree.north_team, title="House party")
    assert proposal.status == Event.Status.PENDING
    assert Client().get(reverse("events:event", args=[proposal.pk])).status_code == 404


def test_the_same_form_sent_again_for_another_shift_is_a_second_signup(event, organizer):
    import datetime as dt
    import uuid

    from django.utils import timezone

    from groundswell.events.services_events import shifts_add

    later = shifts_add(actor=organizer, event=event, day=timezone.localdate() + dt.timedelta(days=3),
                       start=dt.time(9), end=dt.time(10))[0]
    key = str(uuid.uuid4())
    post_signup(Client(), event, shift=event.shifts.order_by("starts_at").first().pk, client_uuid=key)
    again = post_signup(Client(), event, shift=event.shifts.order_by("starts_at").first().pk, client_uuid=key)
    assert again.status_code == 302 and Signup.objects.count() == 1  # a replay
    other = post_signup(Client(), event, shift=later.pk, client_uuid=key)
    assert other.status_code == 302 and Signup.objects.count() == 2
