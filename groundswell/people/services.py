"""Writes to person records. Callers pass objects fetched through selectors (already scoped).

Every change adds a TimelineEntry (what the person's page shows) and an audit entry (who touched whose
personal data). Input is validated here, so the web forms and the API get the same field-level errors."""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.people.custom_fields import clean_custom
from groundswell.people.models import CustomField, Email, Note, Person, PersonTag, Phone, Tag
from groundswell.people.services_contacts import (  # noqa: F401 - the contact services are part of this API
    email_add,
    email_remove,
    parse_emails,
    parse_phones,
    phone_add,
    phone_mark_invalid,
    phone_remove,
    sync_emails,
    sync_phones,
)
from groundswell.people.timeline import audit_person, timeline_add  # noqa: F401 - other apps import it from here
from groundswell.people.timezones import derive_time_zone

PERSON_FIELDS = (
    "first_name", "middle_name", "last_name", "suffix", "birth_date",
    "address1", "address2", "city", "state", "zip", "country", "latitude", "longitude", "time_zone", "language",
    "registration_status", "party", "county", "precinct",
    "congressional_district", "state_senate_district", "state_house_district",
)


def org_of(team: Team) -> Team:
    """The organization (tree root) a team belongs to."""
    return team if team.depth == 1 else Team.objects.get(path=team.org_path)


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _check_person(person: Person) -> None:
    """Field-level errors for a person about to be saved (lengths and choices, name, zone, coordinates)."""
    errors: dict[str, list[str]] = {}
    try:
        person.full_clean(exclude=["org", "team", "last_import", "custom"], validate_unique=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not (person.first_name.strip() or person.last_name.strip()):
        errors.setdefault("first_name", []).append("A first or last name is needed.")
    if person.time_zone and person.time_zone not in _zone_names():
        errors.setdefault("time_zone", []).append(f"unknown time zone {person.time_zone!r} (use e.g. America/Chicago)")
    if person.latitude is not None and not -90 <= person.latitude <= 90:
        errors.setdefault("latitude", []).append("latitude must be between -90 and 90")
    if person.longitude is not None and not -180 <= person.longitude <= 180:
        errors.setdefault("longitude", []).append("longitude must be between -180 and 180")
    if errors:
        raise ValidationError(errors)


def _clean_custom(org_id: int, values: dict) -> dict:
    return clean_custom(list(CustomField.objects.filter(org_id=org_id)), values)


def _collect(*checks) -> list:
    """Run each validation and merge their field errors, so one submission reports every bad field at once."""
    results, errors = [], {}
    for check in checks:
        try:
            results.append(check())
        except ValidationError as exc:
            results.append(None)
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return results


@transaction.atomic
def person_create(
    *, actor, team: Team, phones: list[str] | tuple[str, ...] = (), emails: list[str] | tuple[str, ...] = (),
    tags: list[str] | tuple[str, ...] = (), custom: dict | None = None, **fields,
) -> Person:
    """A new person owned by `team`'s organization and visible to `team`'s subtree; raises ValidationError
    (keyed by field; custom fields by their key) and writes nothing when any value is bad."""
    now = timezone.now()
    org = org_of(team)
    person = Person(org=org, team=team, created_at=now, updated_at=now, **fields)
    numbers, addresses, values, tag_names = _collect(
        lambda: parse_phones(phones), lambda: parse_emails(emails),
        lambda: _clean_custom(org.pk, custom or {}), lambda: _clean_tags(tags), lambda: _check_person(person),
    )[:4]
    person.custom = values
    if not person.time_zone:
        person.time_zone = derive_time_zone(state=person.state, phones=[p.number for p in numbers])
    person.save()
    for phone in numbers:
        Phone.objects.create(person=person, org=org, number=phone.number, kind=phone.kind, primary=phone is numbers[0])
    for address in addresses:
        Email.objects.create(person=person, org=org, address=address, primary=address == addresses[0])
    timeline_add(person=person, kind="people.created", summary="Added to the CRM", actor=actor)
    for name in tag_names:
        tag_add(actor=actor, person=person, name=name)
    if actor is not None:
        audit_person(actor, "people.person.created", person)
    return person


# Only what an edit may change: a STOP reply, a ballot file or a contact result stored while the edit form was
# open must not be written back with the stale values the form loaded (opt-outs, the vote summary, last contact).
_UPDATED_COLUMNS = [*PERSON_FIELDS, "custom", "updated_at"]


@transaction.atomic
def person_update(
    *, actor, person: Person, phones: list[str] | None = None, emails: list[str] | None = None,
    custom: dict | None = None, **changes,
) -> Person:
    """Change a person's fields (only those given). `phones`/`emails`, when given, become the person's
    complete list (others are removed); `custom` replaces the custom values. An empty time zone, or one that
    was derived and not restated, is derived again from the new address and phones."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in unknown})
    from groundswell.people.selectors import time_zone_info

    was_derived = time_zone_info(person)[1] in ("address", "phone")
    changed = sorted(name for name, value in changes.items() if getattr(person, name) != value)
    for name, value in changes.items():
        setattr(person, name, value if value is not None or name in _NULLABLE else "")
    numbers, addresses, values = _collect(
        lambda: parse_phones(phones or ()), lambda: parse_emails(emails or ()),
        lambda: _clean_custom(person.org_id, custom or {}), lambda: _check_person(person),
    )[:3]
    if phones is not None:
        sync_phones(actor, person, numbers)
    if emails is not None:
        sync_emails(actor, person, addresses)
    if custom is not None and values != person.custom:
        person.custom = values
        changed.append("custom")
    if not person.time_zone or (was_derived and "time_zone" not in changes):
        derived = derive_time_zone(state=person.state, phones=list(person.phones.values_list("number", flat=True)))
        if derived != person.time_zone:
            person.time_zone = derived
            changed.append("time_zone")
    person.updated_at = timezone.now()
    person.save(update_fields=_UPDATED_COLUMNS)
    if changed:
        timeline_add(person=person, kind="people.updated", summary=f"Changed {', '.join(sorted(set(changed)))}",
                     data={"fields": sorted(set(changed))}, actor=actor)
        audit_person(actor, "people.person.updated", person, {"fields": sorted(set(changed))})
    return person


_NULLABLE = {"birth_date", "latitude", "longitude"}


@transaction.atomic
def person_soft_delete(*, actor, person: Person) -> None:
    """Hide the person everywhere (selectors skip deleted rows) until a data steward purges them."""
    now = timezone.now()
    Person.objects.filter(pk=person.pk).update(deleted_at=now, updated_at=now)
    person.deleted_at = now
    timeline_add(person=person, kind="people.deleted", summary="Deleted", actor=actor)
    audit_person(actor, "people.person.deleted", person)


def clean_tag_name(raw: str) -> str:
    name = " ".join(str(raw).split())
    if not name:
        raise ValidationError({"name": ["Enter a tag."]})
    if len(name) > Tag._meta.get_field("name").max_length:
        raise ValidationError({"name": ["A tag is at most 60 characters."]})
    return name


def _clean_tags(names) -> list[str]:
    cleaned, errors = [], []
    for name in names:
        try:
            cleaned.append(clean_tag_name(name))
        except ValidationError as exc:
            errors.extend(exc.message_dict["name"])
    if errors:
        raise ValidationError({"tags": errors})
    return cleaned


@transaction.atomic
def tag_add(*, actor, person: Person, name: str) -> Tag:
    """Tag the person; the organization's tag is created on first use (names match case-insensitively)."""
    name = clean_tag_name(name)
    tag = Tag.objects.filter(org_id=person.org_id, name__iexact=name).first()
    if tag is None:
        tag, _ = Tag.objects.get_or_create(org_id=person.org_id, name=name)
    _, created = PersonTag.objects.get_or_create(person=person, tag=tag)
    if created:
        timeline_add(person=person, kind="people.tagged", summary=f"Tagged “{tag.name}”", actor=actor)
        audit_person(actor, "people.tag.added", person, {"tag": tag.name})
    return tag


@transaction.atomic
def tag_remove(*, actor, person: Person, name: str) -> bool:
    """Untag the person; returns False when they did not have the tag. The tag itself stays for the org."""
    removed, _ = PersonTag.objects.filter(person=person, tag__org_id=person.org_id, tag__name__iexact=name).delete()
    if removed:
        timeline_add(person=person, kind="people.untagged", summary=f"Tag “{name}” removed", actor=actor)
        audit_person(actor, "people.tag.removed", person, {"tag": name})
    return bool(removed)


@transaction.atomic
def note_add(*, actor, person: Person, body: str) -> Note:
    body = body.strip()
    if not body:
        raise ValidationError({"body": ["Write something first."]})
    if len(body) > 10_000:
        raise ValidationError({"body": ["A note is at most 10,000 characters."]})
    user = getattr(actor, "user", actor)
    note = Note.objects.create(person=person, author=user if getattr(user, "pk", None) else None, body=body)
    timeline_add(person=person, kind="people.note", summary=f"Note: {body[:200]}", actor=actor)
    audit_person(actor, "people.note.added", person)
    return note
