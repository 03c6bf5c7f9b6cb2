"""Exporting a list to CSV: the columns a user may choose, CSV-injection-safe cells, and a streamed,
audited export that holds one chunk of people in memory at a time whatever the list's size."""

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import batched

from django.db.models import QuerySet

from groundswell.audit.services import audit_log
from groundswell.people.models import CustomField, Email, ExternalId, PeopleList, Person, PersonTag, Phone, Vote
from groundswell.people.selectors_lists import list_people

CHUNK_SIZE = 2000
# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = frozenset("=+-@\t\r")


@dataclass(frozen=True)
class ExportContext:
    """What the columns of one export need besides the person: the organization's custom fields and
    external id systems, read once per export."""

    custom_fields: list[CustomField]
    id_systems: list[str]


Row = dict  # one person's fields, as read by QuerySet.values()
Related = dict[str, dict[int, list[tuple]]]  # per kind ("phones"…), per person id, its rows in order


@dataclass(frozen=True)
class ColumnGroup:
    """Columns chosen together: their headers, the person fields and related rows they read, their values."""

    key: str
    label: str
    headers: Callable[[ExportContext], list[str]]
    values: Callable[[Row, Related, ExportContext], list]
    fields: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


def _fields(key: str, label: str, *names: str) -> ColumnGroup:
    return ColumnGroup(key, label, lambda ctx: list(names), lambda row, rel, ctx: [row[n] for n in names], names)


def _first(rel: Related, kind: str, row: Row) -> str:
    items = rel[kind].get(row["pk"], [])
    return items[0][0] if items else ""


def _joined(rel: Related, kind: str, row: Row) -> str:
    return "; ".join(item[0] for item in rel[kind].get(row["pk"], []))


def _related_list(key: str, label: str, header: str, kind: str, pick: Callable) -> ColumnGroup:
    return ColumnGroup(key, label, lambda ctx: [header], lambda row, rel, ctx: [pick(rel, kind, row)],
                       related=(kind,))


# Related rows per person, each query ordered so the primary number/address comes first.
RELATED_QUERIES: dict[str, Callable[[list[int]], Iterable[tuple]]] = {
    "phones": lambda ids: Phone.objects.filter(person_id__in=ids)
    .order_by("person_id", "-primary", "id").values_list("person_id", "number"),
    "emails": lambda ids: Email.objects.filter(person_id__in=ids)
    .order_by("person_id", "-primary", "id").values_list("person_id", "address"),
    "votes": lambda ids: Vote.objects.filter(person_id__in=ids)
    .order_by("person_id", "election").values_list("person_id", "election"),
    "tags": lambda ids: PersonTag.objects.filter(person_id__in=ids)
    .order_by("person_id", "tag__name").values_list("person_id", "tag__name"),
    "external_ids": lambda ids: ExternalId.objects.filter(person_id__in=ids)
    .order_by("person_id", "system", "value").values_list("person_id", "value", "system"),
}

ADDRESS = ("address1", "address2", "city", "state", "zip", "country", "latitude", "longitude")
VOTER = ("registration_status", "party", "county", "precinct", "congressional_district",
         "state_senate_district", "state_house_district")


def _custom_values(row: Row, rel: Related, ctx: ExportContext) -> list:
    return [(row["custom"] or {}).get(f.key, "") for f in ctx.custom_fields]


def _external_ids(row: Row, rel: Related, ctx: ExportContext) -> list:
    held = rel["external_ids"].get(row["pk"], [])
    return ["; ".join(value for value, system in held if system == s) for s in ctx.id_systems]


