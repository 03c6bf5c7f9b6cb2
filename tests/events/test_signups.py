"""Signing up: places and the waitlist, duplicates, replays, referrals, consent and bad input."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from groundswell.common.errors import Conflict
from groundswell.events.models import Signup
from groundswell.events.services_events import event_cancel
from groundswell.events.services_signups import (
    AlreadySignedUp,
    Contact,
    member_signup,
    share_link,
    signup_cancel,
    signup_create,
)
from groundswell.orgs.access import Actor
from groundswell.people.models import Person
from tests import factories
from tests.conftest import actor_for

ANON = Actor.for_user(AnonymousUser())


def sign(shift, n, **extra):
    return signup_create(actor=ANON, shift=shift, contact=Contact(first_name=f"Pat{n}", last_name="Lee",
                                                                  email=f"pat{n}@example.test", **extra))


def test_places_then_waitlist_then_promotion(event, mailoutbox, django_capture_on_commit_callbacks):
    shift = event.shifts.get()
    first, second, third = (sign(shift, n) for n in range(3))
    assert [s.status for s in (first, second, third)] == ["confirmed", "confirmed", "waitlisted"]
    with django_capture_on_commit_callbacks(execute=True):
        signup_cancel(actor=ANON, signup=first)
    third.refresh_from_db()
    assert third.status == Signup.Status.CONFIRMED
    assert any("place opened" in m.subject for m in mailoutbox)


def test_signup_finds_the_person_by_email_and_creates_otherwise(event, org_tree):
    known = factories.person(org_tree.north_team, first_name="Pat0", emails=["pat0@example.test"])
    shift = event.shifts.get()
    assert sign(shift, 0).person_id == known.pk
    fresh = sign(shift, 1)
    assert fresh.person.org_id == org_tree.org.pk
    assert fresh.person.emails.get().address == "pat1@example.test"
    assert Person.objects.filter(emails__address="pat1@example.test").count() == 1


def test_duplicate_signup_is_refused_with_a_message(event):
    shift = event.shifts.get()
    sign(shift, 1)
    with pytest.raises(AlreadySignedUp, match="already signed up"):
        sign(shift, 1)
    assert shift.signups.count() == 1


def test_replay_of_the_same_uuid_answers_the_first_signup(event):
    shift = event.shifts.get()
    key = uuid.uuid4()
    one = signup_create(actor=ANON, shift=shift, contact=Contact(first_name="Al", email="al@example.test"),
                        client_uuid=key)
    two = signup_create(actor=ANON, shift=shift, contact=Contact(first_name="Al", email="al@example.test"),
                        client_uuid=key)
    assert one.pk == two.pk and shift.signups.count() == 1


@pytest.mark.parametrize("fields, field", [
    ({"first_name": ""}, "first_name"),
    ({"email": "", "phone": ""}, "email"),
    ({"email": "not-an-email"}, "email"),
    ({"phone": "123"}, "phone"),
    ({"zip": "00000"}, "zip"),
    ({"zip": "6061"}, "zip"),
])
def test_bad_input_names_the_field_and_saves_nothing(event, fields, field):
    values = {"first_name": "Al", "email": "al@example.test"} | fields
    with pytest.raises(ValidationError) as caught:
        signup_create(actor=ANON, shift=event.shifts.get(), contact=Contact(**values))
    assert field in caught.value.message_dict
    assert not Signup.objects.exists()


def test_cancelled_event_refuses_signups_and_says_so(event, organizer):
    event_cancel(actor=organizer, event=event, reason="Storm warning")
    with pytest.raises(Conflict, match="cancelled: Storm warning"):
        sign(event.shifts.get(), 1)


def test_referral_credits_the_volunteer_but_not_oneself(event, personas):
    link = share_link(event=event, user=personas.volunteer)
    shift = event.shifts.get()
    friend = signup_create(
        actor=ANON, shift=shift, contact=Contact(first_name="Friend", email="f@example.test"), ref=link.code)
    assert friend.referrer_id == personas.volunteer.pk
    own = member_signup(actor=actor_for(personas.volunteer), shift=shift, ref=link.code)
    assert own.referrer_id is None
    assert sign(shift, 9, ).referrer_id is None  # no link, no credit (and the shift is full: waitlist)


def test_unticked_consent_opts_out_of_calls_and_texts_not_event_email(event, mailoutbox,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signup = sign(event.shifts.get(), 1, consent=False)
    person = Person.objects.get(pk=signup.person_id)
    assert person.opted_out("call") and person.opted_out("text") and not person.opted_out("email")
    assert mailoutbox  # the confirmation still goes


def test_member_signup_is_one_tap(event, personas):
    signup = member_signup(actor=actor_for(personas.volunteer), shift=event.shifts.get())
    assert signup.source == "member" and signup.email == personas.volunteer.email
    assert signup.person.first_name == personas.volunteer.full_name.split(" ")[0]


def test_consent_history_fits_a_long_event_title(org_tree, organizer):
    from tests.events.helpers import make_event

    event = make_event(organizer, org_tree.north_team, title="Canvass " + "x" * 190)
    signup = sign(event.shifts.get(), 1, consent=False)
    assert Person.objects.get(pk=signup.person_id).opted_out("text")


def test_a_uuid_used_for_another_shift_is_refused(event, organizer):
    import datetime as dt

    from django.utils import timezone

    from groundswell.events.services_events import shifts_add

    later = shifts_add(actor=organizer, event=event, day=timezone.localdate() + dt.timedelta(days=3),
                       start=dt.time(9), end=dt.time(10))[0]
    key = uuid.uuid4()
    signup_create(actor=ANON, shift=event.shifts.order_by("starts_at").first(),
                  contact=Contact(first_name="Al", email="al@example.test"), client_uuid=key)
    with pytest.raises(ValidationError) as caught:
        signup_create(actor=ANON, shift=later, contact=Contact(first_name="Al", email="al@example.test"),
                      client_uuid=key)
    assert "client_uuid" in caught.value.message_dict
