"""Reads of the phone bank, scoped by the campaign they are asked about (fetched through outreach.selectors)."""

from groundswell.common.errors import NotFound
from groundswell.outreach.models import Campaign
from groundswell.phonebank.models import CallingSession


def get_session_for(campaign: Campaign, session_id: int) -> CallingSession:
    """A calling session on `campaign`; a session of any other campaign is not found. The caller of
    `campaign` must already have been fetched for the asking actor (get_campaign_for)."""
    session = CallingSession.objects.select_related("caller", "campaign__team").filter(
        pk=session_id, campaign=campaign).first()
    if session is None:
        raise NotFound("calling session")
    return session
