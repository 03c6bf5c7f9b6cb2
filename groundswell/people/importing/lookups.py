"""`field IN (values)` for the large value lists of an import chunk.

Django writes `IN (%s, %s, …)` with one parameter per value. For 5,000 values psycopg spends longer
rewriting that query than PostgreSQL spends running it, and SQLite's driver caches each differently-sized
statement (128 of them, with thousands of placeholders each: tens of MB that grow with the file). So the
list goes as ONE parameter: an array on PostgreSQL (`= ANY(%s::text[])`), a JSON array read by `json_each`
on SQLite; other databases keep `IN`."""

import json
from collections.abc import Collection

from django.db import connection
from django.db.models import F, Lookup, Q


class _OneOf(Lookup):
    lookup_name = "one_of"

    def __init__(self, lhs, values: list) -> None:
        self.values = values
        super().__init__(lhs, None)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        array_type = "bigint" if isinstance(self.values[0], int) else "text"
        return f"{lhs} = ANY(%s::{array_type}[])", (*lhs_params, self.values)

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", (*lhs_params, json.dumps(self.values))


def among(field: str, values: Collection) -> Q | _OneOf:
    """A filter for `field` being one of `values` (str or int values)."""
    values = list(values)
    if connection.vendor not in ("postgresql", "sqlite") or not values:  # Django answers an empty IN itself
        return Q(**{f"{field}__in": values})
    return _OneOf(F(field), values)
