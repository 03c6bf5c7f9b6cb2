"""The demo's goals: national, the Midwest split across chapters, the leader's team and the volunteer's own,
with rollups built from the other demo parts' activity."""

from groundswell.goals.demo import goals_demo_load
from groundswell.goals.models import Goal, TeamDayCount
from groundswell.orgs.demo import demo_load
from groundswell.orgs.models import Team


def test_demo_sets_goals_split_across_chapters_and_builds_rollups(db, settings):
    settings.DEMO_PARTS = ("events", "goals")
    demo_load()
    org = Team.objects.get(depth=1)
    assert Goal.objects.filter(team=org, metric="contacts_made").exists()
    region_goal = Goal.objects.get(team__name="Midwest", metric="event_signups", parent=None)
    parts = list(region_goal.parts.all())
    assert len(parts) >= 2 and sum(p.target for p in parts) == region_goal.target
    assert Goal.objects.filter(member__email="volunteer@example.org", metric="event_referrals").exists()
    assert TeamDayCount.objects.filter(team=org, metric="event_signups").exists()
    before = Goal.objects.count()
    goals_demo_load(org, seed=2026)
    assert Goal.objects.count() == before  # a second load adds no goals
