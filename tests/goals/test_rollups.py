import datetime as dt

from django.utils import timezone

from groundswell.goals.models import RollupState, TeamDayCount, UserDayCount
from groundswell.goals.rollups import rollups_refresh
from groundswell.orgs.models import Team
from groundswell.orgs.services import team_move
from tests.goals.helpers import NY, at, calls, rebuild

DAY = dt.date(2026, 3, 10)


def _count(team, day=DAY, metric="contacts_made") -> int:
    row = TeamDayCount.objects.filter(team=team, metric=metric, day=day).first()
    return row.count if row else 0


def test_it_counts_each_teams_whole_subtree(org_tree, personas):
    calls(org_tree.north_team, personas.volunteer, at(DAY), 3)
    calls(org_tree.north_chapter, personas.leader, at(DAY), 2)
    calls(org_tree.south_team, personas.admin, at(DAY), 4)
    rebuild(org_tree.org)
    assert _count(org_tree.north_team) == 3
    assert _count(org_tree.north_chapter) == 5
    assert _count(org_tree.north) == 5
    assert _count(org_tree.south) == 4
    assert _count(org_tree.org) == 9
    assert _count(org_tree.other) == 0


def test_it_credits_volunteers_per_team(org_tree, personas):
    calls(org_tree.north_team, personas.volunteer, at(DAY), 3)
    rebuild(org_tree.org)
    row = UserDayCount.objects.get(user=personas.volunteer, metric="contacts_made")
    assert (row.team_id, row.day, row.count) == (org_tree.north_team.pk, DAY, 3)


def test_it_cuts_days_in_the_orgs_time_zone(org_tree, personas):
    # 23:30 in New York is 04:30 UTC the next day: it belongs to the New York day.
    calls(org_tree.north_team, personas.volunteer, at(DAY, 23) + dt.timedelta(minutes=30))
    calls(org_tree.north_team, personas.volunteer, dt.datetime.combine(DAY, dt.time(0, 15), tzinfo=NY))
    rebuild(org_tree.org)
    assert _count(org_tree.north_team, DAY) == 2
    assert _count(org_tree.north_team, DAY + dt.timedelta(days=1)) == 0


def test_a_refresh_recomputes_recent_days_only(org_tree, personas):
    today = timezone.now().astimezone(NY).date()
    old = today - dt.timedelta(days=20)
    calls(org_tree.north_team, personas.volunteer, at(old))
    rebuild(org_tree.org)
    TeamDayCount.objects.filter(day=old).update(count=99)  # a stale old row a refresh must not touch
    calls(org_tree.north_team, personas.volunteer, timezone.now(), 2)
    rollups_refresh(org=org_tree.org)
    assert _count(org_tree.north_team, today) == 2
    assert _count(org_tree.north_team, old) == 99


def test_a_moved_team_makes_the_refresh_rebuild_the_org(org_tree, personas):
    calls(org_tree.north_team, personas.volunteer, at(DAY), 3)
    rebuild(org_tree.org)
    team_move(actor=_admin(personas), team=org_tree.north_team, new_parent=org_tree.south)
    rollups_refresh(org=org_tree.org)
    assert _count(Team.objects.get(pk=org_tree.north.pk)) == 0
    assert _count(Team.objects.get(pk=org_tree.south.pk)) == 3
    assert RollupState.objects.get(org=org_tree.org).tree_signature


def _admin(personas):
    from groundswell.orgs.access import Actor

    return Actor.for_user(personas.admin)
