"""Merging two records of the same person: one record stays, with the other's history and contact points."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.common.errors import PermissionDenied
from groundswell.orgs.roles import Cap
from groundswell.people import privacy
from groundswell.people.consent import suppress_known_values
from groundswell.people.models import (
    ConsentEvent,
    DuplicateCandidate,
    Email,
    ExternalId,
    ListMember,
    Note,
    Person,
    PersonTag,
    Phone,
    TimelineEntry,
    Vote,
)
from groundswell.people.services import timeline_add
from groundswell.people.vote_summary import voted_masks_refresh

# Fields the reviewer may pick per record; latitude/longitude travel with the street address. The team
# decides who sees the merged record (the actor may edit people on both teams, checked before merging).
MERGE_FIELDS = [
    "first_name", "middle_name", "last_name", "suffix", "birth_date", "address1", "address2", "city", "state",
    "zip", "country", "time_zone", "language", "registration_status", "party", "county", "precinct",
    "congressional_district", "state_senate_district", "state_house_district", "team",
]
KEEP, OTHER = "keep", "other"


@dataclass(frozen=True)
class FieldDiff:
    name: str  # a Person field, or "custom.<key>"
    label: str
    keep_value: object
    other_value: object


def _blank(value) -> bool:
    return value in (None, "")


def _values(person: Person) -> dict:
    values = {name: getattr(person, name) for name in MERGE_FIELDS}
    values.update({f"custom.{k}": v for k, v in (person.custom or {}).items()})
    return values


def field_diffs(keep: Person, other: Person) -> list[FieldDiff]:
    """Fields where both records hold a value and the values differ: the reviewer picks one. A value
    only one record has is kept without asking."""
    return [
        FieldDiff(name, label, a, b)
        for name, label, a, b in comparison_rows(keep, other)
        if not _blank(a) and not _blank(b) and a != b
    ]


def comparison_rows(keep: Person, other: Person) -> list[tuple[str, str, object, object]]:
    """(field, label, value on keep, value on other) for every field either record fills, for the
    side-by-side page."""
    mine, theirs = _values(keep), _values(other)
    rows = []
    for name in list(dict.fromkeys([*mine, *theirs])):
        a, b = mine.get(name), theirs.get(name)
        if _blank(a) and _blank(b):
            continue
        label = Person._meta.get_field(name).verbose_name if name in MERGE_FIELDS else name.split(".", 1)[1]
        rows.append((name, str(label).capitalize(), a, b))
    return rows


def _merge_fields(keep: Person, other: Person, choices: dict[str, str]) -> list[str]:
    """Write the chosen and the missing values onto `keep`; returns the fields taken from `other`."""
    taken = []
    for name, value in _values(other).items():
        if _blank(value):
            continue
        current = keep.custom.get(name[7:]) if name.startswith("custom.") else getattr(keep, name)
        if not _blank(current) and choices.get(name) != OTHER:
            continue
        taken.append(name)
        if name.startswith("custom."):
            keep.custom = {**keep.custom, name[7:]: value}
        else:
            setattr(keep, name, value)
    if "address1" in taken and other.latitude is not None:
        keep.latitude, keep.longitude = other.latitude, other.longitude
    return taken


def _merge_state(keep: Person, other: Person) -> None:
    """An opt-out is never lost: per channel the earlier opt-out of the two wins."""
    for field in Person.OPT_OUT_FIELD.values():
        dates = [d for d in (getattr(keep, field), getattr(other, field)) if d is not None]
        setattr(keep, field, min(dates) if dates else None)
    if other.last_contacted_at and (not keep.last_contacted_at or other.last_contacted_at > keep.last_contacted_at):
        keep.last_contacted_at, keep.last_result = other.last_contacted_at, other.last_result
    keep.created_at = min(keep.created_at, other.created_at)
    if keep.user_id is None and other.user_id is not None:
        # The member's account moves with the history; unlinked first, as one account links one record.
        Person.objects.filter(pk=other.pk).update(user=None)
        keep.user_id = other.user_id


def _move(model, keep: Person, other: Person, unique_on: str | None = None, **extra) -> None:
    """Re-point `other`'s rows to `keep`; rows whose `unique_on` value keep already has are dropped."""
    rows = model.objects.filter(person=other)
    if unique_on:
        held = model.objects.filter(person=keep).values(unique_on)
        rows.filter(**{f"{unique_on}__in": held}).delete()
    rows.update(person=keep, **extra)


