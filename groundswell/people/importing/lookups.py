"""`field IN (values)` for the large value lists of an import chunk.

Django writes `IN (%s, %s, …)` with one parameter per value; for 5,000 values psycopg spends longer
rewriting that query than PostgreSQL spends running it. On PostgreSQL the list goes as one array
parameter (`= ANY(%s::text[])`) instead; other databases keep `IN`."""

from collections.abc import Collection

from django.db import connection
from django.db.models import F, Lookup, Q


class _AnyOf(Lookup):
    lookup_name = "any_of"

    def __init__(self, lhs, values: list, array_type: str) -> None:
        self.values, self.array_type = values, array_type
        super().__init__(lhs, None)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::{self.array_type}[])", (*lhs_params, self.values)


def among(field: str, values: Collection) -> Q | _AnyOf:
    """A filter for `field` being one of `values` (str or int values)."""
    values = list(values)
    if connection.vendor != "postgresql" or not values:  # Django answers an empty IN without a query
        return Q(**{f"{field}__in": values})
    array_type = "bigint" if isinstance(values[0], int) else "text"
    return _AnyOf(F(field), values, array_type)
