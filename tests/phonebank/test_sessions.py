"""Calling sessions: ending one frees the caller's contacts at once; a paused caller is refused new ones."""

import datetime as dt

import pytest

from groundswell.common.errors import Conflict
from groundswell.orgs.access import Actor
from groundswell.outreach import claims
from groundswell.outreach.models import Target
from groundswell.phonebank import sessions
from tests import factories

NOON = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def setup(org_tree):
    caller = Actor.for_user(factories.membership(org_tree.north_team, "volunteer").user)
    supervisor = Actor.for_user(factories.membership(org_tree.north, "organizer").user)
    people = [factories.person(org_tree.north_team, phones=[f"+1512555{i:04d}"], time_zone="America/Chicago")
              for i in range(3)]
    return factories.campaign(org_tree.north, people=people, live=True), caller, supervisor


def test_starting_twice_keeps_one_session(setup):
    campaign, caller, _ = setup
    first = sessions.session_start(actor=caller, campaign=campaign, now=NOON)
    assert sessions.session_start(actor=caller, campaign=campaign, now=NOON).pk == first.pk


def test_ending_the_session_releases_claims_at_once(setup):
    campaign, caller, _ = setup
    sessions.session_start(actor=caller, campaign=campaign, now=NOON)
    claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    assert sessions.session_end(actor=caller, campaign=campaign, now=NOON) == 1
    assert not Target.objects.filter(claimed_by__isnull=False).exists()
    assert sessions.live_sessions(campaign, NOON).count() == 0


def test_a_paused_caller_gets_no_new_contact_until_resumed(setup):
    campaign, caller, supervisor = setup
    session = sessions.session_start(actor=caller, campaign=campaign, now=NOON)
    held = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    sessions.caller_pause(actor=supervisor, session=session, message="Take a break, back at 3", now=NOON)
    assert Target.objects.get(pk=held.pk).claimed_by_id is None
    with pytest.raises(Conflict, match="back at 3"):
        claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    sessions.caller_resume(actor=supervisor, session=session)
    assert claims.claim_next(actor=caller, campaign=campaign, now=NOON) is not None


def test_quiet_sessions_are_not_calling_now(setup):
    campaign, caller, _ = setup
    sessions.session_start(actor=caller, campaign=campaign, now=NOON)
    assert sessions.live_sessions(campaign, NOON + dt.timedelta(minutes=1)).count() == 1
    assert sessions.live_sessions(campaign, NOON + dt.timedelta(minutes=10)).count() == 0
