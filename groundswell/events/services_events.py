"""Hosting events: create (or propose), edit, approve, duplicate and cancel an event, and manage its shifts.

Who may host follows the team's roles and settings: holders of CREATE_EVENTS on the team publish at once;
other members (volunteers, or the team's own leaders when the team switched event creation off) may propose
an event, which waits for someone with CREATE_EVENTS to approve it. Times are stored in UTC and entered in
the event's time zone (DESIGN invariant 6)."""

import datetime as dt
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.common.errors import Conflict, PermissionDenied
from groundswell.common.zones import zone_named
from groundswell.events.geo import BadZip, zip_place
from groundswell.events.models import Event, Shift, Signup
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people.services import org_of

EVENT_FIELDS = (
    "title", "description", "kind", "mode", "effort", "visibility", "tags", "venue", "address1", "city", "state",
    "zip", "join_url", "dial_in", "time_zone", "contact_name", "contact_email", "contact_phone", "campaign",
)
MAX_SHIFTS_PER_SERIES = 52
MAX_CAPACITY = 10_000


def may_host(actor: Actor, team: Team) -> bool:
    return actor.can(Cap.CREATE_EVENTS, team)


def may_propose(actor: Actor, team: Team) -> bool:
    return may_host(actor, team) or actor.can(Cap.MAKE_CONTACTS, team)


def require_host(actor: Actor, event: Event) -> None:
    if not may_host(actor, event.team):
        raise PermissionDenied("you may not manage this team's events")


def may_edit(actor: Actor, event: Event) -> bool:
    """Hosts, and the volunteer who proposed it while it waits for approval (to fix it and give its times)."""
    own_proposal = event.status == Event.Status.PENDING and event.created_by_id == actor.user_id
    return may_host(actor, event.team) or own_proposal


def require_editor(actor: Actor, event: Event) -> None:
    if not may_edit(actor, event):
        raise PermissionDenied("only the event's hosts and organizers change it")