def _move_candidates(keep: Person, other: Person) -> None:
    """A pair once marked "not the same person" stays dismissed for the merged record; open pairs of the
    removed record go with it (the next scan finds them again against `keep`)."""
    dismissed = DuplicateCandidate.objects.filter(
        Q(first=other) | Q(second=other), status=DuplicateCandidate.Status.DISMISSED
    )
    for candidate in dismissed:
        third = candidate.second_id if candidate.first_id == other.pk else candidate.first_id
        if third == keep.pk:
            continue
        first, second = sorted((keep.pk, third))
        DuplicateCandidate.objects.get_or_create(
            first_id=first, second_id=second,
            defaults={"org_id": keep.org_id, "reason": candidate.reason, "score": candidate.score,
                      "status": candidate.status, "resolved_by": candidate.resolved_by,
                      "resolved_at": candidate.resolved_at},
        )


def _check(actor, keep: Person, other: Person) -> None:
    if keep.pk == other.pk:
        raise ValidationError("A record cannot be merged with itself.")
    if keep.org_id != other.org_id:
        raise ValidationError("Only records of the same organization can be merged.")
    for person in (keep, other):
        if not actor.can(Cap.EDIT_PEOPLE, person.team):
            raise PermissionDenied("you may not edit both records")


@transaction.atomic
def person_merge(*, actor, keep: Person, other: Person, choices: dict[str, str] | None = None) -> Person:
    """Merge `other` into `keep` and delete `other`. `choices` maps a field (see field_diffs) to "keep" or
    "other"; blanks on `keep` are filled from `other` without asking. Phones, emails, external ids, votes,
    tags, notes, timeline, list memberships and consent history all move to `keep` (a value both records
    hold is kept once), the earlier opt-out per channel wins, and other apps move their rows through
    privacy.register(merge=...)."""
    _check(actor, keep, other)
    keep.refresh_from_db()
    other.refresh_from_db()
    taken = _merge_fields(keep, other, choices or {})
    _merge_state(keep, other)
    keep.updated_at = timezone.now()
    keep.save()
    has_primary = {m: m.objects.filter(person=keep, primary=True).exists() for m in (Phone, Email)}
    _move(Phone, keep, other, "number", **({"primary": False} if has_primary[Phone] else {}))
    _move(Email, keep, other, "address", **({"primary": False} if has_primary[Email] else {}))
    _move(Vote, keep, other, "election")
    voted_masks_refresh(person_ids=[keep.pk])
    _move(PersonTag, keep, other, "tag_id")
    _move(ListMember, keep, other, "list_id")
    for model in (ExternalId, Note, TimelineEntry, ConsentEvent):
        _move(model, keep, other)
    for contributor in privacy.CONTRIBUTORS.values():
        if contributor.merge is not None:
            contributor.merge(keep, other)
    _move_candidates(keep, other)
    suppress_known_values(org_id=keep.org_id, person_ids=[keep.pk])
    timeline_add(person=keep, kind="people.merged", summary=f"Merged with #{other.pk}", actor=actor,
                 data={"merged_id": other.pk, "fields_from_other": taken})
    audit_log(actor=actor, action="people.person.merged", target=keep, team_path=keep.team.path,
              data={"merged_id": other.pk, "fields_from_other": taken})
    other.delete()
    keep.refresh_from_db()
    return keep
