"""Benchmark: how many contacts per second can the claim queue hand out, and does it ever hand one out twice?

    bench/claims.py --db postgres --callers 50 --seconds 10 [--targets 50000] [--processes 1]
                    [--unreachable FRACTION [--no-parking]]
                    [--url postgresql://postgres@127.0.0.1:5432/gs_bench] [--queries] [--explain] [--profile N]

Fills a fresh database with an organization, a team, --callers volunteers, --targets people (each with a
phone, in a time zone where it is now between 10:00 and 20:00) on a static list, and a live call campaign
made from it by the real services (campaign_create, campaign_go_live → sync_targets). Then, for --seconds,
--callers threads — each with its own database connection — run the calling cycle through the real service
functions: claims.claim_next → attempts.record_attempt (result "no_answer" or "contacted", a fresh uuid4) →
claim again. In the same run, on equal tables copied before the first phase (`CREATE TABLE … (LIKE …
INCLUDING ALL)`, same rows, indexes and statistics, no foreign keys), the same cycle as bare SQL with psycopg:
one `UPDATE … WHERE id = (SELECT id … ORDER BY <the queue's order> FOR UPDATE SKIP LOCKED LIMIT 1)
RETURNING` claim statement and one attempt statement (an INSERT that also updates the target, as one CTE).
The bare claim checks only the target's own columns (the floor); the real one applies the whole eligibility
rule (opt-outs, a usable unsuppressed number, the contact's calling window). Both phases run the same way:
--callers threads, dealt over --processes forked processes (default 1).

`duplicates` counts pairs of claims of one target by two different callers whose holding times overlap
(from just before the claim was asked for to just after its attempt was stored: wider than the real
holding time, so it can only over-count). No target may be handed out twice in a run at all (every result
either finishes it or makes it wait hours), so `handed_twice` counts targets claimed by two callers, ever.

Prints one JSON line: {"bench": "claims", "db", "callers", "seconds", "claims", "claims_per_s",
"bare_claims_per_s", "ratio", "duplicates", "handed_unreachable", "machine_cpu_ms_per_cycle",
"bare_machine_cpu_ms_per_cycle", "cpu_ratio", "machine", "load_avg_1m", …}; details go to stderr.
machine_cpu_ms_per_cycle is the CPU the whole machine (PostgreSQL, Python, kernel) was busy per claim +
attempt during the phase (Linux's /proc/stat): on a machine whose speed drifts between runs it compares the
two paths more steadily than the rates, and with every core busy in both phases the rates' ratio follows it.
--queries prints the queries of one claim and one attempt (CaptureQueriesContext) to stderr;
--explain prints EXPLAIN ANALYZE of the real claim's SELECT.

--unreachable 0.4 gives that share of the people (spread evenly) no valid number: they are targets the
claim must never hand out, as in a real voter list. Going live parks them (outreach.parking);
--no-parking unparks them all again before the phases, to measure the queue without parking (they gather
at its front, and each claim walks past all of them).
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import threading
import time
import uuid
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import bench_database_url  # noqa: E402 - after the path is set
from _django import setup_django as django_for  # noqa: E402

# Zones tried in order; the first where it is now 10:00–20:00 (inside the default 09:00–21:00 window with an
# hour to spare at both ends) is the zone of every contact.
ZONES = ["America/Chicago", "America/New_York", "America/Los_Angeles", "Pacific/Honolulu", "Asia/Tokyo",
         "Asia/Kolkata", "Europe/Berlin", "Europe/London", "Atlantic/Azores", "America/Sao_Paulo",
         "Pacific/Auckland", "Australia/Sydney", "Asia/Dubai"]
RESULTS = ["no_answer", "contacted"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/gs_bench")
    parser.add_argument("--callers", type=int, default=None, help="concurrent callers (default 50; sqlite 8)")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--targets", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--queries", action="store_true", help="print the queries of one cycle to stderr")
    parser.add_argument("--explain", action="store_true", help="print the claim query's plan (PostgreSQL)")
    parser.add_argument("--processes", type=int, default=1,
                        help="split the callers (real and bare alike) over this many processes (one GIL each, "
                             "like web workers)")
    parser.add_argument("--unreachable", type=float, default=0.0, metavar="FRACTION",
                        help="share of the people with no valid number (never to be handed out)")
    parser.add_argument("--no-parking", action="store_true",
                        help="unpark every target before the phases (the queue as it was without parking)")
    parser.add_argument("--profile", type=int, metavar="N", default=0,
                        help="after the run, profile N cycles in one thread (cProfile, top functions to stderr)")
    args = parser.parse_args()
    if args.callers is None:
        args.callers = 50 if args.db == "postgres" else 8
    return args


def log(**fields) -> None:
    print(json.dumps(fields, default=str), file=sys.stderr, flush=True)


def setup_django(args: argparse.Namespace) -> None:
    url = bench_database_url(args.db, args.url, Path("/tmp/gs_bench_claims.sqlite3"))
    django_for(url)


def zone_in_window(now: dt.datetime) -> str:
    for name in ZONES:
        if 10 <= now.astimezone(zoneinfo.ZoneInfo(name)).hour < 20:
            return name
    raise SystemExit("no zone in the list is between 10:00 and 20:00 now")


def seed(args: argparse.Namespace):
    """The organization, its admin, a team with the callers, the people and the live campaign."""
    from django.db import transaction
    from django.utils import timezone

    from groundswell.accounts.models import User
    from groundswell.orgs.access import Actor
    from groundswell.orgs.models import Membership, Team
    from groundswell.orgs.services import team_create
    from groundswell.outreach.services import campaign_create, campaign_go_live
    from groundswell.people.models import ListMember, PeopleList, Person, Phone

    zone = zone_in_window(timezone.now())
    org = team_create(actor=None, parent=None, name="Bench Org", kind=Team.Kind.NATIONAL, time_zone=zone)
    team = team_create(actor=None, parent=Team.objects.get(pk=org.pk), name="Bench Phone Bank", kind="team")
    admin = User.objects.create_user(email="admin@bench.test", full_name="Bench Admin", password="x" * 20)
    Membership.objects.create(user=admin, team=org, role=Membership.Role.ADMIN)
    users = User.objects.bulk_create([User(email=f"caller{i}@bench.test", full_name=f"Caller {i}")
                                      for i in range(args.callers)])
    users = list(User.objects.filter(email__endswith="@bench.test").exclude(pk=admin.pk).order_by("pk"))
    Membership.objects.bulk_create([Membership(user=u, team=team, role=Membership.Role.VOLUNTEER) for u in users])
    rng = random.Random(args.seed)
    with transaction.atomic():
        people = Person.objects.bulk_create(
            [Person(org=org, team=team, first_name=f"First{i}", last_name=f"Last{i}", city="Springfield",
                    time_zone=zone) for i in range(args.targets)], batch_size=5_000)
        share = args.unreachable
        Phone.objects.bulk_create(
            [Phone(person=p, org=org, number=f"+1{rng.randint(201, 989)}555{i % 10_000:04d}", primary=True,
                   valid=int((i + 1) * share) == int(i * share))  # evenly spread: `share` of them invalid
             for i, p in enumerate(people)], batch_size=5_000)
        source = PeopleList.objects.create(org=org, team=team, name="Bench universe", kind="static", filters={})
        ListMember.objects.bulk_create([ListMember(list=source, person=p) for p in people], batch_size=5_000)
    actor = Actor.for_user(admin)
    campaign = campaign_create(actor=actor, team=Team.objects.get(pk=team.pk), name="Bench calls",
                               script="Hi {first_name}, this is {volunteer_first_name}.", people_list=source)
    campaign_go_live(actor=actor, campaign=campaign)
    if args.no_parking:
        from groundswell.outreach.models import Target

        Target.objects.filter(campaign=campaign).update(parked=False)
    return campaign, users, zone


@dataclass
class Phase:
    claims: list[tuple[int, int, float, float]] = field(default_factory=list)  # target, caller, asked, saved
    errors: dict[str, int] = field(default_factory=dict)
    empty: int = 0  # claims answered "nobody eligible"
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, rows, errors, empty) -> None:
        with self.lock:
            self.claims.extend(rows)
            self.empty += empty
            for name, n in errors.items():
                self.errors[name] = self.errors.get(name, 0) + n


def run_threads(n: int, seconds: float, work, start_at: float | None = None) -> float:
    """Start n threads on work(i, start_event, deadline) and return the wall seconds from start to last end.
    `start_at` (a perf_counter instant, the same clock in every process) lets several processes start together."""
    start = threading.Event()
    deadline = [0.0]
    threads = [threading.Thread(target=work, args=(i, start, deadline)) for i in range(n)]
    for thread in threads:
        thread.start()
    if start_at is None:
        time.sleep(0.5)  # every thread connected and waiting
        start_at = time.perf_counter()
    else:
        time.sleep(max(0.0, start_at - time.perf_counter()))
    deadline[0] = start_at + seconds
    start.set()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start_at


def real_phase(args, campaign, users, start_at: float | None = None) -> tuple[Phase, float]:
    """The calling cycle through the real services, one Django connection per thread."""
    from django.db import connection

    from groundswell.orgs.access import Actor
    from groundswell.outreach.attempts import record_attempt
    from groundswell.outreach.claims import claim_next
    from groundswell.outreach.models import Campaign

    phase = Phase()

    def caller(i, start, deadline):
        rows, errors, empty = [], {}, 0
        rng = random.Random(users[i].pk)
        try:
            actor = Actor.for_user(users[i])
            mine = Campaign.objects.select_related("team", "org", "people_list").get(pk=campaign.pk)
            start.wait()
            while time.perf_counter() < deadline[0]:
                asked = time.perf_counter()
                try:
                    target = claim_next(actor=actor, campaign=mine)
                    if target is None:
                        empty += 1
                        continue
                    record_attempt(actor=actor, campaign=mine, target_id=target.pk, result=rng.choice(RESULTS),
                                   client_uuid=uuid.uuid4(), duration_seconds=rng.randint(5, 300))
                    rows.append((target.pk, users[i].pk, asked, time.perf_counter()))
                except Exception as exc:  # counted and reported: a bench must not stop at the first error
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
        finally:
            phase.add(rows, errors, empty)
            connection.close()

    return phase, run_threads(len(users), args.seconds, caller, start_at)


def in_processes(args, campaign, users, run) -> tuple[Phase, float, float]:
    """`run` (real_phase or bare_phase) split over --processes forked processes (as web workers would be: one
    GIL each), the callers dealt round-robin. Returns the merged phase, the wall seconds and the CPU seconds of
    all children."""
    import multiprocessing

    from django.db import connections

    connections.close_all()  # a forked child must not share the parent's socket
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    start_at = time.perf_counter() + 2.0 + 0.05 * len(users)
    children = [context.Process(target=_child, args=(run, args, campaign, users[k::args.processes], start_at,
                                                     results))
                for k in range(args.processes)]
    for child in children:
        child.start()
    answers = [results.get() for _ in children]
    for child in children:
        child.join()
    phase = Phase()
    for rows, errors, empty, _, _ in answers:
        phase.add(rows, errors, empty)
    return phase, max(a[4] for a in answers), sum(a[3] for a in answers)


def _child(run, args, campaign, users, start_at: float, results) -> None:
    cpu = time.process_time()
    phase, wall = run(args, campaign, users, start_at)
    results.put((phase.claims, phase.errors, phase.empty, time.process_time() - cpu, wall))


def measured(args, campaign, users, run) -> tuple[Phase, float, float, float | None]:
    """One phase, real or bare, measured the same way: (phase, wall seconds, Python CPU seconds, CPU seconds
    the whole machine was busy — PostgreSQL and the kernel included; None off Linux)."""
    busy = machine_busy_seconds()
    if args.processes > 1:
        phase, wall, cpu = in_processes(args, campaign, users, run)
    else:
        cpu = time.process_time()
        phase, wall = run(args, campaign, users)
        cpu = time.process_time() - cpu
    after = machine_busy_seconds()
    return phase, wall, cpu, None if busy is None or after is None else after - busy


def ms_per_cycle(seconds: float | None, phase: Phase, digits: int) -> float | None:
    """`seconds` spread over the phase's claim + attempt cycles, in milliseconds (None stays None)."""
    return None if seconds is None else round(seconds / max(len(phase.claims), 1) * 1000, digits)


