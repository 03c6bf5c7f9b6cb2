"""Phones and email addresses of a person: parsing (E.164, normalised addresses), adding, removing, and
marking a number as not reaching the person. Each change is timelined and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction

from groundswell.people.contact_points import InvalidContactPoint, ParsedPhone, normalize_email, parse_phone
from groundswell.people.models import Email, Person, Phone
from groundswell.people.timeline import audit_person, timeline_add


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


def sync_phones(actor, person: Person, numbers: list[ParsedPhone]) -> None:
    keep = {p.number for p in numbers}
    for phone in list(person.phones.all()):
        if phone.number not in keep:
            phone_remove(actor=actor, phone=phone)
    for parsed in numbers:
        phone_add(actor=actor, person=person, raw=parsed.number)


def sync_emails(actor, person: Person, addresses: list[str]) -> None:
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
    audit_person(actor, "people.phone.added", person, {"number": phone.number})
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
    audit_person(actor, "people.phone.removed", person, {"number": phone.number})


@transaction.atomic
def phone_mark_invalid(*, actor, phone: Phone, reason: str = "wrong number") -> Phone:
    """The number does not reach this person (wrong number, disconnected): kept, never dialled again."""
    Phone.objects.filter(pk=phone.pk).update(valid=False)
    phone.valid = False
    timeline_add(person=phone.person, kind="people.phone_invalid",
                 summary=f"Phone {phone.number} marked invalid ({reason})", actor=actor)
    audit_person(actor, "people.phone.invalid", phone.person, {"number": phone.number, "reason": reason})
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
    audit_person(actor, "people.email.added", person, {"address": email.address})
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
    audit_person(actor, "people.email.removed", person, {"address": email.address})
