"""Someone who reaches us on their own (an event signup, a web form): find them in the organization's CRM by
email, then by phone, or add them. An existing record is never overwritten from a form; only its empty name,
ZIP and missing contact points are filled in."""

from django.db import transaction

from groundswell.orgs.models import Team
from groundswell.people.contact_points import InvalidContactPoint, ParsedPhone, normalize_email
from groundswell.people.models import ACTIVE, Email, Person, Phone
from groundswell.people.services import org_of, person_create
from groundswell.people.timeline import timeline_add


def find_by_contact(*, org: Team, email: str = "", phone: ParsedPhone | None = None) -> Person | None:
    """The live person of `org` with this (normalised) email address, else this E.164 phone number."""
    people = Person.objects.filter(ACTIVE, org=org)
    if email:
        found = people.filter(emails__address=email).order_by("id").first()
        if found:
            return found
    if phone:
        return people.filter(phones__number=phone.number).order_by("id").first()
    return None


@transaction.atomic
def person_from_contact(
    *, actor, team: Team, first_name: str, last_name: str, email: str = "", phone: ParsedPhone | None = None,
    zip_code: str = "", source: str, place: dict | None = None,
) -> tuple[Person, bool]:
    """(person, created): the organization's record for this contact, new at `team` when there is none.
    `email` is already normalised and `phone` parsed (people.contact_points); `place` may give city, state,
    latitude and longitude known from the ZIP code."""
    org = org_of(team)
    person = find_by_contact(org=org, email=email, phone=phone)
    if person is None:
        person = person_create(actor=actor, team=team, first_name=first_name, last_name=last_name, zip=zip_code,
                               emails=[email] if email else [], phones=[phone.number] if phone else [],
                               **(place or {}))
        timeline_add(person=person, kind="people.intake", summary=f"Added from {source}", actor=actor)
        return person, True
    known = {"first_name": first_name, "last_name": last_name}
    if not person.zip and zip_code:  # a ZIP (and where it is) only for someone we had no address for
        known |= {"zip": zip_code, **(place or {})}
    blanks = {name: value for name, value in known.items() if value not in ("", None) and getattr(person, name)
              in ("", None)}
    if blanks:
        Person.objects.filter(pk=person.pk).update(**blanks)
        for name, value in blanks.items():
            setattr(person, name, value)
    if email and not person.emails.filter(address=email).exists():
        Email.objects.create(person=person, org=org, address=email, primary=not person.emails.exists())
    if phone and not person.phones.filter(number=phone.number).exists():
        Phone.objects.create(person=person, org=org, number=phone.number, kind=phone.kind,
                             primary=not person.phones.exists())
    return person, False


@transaction.atomic
def person_for_member(*, user, team: Team) -> Person:
    """The organization's record of a member (for one-on-ones, the ladder, check-ins): the live record linked
    to their account, else the one with their email address (linked from now on), else a new one at `team`."""
    org = org_of(team)
    linked = Person.objects.select_for_update().filter(org=org, user=user).first()
    if linked is not None and linked.deleted_at is None:
        return linked
    if linked is not None:  # a deleted record keeps no claim on the account
        Person.objects.filter(pk=linked.pk).update(user=None)
    try:
        email = normalize_email(user.email) if user.email else ""
    except InvalidContactPoint:
        email = ""
    person = find_by_contact(org=org, email=email)
    if person is not None and person.user_id is None:
        Person.objects.filter(pk=person.pk).update(user=user)
        person.user = user
        return person
    first, _, last = (user.full_name or "").partition(" ")
    person = person_create(actor=None, team=team, first_name=first[:80], last_name=last[:80],
                           emails=[email] if email and person is None else [], user=user)
    timeline_add(person=person, kind="people.intake", summary="Added as a member of the movement")
    return person
