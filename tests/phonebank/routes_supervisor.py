"""Authorization-matrix entries for the supervisor's live view (see tests/matrix.py): a live call campaign of
the target team; the caller actions point at a calling session on it."""

from django.urls import reverse

from groundswell.phonebank.models import CallingSession
from tests import factories
from tests.matrix import SUPERVISORS, Route


def campaign_url(name: str):
    return lambda campaign: reverse(name, args=[campaign.pk])


def session_url(name: str):
    def make(campaign) -> str:
        session = CallingSession.objects.create(campaign=campaign, caller=factories.user())
        return reverse(name, args=[campaign.pk, session.pk])
    return make


WEB: dict[str, Route] = {
    "phonebank:supervisor": Route("GET", "campaign", SUPERVISORS, url=campaign_url("phonebank:supervisor")),
    "phonebank:supervisor-live": Route("GET", "campaign", SUPERVISORS, url=campaign_url("phonebank:supervisor-live")),
    "phonebank:caller-pause": Route("POST", "campaign", SUPERVISORS, url=session_url("phonebank:caller-pause"),
                                    payload=lambda t: {"message": "Take a break"}),
    "phonebank:caller-resume": Route("POST", "campaign", SUPERVISORS, url=session_url("phonebank:caller-resume")),
    "phonebank:caller-message": Route("POST", "campaign", SUPERVISORS, url=session_url("phonebank:caller-message"),
                                      payload=lambda t: {"message": "Great work!"}),
}
API: dict[str, Route] = {}
