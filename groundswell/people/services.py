"""Writes to person records. Callers pass objects fetched through selectors (already scoped).

Every change adds a TimelineEntry (what the person's page shows) and an audit entry (who touched whose
personal data). Input is validated here, so the web forms and the API get the same field-level errors."""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.orgs.models import Team
from groundswell.people.contact_points import InvalidContactPoint, ParsedPhone, normalize_email, parse_phone
from groundswell.people.custom_fields import clean_custom
from groundswell.people.models import CustomField, Email, Note, Person, PersonTag, Phone, Tag, TimelineEntry
from groundswell.people.timezones import derive_time_zone

PERSON_FIELDS = (
    "first_name", "middle_name", "last_name", "suffix", "birth_date",
    "address1", "address2", "city", "state", "zip", "country", "latitude", "longitude", "time_zone", "language",
    "registration_status", "party", "county", "precinct",
    "congressional_district", "state_senate_district", "state_house_district",
)


def timeline_add(*, person: Person, kind: str, summary: str, actor=None, data: dict | None = None) -> TimelineEntry:
    """Record something that happened to a person. Any app may call this; `kind` is "<app>.<event>"."""
    user = getattr(actor, "user", actor)
    return TimelineEntry.objects.create(
        person=person, kind=kind, summary=summary[:300], data=data or {},
        actor=user if getattr(user, "pk", None) else None,
    )


def org_of(team: Team) -> Team:
    """The organization (tree root) a team belongs to."""
    return team if team.depth == 1 else Team.objects.get(path=team.org_path)


def _audit(actor, action: str, person: Person, data: dict | None = None) -> None:
    audit_log(actor=actor, action=action, target=person, team_path=person.team.path, data=data)


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def parse_phones(raw: list[str] | tuple[str, ...]) -> list[ParsedPhone]:
    """Each non-empty number in E.164 (duplicates dropped); ValidationError on "phones" naming the bad ones."""
    parsed, errors = [], []
    for text in raw:
        if not text or not text.strip():
            continue
        try:
            phone = parse_phone(text)
        except InvalidContactPoint as exc:
            errors.append(str(exc))
            continue
        if phone.number not in {p.number for p in parsed}:
            parsed.append(phone)
    if errors:
        raise ValidationError({"phones": errors})
    return parsed


def parse_emails(raw: list[str] | tuple[str, ...]) -> list[str]:
    """Normalised, de-duplicated addresses; ValidationError on "emails" naming the bad ones."""
    addresses, errors = [], []
    for text in raw:
        if not text or not text.strip():
            continue
        try:
            address = normalize_email(text)
        except InvalidContactPoint as exc:
            errors.append(str(exc))
            continue
        if address not in addresses:
            addresses.append(address)
    if errors:
        raise ValidationError({"emails": errors})
    return addresses


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
    numbers, addresses, values = _collect(
        lambda: parse_phones(phones), lambda: parse_emails(emails),
        lambda: _clean_custom(org.pk, custom or {}), lambda: _check_person(person),
    )[:3]
    person.custom = values
    if not person.time_zone:
        person.time_zone = derive_time_zone(state=person.state, phones=[p.number for p in numbers])
    person.save()
    for phone in numbers:
        Phone.objects.create(person=person, org=org, number=phone.number, kind=phone.kind, primary=phone is numbers[0])
    for address in addresses:
        Email.objects.create(person=person, org=org, address=address, primary=address == addresses[0])
    timeline_add(person=person, kind="people.created", summary="Added to the CRM", actor=actor)
    for name in tags:
        tag_add(actor=actor, person=person, name=name)
    if actor is not None:
        _audit(actor, "people.person.created", person)
    return person


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
        _sync_phones(actor, person, numbers)
    if emails is not None:
        _sync_emails(actor, person, addresses)
    if custom is not None and values != person.custom:
        person.custom = values
        changed.append("custom")
    if not person.time_zone or (was_derived and "time_zone" not in changes):
        derived = derive_time_zone(state=person.state, phones=list(person.phones.values_list("number", flat=True)))
        if derived != person.time_zone:
            person.time_zone = derived
            changed.append("time_zone")
    person.updated_at = timezone.now()
    person.save()
    if changed:
        timeline_add(person=person, kind="people.updated", summary=f"Changed {', '.join(sorted(set(changed)))}",
                     data={"fields": sorted(set(changed))}, actor=actor)
        _audit(actor, "people.person.updated", person, {"fields": sorted(set(changed))})
    return person


_NULLABLE = {"birth_date", "latitude", "longitude"}


