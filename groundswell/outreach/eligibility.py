"""Who may be handed out *now*: the one rule the claim path, the organizer's counts and "why is this person
not in the queue?" all use (two code paths that disagree is how peers double-text and call at night).

Each check is a named condition on Target that must hold; `eligible` is all of them, `breakdown` counts the
targets that fail each (by the first failing check, so the numbers add up), and `reasons_for` explains one.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.outreach import windows
from groundswell.outreach.models import Campaign, Target
from groundswell.outreach.models.targets import QUEUE_ORDER
from groundswell.people.consent import usable_values
from groundswell.people.models import Person


class Reason(StrEnum):
    REMOVED = "removed"
    OPTED_OUT = "opted_out"
    DONE = "done"
    MAX_ATTEMPTS = "max_attempts"
    COOLING_DOWN = "cooling_down"
    NO_NUMBER = "no_number"
    OUTSIDE_WINDOW = "outside_window"
    HELD = "held"


LABELS = {
    Reason.REMOVED: "No longer on the list",
    Reason.OPTED_OUT: "Opted out of this channel",
    Reason.DONE: "Already reached or finished",
    Reason.MAX_ATTEMPTS: "Tried the maximum number of times",
    Reason.COOLING_DOWN: "Waiting before the next try",
    Reason.NO_NUMBER: "No valid number",
    Reason.OUTSIDE_WINDOW: "Outside calling hours where they live",
    Reason.HELD: "With a caller right now",
}

@dataclass(frozen=True)
class Check:
    reason: Reason
    holds: Q  # a Target passes this check when `holds` is true
    # About the person alone (their consent, numbers, zone), not the target's place in the queue.
    about_person: bool = False


def checks(campaign: Campaign, now: dt.datetime | None = None, *, clock=None) -> list[Check]:
    """The conditions a target must meet to be handed out at `now`, in the order reasons are reported.

    `clock` is what the time conditions compare with: `now` itself by default; the claim statement passes a
    placeholder (sql.Param) so that one compiled query serves every claim of the minute. Everything else
    these conditions read is in `rule_key`."""
    now = now or timezone.now()
    clock = now if clock is None else clock
    result = [
        Check(Reason.REMOVED, Q(removed_at__isnull=True, person__deleted_at__isnull=True)),
    ]
    consent_channel = campaign.consent_channel
    if consent_channel:
        opt_out = Person.OPT_OUT_FIELD[consent_channel]
        result.append(Check(Reason.OPTED_OUT, Q(**{f"person__{opt_out}__isnull": True}), about_person=True))
    result += [
        Check(Reason.DONE, Q(done=False)),
        Check(Reason.MAX_ATTEMPTS, Q(attempts__lt=campaign.max_attempts)),
        Check(Reason.COOLING_DOWN, Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=clock)),
    ]
    if consent_channel:
        result += [
            Check(Reason.NO_NUMBER, Q(Exists(usable_values(consent_channel, person=OuterRef("person_id")))),
                  about_person=True),
            Check(Reason.OUTSIDE_WINDOW, _in_window(campaign, now), about_person=True),
        ]
    result.append(Check(Reason.HELD, Q(claimed_until__isnull=True) | Q(claimed_until__lte=clock)))
    return result


def rule_key(campaign: Campaign, now: dt.datetime) -> tuple:
    """Everything `checks` depends on besides the clock: two calls with equal keys build the same conditions
    (the calling window changes at most once a minute). Whoever adds a check that reads more adds it here."""
    return (campaign.pk, campaign.org_id, campaign.channel, campaign.max_attempts, campaign.window_start,
            campaign.window_end, tuple(campaign.zones or ()), now.replace(second=0, microsecond=0))


def _in_window(campaign: Campaign, now: dt.datetime) -> Q:
    zones, unknown_ok = _open(*_window_of(campaign, now))
    q = Q(person__time_zone__in=zones)
    if unknown_ok:
        q |= Q(person__time_zone="")
    return q


def window_key(campaign: Campaign, now: dt.datetime) -> str:
    """Where the calling window is open now, as a string that changes when that does (a few times a day):
    who can be reached changes with it (outreach.parking). Empty for a channel with no window."""
    if not campaign.consent_channel:
        return ""
    zones, unknown_ok = _open(*_window_of(campaign, now))
    return ",".join(zones) + ("|unknown" if unknown_ok else "")


def _window_of(campaign: Campaign, now: dt.datetime) -> tuple:
    return (campaign.org_id, campaign.window_start, campaign.window_end, tuple(campaign.zones or ()),
            now.replace(second=0, microsecond=0))


@lru_cache(maxsize=256)
def _open(org_id: int, start: dt.time, end: dt.time, campaign_zones: tuple[str, ...],
          minute: dt.datetime) -> tuple[tuple[str, ...], bool]:
    """(the zones inside the calling window this minute, may contacts of unknown zone be reached now)."""
    zones = windows.open_zones(minute, start, end)
    if campaign_zones:
        # Someone whose zone changed since the last sync to one not listed waits for the next sync (15 min).
        zones = zones & set(campaign_zones)
    return tuple(sorted(zones)), windows.unknown_zone_ok(minute, start, end, _org_zones(org_id, minute))


@lru_cache(maxsize=256)
def _org_zones(org_id: int, minute: dt.datetime) -> frozenset[str]:
    """The zones of the organization's teams (read at most once a minute: the claim path calls this)."""
    org_path = Team.objects.filter(pk=org_id).values_list("path", flat=True).first() or "-"
    teams = Team.objects.filter(path__startswith=org_path).exclude(time_zone="")
    return frozenset(teams.values_list("time_zone", flat=True).distinct())


