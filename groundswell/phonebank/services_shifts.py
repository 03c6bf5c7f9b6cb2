"""Call shifts: an organizer's time slots for a call campaign, volunteers signing up, checking in by starting
to call, and the no-show sweep that frees the place and the contacts of whoever did not come.

A place is taken by a signup that is `signed_up` or `attended`; cancelled and no-show signups free it.
Signing up locks the shift row (PostgreSQL `SELECT … FOR UPDATE`; SQLite's single writer), so two callers
pressing "Sign up" for the last place at once cannot both get it.
"""

import datetime as dt
import uuid

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.common.errors import Conflict, PermissionDenied
from groundswell.orgs.access import Actor
from groundswell.orgs.roles import Cap
from groundswell.outreach.claims import release_all
from groundswell.outreach.models import Campaign
from groundswell.phonebank.models import CallingSession, CallShift, ShiftSignup
from groundswell.phonebank.sessions import QUIET_AFTER, session_start

Status = ShiftSignup.Status
# A place is taken by these; a cancelled or no-show signup gives it back.
TAKING = (Status.SIGNED_UP, Status.ATTENDED)
# A caller who has not started calling this long after the shift began (or after they signed up, if later)
# is a no-show: their place and their contacts go back.
GRACE = dt.timedelta(minutes=15)
# Starting to call up to this long before a shift begins counts as coming to it.
EARLY = dt.timedelta(minutes=15)
MAX_CAPACITY = 500
MAX_LENGTH = dt.timedelta(hours=12)


def _validate_shift(starts_at: dt.datetime, ends_at: dt.datetime, capacity: int, now: dt.datetime) -> None:
    errors: dict[str, str] = {}
    if starts_at < now:
        errors["starts_at"] = "This time has already passed: pick a start in the future."
    if ends_at <= starts_at:
        errors["ends_at"] = "The shift must end after it starts."
    elif ends_at - starts_at > MAX_LENGTH:
        errors["ends_at"] = "A shift lasts at most 12 hours; split longer days into several shifts."
    if not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = f"Between 1 and {MAX_CAPACITY} callers."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def shift_create(*, actor: Actor, campaign: Campaign, starts_at: dt.datetime, ends_at: dt.datetime,
                 capacity: int, now: dt.datetime | None = None) -> CallShift:
    """Add a time slot to a call campaign. Only people who build the campaign (EDIT_SCRIPTS on its team) may;
    the shift must start in the future, end after it starts (within 12 hours) and hold 1–500 callers.
    Times are aware datetimes (the form reads them in the team's zone); they are stored in UTC."""
    now = now or timezone.now()
    if not actor.can(Cap.EDIT_SCRIPTS, campaign.team):
        raise PermissionDenied("you may not add shifts to this campaign")
    if campaign.channel != Campaign.Channel.CALL:
        raise ValidationError("Shifts are for call campaigns.")
    _validate_shift(starts_at, ends_at, capacity, now)
    shift = CallShift.objects.create(campaign=campaign, starts_at=starts_at.astimezone(dt.UTC),
                                     ends_at=ends_at.astimezone(dt.UTC), capacity=capacity,
                                     created_by=actor.user, created_at=now)
    audit_log(actor=actor, action="phonebank.shift.created", target=campaign, team_path=campaign.team.path,
              data={"shift": shift.pk, "starts_at": shift.starts_at.isoformat(), "capacity": capacity})
    return shift


@transaction.atomic
def shift_delete(*, actor: Actor, shift: CallShift, now: dt.datetime | None = None) -> int:
    """Cancel a shift that has not started: it and its signups go. A shift that has begun keeps its record
    (who came, who did not). Returns how many signed-up callers lost their place."""
    now = now or timezone.now()
    campaign = shift.campaign
    if not actor.can(Cap.EDIT_SCRIPTS, campaign.team):
        raise PermissionDenied("you may not cancel shifts of this campaign")
    if shift.starts_at <= now:
        raise Conflict("this shift has already started: it stays on record")
    dropped = shift.signups.filter(status__in=TAKING).count()
    audit_log(actor=actor, action="phonebank.shift.deleted", target=campaign, team_path=campaign.team.path,
              data={"shift": shift.pk, "starts_at": shift.starts_at.isoformat(), "signed_up": dropped})
    shift.delete()
    return dropped


