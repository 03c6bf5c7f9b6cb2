"""One eligibility rule for the queue, the counts and "why not?" — checked with a frozen clock across zones."""

import datetime as dt

import pytest
from django.utils import timezone

from groundswell.orgs.access import Actor
from groundswell.outreach import claims, eligibility
from groundswell.outreach.eligibility import Reason
from groundswell.outreach.models import Target
from groundswell.people import consent
from groundswell.people.models import Phone, Suppression
from tests import factories

# 02:00 UTC on 24 Nov = 21:00 New York (closed), 20:00 Chicago, 19:00 Denver, 18:00 Los Angeles, 16:00 Honolulu.
LATE_EAST = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def caller(org_tree):
    user = factories.user()
    factories.membership(org_tree.north_team, "volunteer", user_obj=user)
    return Actor.for_user(user)


def _person(team, zone, n):
    return factories.person(team, phones=[f"+1512555{n:04d}"], time_zone=zone)


def _claim_all(campaign, actor, now):
    got = []
    while (target := claims.claim_next(actor=actor, campaign=campaign, now=now)) is not None:
        got.append(target.person.time_zone)
        Target.objects.filter(pk=target.pk).update(done=True, claimed_by=None, claimed_until=None)
    return got


def test_nobody_is_called_where_it_is_21_00_or_later(org_tree, caller):
    zones = ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Pacific/Honolulu"]
    people = [_person(org_tree.north_team, zone, i) for i, zone in enumerate(zones)]
    campaign = factories.campaign(org_tree.north, people=people, live=True)
    handed = _claim_all(campaign, caller, LATE_EAST)
    # London is at 02:00, New York at 21:00 (the window ends *before* 21:00).
    assert sorted(handed) == ["America/Chicago", "America/Los_Angeles", "Pacific/Honolulu"]


@pytest.mark.parametrize(("utc_hour", "expected"), [
    (13, {"America/New_York"}),  # 08:00 New York: too early everywhere else too -> only... nobody yet
    (15, {"America/New_York", "America/Chicago"}),  # 10:00 NY, 09:00 Chicago, 08:00 Denver
    (17, {"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"}),
])
def test_the_window_opens_zone_by_zone(org_tree, caller, utc_hour, expected):
    zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]
    people = [_person(org_tree.north_team, zone, i) for i, zone in enumerate(zones)]
    campaign = factories.campaign(org_tree.north, people=people, live=True)
    now = dt.datetime(2026, 11, 23, utc_hour, 0, tzinfo=dt.UTC)
    if utc_hour == 13:
        expected = set()  # 08:00 in New York: before 09:00 everywhere in the US
    assert set(_claim_all(campaign, caller, now)) == expected


def test_a_narrower_window_is_obeyed(org_tree, caller):
    people = [_person(org_tree.north_team, "America/Chicago", 1)]
    campaign = factories.campaign(org_tree.north, people=people, live=True, window_start=dt.time(10),
                                  window_end=dt.time(18))
    at_nine_thirty = dt.datetime(2026, 11, 23, 15, 30, tzinfo=dt.UTC)  # 09:30 Chicago
    assert eligibility.eligible(campaign, at_nine_thirty).count() == 0
    assert eligibility.eligible(campaign, at_nine_thirty + dt.timedelta(hours=1)).count() == 1


def test_unknown_zones_wait_until_the_window_is_open_everywhere(org_tree, caller):
    people = [_person(org_tree.north_team, "", 1)]
    campaign = factories.campaign(org_tree.north, people=people, live=True)
    ten_eastern = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)  # 05:00 in Honolulu
    three_eastern = dt.datetime(2026, 11, 23, 20, 0, tzinfo=dt.UTC)  # 10:00 Honolulu, 11:00 Anchorage
    assert eligibility.eligible(campaign, ten_eastern).count() == 0
    assert eligibility.eligible(campaign, three_eastern).count() == 1
    assert eligibility.reasons_for(Target.objects.get(campaign=campaign), ten_eastern) == [Reason.OUTSIDE_WINDOW]


NOON = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)


