"""Reads of call shifts. The campaign passed in is already authorised (outreach.selectors.get_campaign_for
for organizers, get_campaign_to_work for callers); everything here stays inside that campaign."""

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from groundswell.common.errors import NotFound
from groundswell.outreach.models import Campaign
from groundswell.phonebank.models import CallShift, ShiftSignup
from groundswell.phonebank.services_shifts import EARLY, TAKING

Status = ShiftSignup.Status
PAST_SHOWN = 20


@dataclass
class ShiftRow:
    """A shift with its places: `taken` counts signed-up and attended callers; `mine` is the viewer's signup."""

    shift: CallShift
    taken: int
    mine: ShiftSignup | None = None
    # A fresh id for the sign-up button: a double tap or a retried post is stored once.
    client_uuid: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def free(self) -> int:
        return max(self.shift.capacity - self.taken, 0)

    @property
    def is_mine(self) -> bool:
        return self.mine is not None and self.mine.status in TAKING


def _with_counts(shifts: QuerySet[CallShift]) -> QuerySet[CallShift]:
    counts = {status: Count("signups", filter=Q(signups__status=status)) for status in Status.values}
    return shifts.annotate(taken=Count("signups", filter=Q(signups__status__in=TAKING)), **counts)


def get_campaign_shift(campaign: Campaign, shift_id: int) -> CallShift:
    """A shift of this campaign, or NotFound (another campaign's shift is as good as missing)."""
    shift = CallShift.objects.select_related("campaign__team").filter(campaign=campaign, pk=shift_id).first()
    if shift is None:
        raise NotFound("shift")
    return shift


def shift_row(shift: CallShift, user_id: int | None) -> ShiftRow:
    taken = shift.signups.filter(status__in=TAKING).count()
    mine = shift.signups.filter(user_id=user_id).first() if user_id else None
    return ShiftRow(shift=shift, taken=taken, mine=mine)


def open_shifts(campaign: Campaign, user_id: int | None, now: dt.datetime, limit: int = 50) -> list[ShiftRow]:
    """Shifts not yet over, soonest first, with free places and the viewer's own signup."""
    shifts = list(_with_counts(campaign.call_shifts.filter(ends_at__gt=now)).order_by("starts_at", "id")[:limit])
    mine = {s.shift_id: s for s in ShiftSignup.objects.filter(shift__in=shifts, user_id=user_id)} if user_id else {}
    return [ShiftRow(shift=s, taken=s.taken, mine=mine.get(s.pk)) for s in shifts]


def organizer_shifts(campaign: Campaign, now: dt.datetime) -> tuple[list[CallShift], list[CallShift]]:
    """(coming up or running, soonest first; the last PAST_SHOWN that are over, latest first), each with a
    count per signup status (`signed_up`, `attended`, `no_show`, `cancelled`) and `taken`."""
    shifts = _with_counts(campaign.call_shifts.all())
    coming = list(shifts.filter(ends_at__gt=now).order_by("starts_at", "id"))
    past = list(shifts.filter(ends_at__lte=now).order_by("-starts_at", "-id")[:PAST_SHOWN])
    return coming, past


def shift_signups(shift: CallShift, status: str | None = None) -> QuerySet[ShiftSignup]:
    """The people behind a shift's counts (every number on the organizer's page links here)."""
    signups = shift.signups.select_related("user").order_by("created_at", "id")
    if status:
        signups = signups.filter(status=status)
    return signups


def current_signup(user_id: int, campaign: Campaign, now: dt.datetime) -> ShiftSignup | None:
    """The user's place on a shift of `campaign` running now (or starting within EARLY): pass its shift to
    phonebank.sessions.session_start."""
    return (ShiftSignup.objects.select_related("shift")
            .filter(user_id=user_id, shift__campaign=campaign, status__in=[*TAKING, Status.NO_SHOW],
                    shift__starts_at__lte=now + EARLY, shift__ends_at__gt=now)
            .order_by("shift__starts_at").first())
