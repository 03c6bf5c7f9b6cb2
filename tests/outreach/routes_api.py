"""Authorization-matrix entries for the calling screen's API (see tests/matrix.py).

POST /api/v1/attempts names its campaign in the body, not the URL; its payload makes a live campaign on the
matrix's target team (the team is all a payload is given) and posts an attempt for one of its contacts, so the
route is checked per role and relation like the others. Nobody holds that contact, so a caller's attempt is
stored (201)."""

import uuid

from groundswell.outreach.models import Target
from tests.matrix import CALLERS, SUPERVISORS, Route, api_url, live_campaign

WEB: dict = {}


def attempt_payload(team) -> dict:
    campaign = live_campaign(team)
    target = Target.objects.filter(campaign=campaign).order_by("id").first()
    return {"campaign_id": campaign.pk, "target_id": target.pk, "result": "no_answer",
            "client_uuid": str(uuid.uuid4())}


API: dict[str, Route] = {
    "GET /api/v1/outreach": Route("GET", "self"),
    "GET /api/v1/outreach/{campaign_id}": Route("GET", "campaign", CALLERS, url=api_url("/outreach/{id}"),
                                                up=CALLERS),
    # 204 when the matrix runs outside Chicago's calling hours (its contacts live there): both are success.
    "POST /api/v1/outreach/{campaign_id}/claim": Route("POST", "campaign", CALLERS,
                                                       url=api_url("/outreach/{id}/claim"), json=True,
                                                       payload=lambda t: {}, up=CALLERS),
    "POST /api/v1/outreach/{campaign_id}/release": Route("POST", "campaign", CALLERS,
                                                         url=api_url("/outreach/{id}/release"), json=True,
                                                         payload=lambda t: {}, up=CALLERS),
    "POST /api/v1/attempts": Route("POST", "campaign", CALLERS, url=lambda c: "/api/v1/attempts",
                                   payload=attempt_payload, json=True, up=CALLERS),
    "GET /api/v1/outreach/{campaign_id}/stats": Route("GET", "campaign", SUPERVISORS,
                                                      url=api_url("/outreach/{id}/stats")),
}
