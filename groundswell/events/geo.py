"""Where US ZIP codes are (centroid and time zone, from the `zipcodes` package's bundled data): events get
a position from their ZIP when nothing better is known, and finders measure distance from a visitor's ZIP."""

import re
from dataclasses import dataclass
from functools import lru_cache

import zipcodes

_ZIP = re.compile(r"^\d{5}(-\d{4})?$")


@dataclass(frozen=True)
class ZipPlace:
    zip: str
    city: str
    state: str
    latitude: float
    longitude: float
    time_zone: str


class BadZip(ValueError):
    """Not a US ZIP code, or one that does not exist; the message says which, for a form."""


@lru_cache(maxsize=4096)
def _lookup(zip5: str) -> ZipPlace | None:
    found = zipcodes.matching(zip5)
    if not found:
        return None
    row = found[0]
    return ZipPlace(zip=zip5, city=row["city"].title(), state=row["state"], latitude=float(row["lat"]),
                    longitude=float(row["long"]), time_zone=row.get("timezone") or "")


def zip_place(raw: str) -> ZipPlace:
    """The place of a ZIP (5 digits or ZIP+4); raises BadZip with a message a visitor understands."""
    text = (raw or "").strip()
    if not _ZIP.match(text):
        raise BadZip("Enter a 5-digit ZIP code, like 60614.")
    place = _lookup(text[:5])
    if place is None:
        raise BadZip(f"{text[:5]} is not a US ZIP code.")
    return place
