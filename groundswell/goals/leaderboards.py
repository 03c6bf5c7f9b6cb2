"""Kept leaderboards. A board sums the rollups of every volunteer in a team's subtree over the period: at the
root of a large movement that is tens of thousands of volunteers and ~100,000 rollup rows per look. For teams
that large the refresh task keeps the top volunteers of each metric and named period, at most every
KEEP_EVERY; the dashboard reads those few rows and says "as of" when. Smaller teams are counted live."""

import datetime as dt
import heapq
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from groundswell.goals.models import LeaderboardEntry, RollupState, UserDayCount
from groundswell.goals.selectors import PERIOD_DAYS, period_for
from groundswell.orgs.models import Team
from groundswell.orgs.selectors import subtree_paths

KEEP_MIN_ROWS = 5_000  # a team whose board sums fewer rollup rows than this is counted live
KEEP_EVERY = dt.timedelta(minutes=5)
TOP = 10


def boards_due(kept_at: dt.datetime | None, today: dt.date, zone: ZoneInfo) -> bool:
    """Whether the boards kept at `kept_at` are to be kept again: never kept, kept on another day (the named
    periods end today), or KEEP_EVERY ago."""
    return (kept_at is None or kept_at.astimezone(zone).date() != today
            or timezone.now() - kept_at >= KEEP_EVERY)


@transaction.atomic
def leaderboards_keep(*, org: Team, today: dt.date) -> int:
    """Recompute the kept boards of the organization's large teams for every named period ending `today`.
    One GROUP BY per period; each team's sums are added to all its ancestors by path prefix, in memory."""
    tree = subtree_paths(org)
    by_path = {path: pk for pk, path in tree.items()}
    now = timezone.now()
    entries = []
    for name in PERIOD_DAYS:
        period = period_for(name, today)
        sums: dict[tuple[int, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
        sizes: dict[tuple[int, str], int] = defaultdict(int)
        grouped = (UserDayCount.objects.filter(org=org, day__gte=period.start, day__lte=period.end)
                   .values_list("team", "metric", "user").annotate(n=Sum("count"), rows=Count("pk")).order_by())
        for team_id, metric, user_id, n, rows in grouped:
            path = tree.get(team_id, "")
            for prefix in Team.path_prefixes(path):
                ancestor = by_path.get(prefix)
                if ancestor is not None:
                    sums[ancestor, metric][user_id] += n
                    sizes[ancestor, metric] += rows
        for (team_id, metric), users in sums.items():
            if sizes[team_id, metric] < KEEP_MIN_ROWS:
                continue
            top = heapq.nsmallest(TOP, users.items(), key=lambda item: (-item[1], item[0]))
            entries += [LeaderboardEntry(org=org, team_id=team_id, metric=metric, period=name, day=today, rank=rank,
                                         user_id=user_id, count=n, computed_at=now)
                        for rank, (user_id, n) in enumerate(top, start=1)]
    LeaderboardEntry.objects.filter(org=org).delete()
    LeaderboardEntry.objects.bulk_create(entries, batch_size=2000)
    RollupState.objects.filter(org=org).update(boards_kept_at=now)
    return len(entries)
