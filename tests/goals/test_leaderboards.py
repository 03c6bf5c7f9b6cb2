"""Kept leaderboards: large teams' boards are computed by the refresh and equal the live count."""

import datetime as dt

import pytest
from django.utils import timezone

from groundswell.goals import leaderboards
from groundswell.goals.models import LeaderboardEntry, LeaderboardOptOut, RollupState
from groundswell.goals.rollups import rollups_refresh
from groundswell.goals.selectors import Period, period_for, volunteer_leaderboard
from tests.goals.helpers import NY, calls, rebuild


@pytest.fixture
def keep_every_team(monkeypatch):
    monkeypatch.setattr(leaderboards, "KEEP_MIN_ROWS", 1)


def _today():
    return timezone.now().astimezone(NY).date()


def _activity(org_tree, personas):
    now = timezone.now()
    calls(org_tree.north_team, personas.volunteer, now, 3)
    calls(org_tree.north_chapter, personas.leader, now, 4)
    calls(org_tree.south_team, personas.admin, now - dt.timedelta(days=20), 5)
    rebuild(org_tree.org)


def _ranking(board):
    return [(row["user_id"], row["count"]) for row in board]


def test_kept_boards_equal_the_live_count_for_every_team_and_period(org_tree, personas, keep_every_team):
    _activity(org_tree, personas)
    assert LeaderboardEntry.objects.filter(team=org_tree.org).exists()
    for team in (org_tree.org, org_tree.north, org_tree.north_chapter, org_tree.south):
        for name in ("week", "month", "quarter", "year"):
            period = period_for(name, _today())
            kept = volunteer_leaderboard(team, "contacts_made", period, names=True)
            live = volunteer_leaderboard(team, "contacts_made", Period(period.start, period.end), names=True)
            assert kept == live, (team.name, name)
    week = volunteer_leaderboard(org_tree.org, "contacts_made", period_for("week", _today()), names=True)
    assert _ranking(week) == [(personas.leader.pk, 4), (personas.volunteer.pk, 3)]


def test_small_teams_are_counted_live_and_not_kept(org_tree, personas):
    _activity(org_tree, personas)
    assert not LeaderboardEntry.objects.exists()
    board = volunteer_leaderboard(org_tree.org, "contacts_made", period_for("month", _today()), names=True)
    assert _ranking(board) == [(personas.admin.pk, 5), (personas.leader.pk, 4), (personas.volunteer.pk, 3)]


def test_the_dashboard_reads_the_kept_board_and_says_as_of_when(org_tree, personas, client_for, keep_every_team):
    _activity(org_tree, personas)
    LeaderboardEntry.objects.filter(team=org_tree.org, user=personas.admin).update(count=99)  # tell them apart
    page = client_for(personas.admin).get(f"/teams/{org_tree.org.slug}/dashboard/?board=contacts_made")
    assert _ranking(page.context["board"].volunteers)[0] == (personas.admin.pk, 99)
    assert "Volunteers ranked as of" in page.content.decode()


def test_an_opted_out_volunteer_stays_anonymous_on_a_kept_board(org_tree, personas, keep_every_team):
    _activity(org_tree, personas)
    LeaderboardOptOut.objects.create(user=personas.leader)
    board = volunteer_leaderboard(org_tree.org, "contacts_made", period_for("week", _today()), names=True)
    assert board[0] == {"rank": 1, "name": "Volunteer 1", "count": 4, "user_id": None}


def test_the_refresh_keeps_boards_at_most_every_few_minutes(org_tree, personas, keep_every_team):
    _activity(org_tree, personas)
    kept_at = RollupState.objects.get(org=org_tree.org).boards_kept_at
    calls(org_tree.north_team, personas.volunteer, timezone.now(), 10)
    rollups_refresh(org=org_tree.org)
    assert RollupState.objects.get(org=org_tree.org).boards_kept_at == kept_at  # not due yet
    week = period_for("week", _today())
    assert _ranking(volunteer_leaderboard(org_tree.org, "contacts_made", week, names=True))[0][1] == 4
    RollupState.objects.filter(org=org_tree.org).update(boards_kept_at=kept_at - leaderboards.KEEP_EVERY)
    rollups_refresh(org=org_tree.org)
    assert _ranking(volunteer_leaderboard(org_tree.org, "contacts_made", week, names=True))[0] == \
        (personas.volunteer.pk, 13)
