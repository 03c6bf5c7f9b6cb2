"""One-on-ones: scheduled, recorded along the five acts, commitments become follow-ups, a next meeting is
scheduled; bad input is a field error and nothing is saved; a retried save is stored once."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groundswell.leadership.models import Commitment, OneOnOne
from groundswell.leadership.services_one_on_ones import (
    Record,
    clean_items,
    commitment_resolve,
    one_on_one_cancel,
    one_on_one_log,
    one_on_one_record,
    one_on_one_schedule,
)
from groundswell.people.models import TimelineEntry
from tests.leadership.conftest import later


def test_a_recorded_one_on_one_keeps_the_five_acts_a_follow_up_and_the_next_meeting(org_tree, organizer, val):
    meeting = one_on_one_schedule(actor=organizer, team=org_tree.north_team, person=val, scheduled_for=later(1),
                                  attention="Why she keeps showing up")
    due = (timezone.now() + dt.timedelta(days=10)).date()
    one_on_one_record(actor=organizer, meeting=meeting, record=Record(
        held_at=timezone.now(), interest="Her kids' school", exploration="Grew up organizing tenants",
        values="faith, fairness , Faith", skills=["Spanish", "spreadsheets"], networks="church",
        exchange="We offer training; she offers her block", commitment="Host a house party", commitment_due=due,
        next_meeting_at=later(14)))
    meeting.refresh_from_db()
    assert meeting.status == OneOnOne.Status.HELD
    assert meeting.values == ["faith", "fairness"]  # trimmed, without repeats
    assert meeting.skills == ["Spanish", "spreadsheets"]
    commitment = Commitment.objects.get(one_on_one=meeting)
    assert (commitment.what, commitment.due, commitment.owner) == ("Host a house party", due, organizer.user)
    assert meeting.next_meeting.status == OneOnOne.Status.SCHEDULED
    assert meeting.next_meeting.person == val
    assert TimelineEntry.objects.filter(person=val, kind="leadership.one_on_one").count() == 2


@pytest.mark.parametrize("fields, field", [
    ({"held_at": None}, "held_at"),
    ({"held_at": timezone.now() + dt.timedelta(days=1)}, "held_at"),
    ({"commitment": "Bring three friends"}, "commitment_due"),
    ({"commitment_due": dt.date.today()}, "commitment"),
    ({"commitment": "Call ten people", "commitment_due": dt.date.today() - dt.timedelta(days=30)}, "commitment_due"),
    ({"next_meeting_at": timezone.now() - dt.timedelta(hours=1)}, "next_meeting_at"),
    ({"values": ", ".join(f"value {n}" for n in range(25))}, "values"),
    ({"skills": ["x" * 81]}, "skills"),
    ({"commitment": "y" * 301, "commitment_due": dt.date.today()}, "commitment"),
])
def test_bad_input_names_the_field_and_saves_nothing(org_tree, organizer, val, fields, field):
    record = Record(**{"held_at": timezone.now(), **fields})
    with pytest.raises(ValidationError) as error:
        one_on_one_log(actor=organizer, team=org_tree.north_team, person=val, record=record)
    assert field in error.value.message_dict
    assert not OneOnOne.objects.exists()
    assert not Commitment.objects.exists()


def test_scheduling_in_the_past_is_refused(org_tree, organizer, val):
    with pytest.raises(ValidationError) as error:
        one_on_one_schedule(actor=organizer, team=org_tree.north_team, person=val,
                            scheduled_for=timezone.now() - dt.timedelta(days=1))
    assert "scheduled_for" in error.value.message_dict
    with pytest.raises(ValidationError):
        one_on_one_schedule(actor=organizer, team=org_tree.north_team, person=val, scheduled_for=None)


def test_the_same_client_uuid_is_stored_once(org_tree, organizer, val):
    key = uuid.uuid4()
    first = one_on_one_log(actor=organizer, team=org_tree.north_team, person=val, client_uuid=key,
                           record=Record(held_at=timezone.now(), commitment="Knock 20 doors",
                                         commitment_due=dt.date.today() + dt.timedelta(days=3)))
    again = one_on_one_log(actor=organizer, team=org_tree.north_team, person=val, client_uuid=key,
                           record=Record(held_at=timezone.now(), commitment="Knock 20 doors",
                                         commitment_due=dt.date.today() + dt.timedelta(days=3)))
    assert again.pk == first.pk
    assert OneOnOne.objects.count() == 1 and Commitment.objects.count() == 1


def test_recording_again_edits_without_a_second_commitment_of_the_same_meeting_time(org_tree, organizer, val):
    meeting = one_on_one_log(actor=organizer, team=org_tree.north_team, person=val,
                             record=Record(held_at=timezone.now(), next_meeting_at=later(7)))
    first_next = meeting.next_meeting_id
    one_on_one_record(actor=organizer, meeting=meeting, record=Record(held_at=timezone.now(), exchange="More",
                                                                      next_meeting_at=later(8)))
    meeting.refresh_from_db()
    assert meeting.exchange == "More"
    assert meeting.next_meeting_id == first_next  # editing does not schedule a second follow-up meeting


def test_cancel_only_what_was_not_held(org_tree, organizer, val):
    scheduled = one_on_one_schedule(actor=organizer, team=org_tree.north_team, person=val, scheduled_for=later(2))
    assert one_on_one_cancel(actor=organizer, meeting=scheduled).status == OneOnOne.Status.CANCELLED
    with pytest.raises(ValidationError):
        one_on_one_record(actor=organizer, meeting=scheduled, record=Record(held_at=timezone.now()))
    held = one_on_one_log(actor=organizer, team=org_tree.north_team, person=val, record=Record(held_at=timezone.now()))
    with pytest.raises(ValidationError):
        one_on_one_cancel(actor=organizer, meeting=held)


def test_commitments_are_resolved_as_kept_or_not(org_tree, organizer, val):
    meeting = one_on_one_log(actor=organizer, team=org_tree.north_team, person=val, record=Record(
        held_at=timezone.now(), commitment="Recruit two friends", commitment_due=dt.date.today()))
    commitment = meeting.commitments.get()
    commitment_resolve(actor=organizer, commitment=commitment, kept=True)
    assert commitment.status == Commitment.Status.KEPT and commitment.resolved_at is not None
    commitment_resolve(actor=organizer, commitment=commitment, kept=False)
    assert Commitment.objects.get().status == Commitment.Status.MISSED


def test_items_are_cleaned_from_text_or_lists():
    assert clean_items(" housing ,  , Housing, public   transit ") == ["housing", "public transit"]
    assert clean_items(["a", " b ", "A"]) == ["a", "b"]


def test_editing_a_record_corrects_its_open_commitment_instead_of_adding_one(org_tree, organizer, val):
    due = dt.date.today() + dt.timedelta(days=5)
    meeting = one_on_one_log(actor=organizer, team=org_tree.north_team, person=val,
                             record=Record(held_at=timezone.now(), commitment="Call 10", commitment_due=due))
    one_on_one_record(actor=organizer, meeting=meeting, record=Record(
        held_at=timezone.now(), commitment="Call 20", commitment_due=due + dt.timedelta(days=1)))
    commitment = Commitment.objects.get()
    assert (commitment.what, commitment.due) == ("Call 20", due + dt.timedelta(days=1))


def test_someone_elses_client_uuid_is_refused_not_answered(org_tree, organizer, leader, val):
    key = uuid.uuid4()
    one_on_one_log(actor=organizer, team=org_tree.north_team, person=val, client_uuid=key,
                   record=Record(held_at=timezone.now(), exploration="Private story"))
    with pytest.raises(ValidationError) as error:
        one_on_one_log(actor=leader, team=org_tree.north_team, person=val, client_uuid=key,
                       record=Record(held_at=timezone.now()))
    assert "client_uuid" in error.value.message_dict
