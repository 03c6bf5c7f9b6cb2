"""Reading the dates that real files contain: 1984-03-07, 03/07/1984, 3/7/84, 19840307."""

from datetime import date, datetime

_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y%m%d", "%m-%d-%Y", "%Y/%m/%d", "%d.%m.%Y")


def parse_date(text: str) -> date | None:
    """The date `text` names in one of the usual formats, or None when it names none (or an impossible day).

    Two-digit years are read as the most recent past year (a birth date in '84 is 1984, not 2084)."""
    text = text.strip()
    if not text:
        return None
    for fmt in _FORMATS:
        try:
            value = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if fmt == "%m/%d/%y" and value > date.today():
            value = value.replace(year=value.year - 100)
        return value
    return None
