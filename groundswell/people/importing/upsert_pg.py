"""Writing a planned chunk on PostgreSQL: COPY into TEMP staging tables, then one set-based INSERT or
UPDATE per table. Same effects as upsert.write_plan (the ORM path), much less per-row work."""

import json

from django.db import connection
from django.db.models import Model, Value
from django.utils import timezone

from groundswell.people.importing.plan import VOTER_FILE, Plan
from groundswell.people.importing.upsert import PERSON_FIELDS, tag_ids
from groundswell.people.models import Email, ExternalId, Person, PersonTag, Phone, Vote
from groundswell.people.vote_summary import elections_ensure, mask_of

_TYPES = {"birth_date": "date", "latitude": "float8", "longitude": "float8"}
_STAGING = {
    "gs_import_person": "id bigint, is_new boolean, line integer, custom jsonb, voted_mask bigint, "
    + ", ".join(f"{name} {_TYPES.get(name, 'text')}" for name in PERSON_FIELDS),
    "gs_import_phone": "person_id bigint, number text, kind text, is_primary boolean",
    "gs_import_email": "person_id bigint, address text, is_primary boolean",
    "gs_import_external_id": "person_id bigint, value text",
    "gs_import_vote": "person_id bigint, election text, method text",
    "gs_import_tag": "person_id bigint, tag_id bigint",
}


def write_plan_pg(job, plan: Plan) -> None:
    """Write the chunk; sets the ids of the new people on their targets."""
    now = timezone.now()
    with connection.cursor() as cur:
        _prepare_staging(cur)
        if plan.creates:
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Person._meta.db_table, len(plan.creates)],
            )
            for target, (pid,) in zip(plan.creates, cur.fetchall(), strict=True):
                target.person_id = pid
        targets = [*plan.creates, *plan.updates.values()]
        fresh = {t.person_id for t in plan.creates}
        bits = elections_ensure(job.org_id, {e for t in targets for e in t.votes})
        _copy(cur, "gs_import_person", ["id", "is_new", "line", "custom", "voted_mask", *PERSON_FIELDS], (
            (t.person_id, t.person_id in fresh, t.line, json.dumps(t.custom), mask_of(bits, t.votes),
             *(t.person.get(f) for f in PERSON_FIELDS))
            for t in targets
        ))
        _copy(cur, "gs_import_phone", ["person_id", "number", "kind", "is_primary"], (
            (t.person_id, number, kind, i == 0) for t in targets for i, (number, kind) in enumerate(t.phones)
        ))
        _copy(cur, "gs_import_email", ["person_id", "address", "is_primary"], (
            (t.person_id, address, i == 0) for t in targets for i, address in enumerate(t.emails)
        ))
        _copy(cur, "gs_import_external_id", ["person_id", "value"], (
            (t.person_id, t.voter_id) for t in targets if t.voter_id
        ))
        _copy(cur, "gs_import_vote", ["person_id", "election", "method"], (
            (t.person_id, e, m) for t in targets for e, m in t.votes.items()
        ))
        ids = tag_ids(job.org_id, {name for t in targets for name in t.tags})
        _copy(cur, "gs_import_tag", ["person_id", "tag_id"], ((t.person_id, ids[n]) for t in targets for n in t.tags))
        _insert_people(cur, job, now)
        _update_people(cur, job, now)
        _insert_children(cur, job, now)


def _prepare_staging(cur) -> None:
    for table, columns in _STAGING.items():
        cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})")
    cur.execute(f"TRUNCATE {', '.join(_STAGING)}")


def _copy(cur, table: str, columns: list[str], rows) -> None:
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _insert(cur, model: type[Model], source: str, given: dict, suffix: str = "") -> None:
    """INSERT INTO the model's table SELECT `given` {column: SQL expression, or Value(x) for a parameter}
    FROM `source`; every other NOT NULL column gets the model field's default, so a field added later does
    not break the import."""
    columns, exprs, values = [], [], []
    for f in model._meta.concrete_fields:
        if f.column in given:
            columns.append(f.column)
            expr = given[f.column]
            if isinstance(expr, Value):
                exprs.append("%s")
                values.append(expr.value)
            else:
                exprs.append(expr)
        elif not f.primary_key and not f.null:
            columns.append(f.column)
            exprs.append("%s")
            values.append(f.get_db_prep_save(f.get_default(), connection))
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    cur.execute(
        f"INSERT INTO {model._meta.db_table} ({quoted}) SELECT {', '.join(exprs)} FROM {source} {suffix}",
        values,
    )


def _insert_people(cur, job, now) -> None:
    given = {"id": "s.id", "org_id": Value(job.org_id), "team_id": Value(job.team_id), "custom": "s.custom",
             "last_import_id": Value(job.id), "last_import_line": "s.line", "created_at": Value(now),
             "updated_at": Value(now), "voted_mask": "s.voted_mask"}
    for name in PERSON_FIELDS:
        field = Person._meta.get_field(name)
        given[field.column] = f"s.{name}" if field.null else f"COALESCE(s.{name}, '')"
    _insert(cur, Person, "gs_import_person s", given, "WHERE s.is_new ORDER BY s.id")


def _update_people(cur, job, now) -> None:
    sets = ", ".join(f"{name} = COALESCE(s.{name}, p.{name})" for name in PERSON_FIELDS)
    cur.execute(
        f"UPDATE {Person._meta.db_table} p SET {sets}, custom = p.custom || s.custom, last_import_id = %s, "
        # An import only adds votes (or rewrites their method): the vote summary gains the chunk's bits.
        "last_import_line = s.line, updated_at = %s, voted_mask = p.voted_mask | s.voted_mask "
        "FROM gs_import_person s WHERE p.id = s.id AND NOT s.is_new",
        [job.id, now],
    )


def _insert_children(cur, job, now) -> None:
    org = job.org_id
    _insert(cur, Phone, "gs_import_phone s", {
        "person_id": "s.person_id", "org_id": Value(org), "number": "s.number", "kind": "s.kind",
        "created_at": Value(now),
        "primary": f"s.is_primary AND NOT EXISTS (SELECT 1 FROM {Phone._meta.db_table} x "
                   "WHERE x.person_id = s.person_id)",
    }, "ON CONFLICT DO NOTHING")
    _insert(cur, Email, "gs_import_email s", {
        "person_id": "s.person_id", "org_id": Value(org), "address": "s.address", "created_at": Value(now),
        "primary": f"s.is_primary AND NOT EXISTS (SELECT 1 FROM {Email._meta.db_table} x "
                   "WHERE x.person_id = s.person_id)",
    }, "ON CONFLICT DO NOTHING")
    _insert(cur, ExternalId, "gs_import_external_id s", {
        "person_id": "s.person_id", "org_id": Value(org), "system": Value(VOTER_FILE), "value": "s.value",
    }, "ON CONFLICT DO NOTHING")
    _insert(cur, Vote, "gs_import_vote s", {
        "person_id": "s.person_id", "election": "s.election", "method": "s.method",
    }, f"ON CONFLICT (person_id, election) DO UPDATE SET method = EXCLUDED.method "
       f"WHERE {Vote._meta.db_table}.method <> EXCLUDED.method")  # a re-import rewrites only changed votes
    _insert(cur, PersonTag, "gs_import_tag s", {
        "person_id": "s.person_id", "tag_id": "s.tag_id", "created_at": Value(now),
    }, "ON CONFLICT DO NOTHING")
