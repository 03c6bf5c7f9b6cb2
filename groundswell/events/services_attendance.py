"""After the doors open: the host checks people in (from the roster or by scanning their QR code), adds
walk-ins, marks the rest as no-shows when the shift is over, and gets follow-up tasks — thank first-timers and
invite them back, call those who did not come. Attendance goes on each person's timeline."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from groundswell.common.errors import Conflict
from groundswell.events.models import FollowUp, Shift, Signup
from groundswell.events.services_events import require_host
from groundswell.events.services_signups import Contact, signup_create
from groundswell.people.timeline import timeline_add


@transaction.atomic
def check_in(*, actor, signup: Signup) -> Signup:
    """Mark `signup` as came (idempotent). Someone from the waitlist who turns up is checked in too."""
    require_host(actor, signup.event)
    signup = Signup.objects.select_for_update(of=("self",)).select_related("event", "person").get(pk=signup.pk)
    if signup.status == Signup.Status.CANCELLED:
        raise Conflict(f"{signup.name} cancelled; add them as a walk-in instead.")
    if signup.attendance == Signup.Attendance.ATTENDED:
        return signup
    now = timezone.now()
    signup.attendance, signup.checked_in_at, signup.updated_at = Signup.Attendance.ATTENDED, now, now
    signup.save(update_fields=["attendance", "checked_in_at", "updated_at"])
    FollowUp.objects.filter(signup=signup, kind=FollowUp.Kind.CALL_NO_SHOW, done_at__isnull=True).delete()
    if signup.person_id:
        timeline_add(person=signup.person, kind="events.attended", actor=actor,
                     summary=f"Came to {signup.event.title}", data={"event": signup.event_id, "shift": signup.shift_id})
    if signup.first_time:
        _follow_up(signup, FollowUp.Kind.THANK_FIRST_TIMER)
    return signup


@transaction.atomic
def undo_attendance(*, actor, signup: Signup) -> Signup:
    """Back to "not marked" (a mistaken tap); its open follow-ups go too."""
    require_host(actor, signup.event)
    signup.attendance, signup.checked_in_at, signup.updated_at = Signup.Attendance.UNKNOWN, None, timezone.now()
    signup.save(update_fields=["attendance", "checked_in_at", "updated_at"])
    FollowUp.objects.filter(signup=signup, done_at__isnull=True).delete()
    if signup.person_id:
        timeline_add(person=signup.person, kind="events.attendance_undone", actor=actor,
                     summary=f"Attendance at {signup.event.title} unmarked")
    return signup


def walk_in(*, actor, shift: Shift, contact: Contact) -> Signup:
    """Someone who came without signing up: a host signup (over capacity if need be), checked in."""
    require_host(actor, shift.event)
    with transaction.atomic():
        signup = signup_create(actor=actor, shift=shift, contact=contact, source=Signup.Source.HOST)
        if signup.status == Signup.Status.WAITLISTED:
            Signup.objects.filter(pk=signup.pk).update(status=Signup.Status.CONFIRMED)
        return check_in(actor=actor, signup=signup)


@transaction.atomic
def mark_no_shows(*, actor, shift: Shift) -> int:
    """Once a shift has started, everyone confirmed and not checked in did not come; each gets a follow-up
    call. Returns how many were marked."""
    require_host(actor, shift.event)
    if shift.starts_at > timezone.now():
        raise Conflict("This shift has not started yet.")
    missing = list(shift.signups.filter(status=Signup.Status.CONFIRMED, attendance=Signup.Attendance.UNKNOWN)
                   .select_related("person", "event"))
    now = timezone.now()
    for signup in missing:
        signup.attendance, signup.updated_at = Signup.Attendance.NO_SHOW, now
        signup.save(update_fields=["attendance", "updated_at"])
        if signup.person_id:
            timeline_add(person=signup.person, kind="events.no_show", actor=actor,
                         summary=f"Did not come to {signup.event.title}", data={"event": signup.event_id})
        _follow_up(signup, FollowUp.Kind.CALL_NO_SHOW)
    return len(missing)


def _follow_up(signup: Signup, kind: str) -> None:
    FollowUp.objects.get_or_create(signup=signup, kind=kind,
                                   defaults={"event": signup.event, "assignee": signup.event.host})


@transaction.atomic
def follow_up_done(*, actor, follow_up: FollowUp, outcome: str = "") -> FollowUp:
    require_host(actor, follow_up.event)
    if follow_up.done_at is None:
        follow_up.done_at, follow_up.done_by, follow_up.outcome = timezone.now(), actor.user, outcome.strip()[:300]
        follow_up.save(update_fields=["done_at", "done_by", "outcome"])
        if follow_up.signup.person_id:
            timeline_add(person=follow_up.signup.person, kind="events.followed_up", actor=actor,
                         summary=f"{follow_up.get_kind_display()}: {follow_up.outcome or 'done'}")
    return follow_up


CHECK_IN_EARLY = dt.timedelta(minutes=30)


def check_in_worker(*, user, campaign, now: dt.datetime | None = None) -> list[Signup]:
    """A volunteer who starts working a campaign (calling, knocking) during their shift of an event linked to it
    has come: their signup is checked in with no host needed. Returns the signups checked in."""
    now = now or timezone.now()
    due = list(Signup.objects.filter(
        user=user, event__campaign=campaign, status=Signup.Status.CONFIRMED, attendance=Signup.Attendance.UNKNOWN,
        shift__starts_at__lte=now + CHECK_IN_EARLY, shift__ends_at__gt=now,
    ).select_related("event", "person"))
    for signup in due:
        Signup.objects.filter(pk=signup.pk).update(attendance=Signup.Attendance.ATTENDED, checked_in_at=now,
                                                   updated_at=now)
        if signup.person_id:
            timeline_add(person=signup.person, kind="events.attended", actor=user,
                         summary=f"Came to {signup.event.title} (started {campaign.name})",
                         data={"event": signup.event_id, "shift": signup.shift_id})
        if signup.first_time:
            _follow_up(signup, FollowUp.Kind.THANK_FIRST_TIMER)
    return due