def eligible(campaign: Campaign, now: dt.datetime | None = None, *, clock=None) -> QuerySet[Target]:
    """The campaign's targets that may be handed to a caller at `now`."""
    return Target.objects.filter(*[c.holds for c in checks(campaign, now, clock=clock)], campaign=campaign)


def reachable(campaign: Campaign, now: dt.datetime | None = None) -> QuerySet[Target]:
    """The campaign's targets whose person passes every check about the person now (consent, a usable
    number, the calling window), whatever the target's own place in the queue."""
    return Target.objects.filter(*[c.holds for c in checks(campaign, now) if c.about_person], campaign=campaign)


def queue(campaign: Campaign, now: dt.datetime | None = None, *, clock=None) -> QuerySet[Target]:
    """The eligible targets in the order they are handed out (QUEUE_ORDER: longest waiting first)."""
    return eligible(campaign, now, clock=clock).order_by(*QUEUE_ORDER)


ELIGIBLE = "eligible"


def by_reason(campaign: Campaign, now: dt.datetime | None = None) -> dict[str, QuerySet[Target]]:
    """The campaign's targets split by the first check each fails now (keyed by reason), plus ELIGIBLE for
    those that pass them all: the sets are disjoint and together hold every target."""
    groups: dict[str, QuerySet[Target]] = {}
    passed: list[Q] = []
    base = Target.objects.filter(campaign=campaign)
    for check in checks(campaign, now):
        groups[check.reason.value] = base.filter(*passed).exclude(check.holds)
        passed.append(check.holds)
    groups[ELIGIBLE] = base.filter(*passed)
    return groups


def breakdown(campaign: Campaign, now: dt.datetime | None = None) -> dict[str, int]:
    """How many targets each reason keeps out of the queue now, plus "eligible"; the values add up to all
    targets (each target is counted under the first check it fails)."""
    return {reason: targets.count() for reason, targets in by_reason(campaign, now).items()}


def reasons_for(target: Target, now: dt.datetime | None = None) -> list[Reason]:
    """Every check one target fails now (empty: it is in the queue)."""
    campaign = target.campaign
    rows = Target.objects.filter(pk=target.pk)
    return [c.reason for c in checks(campaign, now) if not rows.filter(c.holds).exists()]