def clean_event(event: Event) -> None:
    """Normalise and validate; position and zone come from the ZIP when it is known."""
    errors: dict[str, list[str]] = {}
    event.title = (event.title or "").strip()
    event.tags = sorted({str(t).strip().lower()[:40] for t in (event.tags or []) if str(t).strip()})
    if not event.title:
        errors["title"] = ["Give the event a title."]
    if event.mode == Event.Mode.VIRTUAL:
        if not event.join_url and not event.dial_in:
            errors["join_url"] = ["An online event needs a join link or a dial-in."]
    elif not event.zip:
        errors["zip"] = ["An in-person event needs a ZIP code, so people nearby can find it."]
    if event.zip:
        try:
            place = zip_place(event.zip)
        except BadZip as exc:
            errors["zip"] = [str(exc)]
        else:
            event.zip = place.zip
            event.city = event.city or place.city
            event.state = event.state or place.state
            if event.latitude is None:
                event.latitude, event.longitude = place.latitude, place.longitude
            event.time_zone = event.time_zone or place.time_zone
    event.time_zone = event.time_zone or event.team.time_zone
    if zone_named(event.time_zone) is None:
        errors["time_zone"] = ["Not a time zone we know (e.g. America/Chicago)."]
    if event.campaign_id and event.campaign.team.path[: len(event.org.path)] != event.org.path:
        errors["campaign"] = ["That campaign belongs to another organization."]
    try:
        event.full_clean(exclude=["org", "team", "host", "created_by", "approved_by", "campaign", "copied_from",
                                  "private_key", "time_zone", "zip", "tags"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_create(*, actor: Actor, team: Team, **fields) -> Event:
    """A new event of `team`: published when the actor may host there, else waiting for approval."""
    if not may_propose(actor, team):
        raise PermissionDenied("you may not add events to this team")
    now = timezone.now()
    hosting = may_host(actor, team)
    event = Event(org=org_of(team), team=team, created_by=actor.user, host=actor.user, created_at=now,
                  updated_at=now, status=Event.Status.PUBLISHED if hosting else Event.Status.PENDING,
                  **{k: v for k, v in fields.items() if k in EVENT_FIELDS})
    if not event.contact_name and actor.user is not None:
        event.contact_name = actor.user.full_name or actor.user.email
        event.contact_email = event.contact_email or actor.user.email
    clean_event(event)
    if hosting:
        event.approved_by, event.approved_at = actor.user, now
    event.save()
    audit_log(actor=actor, action="events.event.created", target=event, team_path=team.path,
              data={"status": event.status})
    return event


@transaction.atomic
def event_update(*, actor: Actor, event: Event, **changes) -> Event:
    require_editor(actor, event)
    if event.is_cancelled:
        raise Conflict("This event was cancelled; it can no longer be changed.")
    changed = sorted(k for k, v in changes.items() if k in EVENT_FIELDS and getattr(event, k) != v)
    for name in changed:
        setattr(event, name, changes[name])
    if {"zip", "address1", "mode"} & set(changed):
        event.latitude = event.longitude = None
    clean_event(event)
    event.updated_at = timezone.now()
    event.save()
    if changed:
        audit_log(actor=actor, action="events.event.updated", target=event, team_path=event.team.path,
                  data={"fields": changed})
    return event


@transaction.atomic
def event_approve(*, actor: Actor, event: Event) -> Event:
    require_host(actor, event)
    if event.status != Event.Status.PENDING:
        raise Conflict("This event is not waiting for approval.")
    now = timezone.now()
    event.status, event.approved_by, event.approved_at, event.updated_at = Event.Status.PUBLISHED, actor.user, now, now
    event.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    audit_log(actor=actor, action="events.event.approved", target=event, team_path=event.team.path)
    return event


@transaction.atomic
def event_cancel(*, actor: Actor, event: Event, reason: str = "") -> list[Signup]:
    """Cancel the event; returns the live signups, whom the caller notifies (events.notices)."""
    require_host(actor, event)
    if event.is_cancelled:
        raise Conflict("This event is already cancelled.")
    now = timezone.now()
    event.status, event.cancelled_at, event.updated_at = Event.Status.CANCELLED, now, now
    event.cancel_reason = reason.strip()[:500]
    event.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    audit_log(actor=actor, action="events.event.cancelled", target=event, team_path=event.team.path,
              data={"reason": event.cancel_reason})
    return list(event.signups.exclude(status=Signup.Status.CANCELLED).select_related("shift"))


@transaction.atomic
def event_duplicate(*, actor: Actor, event: Event, shift_offset: dt.timedelta = dt.timedelta(days=7)) -> Event:
    """A copy of the event (published as its host may) with its shifts moved by `shift_offset`; no signups."""
    require_host(actor, event)
    now = timezone.now()
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy.private_key = Event._meta.get_field("private_key").default()
    copy.status, copy.copied_from = Event.Status.PUBLISHED, event
    copy.created_by, copy.approved_by, copy.approved_at = actor.user, actor.user, now
    copy.cancelled_at, copy.cancel_reason, copy.created_at, copy.updated_at = None, "", now, now
    copy.save()
    Shift.objects.bulk_create(
        Shift(event=copy, starts_at=s.starts_at + shift_offset, ends_at=s.ends_at + shift_offset, capacity=s.capacity)
        for s in event.shifts.all()
    )
    audit_log(actor=actor, action="events.event.duplicated", target=copy, team_path=copy.team.path,
              data={"from": event.pk})
    return copy


def local_datetime(event: Event, day: dt.date, time: dt.time) -> dt.datetime:
    """`day` at `time` on the wall clock of the event's zone, as an aware datetime (DST-correct)."""
    return dt.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(event.time_zone))


def _check_shift(event: Event, starts_at: dt.datetime, ends_at: dt.datetime, capacity: int | None) -> None:
    errors: dict[str, list[str]] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = ["The shift must end after it starts."]
    elif ends_at - starts_at > dt.timedelta(hours=24):
        errors["ends_at"] = ["A shift lasts at most 24 hours; add more shifts for longer events."]
    if starts_at < timezone.now():
        errors["starts_at"] = ["This time has already passed."]
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = [f"Between 1 and {MAX_CAPACITY:,}, or empty for no limit."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def shifts_add(
    *, actor: Actor, event: Event, day: dt.date, start: dt.time, end: dt.time, capacity: int | None = None,
    weeks: int = 1,
) -> list[Shift]:
    """Shifts from `start` to `end` (the event's wall clock) on `day`, and the same weekday for `weeks` weeks
    in all (a weekly series). Each week keeps the local time across daylight-saving changes."""
    require_editor(actor, event)
    if event.is_cancelled:
        raise Conflict("This event was cancelled.")
    if not 1 <= weeks <= MAX_SHIFTS_PER_SERIES:
        raise ValidationError({"weeks": [f"Between 1 and {MAX_SHIFTS_PER_SERIES} weeks."]})
    series = uuid.uuid4() if weeks > 1 else None
    shifts = []
    for week in range(weeks):
        date = day + dt.timedelta(weeks=week)
        starts_at = local_datetime(event, date, start)
        ends_at = local_datetime(event, date, end)
        _check_shift(event, starts_at, ends_at, capacity)
        shifts.append(Shift(event=event, starts_at=starts_at.astimezone(dt.UTC), ends_at=ends_at.astimezone(dt.UTC),
                            capacity=capacity, series=series))
    Shift.objects.bulk_create(shifts)
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now())
    audit_log(actor=actor, action="events.shifts.added", target=event, team_path=event.team.path,
              data={"count": len(shifts)})
    return list(event.shifts.filter(starts_at__in=[s.starts_at for s in shifts]))


@transaction.atomic
def shift_update(*, actor: Actor, shift: Shift, starts_at: dt.datetime, ends_at: dt.datetime,
                 capacity: int | None) -> Shift:
    """Move or resize a shift. A bigger capacity lets waiting people in (events.services_signups)."""
    from groundswell.events.services_signups import promote_waitlist

    require_host(actor, shift.event)
    _check_shift(shift.event, starts_at, ends_at, capacity)
    shift.starts_at, shift.ends_at, shift.capacity = starts_at, ends_at, capacity
    shift.save(update_fields=["starts_at", "ends_at", "capacity"])
    Event.objects.filter(pk=shift.event_id).update(updated_at=timezone.now())
    promote_waitlist(shift)
    return shift


@transaction.atomic
def shift_remove(*, actor: Actor, shift: Shift) -> list[Signup]:
    """Remove a shift: deleted when nobody ever signed up, else kept (cancelled) for the record with its live
    signups cancelled; those are returned for notice."""
    require_editor(actor, shift.event)
    if not shift.signups.exists():
        shift.delete()
        return []
    now = timezone.now()
    live = list(shift.signups.exclude(status=Signup.Status.CANCELLED))
    shift.signups.filter(pk__in=[s.pk for s in live]).update(status=Signup.Status.CANCELLED, cancelled_at=now,
                                                            updated_at=now)
    shift.cancelled_at = now
    shift.save(update_fields=["cancelled_at"])
    Event.objects.filter(pk=shift.event_id).update(updated_at=now)
    audit_log(actor=actor, action="events.shift.cancelled", target=shift.event, team_path=shift.event.team.path,
              data={"shift": shift.pk, "signups": len(live)})
    return live
