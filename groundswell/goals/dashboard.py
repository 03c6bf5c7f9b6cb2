"""One team's dashboard as plain data: what the page, its CSV exports and the API all read."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from groundswell.goals import selectors
from groundswell.goals.attention import attention_items
from groundswell.goals.rollups import ensure_fresh, org_zone
from groundswell.goals.selectors import GoalLine, MetricLine, Period
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people.services import org_of


@dataclass
class Dashboard:
    team: Team
    period: Period
    today: dt.date
    metrics: list[MetricLine]
    goals: list[GoalLine]
    children: list[tuple[Team, list[tuple[str, int]]]]
    leaderboard_metric: str
    leaderboard_label: str
    leaderboard_as_of: dt.datetime | None
    volunteers: list[dict]
    teams: list[tuple[Team, int]]
    behind: list[GoalLine]
    attention: list[tuple[str, list[str]]]
    names: bool


def team_today(team: Team) -> dt.date:
    return timezone.now().astimezone(org_zone(org_of(team))).date()


def dashboard_for(actor: Actor, team: Team, period_name: str = "", board: str = "") -> Dashboard:
    """Read a team (already fetched with VIEW_REPORTS) from the rollups; enqueue a refresh when stale."""
    org = org_of(team)
    version = ensure_fresh(org)
    today = team_today(team)
    period = selectors.period_for(period_name, today)
    metrics = selectors.metric_lines(team, period)
    goals = selectors.goal_lines([g for g in selectors.team_goals(actor, team)
                                  if g.end >= period.start and g.start <= period.end], today)
    child_goals = selectors.goal_lines(selectors.children_goals(actor, team, today), today)
    breakdown = selectors.children_breakdown(team, period)
    names = actor.can(Cap.VIEW_MEMBERS, team)
    busiest = max(metrics, key=lambda m: m.total).metric.key if metrics else ""
    key = board if any(m.metric.key == board for m in metrics) else busiest
    return Dashboard(
        team=team, period=period, today=today, metrics=metrics, goals=goals,
        children=[(child, [(m.metric.key, sums.get(m.metric.key, 0)) for m in metrics]) for child, sums in breakdown],
        leaderboard_metric=key,
        leaderboard_label=next((m.metric.label for m in metrics if m.metric.key == key), key),
        leaderboard_as_of=selectors.leaderboard_kept_at(team, period),
        volunteers=selectors.volunteer_leaderboard(team, key, period, names=names, version=version),
        teams=selectors.team_leaderboard(breakdown, key),
        behind=[line for line in child_goals if not line.on_track],
        attention=attention_items(actor, team), names=names,
    )
