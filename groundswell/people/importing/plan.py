"""Deciding, for one chunk of parsed rows, who each row is: a new person, an update of someone already in
the CRM, a skip (updates not wanted), or a rejection. The same decisions on SQLite and PostgreSQL; only
the writing differs (upsert.py, upsert_pg.py).

A row is the same person as a record already in the organization when, in this order:
1. it has the same voter-file id (ExternalId system "voter_file");
2. else it shares a normalised email address;
3. else it shares a phone number AND the same first name — household members who share a landline stay
   separate people.
An email or phone match never joins two different voter-file ids: a record that already has another
voter-file id is a different voter. Rows are matched against the CRM as left by the rows before them,
those earlier in the same chunk included, so the chunk size does not change the result.
A voter-file id that an earlier row of this import already used is rejected as a duplicate (found through
Person.last_import / last_import_line, so memory does not grow with the file).
"""

from dataclasses import dataclass, field

from groundswell.people.importing.lookups import among
from groundswell.people.importing.rows import ParsedRow
from groundswell.people.models import Email, ExternalId, Person, Phone

VOTER_FILE = ExternalId.VOTER_FILE


@dataclass(slots=True)
class Target:
    """Everything one chunk writes to one person, merged from its rows in file order."""

    person_id: int | None  # None: a new person
    line: int  # the last row that wrote it
    person: dict = field(default_factory=dict)
    voter_id: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    votes: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    custom: dict = field(default_factory=dict)
    voter_ids: set = field(default_factory=set)  # ids the person already has (or gets)
    first_name: str = ""

    def merge(self, row: ParsedRow) -> None:
        self.line = row.line
        self.person.update(row.person)
        if row.voter_id:
            self.voter_id = row.voter_id
            self.voter_ids.add(row.voter_id)
        self.phones += [p for p in row.phones if all(p[0] != n for n, _ in self.phones)]
        self.emails += [e for e in row.emails if e not in self.emails]
        self.votes.update(row.votes)
        self.tags += [t for t in row.tags if t not in self.tags]
        self.custom.update(row.custom)
        self.first_name = row.person.get("first_name", self.first_name)


@dataclass
class Plan:
    creates: list[Target] = field(default_factory=list)
    updates: dict[int, Target] = field(default_factory=dict)
    rejections: list[tuple[int, str, list[str]]] = field(default_factory=list)
    skipped: int = 0
    updated: int = 0


def _fold(name: str) -> str:
    return name.strip().casefold()


class _Lookup:
    """The chunk's view of who has which voter id, email and phone: the database, then the chunk's rows."""

    def __init__(self, org_id: int, job_id: int, rows: list[ParsedRow]) -> None:
        self.job_id = job_id
        ids = {r.voter_id for r in rows if r.voter_id}
        emails = {e for r in rows for e in r.emails}
        numbers = {n for r in rows for n, _ in r.phones}
        voter_ids = ExternalId.objects.filter(among("value", ids), org_id=org_id, system=VOTER_FILE)
        self.by_voter_id: dict[str, object] = dict(voter_ids.values_list("value", "person_id"))
        self.by_email: dict[str, object] = {}
        known_emails = Email.objects.filter(among("address", emails), org_id=org_id).order_by("id")
        for address, pid in known_emails.values_list("address", "person_id"):
            self.by_email.setdefault(address, pid)
        self.by_phone: dict[tuple[str, str], object] = {}
        known_phones = Phone.objects.filter(among("number", numbers), org_id=org_id).order_by("id")
        for number, pid, first in known_phones.values_list("number", "person_id", "person__first_name"):
            self.by_phone.setdefault((number, _fold(first)), pid)
        pids = list({*self.by_voter_id.values(), *self.by_email.values(), *self.by_phone.values()})
        people = Person.objects.filter(among("id", pids))
        self.people = {
            p["id"]: p for p in people.values("id", "last_import_id", "last_import_line", "deleted_at", "first_name")
        }
        self.voter_ids: dict[int, set] = {}
        their_ids = ExternalId.objects.filter(among("person_id", pids), system=VOTER_FILE)
        for pid, value in their_ids.values_list("person_id", "value"):
            self.voter_ids.setdefault(pid, set()).add(value)


def plan_chunk(*, job, rows: list[ParsedRow], update_existing: bool) -> Plan:
    plan = Plan()
    look = _Lookup(job.org_id, job.id, rows)
    chunk_voter_lines: dict[str, int] = {}
    for row in rows:
        if row.voter_id and row.voter_id in chunk_voter_lines:
            reason = f"duplicate voter-file id {row.voter_id!r} (already on line {chunk_voter_lines[row.voter_id]})"
            plan.rejections.append((row.line, reason, row.values))
            continue
        found = _find(look, row)
        if isinstance(found, str):
            plan.rejections.append((row.line, found, row.values))
            continue
        if row.voter_id:
            chunk_voter_lines[row.voter_id] = row.line
        if found is None:
            target = Target(person_id=None, line=row.line)
            plan.creates.append(target)
        elif not update_existing:
            plan.skipped += 1
            continue
        else:
            plan.updated += 1
            target = found if isinstance(found, Target) else _update_target(plan, look, found, row.line)
        target.merge(row)
        _register(look, target, row)
    return plan


def _update_target(plan: Plan, look: _Lookup, pid: int, line: int) -> Target:
    if pid not in plan.updates:
        person = look.people[pid]
        plan.updates[pid] = Target(
            person_id=pid, line=line, voter_ids=set(look.voter_ids.get(pid, ())), first_name=person["first_name"]
        )
    return plan.updates[pid]


def _find(look: _Lookup, row: ParsedRow):
    """The matching Target (in this chunk) or person id, None for a new person, or a rejection reason."""
    if row.voter_id and row.voter_id in look.by_voter_id:
        found = look.by_voter_id[row.voter_id]
        if isinstance(found, int):
            person = look.people[found]
            if person["deleted_at"] is not None:
                return f"voter-file id {row.voter_id!r} belongs to a deleted person (purge or restore them first)"
            if person["last_import_id"] == look.job_id and person["last_import_line"] < row.line:
                return f"duplicate voter-file id {row.voter_id!r} (already on line {person['last_import_line']})"
        return found
    first = _fold(row.person.get("first_name", ""))
    keys = [look.by_email.get(e) for e in row.emails] + [look.by_phone.get((n, first)) for n, _ in row.phones]
    for found in keys:
        if found is None:
            continue
        if isinstance(found, int) and look.people[found]["deleted_at"] is not None:
            continue
        known = found.voter_ids if isinstance(found, Target) else look.voter_ids.get(found, set())
        if row.voter_id and known and row.voter_id not in known:
            continue
        return found
    return None


def _register(look: _Lookup, target: Target, row: ParsedRow) -> None:
    """Later rows of the chunk find this person as they would once the chunk is written."""
    ref = target if target.person_id is None else target.person_id
    if target.person_id is None:
        if row.voter_id:
            look.by_voter_id[row.voter_id] = target
        for address in row.emails:
            look.by_email.setdefault(address, target)
        for number, _ in row.phones:
            look.by_phone.setdefault((number, _fold(target.first_name)), target)
    else:
        if row.voter_id:
            look.by_voter_id.setdefault(row.voter_id, ref)
            look.voter_ids.setdefault(ref, set()).add(row.voter_id)
        for address in row.emails:
            look.by_email.setdefault(address, ref)
        for number, _ in row.phones:
            look.by_phone.setdefault((number, _fold(target.first_name)), ref)
