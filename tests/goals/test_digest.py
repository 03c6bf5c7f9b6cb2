"""The weekly digest: a leader gets their team's week beside last week's, their goals and pace, and a link."""

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from groundswell.goals.rollups import rollups_rebuild
from groundswell.goals.services import goal_create
from tests import factories
from tests.conftest import actor_for


def test_each_leader_gets_their_numbers_goals_and_pace(org_tree, personas):
    recruiter = factories.user()
    factories.membership(org_tree.north_team, "volunteer", recruited_by=recruiter)
    today = timezone.localdate()
    goal_create(actor=actor_for(personas.organizer), team=org_tree.north_team, metric="volunteers_recruited",
                start=today - dt.timedelta(days=3), end=today + dt.timedelta(days=3), target=10)
    rollups_rebuild(org=org_tree.org)
    call_command("send_goal_digests")
    to_leader = [m for m in mail.outbox if m.to == [personas.leader.email]]
    assert len(to_leader) == 1
    body = to_leader[0].body
    assert "Volunteers recruited: 1 (0, +1)" in body
    assert "Volunteers recruited: 1 of 10" in body
    assert f"/teams/{org_tree.north_team.slug}/dashboard/" in body
    assert not [m for m in mail.outbox if m.to == [personas.volunteer.email]]  # volunteers get no digest