@transaction.atomic
def person_soft_delete(*, actor, person: Person) -> None:
    """Hide the person everywhere (selectors skip deleted rows) until a data steward purges them."""
    now = timezone.now()
    Person.objects.filter(pk=person.pk).update(deleted_at=now, updated_at=now)
    person.deleted_at = now
    timeline_add(person=person, kind="people.deleted", summary="Deleted", actor=actor)
    _audit(actor, "people.person.deleted", person)


def _sync_phones(actor, person: Person, numbers: list[ParsedPhone]) -> None:
    keep = {p.number for p in numbers}
    for phone in list(person.phones.all()):
        if phone.number not in keep:
            phone_remove(actor=actor, phone=phone)
    for parsed in numbers:
        phone_add(actor=actor, person=person, raw=parsed.number)


def _sync_emails(actor, person: Person, addresses: list[str]) -> None:
    for email in list(person.emails.all()):
        if email.address not in addresses:
            email_remove(actor=actor, email=email)
    for address in addresses:
        email_add(actor=actor, person=person, raw=address)


@transaction.atomic
def phone_add(*, actor, person: Person, raw: str, kind: str = "") -> Phone:
    """Add a number (any format; stored E.164). Already there: returned unchanged. The first is primary."""
    parsed = parse_phones([raw])
    if not parsed:
        raise ValidationError({"phones": ["Enter a phone number."]})
    number = parsed[0]
    phone = person.phones.filter(number=number.number).first()
    if phone is not None:
        return phone
    phone = Phone.objects.create(
        person=person, org_id=person.org_id, number=number.number, kind=kind or number.kind,
        primary=not person.phones.filter(primary=True).exists(),
    )
    timeline_add(person=person, kind="people.phone_added", summary=f"Phone {phone.number} added", actor=actor)
    _audit(actor, "people.phone.added", person, {"number": phone.number})
    return phone


@transaction.atomic
def phone_remove(*, actor, phone: Phone) -> None:
    person = phone.person
    phone.delete()
    if phone.primary:
        successor = person.phones.order_by("id").first()
        if successor is not None:
            Phone.objects.filter(pk=successor.pk).update(primary=True)
    timeline_add(person=person, kind="people.phone_removed", summary=f"Phone {phone.number} removed", actor=actor)
    _audit(actor, "people.phone.removed", person, {"number": phone.number})


@transaction.atomic
def phone_mark_invalid(*, actor, phone: Phone, reason: str = "wrong number") -> Phone:
    """The number does not reach this person (wrong number, disconnected): kept, never dialled again."""
    Phone.objects.filter(pk=phone.pk).update(valid=False)
    phone.valid = False
    timeline_add(person=phone.person, kind="people.phone_invalid",
                 summary=f"Phone {phone.number} marked invalid ({reason})", actor=actor)
    _audit(actor, "people.phone.invalid", phone.person, {"number": phone.number, "reason": reason})
    return phone


@transaction.atomic
def email_add(*, actor, person: Person, raw: str) -> Email:
    addresses = parse_emails([raw])
    if not addresses:
        raise ValidationError({"emails": ["Enter an email address."]})
    email = person.emails.filter(address=addresses[0]).first()
    if email is not None:
        return email
    email = Email.objects.create(person=person, org_id=person.org_id, address=addresses[0],
                                 primary=not person.emails.filter(primary=True).exists())
    timeline_add(person=person, kind="people.email_added", summary=f"Email {email.address} added", actor=actor)
    _audit(actor, "people.email.added", person, {"address": email.address})
    return email


@transaction.atomic
def email_remove(*, actor, email: Email) -> None:
    person = email.person
    email.delete()
    if email.primary:
        successor = person.emails.order_by("id").first()
        if successor is not None:
            Email.objects.filter(pk=successor.pk).update(primary=True)
    timeline_add(person=person, kind="people.email_removed", summary=f"Email {email.address} removed", actor=actor)
    _audit(actor, "people.email.removed", person, {"address": email.address})


def clean_tag_name(raw: str) -> str:
    name = " ".join(str(raw).split())
    if not name:
        raise ValidationError({"name": ["Enter a tag."]})
    if len(name) > Tag._meta.get_field("name").max_length:
        raise ValidationError({"name": ["A tag is at most 60 characters."]})
    return name


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
        _audit(actor, "people.tag.added", person, {"tag": tag.name})
    return tag


@transaction.atomic
def tag_remove(*, actor, person: Person, name: str) -> bool:
    """Untag the person; returns False when they did not have the tag. The tag itself stays for the org."""
    removed, _ = PersonTag.objects.filter(person=person, tag__org_id=person.org_id, tag__name__iexact=name).delete()
    if removed:
        timeline_add(person=person, kind="people.untagged", summary=f"Tag “{name}” removed", actor=actor)
        _audit(actor, "people.tag.removed", person, {"tag": name})
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
    _audit(actor, "people.note.added", person)
    return note
