"""Column mappings: suggested from header names or a mapping the organization used before for the same
header, checked before a single row is read, and remembered for next time."""

import hashlib

from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.people.importing.fields import (
    CUSTOM_PREFIX,
    EMAIL_FIELDS,
    NAME_FIELDS,
    PHONE_FIELDS,
    is_known_field,
    normalise_header,
    suggest_field,
)
from groundswell.people.models import CustomField, ImportMapping


def header_key(header: list[str]) -> str:
    """The same header (whatever the case, spacing or punctuation of its names) gives the same key."""
    return hashlib.sha256("\x1f".join(normalise_header(c) for c in header).encode()).hexdigest()


def suggest_mapping(org: Team, header: list[str]) -> dict[str, str]:
    """{column: field or ""} for every column: the org's remembered mapping for this header when there is
    one, else what each header name suggests (each field taken by its first column only)."""
    remembered = ImportMapping.objects.filter(org=org, header_key=header_key(header)).first()
    if remembered is not None:
        return {column: remembered.mapping.get(column, "") for column in header}
    custom = {normalise_header(f.key): f.key for f in CustomField.objects.filter(org=org)}
    custom.update({normalise_header(f.label): f.key for f in CustomField.objects.filter(org=org)})
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in header:
        field = suggest_field(column)
        if not field and normalise_header(column) in custom:
            field = CUSTOM_PREFIX + custom[normalise_header(column)]
        if field in taken:
            field = ""
        taken.add(field)
        mapping[column] = field
    return mapping


def check_mapping(header: list[str], mapping: dict[str, str]) -> list[str]:
    """Problems that stop an import before it starts; [] when the mapping can be used."""
    problems = []
    columns = set(header)
    used: dict[str, str] = {}
    for column, field in mapping.items():
        if not isinstance(column, str) or not isinstance(field, str):
            problems.append("a mapping is {column name: field name}, both text")
            continue
        if not field:
            continue
        if column not in columns:
            problems.append(f"column {column!r} is not in the file's header")
        if not is_known_field(field):
            problems.append(f"column {column!r}: unknown field {field!r}")
        elif field in used:
            problems.append(f"field {field!r} is mapped twice (columns {used[field]!r} and {column!r})")
        used.setdefault(field, column)
    if problems:
        return problems
    if not used:
        return ["no usable columns: no column is mapped to a person field"]
    if not any(f in used for f in NAME_FIELDS):
        return ["no name column: map a column to first name, last name or full name"]
    contact = ("voter_id", *PHONE_FIELDS, *EMAIL_FIELDS)
    # Without one of these a re-import could not find the people it made and would duplicate them.
    if not any(f in used for f in contact):
        problems.append("no column identifies a person: map a voter-file id, a phone or an email column")
    return problems


def check_custom_fields(org: Team, mapping: dict[str, str]) -> list[str]:
    """custom:<key> fields that the organization has not defined."""
    keys = set(CustomField.objects.filter(org=org).values_list("key", flat=True))
    return [
        f"column {column!r}: the organization has no custom field {field[len(CUSTOM_PREFIX):]!r}"
        for column, field in mapping.items()
        if field.startswith(CUSTOM_PREFIX) and field[len(CUSTOM_PREFIX):] not in keys
    ]


def remember_mapping(org: Team, header: list[str], mapping: dict[str, str]) -> None:
    ImportMapping.objects.update_or_create(
        org=org,
        header_key=header_key(header),
        defaults={"mapping": {c: f for c, f in mapping.items() if f}, "updated_at": timezone.now()},
    )
