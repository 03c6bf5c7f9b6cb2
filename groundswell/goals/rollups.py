"""Daily rollups: per (team, metric, day) the count of the team's *whole subtree*, and per (volunteer, team,
metric, day) for leaderboards, so a dashboard at the root of 10,000 teams reads a handful of rows instead of
scanning ten million activity rows.

Built set-based: one GROUP BY (team, day in the org's time zone) per metric source, then each team's counts
are added to every ancestor by its materialized-path prefixes (in memory: at most teams × days rows).

Freshness: the dashboard calls `ensure_fresh(org)`, which enqueues `refresh_goal_rollups` when today's
rollups are older than STALE_AFTER; with the db worker that runs within a second or two and the page's
HTMX poll shows the new numbers — the request itself never waits on a rebuild. A refresh recomputes only the
recent days (REFRESH_DAYS), unless the tree changed since the last run (a team moved: orgs need not know
about goals): then it rebuilds the whole org, since every ancestor's subtree sums move with it."""

import datetime as dt
import hashlib
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from groundswell.goals.leaderboards import boards_due, leaderboards_keep
from groundswell.goals.metrics import all_metrics
from groundswell.goals.models import RollupState, TeamDayCount, UserDayCount
from groundswell.orgs.models import Team
from groundswell.orgs.selectors import subtree_paths

REFRESH_DAYS = 2
STALE_AFTER = dt.timedelta(seconds=30)


def org_zone(org: Team) -> ZoneInfo:
    return ZoneInfo(org.time_zone)


def _signature(tree: dict[int, str]) -> str:
    text = ",".join(f"{pk}:{path}" for pk, path in sorted(tree.items()))
    return hashlib.sha256(text.encode()).hexdigest()


def _day_start(org: Team, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=org_zone(org))


def _grouped(org: Team, since: dt.date | None):
    """Yield (metric key, team id, user id or None, day, count) straight from GROUP BY queries."""
    zone = org_zone(org)
    for metric in all_metrics():
        for source in metric.sources:
            rows = source.rows(org).filter(**{f"{source.at}__isnull": False})
            if since is not None:
                rows = rows.filter(**{f"{source.at}__gte": _day_start(org, since)})
            user = source.user or source.team
            grouped = (rows.annotate(gday=TruncDate(source.at, tzinfo=zone))
                       .values_list(source.team, user, "gday").annotate(n=Count("pk")).order_by())
            for team_id, user_id, day, n in grouped:
                yield metric.key, team_id, user_id if source.user else None, day, n


def _build(org: Team, tree: dict[int, str], since: dt.date | None) -> None:
    by_path = {path: pk for pk, path in tree.items()}
    teams: dict[tuple[int, str, dt.date], int] = defaultdict(int)
    users: dict[tuple[int, int, str, dt.date], int] = defaultdict(int)
    for key, team_id, user_id, day, n in _grouped(org, since):
        path = tree.get(team_id)
        if path is None:
            continue
        for prefix in Team.path_prefixes(path):
            ancestor = by_path.get(prefix)
            if ancestor is not None:
                teams[ancestor, key, day] += n
        if user_id is not None:
            users[team_id, user_id, key, day] += n
    old_teams = TeamDayCount.objects.filter(org=org)
    old_users = UserDayCount.objects.filter(org=org)
    if since is not None:
        old_teams, old_users = old_teams.filter(day__gte=since), old_users.filter(day__gte=since)
    old_teams.delete()
    old_users.delete()
    TeamDayCount.objects.bulk_create(
        (TeamDayCount(org=org, team_id=t, metric=k, day=d, count=n) for (t, k, d), n in teams.items()),
        batch_size=5000)
    UserDayCount.objects.bulk_create(
        (UserDayCount(org=org, team_id=t, user_id=u, metric=k, day=d, count=n) for (t, u, k, d), n in users.items()),
        batch_size=5000)


@transaction.atomic
def rollups_rebuild(*, org: Team) -> None:
    """Recompute every rollup row of the organization from the activity tables."""
    tree = subtree_paths(org)
    _build(org, tree, since=None)
    RollupState.objects.update_or_create(org=org, defaults={
        "refreshed_at": timezone.now(), "tree_signature": _signature(tree)})
    leaderboards_keep(org=org, today=timezone.now().astimezone(org_zone(org)).date())


@transaction.atomic
def rollups_refresh(*, org: Team) -> None:
    """Recompute the recent days; the whole org when its tree changed since the last build."""
    tree = subtree_paths(org)
    today = timezone.now().astimezone(org_zone(org)).date()
    state = RollupState.objects.select_for_update().filter(org=org).first()
    if state is None or state.tree_signature != _signature(tree):
        _build(org, tree, since=None)
    else:
        _build(org, tree, since=today - dt.timedelta(days=REFRESH_DAYS - 1))
    RollupState.objects.update_or_create(org=org, defaults={
        "refreshed_at": timezone.now(), "tree_signature": _signature(tree)})
    if boards_due(state.boards_kept_at if state else None, today, org_zone(org)):
        leaderboards_keep(org=org, today=today)


def ensure_fresh(org: Team) -> str:
    """Enqueue a refresh when the org's rollups are older than STALE_AFTER (never blocks the request).
    Returns the rollups' version: it changes whenever they may have, so what is derived from them can be
    cached under it."""
    from groundswell.goals.tasks import refresh_goal_rollups

    state = RollupState.objects.filter(org=org).only("refreshed_at").first()
    if state is None or timezone.now() - state.refreshed_at > STALE_AFTER:
        # Mark it now so a burst of polls enqueues one refresh, not one each.
        state, _ = RollupState.objects.update_or_create(org=org, defaults={
            "refreshed_at": timezone.now(), "tree_signature": state.tree_signature if state else ""})
        refresh_goal_rollups.enqueue(org.pk)
    return state.refreshed_at.isoformat()
