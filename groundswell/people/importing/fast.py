"""Exact shortcuts for the two slowest validations of an import, each falling back to the real one.

- Emails: email_validator spends most of its time on the domain (IDNA rules). A plain ASCII address
  (dot-atom local part) is valid exactly when its domain is, so each domain is validated once by
  contact_points.normalize_email and the result reused; anything unusual goes to normalize_email whole.
- Dates: "1/21/1944" and "1944-01-21" are read with a regular expression instead of strptime; anything
  else (and any impossible day) goes to dates.parse_date.
Both are checked against the functions they stand in for by tests/people/test_import_fast.py.
"""

import re
from datetime import date

from groundswell.people.contact_points import InvalidContactPoint, normalize_email
from groundswell.people.dates import parse_date

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_EMAIL = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@([A-Za-z0-9.-]+)")
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class EmailReader:
    def __init__(self) -> None:
        self._domains: dict[str, str | None] = {}

    def normalize(self, raw: str) -> str:
        """What normalize_email(raw) returns (or raises), faster for plain addresses."""
        text = raw.strip()
        match = _PLAIN_EMAIL.fullmatch(text)
        # IDNA ("xn--") domains change length when normalised; the full check handles them.
        if match is None or len(match[1]) > 64 or len(text) > 254 or "xn--" in match[2].lower():
            return normalize_email(text)
        domain = match[2].lower()
        if domain not in self._domains:
            if len(self._domains) > 50_000:
                self._domains.clear()
            try:
                self._domains[domain] = normalize_email(f"a@{domain}")[2:]
            except InvalidContactPoint:
                self._domains[domain] = None
        known = self._domains[domain]
        if known is None:
            raise InvalidContactPoint(f"not an email address: {text!r}")
        return f"{match[1].lower()}@{known}"


def read_date(text: str) -> date | None:
    """What dates.parse_date(text) returns, faster for the two usual shapes."""
    match = _MDY.fullmatch(text)
    try:
        if match:
            return date(int(match[3]), int(match[1]), int(match[2]))
        match = _ISO.fullmatch(text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    return parse_date(text)
