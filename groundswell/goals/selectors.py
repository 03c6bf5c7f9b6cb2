"""Reads for dashboards, rows pages and goals; every team comes through orgs/access.py first."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import F, Q, QuerySet, Sum

from groundswell.goals.metrics import Metric, all_metrics, get_metric
from groundswell.goals.models import Goal, LeaderboardEntry, LeaderboardOptOut, TeamDayCount, UserDayCount
from groundswell.orgs.access import Actor, visible_teams
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap

LEADERBOARD_CACHE_SECONDS = 15 * 60
PERIOD_DAYS = {"week": 7, "month": 30, "quarter": 91, "year": 365}


@dataclass
class Period:
    start: dt.date
    end: dt.date
    name: str = ""  # "week", "month", "quarter" or "year" when it is one of the named periods ending today

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class GoalLine:
    goal: Goal
    actual: int
    expected: int
    chart: str = ""

    @property
    def on_track(self) -> bool:
        return self.actual >= self.expected

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.actual / self.goal.target))


@dataclass
class MetricLine:
    metric: Metric
    total: int
    has_data: bool
    series: list[tuple[dt.date, int]] = field(default_factory=list)
    chart: str = ""


def period_for(value: str, today: dt.date) -> Period:
    """"week", "month" (default), "quarter" or "year" ending today; anything else is the month."""
    name = value if value in PERIOD_DAYS else "month"
    return Period(today - dt.timedelta(days=PERIOD_DAYS[name] - 1), today, name)


def team_goals(actor: Actor, team: Team) -> QuerySet[Goal]:
    """Goals of a team the actor may see reports for (team goals and its members' personal goals)."""
    return Goal.objects.filter(team=team, team__in=visible_teams(actor, Cap.VIEW_REPORTS)).select_related("member")


def goals_for(actor: Actor) -> QuerySet[Goal]:
    return Goal.objects.filter(team__in=visible_teams(actor, Cap.VIEW_REPORTS)).select_related("team", "member")


def get_goal_for(actor: Actor, goal_id: int, cap: Cap = Cap.VIEW_REPORTS) -> Goal:
    from groundswell.common.errors import NotFound, PermissionDenied

    # Found among every team the actor sees, so a member without `cap` gets "not allowed", not "not found".
    goal = Goal.objects.filter(pk=goal_id, team__in=visible_teams(actor)).select_related("team", "member").first()
    if goal is None:
        raise NotFound("goal")
    if not actor.can(cap, goal.team):
        raise PermissionDenied("you may not manage goals on this team")
    return goal


def _counts(team: Team, period: Period) -> QuerySet:
    return TeamDayCount.objects.filter(team=team, day__gte=period.start, day__lte=period.end)


def metric_lines(team: Team, period: Period) -> list[MetricLine]:
    totals: dict[str, int] = {}
    series: dict[str, dict[dt.date, int]] = {}
    for key, day, count in _counts(team, period).values_list("metric", "day", "count"):
        totals[key] = totals.get(key, 0) + count
        series.setdefault(key, {})[day] = count
    lines = []
    for metric in all_metrics():
        days = series.get(metric.key, {})
        running, points = 0, []
        for offset in range(period.days):
            day = period.start + dt.timedelta(days=offset)
            running += days.get(day, 0)
            points.append((day, running))
        lines.append(MetricLine(metric, totals.get(metric.key, 0), metric.key in totals, points))
    return lines


def goal_progress(goal: Goal, today: dt.date) -> GoalLine:
    return goal_lines([goal], today)[0]


def goal_lines(goals: list[Goal], today: dt.date) -> list[GoalLine]:
    """Progress of many goals: team goals read the rollups in one query, members' goals one query each."""
    team_goals = [g for g in goals if not g.member_id]
    days: dict[tuple[int, str], list[tuple[dt.date, int]]] = {}
    if team_goals:
        rows = TeamDayCount.objects.filter(
            team__in={g.team_id for g in team_goals}, metric__in={g.metric for g in team_goals},
            day__gte=min(g.start for g in team_goals), day__lte=max(min(today, g.end) for g in team_goals))
        for team_id, key, day, count in rows.values_list("team", "metric", "day", "count"):
            days.setdefault((team_id, key), []).append((day, count))
    lines = []
    for goal in goals:
        end = min(today, goal.end)
        if goal.member_id:
            actual = UserDayCount.objects.filter(
                user=goal.member_id, team__path__startswith=goal.team.path, metric=goal.metric,
                day__gte=goal.start, day__lte=end).aggregate(n=Sum("count"))["n"] or 0
        else:
            actual = sum(n for day, n in days.get((goal.team_id, goal.metric), ()) if goal.start <= day <= end)
        span = (goal.end - goal.start).days + 1
        elapsed = max(0, min(span, (today - goal.start).days + 1))
        lines.append(GoalLine(goal, actual, round(goal.target * elapsed / span)))
    return lines


def children_goals(actor: Actor, team: Team, today: dt.date) -> list[Goal]:
    """The current team goals of the teams directly below `team`, in one query."""
    return list(Goal.objects.filter(team__in=Team.objects.get_children(team), member__isnull=True,
                                    start__lte=today, end__gte=today)
                .filter(team__in=visible_teams(actor, Cap.VIEW_REPORTS)).select_related("team"))


def children_breakdown(team: Team, period: Period) -> list[tuple[Team, dict[str, int]]]:
    children = list(Team.objects.get_children(team))
    rows = TeamDayCount.objects.filter(team__in=children, day__gte=period.start, day__lte=period.end)
    sums: dict[int, dict[str, int]] = {child.pk: {} for child in children}
    for team_id, key, n in rows.values_list("team", "metric").annotate(n=Sum("count")).order_by():
        sums[team_id][key] = n
    return [(child, sums[child.pk]) for child in children]


def volunteer_leaderboard(team: Team, metric: str, period: Period, *, names: bool, version: str = "",
                          limit: int = 10) -> list[dict]:
    """Top volunteers in the team's subtree for one metric. Opted-out volunteers and, when `names` is false
    (no VIEW_MEMBERS), everyone, are shown as "Volunteer N" — the counts stay so the board still adds up.
    With the rollups' `version` the ranking is cached until they change: at the root of a large movement it
    sums tens of thousands of rows, and every open dashboard polls it."""
    rows = kept_leaderboard(team, metric, period, limit)
    key = f"goals:leaderboard:{team.pk}:{metric}:{period.start}:{period.end}:{limit}:{version}"
    if rows is None and version:
        rows = cache.get(key)
    if rows is None:
        counts = UserDayCount.objects.filter(metric=metric, day__gte=period.start, day__lte=period.end)
        # The whole organization needs no join to the team tree (and has its own index).
        counts = counts.filter(org=team) if team.is_root() else counts.filter(team__path__startswith=team.path)
        rows = list(counts.values("user", "user__email", "user__full_name")
                    .annotate(n=Sum("count")).order_by("-n", "user")[:limit])
        if version:
            cache.set(key, rows, LEADERBOARD_CACHE_SECONDS)
    hidden = set(LeaderboardOptOut.objects.filter(user__in=[r["user"] for r in rows]).values_list("user", flat=True))
    board = []
    for rank, row in enumerate(rows, start=1):
        shown = names and row["user"] not in hidden
        name = (row["user__full_name"] or row["user__email"]) if shown \
            else f"Volunteer {rank}"
        board.append({"rank": rank, "name": name, "count": row["n"], "user_id": row["user"] if shown else None})
    return board


def kept_leaderboard(team: Team, metric: str, period: Period, limit: int) -> list[dict] | None:
    """The board kept by `leaderboards.leaderboards_keep` for a large team, or None when there is none for
    this period as of its last day (then the caller counts it live)."""
    if not period.name:
        return None
    kept = list(LeaderboardEntry.objects.filter(team=team, metric=metric, period=period.name, day=period.end)
                .order_by("rank")[:limit].values("user", "user__email", "user__full_name", n=F("count")))
    return kept or None


def leaderboard_kept_at(team: Team, period: Period) -> dt.datetime | None:
    """When the team's kept boards were computed, when it has any for this period (shown as "as of")."""
    entry = LeaderboardEntry.objects.filter(team=team, period=period.name, day=period.end).only("computed_at").first()
    return entry.computed_at if entry else None


def team_leaderboard(breakdown: list[tuple[Team, dict[str, int]]], metric: str) -> list[tuple[Team, int]]:
    """The child teams ranked by one metric, from `children_breakdown`."""
    ranked = [(child, sums.get(metric, 0)) for child, sums in breakdown]
    return sorted(ranked, key=lambda pair: -pair[1])


def counted_rows(actor: Actor, team: Team, metric: Metric, period: Period, *, user_id: int | None = None):
    """The rows a number counts: (source, queryset) for each source, limited to the team's subtree and the
    period in the org's time zone — the same filters the rollups used, so the count equals len(rows)."""
    from groundswell.goals.rollups import _day_start
    from groundswell.people.services import org_of

    org = org_of(team)
    start, end = _day_start(org, period.start), _day_start(org, period.end + dt.timedelta(days=1))
    for source in metric.sources:
        rows = source.rows(org).filter(**{f"{source.team}__in": visible_teams(actor, Cap.VIEW_REPORTS)})
        rows = rows.filter(Q(**{f"{source.team}__path__startswith": team.path}),
                           **{f"{source.at}__gte": start, f"{source.at}__lt": end})
        if user_id is not None:
            rows = rows.filter(**{source.user: user_id}) if source.user else rows.none()
        yield source, rows.order_by(f"-{source.at}")


def known_metric(key: str) -> Metric | None:
    return get_metric(key)


def child_teams(team: Team) -> list[Team]:
    """The teams directly below `team` (a team the caller already fetched through access)."""
    return list(Team.objects.get_children(team))
