"""The result codes and questions an attempt is checked against are kept between attempts (PostgreSQL), and a
change to them applies to the very next attempt: the attempt statement finds the kept ones out of date."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError

from groundswell.orgs.access import Actor
from groundswell.outreach import claims
from groundswell.outreach.attempts import record_attempt
from groundswell.outreach.models import ContactAttempt, ResultCode, Target
from groundswell.outreach.services import question_save
from groundswell.outreach.services_codes import result_code_create, result_code_update
from groundswell.people.models import TimelineEntry
from tests import factories

NOON = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def bank(org_tree):
    user = factories.user()
    factories.membership(org_tree.north_team, "volunteer", user_obj=user)
    people = [factories.person(org_tree.north_team, phones=[f"+1512555{i:04d}"], time_zone="America/Chicago")
              for i in range(4)]
    campaign = factories.campaign(org_tree.north, people=people, live=True)
    organizer = Actor.for_user(factories.membership(org_tree.north, "organizer").user)
    caller = Actor.for_user(user)
    _attempt(caller, campaign, "no_answer")  # the codes and questions are read, and kept from now on
    return campaign, caller, organizer


def _attempt(caller, campaign, result, **kw):
    target = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    kw.setdefault("client_uuid", uuid.uuid4())
    attempt, _ = record_attempt(actor=caller, campaign=campaign, target_id=target.pk, result=result, now=NOON, **kw)
    return attempt


def test_a_retired_code_is_refused_by_the_next_attempt(bank):
    campaign, caller, organizer = bank
    busy = ResultCode.objects.get(org=campaign.org, code="busy")
    result_code_update(actor=organizer, code=busy, label=busy.label, retry_after_minutes=60, active=False)
    with pytest.raises(ValidationError) as error:
        _attempt(caller, campaign, "busy")
    assert "result" in error.value.message_dict
    assert ContactAttempt.objects.count() == 1


def test_a_relabelled_code_is_written_with_its_new_label(bank):
    campaign, caller, organizer = bank
    busy = ResultCode.objects.get(org=campaign.org, code="busy")
    result_code_update(actor=organizer, code=busy, label="Line engaged", retry_after_minutes=30, active=True)
    attempt = _attempt(caller, campaign, "busy")
    entry = TimelineEntry.objects.get(person_id=attempt.person_id, kind="outreach.attempt")
    assert "Line engaged" in entry.summary
    assert Target.objects.get(pk=attempt.target_id).next_attempt_at == NOON + dt.timedelta(minutes=30)


def test_a_code_added_later_is_accepted(bank):
    campaign, caller, organizer = bank
    result_code_create(actor=organizer, org=campaign.org, code="spanish_speaker", label="Speaks Spanish",
                       category=ResultCode.Category.NOT_REACHED, retry_after_minutes=60)
    assert _attempt(caller, campaign, "spanish_speaker").result == "spanish_speaker"


def test_a_required_question_added_later_is_required_at_once(bank):
    campaign, caller, organizer = bank
    question_save(actor=organizer, campaign=campaign, key="support", prompt="Will you vote for Measure A?",
                  kind="single", choices=["yes", "no"], required=True)
    with pytest.raises(ValidationError) as error:
        _attempt(caller, campaign, "contacted")
    assert list(error.value.message_dict) == ["answers.support"]
    assert _attempt(caller, campaign, "contacted", answers={"support": "yes"}).answers == {"support": "yes"}


def test_a_retry_of_an_attempt_whose_code_was_retired_since_answers_as_before(bank):
    campaign, caller, organizer = bank
    key = uuid.uuid4()
    first = _attempt(caller, campaign, "busy", client_uuid=key)
    busy = ResultCode.objects.get(org=campaign.org, code="busy")
    result_code_update(actor=organizer, code=busy, label=busy.label, retry_after_minutes=60, active=False)
    again, created = record_attempt(actor=caller, campaign=campaign, target_id=first.target_id, result="busy",
                                    client_uuid=key, now=NOON)
    assert (again.pk, created) == (first.pk, False)
