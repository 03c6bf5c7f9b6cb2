"""Writes of one-on-ones: schedule one, record it act by act, turn its commitment into a follow-up task and
its next meeting into a scheduled one-on-one; resolve commitments as kept or not."""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.leadership.models import Commitment, OneOnOne
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team
from groundswell.people.models import Person
from groundswell.people.services import org_of
from groundswell.people.timeline import timeline_add

MAX_ITEMS, MAX_ITEM_LENGTH = 20, 80
# A meeting typed a little ahead of the server's clock (a phone's clock, a rounded time) is still "held".
CLOCK_SLACK = dt.timedelta(minutes=15)


@dataclass
class Record:
    """What an organizer writes down after a one-on-one. Lists are short phrases ("housing", "Spanish")."""

    held_at: dt.datetime
    attention: str = ""
    interest: str = ""
    exploration: str = ""
    values: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    networks: list[str] = field(default_factory=list)
    time_available: str = ""
    exchange: str = ""
    commitment: str = ""
    commitment_due: dt.date | None = None
    next_meeting_at: dt.datetime | None = None


def clean_items(raw: list[str] | str) -> list[str]:
    """A list of short phrases from a list or a comma-separated string: trimmed, without repeats."""
    items = raw.split(",") if isinstance(raw, str) else raw
    kept: list[str] = []
    for item in items:
        text = " ".join(str(item).split())
        if text and text.lower() not in {k.lower() for k in kept}:
            kept.append(text)
    return kept


def _check_items(record: Record, errors: dict) -> None:
    for name in ("values", "interests", "skills", "networks"):
        items = clean_items(getattr(record, name))
        if len(items) > MAX_ITEMS:
            errors[name] = f"Keep it to {MAX_ITEMS} or fewer."
        elif any(len(item) > MAX_ITEM_LENGTH for item in items):
            errors[name] = f"Each one under {MAX_ITEM_LENGTH} characters; separate them with commas."
        setattr(record, name, items)


def _check_record(record: Record, now: dt.datetime) -> None:
    errors: dict[str, str] = {}
    if record.held_at is None:
        errors["held_at"] = "When did you meet?"
    elif record.held_at > now + CLOCK_SLACK:
        errors["held_at"] = "That is still to come: schedule it instead, and record it once you have met."
    _check_items(record, errors)
    record.commitment = " ".join(record.commitment.split())
    if len(record.commitment) > 300:
        errors["commitment"] = "Keep the commitment under 300 characters."
    if record.commitment and record.commitment_due is None:
        errors["commitment_due"] = "By when? A commitment needs a date to follow up on."
    if record.commitment_due is not None and not record.commitment:
        errors["commitment"] = "What did they commit to?"
    if record.commitment_due and record.held_at and record.commitment_due < record.held_at.date():
        errors["commitment_due"] = "The date is before the meeting."
    if record.next_meeting_at is not None and record.next_meeting_at <= now:
        errors["next_meeting_at"] = "The next meeting must be in the future."
    if errors:
        raise ValidationError(errors)


def _check_schedule(scheduled_for: dt.datetime | None, place: str) -> None:
    errors = {}
    if scheduled_for is None:
        errors["scheduled_for"] = "When will you meet?"
    elif scheduled_for < timezone.now() - CLOCK_SLACK:
        errors["scheduled_for"] = "That time has passed: record the one-on-one instead."
    if len(place) > 200:
        errors["place"] = "Keep the place under 200 characters."
    if errors:
        raise ValidationError(errors)


def _replayed(actor: Actor, client_uuid: uuid.UUID | None) -> OneOnOne | None:
    """The one-on-one this actor already saved with `client_uuid` (a retried request); someone else's id is
    refused rather than answered with their meeting."""
    if client_uuid is None:
        return None
    done = OneOnOne.objects.filter(client_uuid=client_uuid).first()
    if done is not None and done.organizer_id != actor.user_id:
        raise ValidationError({"client_uuid": "This id was already used for another one-on-one."})
    return done


@transaction.atomic
def one_on_one_schedule(
    *, actor: Actor, team: Team, person: Person, scheduled_for: dt.datetime | None,
    medium: str = OneOnOne.Medium.IN_PERSON, place: str = "", attention: str = "", client_uuid: uuid.UUID | None = None,
) -> OneOnOne:
    """A one-on-one to come, on `team` (where the actor develops leaders) with a person they may reach
    (leadership.access); the same `client_uuid` sent twice gives the first one back."""
    if done := _replayed(actor, client_uuid):
        return done
    _check_schedule(scheduled_for, place)
    meeting = OneOnOne(org=org_of(team), team=team, person=person, organizer=actor.user, medium=medium,
                       place=place.strip(), scheduled_for=scheduled_for, attention=attention.strip(),
                       client_uuid=client_uuid)
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:  # the same uuid saved by a concurrent retry
        return OneOnOne.objects.get(client_uuid=client_uuid)
    when = scheduled_for.astimezone(ZoneInfo(team.time_zone)).strftime("%a %d %b %Y")
    timeline_add(person=person, kind="leadership.one_on_one", summary=f"One-on-one scheduled for {when}", actor=actor)
    audit_log(actor=actor, action="leadership.one_on_one.scheduled", target=meeting, team_path=team.path)
    return meeting


