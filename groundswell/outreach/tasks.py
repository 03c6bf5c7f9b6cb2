"""Background tasks of outreach (django.tasks: the database queue in production, inline in tests)."""

from django.tasks import task

from groundswell.outreach.models import Campaign
from groundswell.outreach.services import sync_targets


@task
def sync_targets_task(campaign_id: int) -> int:
    """Bring a campaign's targets in step with its list (people who joined or left it since)."""
    campaign = Campaign.objects.select_related("people_list", "people_list__team", "people_list__org").filter(
        pk=campaign_id).first()
    if campaign is None or campaign.status not in (Campaign.Status.LIVE, Campaign.Status.PAUSED):
        return 0
    return sync_targets(campaign)