COLUMN_GROUPS: list[ColumnGroup] = [
    _fields("names", "Names (first, middle, last, suffix)", "first_name", "middle_name", "last_name", "suffix"),
    _fields("birth_date", "Date of birth", "birth_date"),
    _fields("address", "Address (street, city, state, ZIP, country, latitude/longitude)", *ADDRESS),
    _fields("locale", "Time zone and language", "time_zone", "language"),
    _related_list("primary_phone", "Primary phone", "phone", "phones", _first),
    _related_list("all_phones", "All phones", "phones", "phones", _joined),
    _related_list("primary_email", "Primary email", "email", "emails", _first),
    _related_list("all_emails", "All emails", "emails", "emails", _joined),
    _fields("voter", "Voter fields (registration, party, county, precinct, districts)", *VOTER),
    _related_list("votes", "Vote history", "votes", "votes", _joined),
    _fields("opt_outs", "Opt-outs (calls, texts, email)", *Person.OPT_OUT_FIELD.values()),
    _related_list("tags", "Tags", "tags", "tags", _joined),
    ColumnGroup("custom", "Custom fields", lambda ctx: [f.key for f in ctx.custom_fields], _custom_values,
                ("custom",)),
    ColumnGroup("external_ids", "External ids (voter file id and other systems)",
                lambda ctx: [f"id_{system}" for system in ctx.id_systems], _external_ids, related=("external_ids",)),
]
GROUPS_BY_KEY = {group.key: group for group in COLUMN_GROUPS}
COLUMN_CHOICES = [(group.key, group.label) for group in COLUMN_GROUPS]


def safe_cell(value) -> str:
    """The value as CSV text that a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def export_context(people_list: PeopleList) -> ExportContext:
    return ExportContext(
        custom_fields=list(CustomField.objects.filter(org_id=people_list.org_id)),
        id_systems=sorted(
            set(ExternalId.objects.filter(org_id=people_list.org_id).values_list("system", flat=True).distinct())
        ),
    )


def _related(kinds: list[str], ids: list[int]) -> Related:
    related: Related = {}
    for kind in kinds:
        by_person: dict[int, list[tuple]] = defaultdict(list)
        for person_id, *values in RELATED_QUERIES[kind](ids):
            by_person[person_id].append(tuple(values))
        related[kind] = by_person
    return related


def csv_rows(people: QuerySet[Person], columns: list[str], ctx: ExportContext) -> Iterator[list[str]]:
    """Header row then one row per person. People are read as plain values CHUNK_SIZE at a time, with one
    query per kind of related row (phones, tags…) for each chunk, so memory stays flat on a million rows."""
    groups = [GROUPS_BY_KEY[key] for key in columns]
    yield ["id", *(header for g in groups for header in g.headers(ctx))]
    fields = sorted({"pk", *(name for g in groups for name in g.fields)})
    kinds = sorted({kind for g in groups for kind in g.related})
    rows = people.order_by("pk").values(*fields).iterator(chunk_size=CHUNK_SIZE)
    for chunk in batched(rows, CHUNK_SIZE):
        related = _related(kinds, [row["pk"] for row in chunk])
        for row in chunk:
            yield [str(row["pk"]), *(safe_cell(v) for g in groups for v in g.values(row, related, ctx))]


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # byte-order mark: spreadsheet programs then read the file as UTF-8
    for row in rows:
        yield writer.writerow(row)


def list_export_csv(*, actor, people_list: PeopleList, columns: list[str], reason: str) -> Iterator[str]:
    """Export `people_list` (already fetched with EXPORT_PEOPLE) as CSV lines. Audited before the first
    line is sent: who (the actor), what (list, columns, row count) and why (the reason given)."""
    unknown = [key for key in columns if key not in GROUPS_BY_KEY]
    if unknown or not reason.strip():
        raise ValueError("choose known columns and give a reason")
    people = list_people(actor, people_list)
    audit_log(
        actor=actor,
        action="people.list.exported",
        target=people_list,
        team_path=people_list.team.path,
        data={
            "list_id": people_list.pk,
            "list_name": people_list.name,
            "columns": columns,
            "rows": people.count(),
            "reason": reason.strip(),
        },
    )
    return csv_lines(csv_rows(people, columns, export_context(people_list)))
