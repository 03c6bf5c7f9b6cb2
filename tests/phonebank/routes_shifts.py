"""Authorization-matrix entries for call shifts (see tests/matrix.py). The matrix makes a live call campaign;
routes about one shift make that shift inside the url callable, from the campaign."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.phonebank.models import CallShift
from tests.matrix import CALLERS, CAMPAIGN_EDITORS, Route


def make_shift(campaign, *, hours_from_now: float = 24, capacity: int = 10) -> CallShift:
    starts = timezone.now() + dt.timedelta(hours=hours_from_now)
    return CallShift.objects.create(campaign=campaign, starts_at=starts, ends_at=starts + dt.timedelta(hours=2),
                                    capacity=capacity)


def allow_scripts(team_id: int) -> None:
    """Building campaigns (EDIT_SCRIPTS) is a power a team may switch off for its own members; the matrix
    teams allow it, so organizers may add shifts on "own" too (as in tests/outreach/routes_campaigns.py)."""
    Team.objects.filter(pk=team_id).update(can_edit_scripts=True)


def campaign_url(name: str):
    def make(campaign) -> str:
        allow_scripts(campaign.team_id)
        return reverse(name, args=[campaign.pk])
    return make


def shift_url(name: str):
    def make(campaign) -> str:
        allow_scripts(campaign.team_id)
        return reverse(name, args=[campaign.pk, make_shift(campaign).pk])
    return make


def new_shift(team) -> dict:
    day = timezone.now() + dt.timedelta(days=2)
    return {"date": day.date().isoformat(), "start": "10:00", "end": "12:00", "capacity": "8"}


WEB: dict[str, Route] = {
    "phonebank:shift-list": Route("GET", "campaign", CALLERS, url=campaign_url("phonebank:shift-list"), up=CALLERS),
    "phonebank:shift-signup": Route("POST", "campaign", CALLERS, url=shift_url("phonebank:shift-signup"),
                                    up=CALLERS),
    "phonebank:shift-signup-cancel": Route("POST", "campaign", CALLERS,
                                           url=shift_url("phonebank:shift-signup-cancel"), up=CALLERS),
    "phonebank:shift-start-calling": Route("POST", "campaign", CALLERS,
                                           url=campaign_url("phonebank:shift-start-calling"), up=CALLERS),
    "phonebank:shift-manage": Route("GET", "campaign", CAMPAIGN_EDITORS, url=campaign_url("phonebank:shift-manage")),
    "phonebank:shift-create": Route("POST", "campaign", CAMPAIGN_EDITORS, url=campaign_url("phonebank:shift-create"),
                                    payload=new_shift),
    "phonebank:shift-delete": Route("POST", "campaign", CAMPAIGN_EDITORS, url=shift_url("phonebank:shift-delete")),
    "phonebank:shift-people": Route("GET", "campaign", CAMPAIGN_EDITORS, url=shift_url("phonebank:shift-people")),
}
API: dict[str, Route] = {}
