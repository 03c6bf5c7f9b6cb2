"""Benchmark: how fast does a team's dashboard render on a large movement?

    bench/dashboard.py --db postgres [--teams 10000 --people 1000000 --activities 10000000] [--reuse]

Seeds (see _dashboard_seed.py) a tree of ~10,000 teams (national → 10 regions → 100 areas → chapters),
callers who belong to the chapters, people, and contact attempts spread over the last --days days; builds the
goal rollups with the real `rollups_rebuild`; adds goals (a national goal split evenly across the regions, a
region goal split across its areas); then requests `/teams/<slug>/dashboard/` — middleware, access checks,
selectors, attention hooks and template, the whole page a browser gets — as the root's admin, as a region
leader and as a chapter leader, --repeat times each after one warm-up request: the whole page with the cache
cleared before each request (`p50_ms`, `p95_ms`: the first look after a rollup refresh, the slowest case) and
the page's HTMX poll as it runs while the page is open (`poll_p50_ms`, `poll_p95_ms`). One JSON line per level.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/gs_dashboard")
    parser.add_argument("--teams", type=int, default=10_000)
    parser.add_argument("--callers", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--activities", type=int, default=10_000_000)
    parser.add_argument("--days", type=int, default=120, help="activity spread over this many past days")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--period", default="month", help="week, month, quarter or year")
    parser.add_argument("--reuse", action="store_true", help="keep the seeded database from the last run")
    parser.add_argument("--queries", action="store_true", help="print each level's slowest queries")
    return parser.parse_args()


def setup(args: argparse.Namespace) -> None:
    from _django import bench_database_url, setup_django

    setup_django(bench_database_url(args.db, args.url, Path("/tmp/gs_dashboard_bench.sqlite3"), reuse=args.reuse))


def stage(name: str, started: float, **extra) -> None:
    print(json.dumps({"bench": "dashboard.seed", "stage": name, "seconds": round(time.perf_counter() - started, 1),
                      **extra}), file=sys.stderr, flush=True)


def build(args: argparse.Namespace) -> None:
    from _dashboard_seed import seed
    from _django import vacuum_analyze

    from groundswell.goals.rollups import rollups_rebuild

    started = time.perf_counter()
    org, leaves = seed(teams=args.teams, callers=args.callers, people=args.people,
                       activities=args.activities, days=args.days)
    stage("rows", started, leaves=len(leaves))
    started = time.perf_counter()
    vacuum_analyze()
    stage("vacuum analyze", started)
    started = time.perf_counter()
    rollups_rebuild(org=org)
    stage("rollups_rebuild", started)
    add_goals(org)
    vacuum_analyze()


def add_goals(org) -> None:
    """A national contacts goal split evenly across regions; the first region's split across its areas."""
    import datetime as dt

    from groundswell.accounts.models import User
    from groundswell.goals.models import Goal
    from groundswell.goals.services import goal_create, goal_split
    from groundswell.orgs.access import Actor
    from groundswell.orgs.models import Team

    actor = Actor.for_user(User.objects.get(email="admin@bench.test"))
    today = dt.date.today()
    start, end = today.replace(day=1), today.replace(day=1) + dt.timedelta(days=60)
    national = goal_create(actor=actor, team=org, metric="contacts_made", start=start, end=end, target=5_000_000)
    goal_split(actor=actor, goal=national, rule=Goal.Split.EVENLY)
    region = Team.objects.get_children(org).first()
    region_goal = Goal.objects.get(parent=national, team=region)
    goal_split(actor=actor, goal=region_goal, rule=Goal.Split.EVENLY)


def refresh(org) -> None:
    """What the refresh task does at most every 30 s while a dashboard is open: recount the last two days."""
    from django.utils import timezone

    from groundswell.goals.models import RollupState
    from groundswell.goals.rollups import rollups_refresh

    RollupState.objects.filter(org=org).update(boards_kept_at=timezone.now())  # boards: timed on their own
    started = time.perf_counter()
    rollups_refresh(org=org)
    stage("rollups_refresh (last 2 days)", started)


def keep_boards(org) -> None:
    """What the refresh task does every few minutes: keep the large teams' leaderboards (timed)."""
    from groundswell.goals.dashboard import team_today
    from groundswell.goals.leaderboards import leaderboards_keep

    started = time.perf_counter()
    entries = leaderboards_keep(org=org, today=team_today(org))
    stage("leaderboards_keep", started, entries=entries)


def actors(org):
    """(level, team, user): the org's admin at the root, a leader of a region, a leader of a chapter."""
    from groundswell.accounts.models import User
    from groundswell.orgs.models import Membership, Team

    region = Team.objects.get_children(org).first()
    leaf = Team.objects.filter(path__startswith=region.path, depth=4).order_by("path").first()
    out = [("root", org, User.objects.get(email="admin@bench.test"))]
    for level, team in (("region", region), ("leaf", leaf)):
        user, _ = User.objects.get_or_create(email=f"{level}-lead@bench.test", defaults={"full_name": level})
        Membership.objects.get_or_create(user=user, team=team, defaults={"role": Membership.Role.LEADER})
        out.append((level, team, user))
    return out


def measure(args, level: str, team, user, counts: dict) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    url = f"/teams/{team.slug}/dashboard/?period={args.period}"
    response = client.get(url)
    assert response.status_code == 200, (level, response.status_code)
    page, cpus = [], []
    for _ in range(args.repeat):  # the whole page, with nothing cached: the first look after a refresh
        cache.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        page.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200
    polls = []
    for _ in range(args.repeat):  # the page's live poll (HTMX), as every open dashboard sends it
        wall = time.perf_counter()
        response = client.get(url, HTTP_HX_REQUEST="true")
        polls.append((time.perf_counter() - wall) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    if args.queries:
        for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:8]:
            print(f"  {level} {query['time']}s {query['sql'][:300]}", file=sys.stderr)
    return {"bench": "dashboard", "db": args.db, "level": level, "team": team.name, **counts,
            "period": args.period, "p50_ms": round(statistics.median(page), 1), "p95_ms": p95(page),
            "cpu_p50_ms": round(statistics.median(cpus), 1), "poll_p50_ms": round(statistics.median(polls), 1),
            "poll_p95_ms": p95(polls), "queries": len(queries.captured_queries),
            "load_avg_1m": round(os.getloadavg()[0], 2)}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1)


def main() -> None:
    args = parse_args()
    setup(args)
    if not args.reuse:
        build(args)
    from groundswell.goals.models import TeamDayCount, UserDayCount
    from groundswell.orgs.models import Team
    from groundswell.outreach.models import ContactAttempt
    from groundswell.people.models import Person

    org = Team.objects.get(slug="bench-movement")
    refresh(org)
    keep_boards(org)
    counts = {"teams": Team.objects.filter(path__startswith=org.path).count(),
              "people": Person.objects.filter(org=org).count(),
              "activities": ContactAttempt.objects.filter(org=org).count(),
              "team_day_rows": TeamDayCount.objects.filter(org=org).count(),
              "user_day_rows": UserDayCount.objects.filter(org=org).count()}
    for level, team, user in actors(org):
        print(json.dumps(measure(args, level, team, user, counts)), flush=True)
    print(json.dumps({"bench": "dashboard.memory", "peak_rss_mb":
                      round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}), file=sys.stderr)


if __name__ == "__main__":
    main()
