"""A person's rights over their data: everything we hold about them (subject access) and a real purge
(erasure). List exports to CSV are in privacy_export.

Other apps hold personal data too (calls, texts, event signups). They take part without editing this
module by registering a `PersonData` contributor in their AppConfig.ready():

    privacy.register(PersonData("events", export=signups_of, erase=erase_signups_of, merge=move_signups))

`export(person)` returns a JSON-able section of the subject-access file, `erase(person)` removes the app's
personal rows before the person row is deleted, `merge(keep, other)` moves the app's rows to `keep` before
a duplicate is deleted (dedupe.person_merge).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor, scoped, visible_teams
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people import privacy_scrub
from groundswell.people.models import Channel, DuplicateCandidate, ImportJob, ListMember, Person, Suppression

PERSON_FIELDS = [
    "id", "first_name", "middle_name", "last_name", "suffix", "birth_date", "address1", "address2", "city",
    "state", "zip", "country", "latitude", "longitude", "time_zone", "language", "registration_status",
    "party", "county", "precinct", "congressional_district", "state_senate_district", "state_house_district",
    "custom", "call_opt_out_at", "text_opt_out_at", "email_opt_out_at", "last_contacted_at", "last_result",
    "created_at", "updated_at", "deleted_at",
]


@dataclass(frozen=True)
class PersonData:
    """One app's part in subject access, erasure and merging; any of the three may be left out."""

    section: str
    export: Callable[[Person], object] | None = None
    erase: Callable[[Person], None] | None = None
    merge: Callable[[Person, Person], None] | None = None


CONTRIBUTORS: dict[str, PersonData] = {}


def register(contributor: PersonData) -> None:
    """Add (or replace, on a re-import of the module) an app's contribution, keyed by its section name."""
    CONTRIBUTORS[contributor.section] = contributor


def privacy_person_get(actor: Actor, person_id: int, cap: Cap) -> Person:
    """A person for a privacy action, soft-deleted ones included (a deleted record may still be asked for
    or erased). NotFound outside the teams the actor belongs to; PermissionDenied without `cap` there."""
    person = scoped(Person.objects.all(), actor, cap=Cap.VIEW_TEAM).select_related("team", "org")
    person = person.filter(pk=person_id).first()
    if person is None:
        raise NotFound("person")
    if not actor.can(cap, person.team):
        raise PermissionDenied(f"you may not {cap.value.replace('_', ' ')} for this person")
    return person


def deleted_people_for(actor: Actor, team: Team) -> QuerySet[Person]:
    """Soft-deleted people of `team`'s subtree that the actor may erase: what waits for a data steward's purge."""
    teams = visible_teams(actor, Cap.ERASE_PEOPLE).filter(path__startswith=team.path)
    return Person.objects.filter(deleted_at__isnull=False, team__in=teams).select_related("team").order_by(
        "-deleted_at", "-id"
    )


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _rows(queryset, *fields: str) -> list[dict]:
    return [{k: _iso(v) for k, v in row.items()} for row in queryset.values(*fields)]


def _record(person: Person) -> dict:
    record = {name: _iso(getattr(person, name)) for name in PERSON_FIELDS}
    record.update(team=person.team.name, organization=person.org.name)
    return record


def _rejected_rows(person: Person) -> list[dict]:
    """Rows of earlier imports that were rejected but hold the person's phone, email or external id."""
    rows = privacy_scrub.import_rows_holding(
        org_id=person.org_id,
        phones=list(person.phones.values_list("number", flat=True)),
        emails=list(person.emails.values_list("address", flat=True)),
        ext_ids=list(person.external_ids.values_list("value", flat=True)),
    )
    return [
        {"import_id": e.job_id, "file_name": e.job.file_name, "line": e.line, "reason": e.reason, "row": e.row}
        for e in rows
    ]


def _core_sections(person: Person) -> dict:
    rejected = _rejected_rows(person)
    import_ids = {person.last_import_id} | {row["import_id"] for row in rejected}
    return {
        "phones": _rows(person.phones.all(), "number", "kind", "valid", "primary", "created_at"),
        "emails": _rows(person.emails.all(), "address", "valid", "primary", "created_at"),
        "external_ids": _rows(person.external_ids.all(), "system", "value"),
        "votes": _rows(person.votes.all(), "election", "method"),
        "tags": sorted(person.tags.values_list("name", flat=True)),
        "notes": _rows(person.notes.all(), "body", "author__full_name", "created_at"),
        "timeline": _rows(person.timeline.all(), "kind", "summary", "data", "actor__full_name", "created_at"),
        "consent_events": _rows(
            person.consent_events.all(), "channel", "action", "source", "note", "actor__full_name", "created_at"
        ),
        "lists": _rows(ListMember.objects.filter(person=person), "list_id", "list__name", "added_at"),
        "imports": _rows(ImportJob.objects.filter(pk__in=[i for i in import_ids if i]), "id", "file_name",
                         "created_at"),
        "rejected_import_rows": rejected,
    }