def machine_busy_seconds() -> float | None:
    """CPU seconds all cores have spent not idle since boot (/proc/stat), or None where there is none. On a
    machine whose speed drifts from minute to minute, CPU per cycle compares two phases better than rates."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(v) for v in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = ticks
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


BARE_CLAIM = """
UPDATE bare_target SET claimed_by_id = %(caller)s, claimed_at = now(), claimed_until = now() + interval '10 minutes'
WHERE id = (
    SELECT id FROM bare_target
    WHERE campaign_id = %(campaign)s AND done = false AND removed_at IS NULL AND attempts < %(max_attempts)s
      AND (next_attempt_at IS NULL OR next_attempt_at <= now())
      AND (claimed_until IS NULL OR claimed_until <= now())
    ORDER BY parked, COALESCE(GREATEST(next_attempt_at, claimed_until), next_attempt_at, claimed_until, added_at), id
    FOR UPDATE SKIP LOCKED LIMIT 1
)
RETURNING id, person_id
"""
BARE_ATTEMPT = """
WITH attempt AS (
    INSERT INTO bare_attempt (org_id, campaign_id, target_id, person_id, caller_id, channel, result, answers, notes,
                              phone_number, duration_seconds, client_uuid, applied, created_at)
    VALUES (%(org)s, %(campaign)s, %(target)s, %(person)s, %(caller)s, 'call', %(result)s, '{}', '', '',
            %(duration)s, %(uuid)s, true, now())
    RETURNING target_id
)
UPDATE bare_target SET attempts = attempts + 1, last_result = %(result)s, last_attempt_at = now(),
    done = %(done)s, next_attempt_at = CASE WHEN %(done)s THEN NULL ELSE now() + interval '4 hours' END,
    claimed_by_id = NULL, claimed_until = NULL
