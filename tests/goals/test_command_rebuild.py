"""`manage.py rebuild_goal_progress`: recounts from the activity tables; an unknown organization is an error."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from groundswell.goals.models import TeamDayCount
from tests import factories


def test_it_rebuilds_rollups_from_the_activity(org_tree):
    recruiter = factories.user()
    factories.membership(org_tree.north_team, "volunteer", recruited_by=recruiter)
    out = StringIO()
    call_command("rebuild_goal_progress", "--org", org_tree.org.slug, stdout=out)
    assert "rebuilt the goal rollups of National" in out.getvalue()
    counts = TeamDayCount.objects.filter(metric="volunteers_recruited")
    assert sum(counts.filter(team=org_tree.org).values_list("count", flat=True)) == 1
    assert sum(counts.filter(team=org_tree.north).values_list("count", flat=True)) == 1
    assert not counts.filter(team=org_tree.south).exclude(count=0).exists()


def test_an_unknown_organization_is_a_clear_error(db):
    with pytest.raises(CommandError, match="no organization with the slug 'nowhere'"):
        call_command("rebuild_goal_progress", "--org", "nowhere")
