"""One CSV row → the values to write, or a rejection with a reason for the error file.

Empty cells never overwrite what the CRM already has, so a row carries only the values it has."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from zoneinfo import available_timezones

from groundswell.people.contact_points import InvalidContactPoint
from groundswell.people.custom_fields import clean_value
from groundswell.people.importing.fast import EmailReader, read_date
from groundswell.people.importing.fields import CUSTOM_PREFIX, EMAIL_FIELDS, IMPORT_FIELDS, PHONE_FIELDS, VOTE_PREFIX
from groundswell.people.importing.phones import PhoneReader
from groundswell.people.models import CustomField, Person
from groundswell.people.timezones import derive_time_zone


class RowRejected(ValueError):
    """The row cannot be imported; the message is the reason written to the error file."""


@dataclass(slots=True)
class ParsedRow:
    line: int
    values: list[str]  # the row as read, for the error file
    person: dict = field(default_factory=dict)  # Person field → value (only non-empty ones)
    voter_id: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)  # (E.164, kind), first is primary
    emails: list[str] = field(default_factory=list)
    votes: list[tuple[str, str]] = field(default_factory=list)  # (election, method)
    tags: list[str] = field(default_factory=list)
    custom: dict = field(default_factory=dict)


TEXT_FIELDS = (
    "first_name", "middle_name", "last_name", "suffix", "address1", "address2", "city", "state", "zip",
    "language", "party", "county", "precinct", "congressional_district", "state_senate_district",
    "state_house_district",
)
_MAX_LENGTH = {name: Person._meta.get_field(name).max_length for name in (*TEXT_FIELDS, "time_zone")}
_REGISTRATION = {
    "a": "active", "act": "active", "active": "active", "registered": "active", "r": "active", "y": "active",
    "i": "inactive", "inact": "inactive", "inactive": "inactive",
    "n": "not_registered", "nr": "not_registered", "not registered": "not_registered",
    "not_registered": "not_registered", "unregistered": "not_registered",
    "p": "purged", "purged": "purged", "removed": "purged", "cancelled": "purged", "canceled": "purged",
}
_VOTED = {"y": "", "yes": "", "x": "", "v": "", "1": "", "true": "", "voted": ""}
_NOT_VOTED = {"", "n", "no", "0", "false", "-"}
_METHODS = {
    "a": "absentee", "ab": "absentee", "absentee": "absentee", "m": "mail", "mail": "mail",
    "e": "early", "ev": "early", "early": "early", "p": "in person", "polls": "in person",
    "in person": "in person", "poll": "in person", "in-person": "in person",
}
_ZONES = available_timezones()
_LABEL = {**IMPORT_FIELDS, "address1": "address", "zip": "ZIP"}


class RowParser:
    """Parses rows for one mapping; built once per import (it caches custom fields and phone prefixes)."""

    def __init__(self, header: list[str], mapping: dict[str, str], custom_fields: list[CustomField]) -> None:
        self.width = len(header)
        self.custom_fields = {f"{CUSTOM_PREFIX}{f.key}": f for f in custom_fields}
        self.phones = PhoneReader()
        self.emails = EmailReader()
        # A voter file repeats the same few tens of thousands of birth dates.
        self.dates: dict[str, date | None] = {}
        # One reader per mapped column, chosen once: the per-cell work is then a single call.
        self.readers = [
            (i, self._reader_for(mapping[column])) for i, column in enumerate(header) if mapping.get(column)
        ]

    def parse(self, line: int, values: list[str]) -> ParsedRow:
        if len(values) != self.width:
            raise RowRejected(f"expected {self.width} columns, found {len(values)}")
        row = ParsedRow(line=line, values=values)
        for index, read in self.readers:
            text = values[index].strip()
            if text:
                read(row, text)
        self._finish(row)
        return row

    def _reader_for(self, name: str) -> Callable[[ParsedRow, str], None]:
        if name in TEXT_FIELDS:
            return partial(self._text, name, _MAX_LENGTH[name], f"{_LABEL[name].lower()}: longer than "
                           f"{_MAX_LENGTH[name]} characters")
        if name in PHONE_FIELDS:
            return partial(self._phone, name)
        if name in EMAIL_FIELDS:
            return partial(self._email, _LABEL[name].lower())
        if name.startswith(VOTE_PREFIX):
            return partial(self._vote, name[len(VOTE_PREFIX):])
        if name.startswith(CUSTOM_PREFIX):
            return partial(self._custom, self.custom_fields[name])
        return getattr(self, f"_{name}")

    @staticmethod
    def _text(name: str, limit: int, too_long: str, row: ParsedRow, text: str) -> None:
        if len(text) > limit:
            raise RowRejected(too_long)
        row.person[name] = text

    def _email(self, label: str, row: ParsedRow, text: str) -> None:
        try:
            address = self.emails.normalize(text)
        except InvalidContactPoint as exc:
            raise RowRejected(f"{label}: {exc}") from None
        if address not in row.emails:
            row.emails.append(address)

    @staticmethod
    def _custom(field: CustomField, row: ParsedRow, text: str) -> None:
        try:
            value = clean_value(field, text)
        except ValueError as exc:
            raise RowRejected(str(exc)) from None
        row.custom[field.key] = value

    def _phone(self, name: str, row: ParsedRow, text: str) -> None:
        try:
            parsed = self.phones.parse(text)
        except InvalidContactPoint as exc:
            raise RowRejected(f"{_LABEL[name].lower()}: {exc}") from None
        # The file knows better than phonenumbers, which cannot tell most US mobiles from landlines.
        kind = name if name in ("mobile", "landline") else parsed.kind
        if all(number != parsed.number for number, _ in row.phones):
            row.phones.append((parsed.number, kind))

    @staticmethod
    def _vote(election: str, row: ParsedRow, text: str) -> None:
        key = text.lower()
        if key in _NOT_VOTED:
            return
        method = _VOTED.get(key, _METHODS.get(key))
        if method is None:
            raise RowRejected(f"vote history {election}: unknown value {text!r} (use Y, N, A, M, E or P)")
        row.votes.append((election, method))

    def _voter_id(self, row: ParsedRow, text: str) -> None:
        if len(text) > 80:
            raise RowRejected("voter-file id: longer than 80 characters")
        row.voter_id = text

    def _full_name(self, row: ParsedRow, text: str) -> None:
        row.person["_full_name"] = text

    def _birth_date(self, row: ParsedRow, text: str) -> None:
        if text not in self.dates:
            if len(self.dates) > 100_000:
                self.dates.clear()
            self.dates[text] = read_date(text)
        value = self.dates[text]
        if value is None or value > date.today() or value.year < 1880:
            raise RowRejected(f"date of birth: {text!r} is not a date")
        row.person["birth_date"] = value

    def _coordinate(self, row: ParsedRow, name: str, text: str, limit: float) -> None:
        try:
            value = float(text)
        except ValueError:
            raise RowRejected(f"{name}: {text!r} is not a number") from None
        if not -limit <= value <= limit:
            raise RowRejected(f"{name}: {text} is out of range")
        row.person[name] = value

    def _latitude(self, row: ParsedRow, text: str) -> None:
        self._coordinate(row, "latitude", text, 90)

    def _longitude(self, row: ParsedRow, text: str) -> None:
        self._coordinate(row, "longitude", text, 180)

    def _time_zone(self, row: ParsedRow, text: str) -> None:
        if text not in _ZONES:
            raise RowRejected(f"time zone: unknown time zone {text!r} (use a name like America/Chicago)")
        row.person["time_zone"] = text

    def _registration_status(self, row: ParsedRow, text: str) -> None:
        value = _REGISTRATION.get(text.lower())
        if value is None:
            raise RowRejected(
                f"registration status: unknown value {text!r} (use active, inactive, not registered or purged)"
            )
        row.person["registration_status"] = value

    def _tags(self, row: ParsedRow, text: str) -> None:
        separator = ";" if ";" in text else ","
        for name in (" ".join(t.split()) for t in text.split(separator)):
            if len(name) > 60:
                raise RowRejected(f"tags: {name[:20]!r}… is longer than 60 characters")
            if name and name not in row.tags:
                row.tags.append(name)

    def _finish(self, row: ParsedRow) -> None:
        full = row.person.pop("_full_name", "")
        if full and "first_name" not in row.person and "last_name" not in row.person:
            first, last = split_name(full)
            if len(first) > 80 or len(last) > 80:
                raise RowRejected("full name: longer than 80 characters")
            row.person.update({k: v for k, v in (("first_name", first), ("last_name", last)) if v})
        if "first_name" not in row.person and "last_name" not in row.person:
            raise RowRejected("missing name")
        if "time_zone" not in row.person:
            zone = derive_time_zone(state=row.person.get("state", ""), phones=[n for n, _ in row.phones])
            if zone:
                row.person["time_zone"] = zone


def split_name(full: str) -> tuple[str, str]:
    """("First Middle", "Last") from "First Middle Last" or "Last, First Middle"."""
    if "," in full:
        last, _, first = full.partition(",")
        return " ".join(first.split()), " ".join(last.split())
    parts = full.split()
    if len(parts) == 1:
        return parts[0], ""
    return " ".join(parts[:-1]), parts[-1]