WHERE id = (SELECT target_id FROM attempt)
"""


def copy_tables(vendor: str) -> None:
    """bare_target and bare_attempt: the same columns, rows and indexes as the real tables, no foreign keys."""
    from django.db import connection

    from groundswell.outreach.models import ContactAttempt, Target

    with connection.cursor() as cur:
        for bare, model in (("bare_target", Target), ("bare_attempt", ContactAttempt)):
            table = model._meta.db_table
            if vendor == "postgresql":
                cur.execute(f"CREATE TABLE {bare} (LIKE {table} INCLUDING ALL)")
            else:
                cur.execute("SELECT sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL", [table])
                statements = [sql for (sql,) in cur.fetchall()]
                create = statements[0].replace(f'"{table}"', f'"{bare}"', 1)
                cur.execute(_drop_references(create))
                for sql in statements[1:]:
                    if "INDEX" in sql:
                        cur.execute(sql.replace(f'"{table}"', f'"{bare}"').replace('INDEX "', f'INDEX "{bare}_'))
        cur.execute(f"INSERT INTO bare_target SELECT * FROM {Target._meta.db_table}")
        # Statistics for every table, the real ones as well as the copies (autovacuum would gather them on a
        # live server within a minute of the campaign going live; without them the planner guesses).
        cur.execute("ANALYZE")


def _drop_references(create: str) -> str:
    import re

    return re.sub(r" REFERENCES \"\w+\" \(\"\w+\"\)( DEFERRABLE INITIALLY DEFERRED)?", "", create)


def bare_phase(args, campaign, users, start_at: float | None = None) -> tuple[Phase, float]:
    """The same cycle as two SQL statements per step, psycopg (or sqlite3) directly, no ORM."""
    from django.conf import settings

    phase = Phase()
    params = {"campaign": campaign.pk, "org": campaign.org_id, "max_attempts": campaign.max_attempts}

    def connect():
        if args.db == "postgres":
            import psycopg

            return psycopg.connect(args.url, autocommit=True)
        import sqlite3

        conn = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=20, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        return conn

    def caller(i, start, deadline):
        rows, errors, empty = [], {}, 0
        rng = random.Random(i)
        conn = connect()
        try:
            start.wait()
            while time.perf_counter() < deadline[0]:
                asked = time.perf_counter()
                try:
                    got = _bare_claim(conn, args.db, params | {"caller": users[i].pk})
                    if got is None:
                        empty += 1
                        continue
                    result = rng.choice(RESULTS)
                    _bare_attempt(conn, args.db, params | {
                        "caller": users[i].pk, "target": got[0], "person": got[1], "result": result,
                        "done": result == "contacted", "duration": rng.randint(5, 300), "uuid": str(uuid.uuid4())})
                    rows.append((got[0], i, asked, time.perf_counter()))
                except Exception as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
        finally:
            phase.add(rows, errors, empty)
            conn.close()

    return phase, run_threads(len(users), args.seconds, caller, start_at)


def _bare_claim(conn, db: str, params: dict):
    if db == "postgres":
        return conn.execute(BARE_CLAIM, params).fetchone()
    # SQLite: no row locks; one IMMEDIATE transaction makes the claim the single writer's, as the real path does.
    sql = BARE_CLAIM.replace("FOR UPDATE SKIP LOCKED ", "").replace("now() + interval '10 minutes'",
                                                                     "datetime('now', '+10 minutes')")
    # SQLite's GREATEST is the many-argument MAX() (NULL when one side is: the queue's order allows for that), and
    # SQLite uses the partial index target_queue only for `done = 0`, as written in its WHERE.
    sql = sql.replace("now()", "datetime('now')").replace("GREATEST(", "MAX(").replace("done = false", "done = 0")
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(_named(sql), params).fetchone()
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return row


def _bare_attempt(conn, db: str, params: dict) -> None:
    if db == "postgres":
        conn.execute(BARE_ATTEMPT, params)
        return
    # SQLite has no data-modifying CTE: the insert and the update, in one IMMEDIATE transaction.
    insert, update = BARE_ATTEMPT.split("RETURNING target_id\n)")
    insert = insert.replace("WITH attempt AS (", "")
    update = update.replace("(SELECT target_id FROM attempt)", "%(target)s")
    update = update.replace("now() + interval '4 hours'", "datetime('now', '+4 hours')")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(_named(insert.replace("now()", "datetime('now')")), params)
        conn.execute(_named(update.replace("now()", "datetime('now')")), params)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise


def _named(sql: str) -> str:
    import re

    return re.sub(r"%\((\w+)\)s", r":\1", sql)


def duplicates(phase: Phase) -> tuple[int, int]:
    """(overlapping holds of one target by two callers, targets ever claimed by two callers)."""
    by_target: dict[int, list[tuple[float, float, int]]] = {}
    for target, caller, asked, saved in phase.claims:
        by_target.setdefault(target, []).append((asked, saved, caller))
    overlaps = twice = 0
    for holds in by_target.values():
        if len({caller for _, _, caller in holds}) > 1:
            twice += 1
        holds.sort()
        for (_, end, first), (begin, _, second) in zip(holds, holds[1:], strict=False):
            if first != second and begin < end:
                overlaps += 1
    return overlaps, twice


def handed_unreachable(phase: Phase) -> int:
    """Claims of a person with no valid number (--unreachable): the claim must never hand one out."""
    from groundswell.outreach.models import Target

    claimed = {target for target, _, _, _ in phase.claims}
    return Target.objects.filter(pk__in=claimed).exclude(person__phones__valid=True).count()


def count_queries(campaign, users) -> None:
    """The queries of one claim and one attempt through the services (stderr)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from groundswell.orgs.access import Actor
    from groundswell.outreach.attempts import record_attempt
    from groundswell.outreach.claims import claim_next

    actor = Actor.for_user(users[0])
    # One whole cycle first: warms the per-minute caches, as a running bank has them, and leaves the caller
    # holding nothing, so the measured claim takes a new contact (not the held-contact path).
    warm = claim_next(actor=actor, campaign=campaign)
    record_attempt(actor=actor, campaign=campaign, target_id=warm.pk, result="no_answer", client_uuid=uuid.uuid4())
    with CaptureQueriesContext(connection) as claim_q:
        target = claim_next(actor=actor, campaign=campaign)
    with CaptureQueriesContext(connection) as attempt_q:
        record_attempt(actor=actor, campaign=campaign, target_id=target.pk, result="no_answer",
                       client_uuid=uuid.uuid4())
    for name, captured in (("claim", claim_q), ("attempt", attempt_q)):
        total = sum(float(q["time"]) for q in captured.captured_queries)
        log(step=name, queries=len(captured), db_ms=round(total * 1000, 2))
        for q in captured.captured_queries:
            print(f"  [{q['time']}s] {q['sql'][:400]}", file=sys.stderr)


