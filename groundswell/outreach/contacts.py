"""What a caller is shown of the person handed to them: the number to dial and the script filled in."""

from groundswell.outreach import scripts
from groundswell.outreach.models import Campaign
from groundswell.outreach.models.campaign import CONSENT_CHANNEL
from groundswell.people.consent import usable_values


def number_to_dial(person_id: int, channel: str = Campaign.Channel.CALL) -> str:
    """The person's best usable number for `channel` (primary first): valid and unsuppressed,
    the same rule eligibility applies. "" when there is none."""
    consent_channel = CONSENT_CHANNEL.get(channel, "call")
    phones = usable_values(consent_channel, person=person_id).order_by("-primary", "id")
    return phones.values_list("number", flat=True).first() or ""


def script_for(campaign: Campaign, person, caller) -> str:
    return scripts.render(campaign.script, scripts.merge_values(campaign=campaign, person=person, caller=caller))
