"""Row ids as they arrive from outside: a form field, a query string, a hidden input a page posts back."""

MAX_ID = 2**63 - 1  # ids are 64-bit: a larger number cannot name anything (and would overflow the database)


def parse_id(raw) -> int | None:
    """The id `raw` names, or None for anything that cannot name a row: empty, not ASCII digits ('12a', '²',
    '-3'), 0, or more than 64 bits. Check it here rather than with `str.isdigit()` and `int()`: those accept
    '²' (and then raise) and numbers the database cannot hold (OverflowError on SQLite, an error on
    PostgreSQL), both a 500."""
    text = str(raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