def profile(campaign, users, cycles: int) -> None:
    """Where the Python time of one caller's cycle goes (single thread: no GIL contention in the figures)."""
    import cProfile
    import pstats

    from groundswell.orgs.access import Actor
    from groundswell.outreach.attempts import record_attempt
    from groundswell.outreach.claims import claim_next

    actor = Actor.for_user(users[-1])

    def cycles_of_one_caller():
        for _ in range(cycles):
            target = claim_next(actor=actor, campaign=campaign)
            record_attempt(actor=actor, campaign=campaign, target_id=target.pk, result="no_answer",
                           client_uuid=uuid.uuid4())

    started, cpu = time.perf_counter(), time.process_time()
    profiler = cProfile.Profile()
    profiler.runcall(cycles_of_one_caller)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    log(step="profile", cycles=cycles, wall_ms_per_cycle=round(wall / cycles * 1000, 1),
        cpu_ms_per_cycle=round(cpu / cycles * 1000, 1))
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)


def explain(campaign, users) -> None:
    from django.db import connection, transaction

    from groundswell.outreach import eligibility

    queue = eligibility.queue(campaign).select_for_update(skip_locked=True, of=("self",))
    with transaction.atomic(), connection.cursor() as cur:
        sql, params = queue.values_list("pk", flat=True)[:1].query.sql_with_params()
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        print("\n".join(row[0] for row in cur.fetchall()), file=sys.stderr)
        transaction.set_rollback(True)  # EXPLAIN ANALYZE took the row lock; hold nothing