@transaction.atomic
def one_on_one_record(*, actor: Actor, meeting: OneOnOne, record: Record) -> OneOnOne:
    """Write down a held one-on-one along its five acts. Its commitment becomes a follow-up task for the
    actor, due on the date given; a next meeting becomes a new scheduled one-on-one. Nothing is saved when
    any field is wrong (errors keyed by field)."""
    now = timezone.now()
    if meeting.status == OneOnOne.Status.CANCELLED:
        raise ValidationError("This one-on-one was cancelled.")
    _check_record(record, now)
    for name in ("attention", "interest", "exploration", "exchange"):
        setattr(meeting, name, getattr(record, name).strip())
    for name in ("values", "interests", "skills", "networks"):
        setattr(meeting, name, getattr(record, name))
    meeting.time_available = record.time_available.strip()[:200]
    first_record = meeting.status != OneOnOne.Status.HELD
    meeting.status, meeting.held_at, meeting.updated_at = OneOnOne.Status.HELD, record.held_at, now
    if record.next_meeting_at is not None and meeting.next_meeting_id is None:
        meeting.next_meeting = OneOnOne.objects.create(
            org=meeting.org, team=meeting.team, person=meeting.person, organizer=actor.user, medium=meeting.medium,
            place=meeting.place, scheduled_for=record.next_meeting_at, attention="Follow-up of our last one-on-one")
    meeting.save()
    _commit(actor, meeting, record)
    if meeting.person is not None and first_record:
        timeline_add(person=meeting.person, kind="leadership.one_on_one", actor=actor,
                     summary=f"One-on-one with {actor.user}" + (f": committed to {record.commitment}"
                                                                if record.commitment else ""))
    audit_log(actor=actor, action="leadership.one_on_one.recorded", target=meeting, team_path=meeting.team.path)
    return meeting


def _commit(actor: Actor, meeting: OneOnOne, record: Record) -> None:
    """The meeting's commitment: made the first time, corrected when the record is edited while still open."""
    if not record.commitment:
        return
    existing = meeting.commitments.first()
    if existing is None:
        Commitment.objects.create(org=meeting.org, team=meeting.team, person=meeting.person, one_on_one=meeting,
                                  owner=actor.user, what=record.commitment, due=record.commitment_due)
    elif existing.status == Commitment.Status.OPEN:
        existing.what, existing.due = record.commitment, record.commitment_due
        existing.save(update_fields=["what", "due"])


@transaction.atomic
def one_on_one_log(*, actor: Actor, team: Team, person: Person, record: Record, medium: str = OneOnOne.Medium.IN_PERSON,
                   client_uuid: uuid.UUID | None = None) -> OneOnOne:
    """A one-on-one recorded straight away, without being scheduled first (idempotent by `client_uuid`)."""
    if done := _replayed(actor, client_uuid):
        return done
    _check_record(record, timezone.now())
    meeting = OneOnOne.objects.create(org=org_of(team), team=team, person=person, organizer=actor.user,
                                      medium=medium, client_uuid=client_uuid)
    return one_on_one_record(actor=actor, meeting=meeting, record=record)


@transaction.atomic
def one_on_one_cancel(*, actor: Actor, meeting: OneOnOne) -> OneOnOne:
    if meeting.status == OneOnOne.Status.HELD:
        raise ValidationError("This one-on-one was held; it stays on record.")
    meeting.status, meeting.updated_at = OneOnOne.Status.CANCELLED, timezone.now()
    meeting.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="leadership.one_on_one.cancelled", target=meeting, team_path=meeting.team.path)
    return meeting


@transaction.atomic
def commitment_resolve(*, actor: Actor, commitment: Commitment, kept: bool) -> Commitment:
    """Close a follow-up: the person kept their commitment, or did not. Resolving twice keeps the latest."""
    commitment.status = Commitment.Status.KEPT if kept else Commitment.Status.MISSED
    commitment.resolved_at, commitment.resolved_by = timezone.now(), actor.user
    commitment.save(update_fields=["status", "resolved_at", "resolved_by"])
    if commitment.person is not None:
        word = "kept" if kept else "did not keep"
        timeline_add(person=commitment.person, kind="leadership.commitment", actor=actor,
                     summary=f"{word.capitalize()} the commitment: {commitment.what}")
    audit_log(actor=actor, action="leadership.commitment.resolved", target=commitment,
              team_path=commitment.team.path, data={"kept": kept})
    return commitment
