"""Recording attempts: idempotent by client_uuid, validated, applied to queue, person and consent."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError

from groundswell.common.errors import Conflict
from groundswell.orgs.access import Actor
from groundswell.outreach import claims
from groundswell.outreach.attempts import AttemptConflict, record_attempt
from groundswell.outreach.models import ContactAttempt, Target
from groundswell.outreach.services import question_save
from groundswell.people.models import Note, Person, Phone, Suppression, TimelineEntry
from tests import factories

NOON = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def setup(org_tree):
    users = [factories.user() for _ in range(2)]
    for user in users:
        factories.membership(org_tree.north_team, "volunteer", user_obj=user)
    people = [factories.person(org_tree.north_team, phones=[f"+1512555{i:04d}", f"+1512666{i:04d}"],
                               time_zone="America/Chicago") for i in range(3)]
    campaign = factories.campaign(org_tree.north, people=people, live=True, max_attempts=2)
    organizer = Actor.for_user(factories.membership(org_tree.north, "organizer").user)
    question_save(actor=organizer, campaign=campaign, key="support", prompt="Will you vote for Measure A?",
                  kind="single", choices=["yes", "maybe", "no"], required=True)
    question_save(actor=organizer, campaign=campaign, key="issues", prompt="What matters to you?", kind="multiple",
                  choices=["housing", "transit", "schools"])
    return campaign, [Actor.for_user(u) for u in users]


def _record(actor, campaign, target, result="contacted", **kw):
    kw.setdefault("answers", {"support": "yes"} if result == "contacted" else {})
    kw.setdefault("client_uuid", uuid.uuid4())
    return record_attempt(actor=actor, campaign=campaign, target_id=target.pk, result=result, now=NOON, **kw)


def test_a_reached_contact_is_done_and_freed(setup):
    campaign, (caller, _) = setup
    target = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    attempt, created = _record(caller, campaign, target, answers={"support": "yes", "issues": ["housing"]},
                               notes="Wants a yard sign", duration_seconds=95)
    assert created and attempt.applied
    target.refresh_from_db()
    assert (target.done, target.attempts, target.last_result, target.claimed_by_id) == (True, 1, "contacted", None)
    person = Person.objects.get(pk=target.person_id)
    assert person.last_result == "contacted" and person.last_contacted_at == NOON
    assert TimelineEntry.objects.filter(person=person, kind="outreach.attempt").exists()
    assert attempt.phone_number == "+15125550000"


def test_the_same_attempt_posted_twice_is_stored_once(setup):
    campaign, (caller, _) = setup
    target = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    key = uuid.uuid4()
    first, created = _record(caller, campaign, target, client_uuid=key)
    again, created_again = _record(caller, campaign, target, client_uuid=str(key))
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert ContactAttempt.objects.count() == 1
    assert Target.objects.get(pk=target.pk).attempts == 1


def test_no_answer_waits_then_max_attempts_ends_it(setup):
    campaign, (caller, _) = setup
    target = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    _record(caller, campaign, target, result="no_answer")
    target.refresh_from_db()
    assert target.next_attempt_at == NOON + dt.timedelta(hours=4)
    assert not target.done
    Target.objects.filter(pk=target.pk).update(attempts=2)
    from groundswell.outreach.eligibility import Reason, reasons_for

    assert Reason.MAX_ATTEMPTS in reasons_for(target, NOON + dt.timedelta(hours=5))


def test_do_not_contact_opts_the_person_out_and_suppresses_the_number(setup):
    campaign, (caller, _) = setup
    target = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    _record(caller, campaign, target, result="do_not_contact")
    person = Person.objects.get(pk=target.person_id)
    assert person.call_opt_out_at is not None
    assert Suppression.objects.filter(org_id=person.org_id, channel="call", value="+15125550000").exists()


def test_wrong_number_marks_that_number_invalid_and_the_next_try_uses_the_other(setup):
    campaign, (caller, _) = setup
    target = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    _record(caller, campaign, target, result="wrong_number")
    phones = dict(Phone.objects.filter(person_id=target.person_id).values_list("number", "valid"))
    assert phones == {"+15125550000": False, "+15126660000": True}
    from groundswell.outreach.contacts import number_to_dial

    assert number_to_dial(target.person_id) == "+15126660000"


def test_bad_result_and_bad_answers_are_field_errors_and_store_nothing(setup):
    campaign, (caller, _) = setup
    target = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    with pytest.raises(ValidationError) as bad_code:
        _record(caller, campaign, target, result="vibes")
    assert "result" in bad_code.value.message_dict
    with pytest.raises(ValidationError) as bad_answer:
        _record(caller, campaign, target, answers={"support": "perhaps", "colour": "red"})
    assert set(bad_answer.value.message_dict) == {"answers.support", "answers.colour"}
    with pytest.raises(ValidationError) as missing:
        _record(caller, campaign, target, answers={})
    assert "answers.support" in missing.value.message_dict  # required when reached
    with pytest.raises(ValidationError) as bad_uuid:
        _record(caller, campaign, target, client_uuid="not-a-uuid")
    assert "client_uuid" in bad_uuid.value.message_dict
    assert ContactAttempt.objects.count() == 0
    assert Target.objects.get(pk=target.pk).claimed_by_id == caller.user_id


def test_an_attempt_for_someone_elses_contact_is_kept_as_a_note_and_refused(setup):
    campaign, (first, second) = setup
    target = claims.claim_next(actor=first, campaign=campaign, now=NOON)
    key = uuid.uuid4()
    with pytest.raises(AttemptConflict) as conflict:
        _record(second, campaign, target, client_uuid=key, notes="They said call after 6")
    assert not conflict.value.attempt.applied
    note = Note.objects.get(person_id=target.person_id)
    assert "They said call after 6" in note.body
    target.refresh_from_db()
    assert (target.attempts, target.claimed_by_id) == (0, first.user_id)
    with pytest.raises(AttemptConflict):  # the replay answers the same
        _record(second, campaign, target, client_uuid=key)
    assert ContactAttempt.objects.count() == 1


def test_a_uuid_cannot_be_reused_by_another_caller(setup):
    campaign, (first, second) = setup
    target = claims.claim_next(actor=first, campaign=campaign, now=NOON)
    key = uuid.uuid4()
    _record(first, campaign, target, client_uuid=key)
    with pytest.raises(Conflict, match="another attempt"):
        _record(second, campaign, target, client_uuid=key)


def test_a_slow_caller_whose_claim_expired_still_saves(setup):
    campaign, (caller, _) = setup
    target = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    late = NOON + dt.timedelta(minutes=30)
    attempt, _ = record_attempt(actor=caller, campaign=campaign, target_id=target.pk, result="no_answer",
                                client_uuid=uuid.uuid4(), now=late)
    assert attempt.applied


def test_a_target_of_another_campaign_is_refused(setup, org_tree):
    campaign, (caller, _) = setup
    other = factories.campaign(org_tree.north, people=[factories.person(org_tree.north_team)], live=True)
    foreign = Target.objects.get(campaign=other)
    with pytest.raises(ValidationError) as err:
        _record(caller, campaign, foreign, result="no_answer")
    assert "target_id" in err.value.message_dict
    assert ContactAttempt.objects.count() == 0


def test_a_required_question_skipped_by_a_branch_is_not_required(setup):
    campaign, (caller, _) = setup
    organizer = Actor.for_user(factories.membership(campaign.team, "organizer").user)
    support = campaign.questions.get(key="support")
    why = question_save(actor=organizer, campaign=campaign, key="why", prompt="Why not?", kind="text",
                        required=True)
    # support (1) -> why (2) -> issues (3); "yes" and "maybe" jump straight to issues.
    why.position = 2
    why.save()
    campaign.questions.filter(key="issues").update(position=3)
    support.choices = [{"value": "yes", "label": "Yes", "next": 3},
                       {"value": "maybe", "label": "Maybe", "next": 3},
                       {"value": "no", "label": "No", "next": None}]
    support.save()
    target = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    attempt, _ = _record(caller, campaign, target, answers={"support": "yes"})  # "why" was never asked
    assert attempt.applied
    target = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    with pytest.raises(ValidationError) as err:
        _record(caller, campaign, target, answers={"support": "no"})
    assert list(err.value.message_dict) == ["answers.why"]
