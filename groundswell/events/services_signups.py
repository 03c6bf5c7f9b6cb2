"""Signing up for shifts: from the public page without an account, one tap for members, by the host, or
through the API. Each signup finds or creates the person in the organization's CRM, takes a place or joins
the waitlist (never more confirmed than the capacity, even when many sign up at once: the shift row is locked
on PostgreSQL, and SQLite has one writer at a time), credits the volunteer whose link brought them, and is
idempotent by the client's UUID (DESIGN invariant 2)."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from groundswell.common.errors import Conflict
from groundswell.events import notices
from groundswell.events.geo import BadZip, zip_place
from groundswell.events.models import Event, ShareLink, Shift, Signup
from groundswell.people.consent import opt_in, opt_out
from groundswell.people.contact_points import InvalidContactPoint, normalize_email, parse_phone
from groundswell.people.models import Channel
from groundswell.people.services_intake import person_from_contact
from groundswell.people.timeline import timeline_add

LIVE = ~Q(status=Signup.Status.CANCELLED)


class AlreadySignedUp(Conflict):
    """The person already has a live signup on this shift (`signup`)."""

    def __init__(self, signup: Signup) -> None:
        when = signup.shift.starts_at
        super().__init__(f"{signup.name} is already signed up for this shift"
                         f"{' (on the waitlist)' if signup.status == Signup.Status.WAITLISTED else ''}.")
        self.signup = signup
        self.when = when


@dataclass
class Contact:
    """What someone typed to sign up."""

    first_name: str
    last_name: str = ""
    email: str = ""
    phone: str = ""
    zip: str = ""
    consent: bool | None = None  # the "you may contact me" box; None: not asked (leave consent as it is)


def clean_contact(contact: Contact):
    """(first, last, email, phone, ZipPlace) normalised, or ValidationError naming every bad field at once."""
    errors: dict[str, list[str]] = {}
    first, last = contact.first_name.strip()[:80], contact.last_name.strip()[:80]
    email = phone = None
    if not first:
        errors["first_name"] = ["Tell us your first name."]
    if contact.email.strip():
        try:
            email = normalize_email(contact.email)
        except InvalidContactPoint:
            errors["email"] = ["That is not an email address."]
    if contact.phone.strip():
        try:
            phone = parse_phone(contact.phone)
        except InvalidContactPoint:
            errors["phone"] = ["That is not a phone number we can reach (include the area code)."]
    if not contact.email.strip() and not contact.phone.strip():
        errors["email"] = ["Give an email address or a phone number, so we can send you the details."]
    zip_code = None
    if contact.zip.strip():
        try:
            zip_code = zip_place(contact.zip)
        except BadZip as exc:
            errors["zip"] = [str(exc)]
    if errors:
        raise ValidationError(errors)
    return first, last, email or "", phone, zip_code


def bookable(shift: Shift) -> None:
    """Raise Conflict with the reason when nobody can sign up for `shift` now."""
    event = shift.event
    if event.is_cancelled:
        raise Conflict("This event was cancelled" + (f": {event.cancel_reason}" if event.cancel_reason else "."))
    if event.status != Event.Status.PUBLISHED:
        raise Conflict("This event is waiting for an organizer's approval; signups open once it is approved.")
    if shift.cancelled_at is not None:
        raise Conflict("This shift was cancelled; please pick another.")
    if shift.ends_at <= timezone.now():
        raise Conflict("This shift is over; please pick another.")


def referrer_for(event: Event, ref: str):
    """The volunteer whose share link `ref` is, for this event (unknown codes credit nobody)."""
    if not ref:
        return None
    link = ShareLink.objects.filter(event=event, code=ref[:16]).select_related("user").first()
    return link.user if link else None


def _lock(shift: Shift) -> Shift:
    return Shift.objects.select_for_update(of=("self",)).select_related("event", "event__team").get(pk=shift.pk)


def _has_room(shift: Shift, *, excluding: int | None = None) -> bool:
    if shift.capacity is None:
        return True
    taken = shift.signups.filter(status=Signup.Status.CONFIRMED).exclude(pk=excluding).count()
    return taken < shift.capacity


def signup_create(
    *, actor, shift: Shift, contact: Contact, source: str = Signup.Source.PUBLIC, user=None, ref: str = "",
    client_uuid: uuid.UUID | None = None, notify: bool = True,
) -> Signup:
    """Sign `contact` up for `shift`. Raises ValidationError (field messages), Conflict (cancelled, over,
    not approved) or AlreadySignedUp. A replay of the same `client_uuid` answers the signup it made.
    `notify=False` sends no confirmation (signups loaded from elsewhere, the demo)."""
    if client_uuid is not None:
        done = Signup.objects.filter(client_uuid=client_uuid).select_related("shift", "event").first()
        if done is not None:
            if done.shift_id != shift.pk:
                raise ValidationError({"client_uuid": ["This id was already used for another signup."]})
            return done
    first, last, email, phone, zip_code = clean_contact(contact)
    try:
        with transaction.atomic():
            signup = _create(actor=actor, shift=shift, first=first, last=last, email=email, phone=phone,
                             zip_code=zip_code, consent=contact.consent, source=source, user=user, ref=ref,
                             client_uuid=client_uuid)
    except IntegrityError:
        # A simultaneous twin: the same uuid (a retried request) or the same person on this shift.
        done = Signup.objects.filter(client_uuid=client_uuid).first() if client_uuid else None
        if done is not None:
            return done
        raise
    if notify:
        transaction.on_commit(lambda: notices.signup_confirmed(signup.pk))
    return signup


def _create(*, actor, shift, first, last, email, phone, zip_code, consent, source, user, ref, client_uuid) -> Signup:
    shift = _lock(shift)
    bookable(shift)
    event = shift.event
    place = {"city": zip_code.city, "state": zip_code.state, "latitude": zip_code.latitude,
             "longitude": zip_code.longitude} if zip_code else None
    person, _ = person_from_contact(actor=actor, team=event.team, first_name=first, last_name=last, email=email,
                                    phone=phone, zip_code=zip_code.zip if zip_code else "", place=place,
                                    source=f"a signup for {event.title}")
    existing = shift.signups.filter(LIVE, person=person).first()
    if existing is not None:
        raise AlreadySignedUp(existing)
    referrer = referrer_for(event, ref)
    if referrer is not None and user is not None and referrer.pk == user.pk:
        referrer = None  # one's own link
    now = timezone.now()
    first_time = not Signup.objects.filter(person=person, attendance=Signup.Attendance.ATTENDED).exists()
    signup = Signup.objects.create(
        shift=shift, event=event, person=person, user=user, first_name=first, last_name=last, email=email,
        phone=phone.number if phone else "", zip=zip_code.zip if zip_code else "", first_time=first_time, source=source,
        referrer=referrer, client_uuid=client_uuid, created_at=now, updated_at=now,
        status=Signup.Status.CONFIRMED if _has_room(shift) else Signup.Status.WAITLISTED,
    )
    _record_consent(actor, person, consent, event)
    waiting = " (waitlist)" if signup.status == Signup.Status.WAITLISTED else ""
    timeline_add(person=person, kind="events.signed_up", actor=actor,
                 summary=f"Signed up for {event.title}{waiting}",
                 data={"event": event.pk, "shift": shift.pk, "referrer": referrer.pk if referrer else None})
    return signup


def _record_consent(actor, person, consent: bool | None, event: Event) -> None:
    """The signup form's "you may contact me" box: ticked is the person's own request to hear from us
    (it lifts an earlier opt-out of calls and texts); unticked opts them out of calls and texts — event
    emails (confirmation, reminders, changes) are part of the signup and still go."""
    if consent is None:
        return
    source, note = "event signup", event.title[:300]
    for channel in (Channel.CALL, Channel.TEXT):
        if consent and person.opted_out(channel):
            opt_in(actor=actor, person=person, channel=channel, source=source, note=note)
        elif not consent and not person.opted_out(channel):
            opt_out(actor=actor, person=person, channel=channel, source=source,
                    note=f"declined at signup: {note}"[:300])


def member_signup(*, actor, shift: Shift, ref: str = "", client_uuid: uuid.UUID | None = None,
                  notify: bool = True) -> Signup:
    """One tap for a signed-in member: their name and email from their account."""
    user = actor.user
    first, _, last = (user.full_name or user.email.split("@")[0]).partition(" ")
    contact = Contact(first_name=first, last_name=last, email=user.email)
    return signup_create(actor=actor, shift=shift, contact=contact, source=Signup.Source.MEMBER, user=user,
                         ref=ref, client_uuid=client_uuid, notify=notify)


def promote_waitlist(shift: Shift) -> list[Signup]:
    """Give free places to the longest waiting (call inside a transaction); they are told on commit."""
    shift = _lock(shift)
    promoted = []
    if shift.cancelled_at is not None or shift.event.is_cancelled:
        return promoted
    for signup in shift.signups.filter(status=Signup.Status.WAITLISTED).order_by("created_at", "id"):
        if not _has_room(shift):
            break
        signup.status, signup.updated_at = Signup.Status.CONFIRMED, timezone.now()
        signup.save(update_fields=["status", "updated_at"])
        promoted.append(signup)
    for signup in promoted:
        transaction.on_commit(lambda pk=signup.pk: notices.waitlist_promoted(pk))
    return promoted


@transaction.atomic
def signup_cancel(*, actor, signup: Signup, reason: str = "") -> Signup:
    """The person (by their link) or the host cancels; a freed place goes to the waitlist."""
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.status == Signup.Status.CANCELLED:
        return signup
    now = timezone.now()
    signup.status, signup.cancelled_at, signup.updated_at = Signup.Status.CANCELLED, now, now
    signup.save(update_fields=["status", "cancelled_at", "updated_at"])
    if signup.person_id:
        timeline_add(person=signup.person, kind="events.cancelled", actor=actor,
                     summary=f"Cancelled a signup for {signup.event.title}", data={"reason": reason[:200]})
    promote_waitlist(signup.shift)
    return signup


@transaction.atomic
def signup_move(*, actor, signup: Signup, shift: Shift) -> Signup:
    """Move a signup to another shift of the same event (a place if there is room, else the waitlist)."""
    if shift.event_id != signup.event_id:
        raise ValidationError({"shift": ["Pick a shift of the same event."]})
    if shift.pk == signup.shift_id:
        return signup
    target = _lock(shift)
    bookable(target)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.status == Signup.Status.CANCELLED:
        raise Conflict("This signup was cancelled; sign up again instead.")
    if target.signups.filter(LIVE, person_id=signup.person_id).exists():
        raise Conflict("You are already signed up for that shift.")
    old = signup.shift
    signup.shift = target
    signup.status = Signup.Status.CONFIRMED if _has_room(target) else Signup.Status.WAITLISTED
    signup.reminded_24h_at = signup.reminded_2h_at = None
    signup.updated_at = timezone.now()
    signup.save(update_fields=["shift", "status", "reminded_24h_at", "reminded_2h_at", "updated_at"])
    promote_waitlist(old)
    transaction.on_commit(lambda: notices.signup_confirmed(signup.pk))
    return signup


def share_link(*, event: Event, user) -> ShareLink:
    """The user's own link code for `event` (made on first use)."""
    import secrets

    link = ShareLink.objects.filter(event=event, user=user).first()
    if link is not None:
        return link
    try:
        with transaction.atomic():
            return ShareLink.objects.create(event=event, user=user, code=secrets.token_urlsafe(6))
    except IntegrityError:
        return ShareLink.objects.get(event=event, user=user)


def calendar_feed_reset(*, user) -> None:
    """A new secret for the user's calendar feed: the old URL stops working (shared by mistake, a lost phone)."""
    from groundswell.common.tokens import new_secret
    from groundswell.events.models import CalendarFeed

    CalendarFeed.objects.update_or_create(user=user, defaults={"token": new_secret()})
