"""What a caller is shown of the person handed to them: the number to dial and the script filled in."""

from django.db.models import QuerySet

from groundswell.outreach import scripts
from groundswell.outreach.models import Campaign
from groundswell.outreach.models.campaign import CONSENT_CHANNEL
from groundswell.people.consent import usable_values
from groundswell.people.models import Phone


def numbers_to_dial(person, channel: str = Campaign.Channel.CALL) -> QuerySet[Phone]:
    """The person's usable numbers for `channel`, best first (primary first): valid and unsuppressed, the same
    rule eligibility applies. `person`: an id, or an OuterRef in a statement that looks the number up itself."""
    consent_channel = CONSENT_CHANNEL.get(channel, "call")
    return usable_values(consent_channel, person=person).order_by("-primary", "id")


def number_to_dial(person_id: int, channel: str = Campaign.Channel.CALL) -> str:
    """The person's best usable number for `channel`; "" when there is none."""
    return numbers_to_dial(person_id, channel).values_list("number", flat=True).first() or ""


def script_for(campaign: Campaign, person, caller) -> str:
    return scripts.render(campaign.script, scripts.merge_values(campaign=campaign, person=person, caller=caller))
