"""Seeding for bench/dashboard.py: a 4-level team tree, callers, people and contact attempts, written by
set-based SQL (PostgreSQL `generate_series`, SQLite a recursive CTE) so ten million activity rows take
minutes, not hours. The rollups are then built by the real code (`rollups_rebuild`)."""

import datetime as dt
import math

from django.core.management.color import no_style
from django.db import connection, models

SQLITE_SERIES = "WITH RECURSIVE series(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM series WHERE i < {n}) "


def _blank(field: models.Field) -> str:
    """A SQL literal for a column the seed does not set: NULL, the field's default, or empty text."""
    if field.null:
        return "NULL"
    if field.has_default():
        value = field.default() if callable(field.default) else field.default
        if isinstance(value, dt.datetime):
            return "CURRENT_TIMESTAMP"
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, (dict, list)):
            return "'{}'".format("{}" if isinstance(value, dict) else "[]")
        if isinstance(value, dt.time):
            return f"'{value.isoformat()}'"
        return "'{}'".format(str(value).replace("'", "''"))
    if isinstance(field, (models.DateTimeField,)):
        return "CURRENT_TIMESTAMP"
    return "''"


def insert_series(model, n: int, exprs: dict[str, str]) -> None:
    """INSERT n rows of `model`, row i (1..n) taking each column from `exprs` (SQL in terms of `i`)."""
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.column not in exprs)]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = ", ".join(exprs.get(f.column, _blank(f)) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {values} "  # noqa: S608
                           f"FROM generate_series(1::bigint, {int(n)}) AS g(i)")
        else:
            cursor.execute(SQLITE_SERIES.format(n=int(n)) +
                           f"INSERT INTO {table} ({columns}) SELECT {values} FROM series")  # noqa: S608
        if "id" in exprs:  # explicit ids: move the table's id sequence past them
            for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(sql)


def tree_shape(teams: int) -> tuple[int, int, int]:
    """(regions, areas per region, chapters per area) for about `teams` teams in 4 levels."""
    regions = 10
    areas = 10
    chapters = max(1, math.ceil((teams - 1 - regions - regions * areas) / (regions * areas)))
    return regions, areas, chapters


def seed(*, teams: int, callers: int, people: int, activities: int, days: int):
    """Build the movement and return (org, leaves) — leaf team ids in order."""
    from groundswell.accounts.models import User
    from groundswell.orgs.models import Membership, Team
    from groundswell.orgs.services import team_create
    from groundswell.outreach.models import Campaign, ContactAttempt
    from groundswell.outreach.result_codes import ensure_result_codes
    from groundswell.people.models import Person

    org = team_create(actor=None, parent=None, name="Bench Movement", kind=Team.Kind.NATIONAL,
                      slug="bench-movement")
    ensure_result_codes(org)
    regions, areas, chapters = tree_shape(teams)
    rows = []

    def add(path: str, depth: int, numchild: int, name: str, kind: str) -> None:
        rows.append(Team(path=path, depth=depth, numchild=numchild, name=name, slug=f"bench-{path.lower()}",
                         kind=kind, time_zone=org.time_zone))

    for r in range(regions):
        region_path = org.path + Team._int2str(r + 1).rjust(Team.steplen, "0")
        add(region_path, 2, areas, f"Region {r + 1}", Team.Kind.REGION)
        for a in range(areas):
            area_path = region_path + Team._int2str(a + 1).rjust(Team.steplen, "0")
            add(area_path, 3, chapters, f"Area {r + 1}.{a + 1}", Team.Kind.REGION)
            for c in range(chapters):
                leaf_path = area_path + Team._int2str(c + 1).rjust(Team.steplen, "0")
                add(leaf_path, 4, 0, f"Chapter {r + 1}.{a + 1}.{c + 1}", Team.Kind.CHAPTER)
    Team.objects.bulk_create(rows, batch_size=2000)
    Team.objects.filter(pk=org.pk).update(numchild=regions)
    org.refresh_from_db()
    leaves = list(Team.objects.filter(depth=4, path__startswith=org.path).order_by("path").values_list("id", flat=True))
    n_leaves = len(leaves)
    _leaf_table(leaves)

    admin = User.objects.create_user(email="admin@bench.test", full_name="Bench Admin", password="x" * 20)
    Membership.objects.create(user=admin, team=org, role=Membership.Role.ADMIN)
    first_user = User.objects.order_by("-id").values_list("id", flat=True).first() + 1
    insert_series(User, callers, {
        "id": f"{first_user - 1} + i", "email": "'caller' || i || '@bench.test'", "full_name": "'Caller ' || i",
        "password": "'!'", "is_superuser": "FALSE"})
    # Caller i belongs to leaf (i - 1) % n_leaves; so do the people and the attempts they make.
    insert_series(Membership, callers, {
        "user_id": f"{first_user - 1} + i", "team_id": _leaf_of("i - 1", n_leaves), "role": "'volunteer'"})
    insert_series(Campaign, n_leaves, {
        "org_id": str(org.pk), "team_id": _leaf_of("i - 1", n_leaves), "name": "'Phone bank ' || i",
        "status": "'live'"})
    first_campaign = Campaign.objects.filter(org=org).order_by("id").values_list("id", flat=True).first()
    insert_series(Person, people, {
        "org_id": str(org.pk), "team_id": _leaf_of("i - 1", n_leaves), "first_name": "'Person'",
        "last_name": "'P' || i"})
    first_person = Person.objects.filter(org=org).order_by("id").values_list("id", flat=True).first()
    per_leaf_people = max(1, people // n_leaves)
    per_leaf_callers = max(1, callers // n_leaves)
    # Attempts come in sessions of 30 calls two minutes apart (how a phone bank shift looks): session
    # s = i / 30 belongs to leaf k = s % n_leaves, one of that leaf's callers, on one of the last `days` days.
    session = "(i / 30)"
    leaf = f"({session} % {n_leaves})"
    caller = f"{first_user} + {leaf} + {n_leaves} * (({session} / {n_leaves}) % {per_leaf_callers})"
    person = f"{first_person} + {leaf} + {n_leaves} * ((i * 7919) % {per_leaf_people})"
    reached = "CASE WHEN i % 3 = 0 THEN 'contacted' WHEN i % 3 = 1 THEN 'no_answer' ELSE 'left_message' END"
    day = f"((({session} * 2654435761) % 1000003) % {days})"  # a scattered day for each session
    minutes = f"{day} * 1440 + 240 + (i % 30) * 2"  # 4 hours ago on that day, two minutes per call
    if connection.vendor == "postgresql":
        when = f"CURRENT_TIMESTAMP - (({minutes}) * INTERVAL '1 minute')"
        uuid = "gen_random_uuid()"
    else:
        when = f"datetime('now', '-' || ({minutes}) || ' minutes')"
        uuid = "lower(hex(randomblob(16)))"
    insert_series(ContactAttempt, activities, {
        "org_id": str(org.pk), "campaign_id": f"{first_campaign} + {leaf}", "person_id": person,
        "caller_id": caller, "channel": "'call'", "result": reached, "client_uuid": uuid, "created_at": when})
    return org, leaves


def _leaf_table(leaves: list[int]) -> None:
    """A temporary map from leaf number (0-based) to team id, used by `_leaf_of` inside generated rows."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_leaf (n integer PRIMARY KEY, team_id integer)")
        cursor.executemany("INSERT INTO bench_leaf VALUES (%s, %s)", list(enumerate(leaves)))


def _leaf_of(number_sql: str, n_leaves: int) -> str:
    return f"(SELECT team_id FROM bench_leaf WHERE n = ({number_sql}) % {n_leaves})"
