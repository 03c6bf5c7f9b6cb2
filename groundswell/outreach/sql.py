"""Querysets compiled once and run many times: the calling cycle's statements on PostgreSQL.

Building and compiling a queryset costs the claim path about a millisecond of Python, more than PostgreSQL
needs to run it. The rules stay where they are written as querysets (eligibility, consent); the claim and
attempt statements compile them once with a `Param` wherever a per-call value goes (the clock, the caller,
the target), keep the SQL, and run it with `bind`.
"""

from collections.abc import Callable, Mapping, Sequence

import psycopg
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import BooleanField, Expression, Field, Func, QuerySet

_CACHE_SIZE = 512


class Param(Expression):
    """A placeholder compiled as `%s` whose value is given when the statement runs (`bind`)."""

    def __init__(self, name: str, output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]


class NoneOf(Func):
    """`NoneOf(F("id"), param)`: the value is none of the array bound for `param` (true for an empty one).
    One placeholder for any number of values, so the compiled SQL does not depend on how many."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        value, value_params = compiler.compile(self.source_expressions[0])
        values, values_params = compiler.compile(self.source_expressions[1])
        return f"{value} <> ALL({values})", [*value_params, *values_params]


def compiled(queryset: QuerySet) -> tuple[str, tuple] | None:
    """The SQL of `queryset` and its parameters, `Param`s left in place; None for a queryset that matches
    nothing whatever the parameters (e.g. `__in=[]`)."""
    # Django compiles FOR UPDATE only inside a transaction; nothing is sent to the database here (no savepoint,
    # and psycopg commits nothing when no statement ran). No exception may leave the block: in an enclosing
    # transaction it would be marked for rollback.
    with transaction.atomic(savepoint=False):
        try:
            sql, params = queryset.query.get_compiler(connection=connection).as_sql()
        except EmptyResultSet:
            return None
    return sql, tuple(params)


def fetch_one(sql: str, params: Sequence) -> tuple | None:
    """Run one of the calling cycle's statements (PostgreSQL) and return its first row.

    Parameters are bound by the server (a psycopg `Cursor`, not Django's default client-side binding one),
    so psycopg prepares the statement once it has run a few times on a connection (settings: prepare_threshold)
    and PostgreSQL stops planning it on every claim. Wrapped like any Django cursor: errors are Django's,
    and queries are logged when Django logs them."""
    db = connections[DEFAULT_DB_ALIAS]
    db.ensure_connection()
    raw = psycopg.Cursor(db.connection)
    cursor = db.make_debug_cursor(raw) if db.queries_logged else db.make_cursor(raw)
    with cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def bind(params: Sequence, values: Mapping[str, object]) -> list:
    """`params` with every `Param` replaced by its value."""
    return [values[p.name] if isinstance(p, Param) else p for p in params]


class Statements:
    """Compiled statements by key, built on first use. Bounded: the keys include the minute (the calling
    window), so old ones are dropped wholesale now and then. Two threads may build the same one: harmless."""

    def __init__(self) -> None:
        self._built: dict[tuple, object] = {}

    def get(self, key: tuple, build: Callable[[], object]):
        found = self._built.get(key)
        if found is None:
            if len(self._built) >= _CACHE_SIZE:
                self._built.clear()
            found = self._built[key] = build()
        return found

    def clear(self) -> None:
        self._built.clear()