def person_subject_access(*, actor, person: Person) -> dict:
    """Everything held about `person`, as one JSON-able document. Audited: a subject-access export is an
    export of personal data."""
    document = {
        "generated_at": timezone.now().isoformat(),
        "person": _record(person),
        **_core_sections(person),
    }
    for name, contributor in sorted(CONTRIBUTORS.items()):
        if contributor.export is not None:
            document[name] = contributor.export(person)
    audit_log(
        actor=actor,
        action="people.person.subject_access",
        target=person,
        team_path=person.team.path,
        data={"person_id": person.pk, "sections": sorted(k for k in document if k != "generated_at")},
    )
    return document


def erased_repr(person_id: int) -> str:
    return f"erased person #{person_id}"


class _ErasedPerson:
    """Stands in for the deleted row in the erasure's own audit entry: its type and id, no personal data."""

    _meta = Person._meta

    def __init__(self, pk: int) -> None:
        self.pk = pk

    def __str__(self) -> str:
        return erased_repr(self.pk)


def person_erase_preview(person: Person) -> dict:
    """What an erasure deletes, and what it keeps as anonymised counts, for the confirm page."""
    return {
        "phones": person.phones.count(),
        "emails": person.emails.count(),
        "external_ids": person.external_ids.count(),
        "votes": person.votes.count(),
        "tags": person.tags.count(),
        "notes": person.notes.count(),
        "timeline": person.timeline.count(),
        "lists": ListMember.objects.filter(person=person).count(),
        "consent_events": person.consent_events.count(),
        "opted_out": [c.label for c in Channel if person.opted_out(c)],
    }


@transaction.atomic
def person_erase(*, actor, person: Person, reason: str) -> dict:
    """Purge `person` (GDPR erasure): the row and every personal field hanging off it, the rejected import
    rows that hold their phone, email or external id, and their name and contact points in the audit log.

    Kept, anonymised: consent events (channel, action, source, time; person emptied) and the suppression of
    every number and address they opted out on, so an erased person who said STOP is never texted again
    when a later import brings the number back. The erasure's own audit entry names them only by id."""
    person_id, org_id, org_path, team_path = person.pk, person.org_id, person.org.path, person.team.path
    phones = list(person.phones.values_list("number", flat=True))
    emails = list(person.emails.values_list("address", flat=True))
    ext_ids = list(person.external_ids.values_list("value", flat=True))
    names = {n for n in (person.full_name, f"{person.first_name} {person.last_name}".strip()) if n}
    identifiers = sorted(names | set(phones) | set(emails) | set(ext_ids), key=len, reverse=True)
    counts = person_erase_preview(person)
    _keep_suppressions(person, phones, emails)
    person.consent_events.update(person=None, note="")
    for contributor in CONTRIBUTORS.values():
        if contributor.erase is not None:
            contributor.erase(person)
    candidate_ids = list(
        DuplicateCandidate.objects.filter(Q(first=person) | Q(second=person)).values_list("pk", flat=True)
    )
    # Records merged into this one were the same person: their audit entries name them too.
    merged_ids = [i for i in person.timeline.filter(kind="people.merged").values_list("data__merged_id", flat=True)
                  if isinstance(i, int)]
    Person.objects.filter(pk=person_id).delete()
    scrubbed_rows = privacy_scrub.import_rows(org_id=org_id, phones=phones, emails=emails, ext_ids=ext_ids)
    scrubbed_audit = privacy_scrub.audit_entries(
        org_path=org_path,
        person_ids=[person_id, *merged_ids],
        candidate_ids=candidate_ids,
        identifiers=identifiers,
        replacement=erased_repr(person_id),
    )
    counts.update(import_rows_scrubbed=scrubbed_rows, audit_entries_scrubbed=scrubbed_audit)
    audit_log(
        actor=actor,
        action="people.person.erased",
        target=_ErasedPerson(person_id),
        team_path=team_path,
        data={"reason": privacy_scrub.redact(reason.strip(), identifiers), **counts},
    )
    return counts


def _keep_suppressions(person: Person, phones: list[str], emails: list[str]) -> None:
    """Suppress every number/address of each channel the person opted out of, before the record goes."""
    values = {Channel.CALL: phones, Channel.TEXT: phones, Channel.EMAIL: emails}
    for channel in Channel:
        if not person.opted_out(channel):
            continue
        for value in values[channel]:
            Suppression.objects.get_or_create(
                org_id=person.org_id, channel=channel, value=value,
                defaults={"source": "erasure of an opted-out person"},
            )
