"""The claim on PostgreSQL as one statement (one round trip, one commit).

It counts what the caller already holds, takes the first target of the queue — the eligibility rule
compiled from `eligibility.queue`, plus the guards' conditions, `FOR UPDATE SKIP LOCKED` — only when they
may take one more, and returns the target with its person. The compiled queue is kept per `rule_key` (it
changes at most once a minute); the clock, the caller and the skipped targets are bound per claim.
"""

import datetime as dt
from collections.abc import Collection, Sequence

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import BigIntegerField, DateTimeField, F, Model, Q

from groundswell.outreach import eligibility
from groundswell.outreach.models import Campaign, Target
from groundswell.outreach.sql import NoneOf, Param, Statements, bind, compiled, fetch_one
from groundswell.people.models import Person

NOW = Param("now", DateTimeField())
CALLER = Param("caller", BigIntegerField())
SKIPPED = Param("skipped", BigIntegerField())

_TARGET = [f.column for f in Target._meta.concrete_fields]
_PERSON = [f.column for f in Person._meta.concrete_fields]

_CLAIM = """
WITH held AS (
    SELECT count(*) AS n FROM {target}
    WHERE claimed_by_id = %s AND campaign_id = %s AND claimed_until > %s AND NOT done
), taken AS (
    UPDATE {target} SET claimed_by_id = %s, claimed_at = %s, claimed_until = %s
    WHERE id = ({queue}) AND (SELECT n FROM held) < %s
    RETURNING {target_columns}
)
SELECT held.n, {taken_columns}, {person_columns}
FROM held LEFT JOIN taken ON true LEFT JOIN {person} p ON p.id = taken.person_id
"""

_statements = Statements()


def take_next(*, caller_id: int | None, campaign: Campaign, conditions: Sequence, now: dt.datetime,
              until: dt.datetime, room: int, exclude: Collection[int] = ()) -> tuple[Target | None, int]:
    """(the target now held for the caller, with its person — or None; how many the caller held before).
    Takes one only while they hold fewer than `room`. `conditions(campaign)` are the guards' Qs on Target."""
    sql, params = _statements.get((*eligibility.rule_key(campaign, now), tuple(conditions)),
                                  lambda: _compile(campaign, now, conditions))
    values = {"now": now, "caller": caller_id, "skipped": list(exclude)}
    row = fetch_one(sql, [caller_id, campaign.pk, now, caller_id, now, until, *bind(params, values), room])
    held, target_values, person_values = row[0], row[1:1 + len(_TARGET)], row[1 + len(_TARGET):]
    if target_values[0] is None:
        return None, held
    target = _target_rows.instance(target_values)
    target.person = _person_rows.instance(person_values)
    return target, held


def _compile(campaign: Campaign, now: dt.datetime, conditions: Sequence) -> tuple[str, tuple]:
    queue = eligibility.queue(campaign, now, clock=NOW).filter(*_guards(conditions, campaign))
    queue = queue.filter(NoneOf(F("pk"), SKIPPED))
    locked = queue.select_for_update(skip_locked=True, of=("self",)).values("pk")[:1]
    found = compiled(locked)
    if found is None:  # the queue matches nothing this minute (no zone is inside the calling window)
        return _statement("SELECT NULL::bigint WHERE false"), ()
    return _statement(found[0]), found[1]


def _guards(conditions: Sequence, campaign: Campaign) -> list[Q]:
    return [q for condition in conditions if (q := condition(campaign)) is not None]


def _statement(queue_sql: str) -> str:
    quote = connection.ops.quote_name
    return _CLAIM.format(
        target=quote(Target._meta.db_table), person=quote(Person._meta.db_table), queue=queue_sql,
        target_columns=", ".join(quote(c) for c in _TARGET),
        taken_columns=", ".join(f"taken.{quote(c)}" for c in _TARGET),
        person_columns=", ".join(f"p.{quote(c)}" for c in _PERSON),
    )


class _Rows:
    """Model instances from raw column values (all concrete fields, in order), converted the way the ORM
    converts them (JSON fields arrive as text)."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model
        fields = model._meta.concrete_fields
        self.converters = [(i, f.from_db_value) for i, f in enumerate(fields) if hasattr(f, "from_db_value")]

    def instance(self, values: Sequence) -> Model:
        values = list(values)
        for i, convert in self.converters:
            if values[i] is not None:
                values[i] = convert(values[i], None, connection)
        return self.model.from_db(DEFAULT_DB_ALIAS, None, values)


_target_rows, _person_rows = _Rows(Target), _Rows(Person)
