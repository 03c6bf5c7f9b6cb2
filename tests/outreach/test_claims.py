"""The claim queue: one holder per target, expiry, "finish your open ones first", caps and guards."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q

from groundswell.common.errors import Conflict
from groundswell.orgs.access import Actor
from groundswell.outreach import claims, eligibility
from groundswell.outreach.models import Campaign, Target
from tests import factories

# 18:00 UTC is 13:00 in New York and 10:00 in Los Angeles: inside every US calling window.
NOON = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def callers(org_tree):
    users = [factories.user() for _ in range(3)]
    for user in users:
        factories.membership(org_tree.north_team, "volunteer", user_obj=user)
    return [Actor.for_user(u) for u in users]


def _people(team, n):
    return [factories.person(team, phones=[f"+1512555{i:04d}"], time_zone="America/Chicago") for i in range(n)]


def test_each_caller_gets_a_different_person(org_tree, callers):
    campaign = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 5), live=True)
    handed = [claims.claim_next(actor=a, campaign=campaign, now=NOON) for a in callers]
    assert len({t.person_id for t in handed}) == 3
    assert all(t.claimed_by_id == a.user_id for t, a in zip(handed, callers, strict=True))


def test_a_held_contact_is_served_again_until_saved(org_tree, callers):
    campaign = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 3), live=True)
    first = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    again = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON + dt.timedelta(minutes=1))
    assert again.pk == first.pk


def test_an_expired_claim_returns_to_the_queue(org_tree, callers):
    campaign = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 1), live=True,
                                  claim_minutes=10)
    first = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    assert claims.claim_next(actor=callers[1], campaign=campaign, now=NOON + dt.timedelta(minutes=9)) is None
    later = claims.claim_next(actor=callers[1], campaign=campaign, now=NOON + dt.timedelta(minutes=11))
    assert later.pk == first.pk
    assert later.claimed_by_id == callers[1].user_id


def test_open_claims_are_capped_when_callers_may_hold_several(org_tree, callers):
    campaign = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 5), live=True,
                                  finish_open_first=False, max_open_claims=2)
    a = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    b = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    assert a.pk != b.pk
    with pytest.raises(Conflict, match="already hold 2"):
        claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)


def test_release_gives_the_contact_to_the_next_caller(org_tree, callers):
    campaign = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 1), live=True)
    held = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    assert claims.release(actor=callers[0], campaign=campaign) == 1
    assert claims.claim_next(actor=callers[1], campaign=campaign, now=NOON).pk == held.pk


def test_a_paused_campaign_hands_out_nothing(org_tree, callers):
    campaign = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 1), live=True)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.PAUSED)
    campaign.refresh_from_db()
    with pytest.raises(Conflict, match="paused"):
        claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)


def test_a_guard_can_refuse_a_claim(org_tree, callers, monkeypatch):
    campaign = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 1), live=True)

    def no(actor, campaign):
        raise Conflict("not you")

    monkeypatch.setattr(claims, "claim_guards", [no])  # a plain check, as well as a ClaimGuard
    with pytest.raises(Conflict, match="not you"):
        claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    assert not Target.objects.filter(claimed_by__isnull=False).exists()


def test_claims_bring_targets_in_step_with_the_list_every_quarter_hour(org_tree, callers):
    from groundswell.people.models import ListMember

    first = _people(org_tree.north_team, 1)
    campaign = factories.campaign(org_tree.north, people=first, live=True)
    # Synced and parked at NOON (the calling window unchanged since: only the quarter hour can call a sync).
    Campaign.objects.filter(pk=campaign.pk).update(targets_synced_at=NOON,
                                                   parked_for=eligibility.window_key(campaign, NOON))
    campaign.refresh_from_db()
    newcomer = factories.person(org_tree.north_team, phones=["+15125559999"], time_zone="America/Chicago")
    ListMember.objects.create(list=campaign.people_list, person=newcomer)
    claims.claim_next(actor=callers[0], campaign=campaign, now=NOON + dt.timedelta(minutes=5))
    assert not Target.objects.filter(person=newcomer).exists()  # synced 5 minutes ago: not yet
    claims.claim_next(actor=callers[1], campaign=campaign, now=NOON + dt.timedelta(minutes=16))
    assert Target.objects.filter(person=newcomer, campaign=campaign).exists()


def test_skip_hands_someone_else_and_the_skipped_person_stays_in_the_queue(org_tree, callers):
    campaign = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 2), live=True)
    first = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    second = claims.skip(actor=callers[0], campaign=campaign, target_id=first.pk, now=NOON)
    assert second.pk != first.pk
    assert claims.claim_next(actor=callers[1], campaign=campaign, now=NOON).pk == first.pk


def test_a_guards_condition_refuses_inside_the_claim_statement(org_tree, callers, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs every guard's check before the claim instead")
    campaign = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 2), live=True)
    checked = []
    guard = claims.ClaimGuard(check=lambda actor, campaign: checked.append(actor.user_id),
                              condition=lambda campaign: Q(claimed_by_id=claims.CALLER))  # only your own
    monkeypatch.setattr(claims, "claim_guards", [guard])
    assert claims.claim_next(actor=callers[0], campaign=campaign, now=NOON) is None
    assert checked == [callers[0].user_id]  # asked to explain why nothing was handed out
    assert not Target.objects.filter(claimed_by__isnull=False).exists()
