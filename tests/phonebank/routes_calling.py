"""Authorization-matrix entries for the volunteer's calling screen (see tests/matrix.py).

Callers may work on a phone bank of their own team, one below it or one above it (`up=CALLERS`). Posting a
save without a contact is a field error (422) once access is checked; the calling page without a session
sends the caller to "Start calling" (302)."""

from django.urls import reverse

from tests.matrix import CALLERS, Route


def campaign_url(name: str):
    return lambda campaign: reverse(name, args=[campaign.pk])


WEB: dict[str, Route] = {
    "phonebank:bank-list": Route("GET", "self"),
    "phonebank:bank-detail": Route("GET", "campaign", CALLERS, url=campaign_url("phonebank:bank-detail"),
                                   up=CALLERS),
    "phonebank:calling-start": Route("POST", "campaign", CALLERS, url=campaign_url("phonebank:calling-start"),
                                     up=CALLERS),
    "phonebank:calling": Route("GET", "campaign", CALLERS, url=campaign_url("phonebank:calling"), up=CALLERS),
    "phonebank:calling-save": Route("POST", "campaign", CALLERS, url=campaign_url("phonebank:calling-save"),
                                    payload=lambda t: {"result": "no_answer"}, ok=frozenset({422}), up=CALLERS),
    "phonebank:calling-skip": Route("POST", "campaign", CALLERS, url=campaign_url("phonebank:calling-skip"),
                                    payload=lambda t: {"target_id": "1"}, up=CALLERS),
    "phonebank:calling-end": Route("POST", "campaign", CALLERS, url=campaign_url("phonebank:calling-end"),
                                   up=CALLERS),
}
API: dict[str, Route] = {}
