import datetime as dt
import uuid

import pytest
from django.utils import timezone

from groundswell.events.models import Signup
from groundswell.goals.metrics import all_metrics, get_metric
from groundswell.goals.models import TeamDayCount
from groundswell.goals.selectors import Period, counted_rows
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership
from groundswell.relational.models import Conversation, Relationship
from tests import factories
from tests.events.routes_host import event_on
from tests.goals.helpers import NY, calls, rebuild


def _activity(org_tree, personas) -> None:
    now = timezone.now()
    calls(org_tree.north_team, personas.volunteer, now, 2)
    calls(org_tree.north_team, personas.volunteer, now, 1, result="contacted")
    calls(org_tree.south_team, personas.admin, now, 1, result="contacted")
    rel = Relationship.objects.create(org=org_tree.org, team=org_tree.north_team, owner=personas.volunteer,
                                      first_name="Fay", matched_at=now)
    Conversation.objects.create(relationship=rel, owner=personas.volunteer, outcome=Conversation.Outcome.TALKED,
                                client_uuid=uuid.uuid4())
    Conversation.objects.create(relationship=rel, owner=personas.volunteer, outcome=Conversation.Outcome.NO_ANSWER,
                                client_uuid=uuid.uuid4())
    event = event_on(org_tree.north_team)
    shift = event.shifts.first()
    Signup.objects.create(shift=shift, event=event, referrer=personas.volunteer, first_name="Ref",
                          email="r@example.test")
    Signup.objects.create(shift=shift, event=event, first_name="Own", email="o@example.test",
                          attendance=Signup.Attendance.ATTENDED, checked_in_at=now)
    recruit = factories.user(email="new@example.test")
    factories.membership(org_tree.north_team, Membership.Role.VOLUNTEER, user_obj=recruit,
                         recruited_by=personas.volunteer)


@pytest.mark.parametrize("key", [m.key for m in all_metrics()])
def test_each_metric_counts_exactly_the_rows_it_lists(org_tree, personas, key):
    _activity(org_tree, personas)
    rebuild(org_tree.org)
    today = timezone.now().astimezone(NY).date()
    period = Period(today - dt.timedelta(days=6), today)
    for team in (org_tree.org, org_tree.north, org_tree.north_team, org_tree.south):
        rows = sum(len(list(qs)) for _, qs in counted_rows(Actor.for_user(personas.admin), team,
                                                           get_metric(key), period))
        counted = sum(TeamDayCount.objects.filter(team=team, metric=key).values_list("count", flat=True))
        assert counted == rows, (key, team.name)


def test_the_metrics_count_what_the_issue_asks(org_tree, personas):
    _activity(org_tree, personas)
    rebuild(org_tree.org)
    totals = {m: sum(TeamDayCount.objects.filter(team=org_tree.org, metric=m).values_list("count", flat=True))
              for m in (m.key for m in all_metrics())}
    assert totals["contacts_made"] == 4
    assert totals["conversations"] == 3  # two reached attempts and one relational conversation
    assert totals["doors_knocked"] == 0
    assert totals["relationships_added"] == 1 and totals["relationships_matched"] == 1
    assert totals["event_signups"] == 3 and totals["event_attendance"] == 1 and totals["event_referrals"] == 1
    assert totals["volunteers_recruited"] == 1


def test_a_metric_with_no_data_has_a_note():
    assert get_metric("doors_knocked").note
