"""Authorization-matrix entries for calling through a voice provider (see tests/matrix.py).

The matrix runs with the default provider ("manual", no account), so a caller's provider buttons answer
409 "no calling provider is configured" once access is checked (non-callers still get 403, other teams
404); tests/phonebank/test_provider_webhooks.py covers them with a provider configured. The webhooks are
public and signed: without a provider they do not exist (404, never 401/403/500); with one, an unsigned
request is refused with 403 (tested there too)."""

from django.urls import reverse

from tests.matrix import CALLERS, Route

NO_PROVIDER = frozenset({409})


def campaign_url(name: str):
    return lambda campaign: reverse(name, args=[campaign.pk])


WEB: dict[str, Route] = {
    "phonebank:provider-call-start": Route(
        "POST", "campaign", CALLERS, url=campaign_url("phonebank:provider-call-start"),
        payload=lambda t: {"target_id": "1", "caller_number": "+13125550100"}, ok=NO_PROVIDER, up=CALLERS),
    "phonebank:provider-voicemail": Route(
        "POST", "campaign", CALLERS, url=campaign_url("phonebank:provider-voicemail"),
        payload=lambda t: {"call_id": "1"}, ok=NO_PROVIDER, up=CALLERS),
    "phonebank:provider-status": Route("POST", "public", url=lambda t: reverse("phonebank:provider-status")),
    "phonebank:provider-bridge": Route("POST", "public", url=lambda t: reverse("phonebank:provider-bridge", args=[1])),
}
API: dict = {}
