"""Storing an attempt on PostgreSQL as one statement (one round trip, one commit).

Locks the target (`FOR NO KEY UPDATE`, the lock its update takes) and looks up the number dialled
(contacts.numbers_to_dial, compiled once per channel), inserts the attempt — `ON CONFLICT (client_uuid) DO
NOTHING`, so a retry stores nothing — applied unless someone else holds the contact now, and then, for an
applied attempt, moves the target in the queue, marks the person contacted and adds the timeline entry; for
one not applied, copies it to the person's notes. All of it only if the result codes and questions the
attempt was checked against are unchanged (attempt_rules.FINGERPRINT); otherwise it writes nothing and says so.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import BigIntegerField, OuterRef, Subquery
from django.utils import timezone

from groundswell.outreach.attempt_rules import fingerprint_sql
from groundswell.outreach.contacts import numbers_to_dial
from groundswell.outreach.models import ContactAttempt, Target
from groundswell.outreach.sql import Param, Statements, bind, compiled, fetch_one
from groundswell.people.models import Note, Person, TimelineEntry

TARGET = Param("target", BigIntegerField())
CAMPAIGN = Param("campaign", BigIntegerField())

_STORE = """
WITH f AS (SELECT {fingerprint} = %s AS fresh),
t (id, person_id, claimed_by_id, claimed_until, number) AS ({locked}),
a AS (
    INSERT INTO {attempt} (org_id, campaign_id, target_id, person_id, caller_id, channel, result, answers, notes,
                           phone_number, duration_seconds, client_uuid, applied, created_at)
    SELECT %s, %s, t.id, t.person_id, %s, %s, %s, %s, %s, COALESCE(NULLIF(%s, ''), t.number, ''), %s, %s,
           NOT COALESCE(t.claimed_by_id IS DISTINCT FROM %s AND t.claimed_until > %s, false), %s
    FROM t, f WHERE f.fresh
    ON CONFLICT (client_uuid) DO NOTHING
    RETURNING id, applied, target_id, person_id, phone_number
), moved AS (
    UPDATE {target} SET attempts = {target}.attempts + 1, last_result = %s, last_attempt_at = %s, done = %s,
                        next_attempt_at = %s, claimed_by_id = NULL, claimed_until = NULL
    FROM a WHERE {target}.id = a.target_id AND a.applied
), contacted AS (
    UPDATE {person} SET last_contacted_at = %s, last_result = %s, updated_at = %s
    FROM a WHERE {person}.id = a.person_id AND a.applied
), timeline AS (
    INSERT INTO {timeline} (person_id, kind, summary, data, actor_id, created_at)
    SELECT a.person_id, %s, %s, %s, %s, %s FROM a WHERE a.applied
), note AS (
    INSERT INTO {note} (person_id, author_id, body, created_at)
    SELECT a.person_id, %s, %s, %s FROM a WHERE NOT a.applied
)
SELECT f.fresh, t.person_id, a.id, a.applied, a.phone_number FROM f LEFT JOIN t ON true LEFT JOIN a ON true
"""

_statements = Statements()


@dataclass(frozen=True)
class Applied:
    """What applying the attempt writes besides the attempt: the target's new queue state, the person's last
    result, the timeline entry (timeline_values) and the note kept instead when the attempt is not applied."""

    result: str
    done: bool
    next_attempt_at: dt.datetime | None
    timeline: dict
    note: str
    note_author_id: int | None


class RulesChanged(Exception):
    """The codes or questions the attempt was checked against changed since they were read: nothing written."""


def store(attempt: ContactAttempt, applied: Applied, *, held_by: int | None, fingerprint: str) -> ContactAttempt | None:
    """Insert `attempt` (unsaved; its target_id names the target, its phone_number may be empty: the number
    to dial then) and apply it. Returns the attempt as stored (pk, person, number and `applied` filled in);
    None when its client_uuid is stored already. Raises Target.DoesNotExist for a target not of its campaign,
    RulesChanged when `fingerprint` (attempt_rules) is out of date. `held_by`: the caller, whose own hold does
    not stop the attempt from applying."""
    sql, locked_params = _statements.get((attempt.channel,), lambda: _compile(attempt.channel))
    now = attempt.created_at
    json = _json_adapter()
    params = [
        attempt.org_id, attempt.campaign_id, fingerprint,
        *bind(locked_params, {"target": attempt.target_id, "campaign": attempt.campaign_id}),
        attempt.org_id, attempt.campaign_id, attempt.caller_id, attempt.channel, attempt.result,
        json(attempt.answers), attempt.notes, attempt.phone_number, attempt.duration_seconds, attempt.client_uuid,
        held_by, now, now,
        applied.result, now, applied.done, applied.next_attempt_at,
        now, applied.result, now,
        applied.timeline["kind"], applied.timeline["summary"], json(applied.timeline["data"]),
        applied.timeline["actor_id"], timezone.now(),  # as timeline_add stamps its entries
        applied.note_author_id, applied.note, now,
    ]
    row = fetch_one(sql, params)
    fresh, person_id, pk, is_applied, number = row
    if not fresh:
        raise RulesChanged
    if person_id is None:
        raise Target.DoesNotExist
    if pk is None:
        return None
    attempt.pk, attempt.person_id, attempt.applied, attempt.phone_number = pk, person_id, is_applied, number
    attempt._state.adding, attempt._state.db = False, DEFAULT_DB_ALIAS
    return attempt


def _compile(channel: str) -> tuple[str, tuple]:
    number = numbers_to_dial(OuterRef("person_id"), channel).values("number")[:1]
    locked = (Target.objects.filter(pk=TARGET, campaign_id=CAMPAIGN).select_for_update(of=("self",), no_key=True)
              .annotate(number=Subquery(number)).values_list("id", "person_id", "claimed_by_id", "claimed_until",
                                                             "number"))
    select, params = compiled(locked)  # its columns in this order (values_list puts the annotation last)

    def table(model) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    return _STORE.format(fingerprint=fingerprint_sql(), locked=select, attempt=table(ContactAttempt),
                         target=table(Target), person=table(Person), timeline=table(TimelineEntry),
                         note=table(Note)), params


def _json_adapter():
    field = ContactAttempt._meta.get_field("answers")
    return lambda value: field.get_db_prep_save(value, connection)
