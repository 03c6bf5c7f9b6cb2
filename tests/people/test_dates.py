from datetime import date

import pytest

from groundswell.people.dates import parse_date


@pytest.mark.parametrize(
    "text",
    ["1984-03-07", "03/07/1984", "3/7/1984", "3/7/84", "19840307", "03-07-1984", "1984/03/07", "07.03.1984"],
)
def test_usual_formats_are_read(text):
    assert parse_date(text) == date(1984, 3, 7)


@pytest.mark.parametrize("text", ["", "  ", "yesterday", "1984-02-30", "13/45/1999", "84"])
def test_impossible_or_unreadable_dates_give_none(text):
    assert parse_date(text) is None


def test_two_digit_years_are_never_in_the_future():
    assert parse_date("1/1/99") == date(1999, 1, 1)
    assert parse_date("1/1/05") == date(2005, 1, 1)
