"""Real concurrent callers (threads with their own connections) never get the same person."""

import datetime as dt
import threading
import uuid

import pytest
from django.db import connection

from groundswell.orgs.access import Actor
from groundswell.outreach import claims
from groundswell.outreach.attempts import record_attempt
from groundswell.outreach.models import ContactAttempt, Target
from tests import factories

NOON = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)


@pytest.mark.django_db(transaction=True)
def test_concurrent_callers_never_share_a_target(org_tree):
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database locks whole tables across threads; on SQLite files the IMMEDIATE "
                    "transaction serialises claims (single writer), which the single-thread tests cover")
    callers = []
    for _ in range(6):
        user = factories.user()
        factories.membership(org_tree.north_team, "volunteer", user_obj=user)
        callers.append(Actor.for_user(user))
    people = [factories.person(org_tree.north_team, phones=[f"+1512555{i:04d}"], time_zone="America/Chicago")
              for i in range(30)]
    campaign = factories.campaign(org_tree.north, people=people, live=True)
    handed: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(actor):
        try:
            for _ in range(5):
                target = claims.claim_next(actor=actor, campaign=campaign, now=NOON)
                if target is None:
                    break
                with lock:
                    handed.append((target.pk, actor.user_id))
                # Finish it so the next claim hands a new person (the attempt path is tested elsewhere).
                Target.objects.filter(pk=target.pk).update(done=True, claimed_by=None, claimed_until=None)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(a,)) for a in callers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(handed) == 30
    assert len({target for target, _ in handed}) == 30  # nobody handed out twice


@pytest.mark.django_db(transaction=True)
def test_concurrent_callers_claiming_and_saving_never_share_a_target(org_tree):
    if connection.vendor == "sqlite":
        pytest.skip("see above: the in-memory test database cannot take concurrent writers")
    callers = []
    for _ in range(6):
        user = factories.user()
        factories.membership(org_tree.north_team, "volunteer", user_obj=user)
        callers.append(Actor.for_user(user))
    people = [factories.person(org_tree.north_team, phones=[f"+1512555{i:04d}"], time_zone="America/Chicago")
              for i in range(40)]
    campaign = factories.campaign(org_tree.north, people=people, live=True)
    handed: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(actor):
        try:
            # More than prepare_threshold cycles on each connection: prepared statements are exercised too.
            while (target := claims.claim_next(actor=actor, campaign=campaign, now=NOON)) is not None:
                record_attempt(actor=actor, campaign=campaign, target_id=target.pk, result="contacted",
                               client_uuid=uuid.uuid4(), now=NOON)
                with lock:
                    handed.append(target.pk)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(a,)) for a in callers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(handed) == sorted(Target.objects.filter(campaign=campaign).values_list("pk", flat=True))
    assert ContactAttempt.objects.filter(campaign=campaign, applied=True).count() == 40
    assert not Target.objects.filter(campaign=campaign, done=False).exists()
