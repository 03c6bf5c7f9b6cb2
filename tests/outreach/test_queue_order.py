"""The queue's order (longest waiting first) and the claim statement reused within a minute (PostgreSQL: the
compiled queue is kept per rule_key, the clock and the caller are bound per claim)."""

import datetime as dt
import uuid

import pytest
from django.db import connection

from groundswell.orgs.access import Actor
from groundswell.outreach import claims
from groundswell.outreach.attempts import record_attempt
from groundswell.outreach.models import Campaign, Target
from tests import factories

NOON = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def callers(org_tree):
    users = [factories.user() for _ in range(2)]
    for user in users:
        factories.membership(org_tree.north_team, "volunteer", user_obj=user)
    return [Actor.for_user(u) for u in users]


def _campaign(org_tree, n, **fields):
    people = [factories.person(org_tree.north_team, phones=[f"+1512555{i:04d}"], time_zone="America/Chicago")
              for i in range(n)]
    campaign = factories.campaign(org_tree.north, people=people, live=True, **fields)
    targets = list(Target.objects.filter(campaign=campaign).order_by("id"))
    Target.objects.filter(campaign=campaign).update(added_at=NOON - 60 * MINUTE)
    return campaign, targets


def test_a_retry_that_came_due_waits_behind_people_added_before_it(org_tree, callers):
    campaign, (first, second, third) = _campaign(org_tree, 3)
    # The first was tried; its retry came due 10 minutes ago, after the others joined the campaign (an hour ago).
    Target.objects.filter(pk=first.pk).update(attempts=1, next_attempt_at=NOON - 10 * MINUTE)
    handed = [claims.claim_next(actor=callers[0], campaign=campaign, now=NOON).pk]
    Target.objects.filter(pk=handed[0]).update(done=True, claimed_by=None, claimed_until=None)
    handed.append(claims.claim_next(actor=callers[0], campaign=campaign, now=NOON).pk)
    Target.objects.filter(pk=handed[1]).update(done=True, claimed_by=None, claimed_until=None)
    handed.append(claims.claim_next(actor=callers[0], campaign=campaign, now=NOON).pk)
    assert handed == [second.pk, third.pk, first.pk]


def test_a_retry_due_before_a_newcomer_joined_goes_first(org_tree, callers):
    campaign, (first, second) = _campaign(org_tree, 2)
    Target.objects.filter(pk=first.pk).update(attempts=1, next_attempt_at=NOON - 90 * MINUTE)
    assert claims.claim_next(actor=callers[0], campaign=campaign, now=NOON).pk == first.pk


def test_an_expired_claim_waits_from_the_moment_it_ran_out(org_tree, callers):
    campaign, (first, second) = _campaign(org_tree, 2, claim_minutes=10)
    held = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON - 55 * MINUTE)
    assert held.pk == first.pk
    # Its claim ran out 45 minutes ago; `second` has been waiting since it joined, an hour ago.
    assert claims.claim_next(actor=callers[1], campaign=campaign, now=NOON).pk == second.pk


def test_the_clock_is_bound_per_claim_within_the_same_minute(org_tree, callers):
    campaign, (target,) = _campaign(org_tree, 1)
    Target.objects.filter(pk=target.pk).update(attempts=1, next_attempt_at=NOON + dt.timedelta(seconds=20))
    assert claims.claim_next(actor=callers[0], campaign=campaign, now=NOON + dt.timedelta(seconds=10)) is None
    later = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON + dt.timedelta(seconds=30))
    assert later is not None and later.pk == target.pk


def test_the_caller_is_bound_per_claim(org_tree, callers):
    campaign, _ = _campaign(org_tree, 2)
    mine = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    theirs = claims.claim_next(actor=callers[1], campaign=campaign, now=NOON)
    assert (mine.claimed_by_id, theirs.claimed_by_id) == (callers[0].user_id, callers[1].user_id)
    assert claims.claim_next(actor=callers[0], campaign=campaign, now=NOON).pk == mine.pk  # theirs is not mine


@pytest.mark.parametrize("change", ["max_attempts", "window_end", "zones"])
def test_a_campaign_changed_within_the_minute_is_applied_at_once(org_tree, callers, change):
    campaign, (target,) = _campaign(org_tree, 1)
    Target.objects.filter(pk=target.pk).update(attempts=1)
    first = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    claims.release(actor=callers[0], campaign=campaign)
    assert first is not None
    # 18:00 UTC is 12:00 in Chicago: each change below shuts the person out.
    if change == "max_attempts":
        campaign.max_attempts = 1
    elif change == "window_end":
        campaign.window_end = dt.time(11, 0)
    else:
        campaign.zones = ["America/New_York"]
    Campaign.objects.filter(pk=campaign.pk).update(**{change: getattr(campaign, change)})
    assert claims.claim_next(actor=callers[0], campaign=campaign, now=NOON + dt.timedelta(seconds=5)) is None


def test_a_claim_and_an_attempt_are_one_statement_each(org_tree, callers, django_assert_num_queries):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite makes the same writes one by one (single writer)")
    campaign, _ = _campaign(org_tree, 3)
    warm = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    record_attempt(actor=callers[0], campaign=campaign, target_id=warm.pk, result="no_answer",
                   client_uuid=uuid.uuid4(), now=NOON)  # reads the result codes and questions, then keeps them
    with django_assert_num_queries(1):
        target = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
        assert target.person.time_zone == "America/Chicago"  # the person came with the claim
    with django_assert_num_queries(1):
        record_attempt(actor=callers[0], campaign=campaign, target_id=target.pk, result="contacted",
                       client_uuid=uuid.uuid4(), now=NOON)


def test_the_statements_are_prepared_on_a_busy_connection(org_tree, callers):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    campaign, _ = _campaign(org_tree, 8)
    for _ in range(7):
        target = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
        record_attempt(actor=callers[0], campaign=campaign, target_id=target.pk, result="no_answer",
                       client_uuid=uuid.uuid4(), now=NOON)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0].strip() for row in cursor.fetchall()]
    assert any(s.startswith("WITH held AS") for s in prepared)
    assert any(s.startswith("WITH f AS") for s in prepared)
