"""Benchmark: how fast do saved lists count on a large CRM?

    bench/list_count.py --people 1000000 --db postgres [--url postgresql://postgres@127.0.0.1:5432/gs_lists]

Fills a fresh database with seeded people (phones, emails, tags, votes, custom fields, opt-outs in realistic
proportions) using COPY on PostgreSQL — this bench is about counting, not importing — runs ANALYZE, then
times `list_people(actor, saved_list).count()`, the path every page and campaign uses, for several realistic
saved filters. Prints one JSON line per filter: the median of --repeat runs in milliseconds.

The vote-history filters read Person.voted_mask (people.vote_summary), which the seeding fills as an import
would; `--vote-table` measures them the old way, from the Vote rows, on the same data.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FILTERS = {
    "everyone (no filter; the floor of any count)": {},
    "party+registration": {"party": ["DEM"], "registration_status": ["active"]},
    "tag any": {"tags": {"any": ["volunteer", "donor"]}},
    "voted 2 of last 4": {
        "voted": {"at_least": {"n": 2, "of": ["2024-general", "2022-general", "2020-general", "2018-general"]}}
    },
    "voted any of 2024/2022 generals": {"voted": {"any": ["2024-general", "2022-general"]}},
    "voted all of 2024/2022 generals": {"voted": {"all": ["2024-general", "2022-general"]}},
    "did not vote in 2024 general": {"voted": {"none": ["2024-general"]}},
    "radius 5 mi": {"radius": {"zip": "78701", "distance": 5, "unit": "mi"}},
    "contactable by text": {"contactable": ["text"]},
    "custom field": {"custom": {"support_score": {"min": 4}}},
    "universe (party, voted, text, age)": {
        "party": ["DEM", "IND"], "age": {"min": 18, "max": 40}, "contactable": ["text"],
        "voted": {"any": ["2024-general", "2022-general"]},
    },
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/gs_lists")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="keep the filled database from the last run")
    parser.add_argument("--explain", action="store_true", help="print each query's plan (PostgreSQL)")
    parser.add_argument("--vote-table", action="store_true",
                        help="filter vote history from the Vote table, as before the vote summary (for comparison)")
    parser.add_argument("--only", help="measure only the filters whose name contains this text")
    return parser.parse_args()


def setup_django(args: argparse.Namespace) -> None:
    from _django import bench_database_url

    url = bench_database_url(args.db, args.url, Path("/tmp/gs_lists_bench.sqlite3"), reuse=args.reuse)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groundswell.settings")
    import django

    django.setup()


def main() -> None:
    args = parse_args()
    setup_django(args)
    from _django import vacuum_analyze
    from django.core.management import call_command

    if not args.reuse:
        call_command("migrate", verbosity=0)
        add_missing_indexes()
        started = time.perf_counter()
        org, actor = prepare()
        fill(org, args.people, seed=20261123)
        print(json.dumps({"bench": "list_count.fill", "db": args.db, "people": args.people,
                          "seconds": round(time.perf_counter() - started, 1)}), file=sys.stderr)
    else:
        add_missing_indexes()
        org, actor = prepare()
    vacuum_analyze()
    if args.vote_table:
        from groundswell.people.filters import voter

        voter.election_bits = lambda org_id, codes: {}  # no election has a bit: every vote filter reads Vote rows
    for name, spec in FILTERS.items():
        if args.only and args.only not in name:
            continue
        print(json.dumps(measure(args, org, actor, name, spec)), flush=True)


def measure(args, org, actor, name: str, spec: dict) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from groundswell.people.selectors_lists import get_list_for, list_people
    from groundswell.people.services_lists import list_create

    saved = list_create(actor=actor, team=org, name=f"bench: {name}", filters=spec)
    people_list = get_list_for(actor, saved.pk)
    timings, count = [], None
    for _ in range(args.repeat):
        started = time.perf_counter()
        count = list_people(actor, people_list).count()
        timings.append((time.perf_counter() - started) * 1000)
    if args.explain and connection.vendor == "postgresql":
        with CaptureQueriesContext(connection) as queries:
            list_people(actor, people_list).count()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + queries[-1]["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"--- {name}\n{plan}", file=sys.stderr)
    return {"bench": "list_count", "db": args.db, "people": args.people, "filter": name,
            "vote_filter": "vote table" if args.vote_table else "voted_mask", "count": count,
            "ms": round(statistics.median(timings), 1), "ms_all": [round(t, 1) for t in timings],
            "load_avg_1m": round(os.getloadavg()[0], 2)}


def add_missing_indexes() -> None:
    """Create model indexes that no migration holds yet, so the bench measures the models as they are."""
    from django.apps import apps
    from django.db import connection

    with connection.cursor() as cursor:
        existing = {c for c in connection.introspection.get_constraints(cursor, "people_person")}
        for model in apps.get_app_config("people").get_models():
            existing |= set(connection.introspection.get_constraints(cursor, model._meta.db_table))
    with connection.schema_editor() as editor:
        for model in apps.get_app_config("people").get_models():
            for index in model._meta.indexes:
                if index.name not in existing:
                    editor.add_index(model, index)


def prepare():
    """The organization (4 regions × 3 teams), its admin as the actor, tags and a custom field."""
    from groundswell.accounts.models import User
    from groundswell.orgs.access import Actor
    from groundswell.orgs.models import Membership, Team
    from groundswell.orgs.services import team_create
    from groundswell.people.models import CustomField, Tag

    org = Team.objects.filter(depth=1, name="Bench Org").first()
    if org is None:
        org = team_create(actor=None, parent=None, name="Bench Org", kind=Team.Kind.NATIONAL)
        for r in range(4):
            region = team_create(actor=None, parent=Team.objects.get(pk=org.pk), name=f"Region {r}", kind="region")
            for t in range(3):
                team_create(actor=None, parent=Team.objects.get(pk=region.pk), name=f"Team {r}.{t}", kind="team")
        org = Team.objects.get(pk=org.pk)
        user = User.objects.create_user(email="bench@example.test", full_name="Bench Admin", password="x" * 20)
        Membership.objects.create(user=user, team=org, role=Membership.Role.ADMIN)
        Tag.objects.bulk_create([Tag(org=org, name=name) for name in TAGS])
        CustomField.objects.create(org=org, key="support_score", label="Support score", kind="number")
    user = User.objects.get(email="bench@example.test")
    return org, Actor.for_user(user)


TAGS = ["volunteer", "donor", "union", "student", "teacher", "nurse", "parent", "senior", "veteran", "renter",
        "homeowner", "spanish", "host", "captain", "event-2024", "event-2025", "petition", "rally", "phonebank",
        "canvass"]
GENERALS = {"2024-general": 0.64, "2022-general": 0.46, "2020-general": 0.66, "2018-general": 0.50}
PRIMARIES = {"2024-primary": 0.22, "2022-primary": 0.18, "2020-primary": 0.28, "2018-primary": 0.16}
RESULTS = ["not_home", "supporter", "undecided", "opposed", "wrong_number", "callback", "refused"]


def fill(org, n: int, *, seed: int) -> None:
    """People with ids 1..n, then their phones, emails, tags and votes; COPY on PostgreSQL.

    The people are written with their vote summary (Election rows, Person.voted_mask) as an import leaves
    them: the votes are drawn after everything else from one seeded generator, so a first pass draws the same
    sequence without writing to learn each person's votes (the data stays what earlier runs measured)."""
    import random

    from django.db import connection

    from groundswell.people.models import Person
    from groundswell.people.vote_summary import elections_ensure

    bits = elections_ensure(org.pk, [*GENERALS, *PRIMARIES])
    voted = bytearray(n + 1)  # per person, bit j set when they voted in the j-th election of GENERALS | PRIMARIES
    for _model, rows in generate(org, n, random.Random(seed), voted):
        for _ in rows:
            pass
    codes = list(GENERALS | PRIMARIES)
    masks = {j: sum(1 << bits[codes[i]] for i in range(len(codes)) if j >> i & 1) for j in range(1 << len(codes))}
    for model, rows in generate(org, n, random.Random(seed), None, lambda pk: masks[voted[pk]]):
        copy_rows(model, rows)
        if model is Person and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT setval(pg_get_serial_sequence('people_person', 'id'), %s)", [n])


