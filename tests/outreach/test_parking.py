"""Parking: people who cannot be reached now wait behind everyone else in the queue, and only the order
changes — the claim still applies the whole eligibility rule."""

import datetime as dt

import pytest

from groundswell.orgs.access import Actor
from groundswell.outreach import claims, eligibility
from groundswell.outreach.models import Campaign, Target
from groundswell.outreach.parking import park
from groundswell.outreach.services import sync_targets
from groundswell.people.models import Person, Phone
from tests import factories

NOON = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)  # 12:00 in Chicago, 03:00 the next day in Tokyo
CHICAGO_NIGHT = dt.datetime(2026, 11, 24, 3, 30, tzinfo=dt.UTC)  # 21:30 in Chicago, 12:30 in Tokyo
NEXT_MORNING = dt.datetime(2026, 11, 24, 15, 30, tzinfo=dt.UTC)  # 09:30 in Chicago, 00:30 in Tokyo


@pytest.fixture
def caller(org_tree):
    user = factories.user()
    factories.membership(org_tree.north_team, "volunteer", user_obj=user)
    return Actor.for_user(user)


def _person(org_tree, n, *, phone=True, zone="America/Chicago", **fields):
    phones = [f"+1512555{n:04d}"] if phone else []
    return factories.person(org_tree.north_team, phones=phones, time_zone=zone, **fields)


def _parked(campaign) -> dict[int, bool]:
    return dict(Target.objects.filter(campaign=campaign).values_list("person_id", "parked"))


def test_going_live_parks_the_people_who_cannot_be_reached_now(org_tree):
    reachable = _person(org_tree, 1)
    no_number = _person(org_tree, 2, phone=False)
    opted_out = _person(org_tree, 3, call_opt_out_at=NOON)
    asleep = _person(org_tree, 4, zone="Asia/Tokyo")
    campaign = factories.campaign(org_tree.north, people=[reachable, no_number, opted_out, asleep])
    sync_targets(campaign, now=NOON)
    assert _parked(campaign) == {reachable.pk: False, no_number.pk: True, opted_out.pk: True, asleep.pk: True}
    assert Campaign.objects.get(pk=campaign.pk).parked_for == eligibility.window_key(campaign, NOON)


def test_parking_writes_only_the_targets_whose_mark_changes(org_tree):
    reachable, no_number = _person(org_tree, 1), _person(org_tree, 2, phone=False)
    campaign = factories.campaign(org_tree.north, people=[reachable, no_number])
    sync_targets(campaign, now=NOON)
    assert park(campaign, NOON) == (0, 0)
    Phone.objects.create(person=no_number, org_id=no_number.org_id, number="+15125550999", primary=True)
    assert park(campaign, NOON) == (0, 1)
    assert _parked(campaign) == {reachable.pk: False, no_number.pk: False}


def test_a_parked_person_waits_behind_the_others_but_is_still_handed_out(org_tree, caller):
    waited_longest, newer = _person(org_tree, 1), _person(org_tree, 2)
    campaign = factories.campaign(org_tree.north, people=[waited_longest, newer], live=True)
    sync_targets(campaign, now=NOON)
    Target.objects.filter(campaign=campaign, person=waited_longest).update(
        parked=True, added_at=NOON - dt.timedelta(hours=2))  # parked when they could not be reached
    Target.objects.filter(campaign=campaign, person=newer).update(added_at=NOON - dt.timedelta(hours=1))
    first = claims.claim_next(actor=caller, campaign=campaign, now=NOON)
    assert first.person_id == newer.pk
    Target.objects.filter(pk=first.pk).update(done=True, claimed_by=None, claimed_until=None)
    # Reachable now, although still marked: eligibility decides, parking only orders.
    assert claims.claim_next(actor=caller, campaign=campaign, now=NOON).person_id == waited_longest.pk


def test_the_claim_refuses_someone_unreachable_since_the_last_parking(org_tree, caller):
    person = _person(org_tree, 1)
    campaign = factories.campaign(org_tree.north, people=[person], live=True)
    sync_targets(campaign, now=NOON)
    Person.objects.filter(pk=person.pk).update(call_opt_out_at=NOON)
    assert _parked(campaign) == {person.pk: False}
    assert claims.claim_next(actor=caller, campaign=campaign, now=NOON) is None


def test_a_claim_parks_again_when_the_calling_window_closes_and_opens(org_tree, caller):
    chicago, tokyo = _person(org_tree, 1), _person(org_tree, 2, zone="Asia/Tokyo")
    campaign = factories.campaign(org_tree.north, people=[chicago, tokyo], live=True)
    sync_targets(campaign, now=NOON)
    assert _parked(campaign) == {chicago.pk: False, tokyo.pk: True}

    # 21:30 in Chicago, 12:30 in Tokyo: the claim sees the window moved (not a quarter hour since the sync
    # matters here) and has the targets parked again as of its own clock.
    Campaign.objects.filter(pk=campaign.pk).update(targets_synced_at=CHICAGO_NIGHT - dt.timedelta(minutes=1))
    campaign.refresh_from_db()
    handed = claims.claim_next(actor=caller, campaign=campaign, now=CHICAGO_NIGHT)
    assert handed.person_id == tokyo.pk
    assert _parked(campaign) == {chicago.pk: True, tokyo.pk: False}

    claims.release(actor=caller, campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(targets_synced_at=NEXT_MORNING - dt.timedelta(minutes=1))
    campaign.refresh_from_db()
    assert claims.claim_next(actor=caller, campaign=campaign, now=NEXT_MORNING).person_id == chicago.pk
    assert _parked(campaign) == {chicago.pk: False, tokyo.pk: True}


def test_a_claim_in_an_unchanged_window_asks_for_no_sync(org_tree, caller, monkeypatch):
    campaign = factories.campaign(org_tree.north, people=[_person(org_tree, 1)], live=True)
    sync_targets(campaign, now=NOON)
    campaign.refresh_from_db()
    asked = []
    monkeypatch.setattr("groundswell.outreach.tasks.sync_targets_task",
                        type("Task", (), {"enqueue": staticmethod(lambda *args: asked.append(args))}))
    claims.claim_next(actor=caller, campaign=campaign, now=NOON + dt.timedelta(minutes=5))
    assert asked == []