def _reuse(actor: Actor, shift: CallShift, client_uuid: uuid.UUID | None) -> ShiftSignup | None:
    """The signup a retried request already made (same client_uuid); the id may not serve another signup."""
    if client_uuid is not None:
        earlier = ShiftSignup.objects.filter(client_uuid=client_uuid).first()
        if earlier is not None:
            if earlier.user_id != actor.user_id or earlier.shift_id != shift.pk:
                raise ValidationError({"client_uuid": "This id was already used for another sign-up."})
            return earlier
    return None


@transaction.atomic
def shift_signup(*, actor: Actor, shift: CallShift, client_uuid: uuid.UUID | None = None,
                 now: dt.datetime | None = None) -> ShiftSignup:
    """Take a place on a shift. The actor must already be allowed to work on the campaign
    (outreach.selectors.get_campaign_to_work). Idempotent: signing up twice, or a retry with the same
    client_uuid, returns the same signup. A shift that is over, or full, is refused with a clear message."""
    now = now or timezone.now()
    locked = CallShift.objects.select_for_update(of=("self",)).select_related("campaign__team").get(pk=shift.pk)
    retried = _reuse(actor, locked, client_uuid)
    if retried is not None:
        # The same request again (a flaky connection): it answers the same, whatever happened since.
        return retried
    signup = ShiftSignup.objects.filter(shift=locked, user_id=actor.user_id).first()
    if signup is not None and signup.status in TAKING:
        return signup
    if locked.campaign.status == Campaign.Status.DONE:
        raise Conflict(f"{locked.campaign.name} is done: no more shifts are needed")
    if locked.ends_at <= now:
        raise ValidationError("This shift is over: pick one that is still to come.")
    taken = locked.signups.filter(status__in=TAKING).count()
    if taken >= locked.capacity:
        raise Conflict(f"This shift is full ({taken} of {locked.capacity} places taken): pick another time.")
    if signup is None:
        signup = ShiftSignup(shift=locked, user_id=actor.user_id, created_at=now)
    signup.status, signup.updated_at = Status.SIGNED_UP, now
    if client_uuid is not None:
        signup.client_uuid = client_uuid
    signup.save()
    audit_log(actor=actor, action="phonebank.shift.signed_up", target=locked.campaign,
              team_path=locked.campaign.team.path, data={"shift": locked.pk})
    return signup


@transaction.atomic
def shift_signup_cancel(*, actor: Actor, shift: CallShift, now: dt.datetime | None = None) -> ShiftSignup | None:
    """Give one's place back. Cancelling twice, or without a signup, changes nothing; a shift that is over
    or one already called on keeps its record."""
    now = now or timezone.now()
    signup = ShiftSignup.objects.select_for_update().filter(shift=shift, user_id=actor.user_id).first()
    if signup is None or signup.status == Status.CANCELLED:
        return signup
    if signup.status == Status.ATTENDED:
        raise Conflict("you already called on this shift")
    if shift.ends_at <= now:
        raise Conflict("this shift is over")
    signup.status, signup.updated_at = Status.CANCELLED, now
    signup.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="phonebank.shift.cancelled", target=shift.campaign,
              team_path=shift.campaign.team.path, data={"shift": shift.pk})
    return signup


def _running(now: dt.datetime) -> Q:
    return Q(shift__starts_at__lte=now + EARLY, shift__ends_at__gt=now)


def mark_attended(user_id: int, campaign: Campaign, now: dt.datetime | None = None) -> int:
    """Check-in: the user started calling on `campaign`, so their signups on its shifts running now (or
    starting within EARLY) are `attended`. A no-show who comes late is attended too: the record says who
    called. Call it whenever a calling session starts. Returns how many signups changed."""
    now = now or timezone.now()
    signups = ShiftSignup.objects.filter(_running(now), user_id=user_id, shift__campaign=campaign,
                                         status__in=[Status.SIGNED_UP, Status.NO_SHOW])
    return signups.update(status=Status.ATTENDED, updated_at=now)


