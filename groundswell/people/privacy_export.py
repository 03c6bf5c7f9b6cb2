"""Exporting a list to CSV: the columns a user may choose, CSV-injection-safe cells, and a streamed,
audited export that holds one chunk of people in memory at a time whatever the list's size."""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from groundswell.audit.services import audit_log
from groundswell.people.models import CustomField, ExternalId, PeopleList, Person
from groundswell.people.selectors_lists import list_people

CHUNK_SIZE = 2000
# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportContext:
    """What the columns of one export need besides the person: the organization's custom fields and
    external id systems, read once per export."""

    custom_fields: list[CustomField]
    id_systems: list[str]


@dataclass(frozen=True)
class ColumnGroup:
    key: str
    label: str
    headers: Callable[[ExportContext], list[str]]
    values: Callable[[Person, ExportContext], list]
    prefetch: tuple[str, ...] = ()


def _fields(*names: str) -> tuple[Callable, Callable]:
    return (lambda ctx: list(names)), (lambda p, ctx: [getattr(p, n) for n in names])


def _primary(items) -> str:
    items = list(items)
    chosen = next((i for i in items if i.primary), items[0] if items else None)
    return str(chosen) if chosen else ""


def _joined(items) -> str:
    return "; ".join(str(i) for i in items)


ADDRESS = ("address1", "address2", "city", "state", "zip", "country", "latitude", "longitude")
VOTER = ("registration_status", "party", "county", "precinct", "congressional_district",
         "state_senate_district", "state_house_district")

COLUMN_GROUPS: list[ColumnGroup] = [
    ColumnGroup("names", "Names (first, middle, last, suffix)", *_fields("first_name", "middle_name", "last_name",
                                                                       "suffix")),
    ColumnGroup("birth_date", "Date of birth", *_fields("birth_date")),
    ColumnGroup("address", "Address (street, city, state, ZIP, country, latitude/longitude)", *_fields(*ADDRESS)),
    ColumnGroup("locale", "Time zone and language", *_fields("time_zone", "language")),
    ColumnGroup("primary_phone", "Primary phone", lambda ctx: ["phone"], lambda p, ctx: [_primary(p.phones.all())],
                ("phones",)),
    ColumnGroup("all_phones", "All phones", lambda ctx: ["phones"], lambda p, ctx: [_joined(p.phones.all())],
                ("phones",)),
    ColumnGroup("primary_email", "Primary email", lambda ctx: ["email"], lambda p, ctx: [_primary(p.emails.all())],
                ("emails",)),
    ColumnGroup("all_emails", "All emails", lambda ctx: ["emails"], lambda p, ctx: [_joined(p.emails.all())],
                ("emails",)),
    ColumnGroup("voter", "Voter fields (registration, party, county, precinct, districts)", *_fields(*VOTER)),
    ColumnGroup("votes", "Vote history", lambda ctx: ["votes"],
                lambda p, ctx: [_joined(sorted(v.election for v in p.votes.all()))], ("votes",)),
    ColumnGroup("opt_outs", "Opt-outs (calls, texts, email)", *_fields(*Person.OPT_OUT_FIELD.values())),
    ColumnGroup("tags", "Tags", lambda ctx: ["tags"], lambda p, ctx: [_joined(sorted(t.name for t in p.tags.all()))],
                ("tags",)),
    ColumnGroup("custom", "Custom fields", lambda ctx: [f.key for f in ctx.custom_fields],
                lambda p, ctx: [p.custom.get(f.key, "") for f in ctx.custom_fields]),
    ColumnGroup("external_ids", "External ids (voter file id and other systems)",
                lambda ctx: [f"id_{system}" for system in ctx.id_systems],
                lambda p, ctx: [_joined(e.value for e in p.external_ids.all() if e.system == s)
                                for s in ctx.id_systems],
                ("external_ids",)),
]
GROUPS_BY_KEY = {group.key: group for group in COLUMN_GROUPS}
COLUMN_CHOICES = [(group.key, group.label) for group in COLUMN_GROUPS]


def safe_cell(value) -> str:
    """The value as CSV text that a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


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


def csv_rows(people: QuerySet[Person], columns: list[str], ctx: ExportContext) -> Iterator[list[str]]:
    """Header row then one row per person; people are read CHUNK_SIZE at a time with their related rows
    prefetched per chunk, so memory stays flat on a million-row list."""
    groups = [GROUPS_BY_KEY[key] for key in columns]
    yield ["id", *(header for g in groups for header in g.headers(ctx))]
    prefetch = sorted({name for g in groups for name in g.prefetch})
    for person in people.order_by("pk").prefetch_related(*prefetch).iterator(chunk_size=CHUNK_SIZE):
        yield [str(person.pk), *(safe_cell(v) for g in groups for v in g.values(person, ctx))]


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
