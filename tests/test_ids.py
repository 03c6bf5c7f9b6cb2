"""Ids read from forms and query strings: only a number that can name a row gets through."""

import pytest

from groundswell.common.ids import MAX_ID, parse_id


@pytest.mark.parametrize("raw, expected", [
    ("42", 42), (" 7 ", 7), (42, 42), (str(MAX_ID), MAX_ID),
    (None, None), ("", None), ("0", None), ("-3", None), ("12a", None), ("1.5", None),
    ("²", None), ("٣", None),  # digits to str.isdigit(), but not ASCII: int('²') raises
    (str(MAX_ID + 1), None), ("9" * 5000, None),  # beyond 64 bits; beyond int()'s 4,300-digit limit
])
def test_parse_id(raw, expected):
    assert parse_id(raw) == expected
