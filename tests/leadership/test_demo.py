"""The demo's leadership work: the ladder with Chicago's people, the organizer's one-on-ones with follow-ups,
the leader's check-ins, the library with required trainings, counted by the goals rollups."""

from groundswell.goals.models import TeamDayCount
from groundswell.leadership.demo import leadership_demo_load
from groundswell.leadership.models import CheckIn, Commitment, LadderPlacement, Material, MaterialShare, OneOnOne
from groundswell.leadership.selectors import pipeline
from groundswell.orgs.demo import demo_load
from groundswell.orgs.models import Team


def test_the_demo_has_leadership_work_and_loads_once(db, settings):
    settings.DEMO_PARTS = ("leadership", "goals")
    demo_load()
    org = Team.objects.get(depth=1)
    held = OneOnOne.objects.filter(org=org, status="held")
    assert held.count() >= 6 and OneOnOne.objects.filter(org=org, status="scheduled").count() == 2
    assert held.filter(organizer__email="leader@example.org", person__user__email="volunteer@example.org").exists()
    assert Commitment.objects.filter(org=org, status="kept").count() == 1
    assert Commitment.objects.filter(org=org, status="open").exists()
    chicago_team = Team.objects.get(name="Chicago Phone Bank Crew")
    board = pipeline(chicago_team)
    assert sum(column.total for column in board.columns) >= 5
    assert {p.stage.name for p in LadderPlacement.objects.filter(org=org)} >= {"Volunteer", "Leader"}
    assert CheckIn.objects.filter(team=chicago_team).count() >= 3
    assert Material.objects.filter(org=org).exclude(required_for=[]).count() >= 3
    assert MaterialShare.objects.filter(to_user__email="volunteer@example.org").exists()
    assert TeamDayCount.objects.filter(team=org, metric="one_on_ones").exists()
    before = OneOnOne.objects.count()
    leadership_demo_load(org, seed=2026)
    assert OneOnOne.objects.count() == before  # a second load adds nothing
