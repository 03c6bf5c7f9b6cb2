"""Parking: keep the people who cannot be reached now out of the front of the queue.

A claim takes the first eligible target in queue order. People who fail a check about themselves — opted
out, no usable number, outside the calling window where they live — are not handed out, so they never move
back in the queue: they would gather at its front, and every claim would walk past all of them (with 20,000
of them there, a claim took 40 ms instead of 3). `park` marks them (`Target.parked`) so that the queue order
puts them behind everyone else, and unmarks those who can be reached again.

It is an order hint only. The claim still applies the whole eligibility rule to every target, parked or not:
someone who became reachable since the last park is still handed out (after the unparked ones), and someone
who became unreachable is still refused. Parking runs with every sync of the targets (services.sync_targets:
at least every 15 minutes while callers are claiming, and when the calling window opens or closes somewhere:
claims.keep_in_step).
"""

import datetime as dt

from django.utils import timezone

from groundswell.outreach import eligibility
from groundswell.outreach.models import Campaign, Target


def park(campaign: Campaign, now: dt.datetime | None = None) -> tuple[int, int]:
    """Mark the campaign's open targets whose person cannot be reached now, unmark the others. Returns
    (how many were parked, how many unparked); only the targets whose mark changes are written."""
    now = now or timezone.now()
    reachable = eligibility.reachable(campaign, now).values("pk")
    open_targets = Target.objects.filter(campaign=campaign, done=False, removed_at__isnull=True)
    parked = open_targets.filter(parked=False).exclude(pk__in=reachable).update(parked=True)
    unparked = open_targets.filter(parked=True, pk__in=reachable).update(parked=False)
    campaign.parked_for = eligibility.window_key(campaign, now)
    Campaign.objects.filter(pk=campaign.pk).update(parked_for=campaign.parked_for)
    return parked, unparked