def _came(signup: ShiftSignup, now: dt.datetime) -> bool:
    """Was the caller in a calling session on the campaign during the shift (from EARLY before it)? A session
    begun before and still heard from counts; one begun after the shift ended does not."""
    shift = signup.shift
    return CallingSession.objects.filter(campaign_id=shift.campaign_id, caller_id=signup.user_id,
                                         started_at__lte=min(now, shift.ends_at),
                                         last_seen_at__gte=shift.starts_at - EARLY).exists()


def _calling_now(signup: ShiftSignup, now: dt.datetime) -> bool:
    return CallingSession.objects.filter(campaign_id=signup.shift.campaign_id, caller_id=signup.user_id,
                                         ended_at__isnull=True, last_seen_at__gte=now - QUIET_AFTER).exists()


@transaction.atomic
def sweep_no_shows(now: dt.datetime | None = None, *, campaign: Campaign | None = None) -> dict[str, int]:
    """Settle signups GRACE after their shift began (or after they signed up, if later): callers who have
    been calling are `attended`; the others are `no_show`, their place is free and every contact they hold
    on the campaign goes back to the queue. Safe to run any number of times. Returns the counts."""
    now = now or timezone.now()
    due = ShiftSignup.objects.select_related("shift__campaign__team").filter(
        status=Status.SIGNED_UP, shift__starts_at__lte=now - GRACE, updated_at__lte=now - GRACE)
    if campaign is not None:
        due = due.filter(shift__campaign=campaign)
    counts = {"attended": 0, "no_show": 0, "released": 0}
    # SQLite ignores FOR UPDATE; its single writer serialises two sweeps instead.
    for signup in due.select_for_update(of=("self",)):
        if _came(signup, now):
            signup.status = Status.ATTENDED
            counts["attended"] += 1
        else:
            signup.status = Status.NO_SHOW
            counts["no_show"] += 1
            # A sweep that runs late must not take contacts from someone calling now at another time.
            if not _calling_now(signup, now):
                counts["released"] += release_all(user_id=signup.user_id, campaign=signup.shift.campaign)
            audit_log(actor=None, action="phonebank.shift.no_show", target=signup.shift.campaign,
                      team_path=signup.shift.campaign.team.path, data={"shift": signup.shift_id,
                                                                      "user": signup.user_id})
        signup.updated_at = now
        signup.save(update_fields=["status", "updated_at"])
    return counts



# The worker has no clock of its own, so the shift pages sweep their campaign as they are opened, at most
# once per SWEEP_EVERY per campaign (the cache keeps the last time; a missed sweep only delays no-shows).
SWEEP_EVERY = 60


def sweep_if_due(campaign: Campaign, now: dt.datetime | None = None) -> dict[str, int] | None:
    """Run `sweep_no_shows` for one campaign unless it ran in the last SWEEP_EVERY seconds."""
    if not cache.add(f"phonebank:shift-sweep:{campaign.pk}", 1, timeout=SWEEP_EVERY):
        return None
    return sweep_no_shows(now, campaign=campaign)


@transaction.atomic
def shift_check_in(*, actor: Actor, campaign: Campaign, now: dt.datetime | None = None) -> CallingSession:
    """"Start calling" from the shift page: open (or resume) the caller's session on the campaign, tied to the
    shift they signed up for that is running now, and mark them attended."""
    now = now or timezone.now()
    if campaign.status != Campaign.Status.LIVE:
        raise Conflict(f"{campaign.name} is {campaign.get_status_display().lower()}: calling has not started")
    signup = (ShiftSignup.objects.select_related("shift").filter(
        _running(now), user_id=actor.user_id, shift__campaign=campaign).exclude(status=Status.CANCELLED)
        .order_by("shift__starts_at").first())
    session = session_start(actor=actor, campaign=campaign, shift=signup.shift if signup else None, now=now)
    mark_attended(actor.user_id, campaign, now)
    return session