def machine() -> str:
    cpus = os.cpu_count()
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{cpus} vCPU{mem}, {platform.system()} {platform.machine()}, Python {platform.python_version()}"


def server_version() -> str:
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SHOW server_version")
            return "PostgreSQL " + cur.fetchone()[0].split()[0]
        cur.execute("SELECT sqlite_version()")
        return "SQLite " + cur.fetchone()[0]


def main() -> None:
    args = parse_args()
    setup_django(args)
    from django.db import connection

    started = time.perf_counter()
    campaign, users, zone = seed(args)
    copy_tables(connection.vendor)
    log(step="seeded", targets=args.targets, callers=len(users), zone=zone,
        seconds=round(time.perf_counter() - started, 1))
    if args.explain and connection.vendor == "postgresql":
        explain(campaign, users)
    load_start = os.getloadavg()[0]
    real, real_wall, real_cpu, real_busy = measured(args, campaign, users, real_phase)
    load_mid = os.getloadavg()[0]
    bare, bare_wall, bare_cpu, bare_busy = measured(args, campaign, users, bare_phase)
    load_end = os.getloadavg()[0]
    if args.queries:
        count_queries(campaign, users)
    if args.profile:
        profile(campaign, users, args.profile)
    real_dup, real_twice = duplicates(real)
    bare_dup, bare_twice = duplicates(bare)
    unreachable = handed_unreachable(real)
    # Python CPU (all threads of this process) per claim+attempt cycle: what one web process would spend.
    real_cpu_ms, bare_cpu_ms = ms_per_cycle(real_cpu, real, 1), ms_per_cycle(bare_cpu, bare, 2)
    # The whole machine's busy CPU per cycle (PostgreSQL, Python, kernel): when both phases keep every core
    # busy, the rates' ratio is the ratio of these, and it is steadier than the rates.
    real_busy_ms, bare_busy_ms = ms_per_cycle(real_busy, real, 3), ms_per_cycle(bare_busy, bare, 3)
    log(step="real", claims=len(real.claims), wall=round(real_wall, 2), empty=real.empty, errors=real.errors,
        duplicates=real_dup, handed_twice=real_twice, cpu_ms_per_cycle=real_cpu_ms, load_avg_1m=load_mid)
    log(step="bare", claims=len(bare.claims), wall=round(bare_wall, 2), empty=bare.empty, errors=bare.errors,
        duplicates=bare_dup, handed_twice=bare_twice, cpu_ms_per_cycle=bare_cpu_ms, load_avg_1m=load_end)
    rate, bare_rate = len(real.claims) / real_wall, len(bare.claims) / bare_wall
    print(json.dumps({
        "bench": "claims", "db": args.db, "callers": args.callers, "processes": args.processes,
        "seconds": args.seconds,
        "claims": len(real.claims), "claims_per_s": round(rate, 1), "bare_claims_per_s": round(bare_rate, 1),
        "ratio": round(rate / bare_rate, 3) if bare_rate else None, "duplicates": real_dup,
        "handed_twice": real_twice, "bare_duplicates": bare_dup, "errors": sum(real.errors.values()),
        "unreachable": args.unreachable, "parking": not args.no_parking, "handed_unreachable": unreachable,
        "python_cpu_ms_per_cycle": real_cpu_ms, "bare_python_cpu_ms_per_cycle": bare_cpu_ms,
        "machine_cpu_ms_per_cycle": real_busy_ms, "bare_machine_cpu_ms_per_cycle": bare_busy_ms,
        "cpu_ratio": round(bare_busy_ms / real_busy_ms, 3) if real_busy_ms and bare_busy_ms else None,
        "machine": f"{machine()}, {server_version()}", "load_avg_1m": round(load_start, 2),
        "load_avg_1m_end": round(load_end, 2),
    }), flush=True)


if __name__ == "__main__":
    main()