def test_every_reason_is_reported_and_the_counts_add_up(org_tree, caller):
    team = org_tree.north_team
    ok = _person(team, "America/Chicago", 1)
    opted = _person(team, "America/Chicago", 2)
    done = _person(team, "America/Chicago", 3)
    tried = _person(team, "America/Chicago", 4)
    cooling = _person(team, "America/Chicago", 5)
    no_phone = factories.person(team, time_zone="America/Chicago")
    bad_phone = _person(team, "America/Chicago", 6)
    suppressed = _person(team, "America/Chicago", 7)
    abroad = _person(team, "Asia/Tokyo", 8)  # 03:00 in Tokyo
    held = _person(team, "America/Chicago", 9)
    people = [ok, opted, done, tried, cooling, no_phone, bad_phone, suppressed, abroad, held]
    campaign = factories.campaign(org_tree.north, people=people, live=True, max_attempts=3)
    consent.opt_out(actor=caller, person=opted, channel="call", source="test")
    Phone.objects.filter(person=bad_phone).update(valid=False)
    Suppression.objects.create(org_id=suppressed.org_id, channel="call", value="+15125550007", source="test")
    targets = {t.person_id: t for t in Target.objects.filter(campaign=campaign)}
    Target.objects.filter(pk=targets[done.pk].pk).update(done=True)
    Target.objects.filter(pk=targets[tried.pk].pk).update(attempts=3)
    Target.objects.filter(pk=targets[cooling.pk].pk).update(next_attempt_at=NOON + dt.timedelta(hours=1))
    Target.objects.filter(pk=targets[held.pk].pk).update(claimed_by=factories.user(), claimed_until=NOON
                                                         + dt.timedelta(minutes=5))
    counts = eligibility.breakdown(campaign, NOON)
    assert counts == {"removed": 0, "opted_out": 1, "done": 1, "max_attempts": 1, "cooling_down": 1,
                      "no_number": 3, "outside_window": 1, "held": 1, "eligible": 1}
    assert sum(counts.values()) == len(people)
    assert list(eligibility.eligible(campaign, NOON).values_list("person_id", flat=True)) == [ok.pk]
    assert eligibility.reasons_for(targets[opted.pk], NOON) == [Reason.OPTED_OUT]
    # The claim path hands out exactly what the counts call eligible.
    assert claims.claim_next(actor=caller, campaign=campaign, now=NOON).person_id == ok.pk
    assert claims.claim_next(actor=caller, campaign=campaign, now=NOON).person_id == ok.pk  # held, served again


def test_an_opt_out_after_going_live_keeps_the_person_out_of_the_queue(org_tree, caller):
    person = _person(org_tree.north_team, "America/Chicago", 1)
    campaign = factories.campaign(org_tree.north, people=[person], live=True)
    consent.opt_out(actor=caller, person=person, channel="call", source="phoned the office")
    assert claims.claim_next(actor=caller, campaign=campaign, now=NOON) is None


def test_people_leaving_the_list_leave_the_queue(org_tree, caller):
    from groundswell.outreach.services import sync_targets
    from groundswell.people.models import ListMember

    stay, leave = _person(org_tree.north_team, "America/Chicago", 1), _person(org_tree.north_team, "America/Chicago", 2)
    campaign = factories.campaign(org_tree.north, people=[stay, leave], live=True)
    ListMember.objects.filter(list=campaign.people_list, person=leave).delete()
    newcomer = _person(org_tree.north_team, "America/Chicago", 3)
    ListMember.objects.create(list=campaign.people_list, person=newcomer)
    assert sync_targets(campaign, now=timezone.now()) == 1
    assert set(eligibility.eligible(campaign, NOON).values_list("person_id", flat=True)) == {stay.pk, newcomer.pk}
    assert eligibility.breakdown(campaign, NOON)["removed"] == 1


def test_the_claim_query_asks_only_for_the_campaigns_own_zones(org_tree, caller):
    people = [_person(org_tree.north_team, "America/Chicago", 1), _person(org_tree.north_team, "Asia/Tokyo", 2)]
    campaign = factories.campaign(org_tree.north, people=people, live=True)
    campaign.refresh_from_db()
    assert campaign.zones == ["America/Chicago", "Asia/Tokyo"]
    sql = str(eligibility.eligible(campaign, NOON).query)
    assert "America/Chicago" in sql and "Europe/London" not in sql  # London is open at 18:00 UTC, but not asked
