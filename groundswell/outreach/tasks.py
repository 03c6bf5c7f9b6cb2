"""Background tasks of outreach (django.tasks: the database queue in production, inline in tests)."""

import datetime as dt

from django.tasks import task

from groundswell.outreach.models import Campaign
from groundswell.outreach.services import sync_targets


@task
def sync_targets_task(campaign_id: int, asked_at: str | None = None) -> int:
    """Bring a campaign's targets in step with its list (people who joined or left it since) and park them
    as of `asked_at` (ISO 8601; default now): the claim that asked compares its own clock with the result."""
    campaign = Campaign.objects.select_related("people_list", "people_list__team", "people_list__org").filter(
        pk=campaign_id).first()
    if campaign is None or campaign.status not in (Campaign.Status.LIVE, Campaign.Status.PAUSED):
        return 0
    return sync_targets(campaign, now=dt.datetime.fromisoformat(asked_at) if asked_at else None)