def generate(org, n: int, rng, voted: bytearray | None, mask_of_person=lambda pk: 0):
    """(model, rows) in the order they are drawn from `rng`: people, phones, emails, tags, votes, suppressions.
    With `voted`, the votes also set each person's byte there."""
    from datetime import date, timedelta

    from django.utils import timezone

    from groundswell.orgs.models import Team
    from groundswell.people.models import Email, Person, PersonTag, Phone, Suppression, Tag, Vote

    now = timezone.now()
    teams = list(Team.objects.filter(path__startswith=org.path, depth=3).values_list("pk", flat=True))
    tags = dict(Tag.objects.filter(org=org).values_list("name", "pk"))
    zips = [(f"{78600 + i}", 29.5 + (i % 20) * 0.08, -98.5 + (i // 20) * 0.08) for i in range(200)]
    today = date.today()

    def person(pk):
        zip_code, lat, lng = zips[rng.randrange(len(zips))]
        has_coords = rng.random() < 0.9
        contacted = rng.random() < 0.3
        roll = rng.random()
        return {
            "id": pk, "org_id": org.pk, "team_id": rng.choice(teams), "first_name": f"First{pk}",
            "last_name": f"Last{pk % 50_000}", "birth_date": today - timedelta(days=rng.randint(18 * 365, 90 * 365)),
            "city": "Austin" if zip_code < "78700" else "Round Rock", "state": "TX", "zip": zip_code, "country": "US",
            "latitude": lat + rng.uniform(-0.03, 0.03) if has_coords else None,
            "longitude": lng + rng.uniform(-0.03, 0.03) if has_coords else None,
            "time_zone": "America/Chicago",
            "registration_status": rng.choices(["active", "inactive", "not_registered", "purged"], [80, 12, 5, 3])[0],
            "party": rng.choices(["DEM", "REP", "IND", ""], [38, 35, 20, 7])[0],
            "county": "Travis", "precinct": str(100 + pk % 400), "congressional_district": f"TX-{10 + pk % 8}",
            "state_senate_district": str(pk % 31), "state_house_district": str(pk % 150),
            "custom": json.dumps({"support_score": rng.randint(1, 5)} if rng.random() < 0.5 else {}),
            "text_opt_out_at": now if roll < 0.03 else None, "call_opt_out_at": now if roll > 0.98 else None,
            "email_opt_out_at": now if 0.5 < roll < 0.51 else None,
            "last_contacted_at": now - timedelta(days=rng.randint(1, 700)) if contacted else None,
            "last_result": rng.choice(RESULTS) if contacted else "", "created_at": now, "updated_at": now,
            "voted_mask": mask_of_person(pk),
        }

    yield Person, (person(pk) for pk in range(1, n + 1))

    def phones():
        for pk in range(1, n + 1):
            if rng.random() < 0.7:
                for i in range(2 if rng.random() < 0.1 else 1):
                    yield {"person_id": pk, "org_id": org.pk, "number": f"+1512{i}{pk:07d}", "created_at": now,
                           "kind": rng.choices(["mobile", "landline", "unknown"], [60, 30, 10])[0],
                           "valid": rng.random() < 0.95, "primary": i == 0}

    yield Phone, phones()
    yield Email, ({"person_id": pk, "org_id": org.pk, "address": f"p{pk}@example.org", "valid": True,
                   "primary": True, "created_at": now} for pk in range(1, n + 1) if rng.random() < 0.4)
    names = list(tags)
    yield PersonTag, ({"person_id": pk, "tag_id": tags[name], "created_at": now}
                      for pk in range(1, n + 1) if rng.random() < 0.3
                      for name in rng.sample(names, rng.randint(1, 3)))

    def votes():
        for pk in range(1, n + 1):
            propensity = rng.random() * 2
            for i, (election, turnout) in enumerate((GENERALS | PRIMARIES).items()):
                if rng.random() < turnout * propensity:
                    if voted is not None:
                        voted[pk] |= 1 << i
                    yield {"person_id": pk, "election": election, "method": ""}

    yield Vote, votes()
    yield Suppression, ({"org_id": org.pk, "channel": "text", "value": f"+15120{pk:07d}", "source": "STOP reply",
                         "created_at": now} for pk in range(1, n + 1, 500))


def copy_rows(model, rows) -> None:
    """Write dicts of column values; columns not given get their empty value (blank text, NULL, default)."""
    from django.db import connection, models

    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.name == "id")]
    if model._meta.model_name == "person":
        fields = list(model._meta.concrete_fields)
    columns = [f.column for f in fields]

    def empty(field):
        if field.null:
            return None
        if isinstance(field, models.JSONField):
            return "{}"
        if field.has_default() and not callable(field.default):
            return field.default
        return ""

    blanks = {f.column: empty(f) for f in fields}
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    tuples = (tuple(row.get(c, blanks[c]) for c in columns) for row in rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in tuples:
                    copy.write_row(values)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(tuples))  # noqa: S608


if __name__ == "__main__":
    main()
