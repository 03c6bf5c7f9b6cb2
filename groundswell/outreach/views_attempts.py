"""The contact attempts behind a campaign's numbers (DESIGN invariant 5): the supervisor's calls made, calls
per caller, contacts reached and each result link here, filtered the same way outreach.stats counts them."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from groundswell.common.ids import parse_id
from groundswell.orgs.roles import Cap
from groundswell.outreach.models import Campaign, ContactAttempt
from groundswell.outreach.selectors import get_campaign_for, result_codes


def counted_attempts(campaign: Campaign, *, result: str = "", caller: str = "", reached: bool = False
                     ) -> QuerySet[ContactAttempt]:
    """The attempts stats.campaign_stats counts (applied ones), narrowed by result code, caller or reached."""
    attempts = campaign.attempts.filter(applied=True).select_related("person", "caller")
    if result:
        attempts = attempts.filter(result=result)
    if (caller_id := parse_id(caller)) is not None:
        attempts = attempts.filter(caller_id=caller_id)
    if reached:
        attempts = attempts.filter(result__in=[c.code for c in result_codes(campaign) if c.reached])
    return attempts.order_by("-created_at", "-id")


@login_required
def campaign_attempts(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    result, caller = request.GET.get("result", ""), request.GET.get("caller", "")
    reached = request.GET.get("reached") == "1"
    attempts = counted_attempts(campaign, result=result, caller=caller, reached=reached)
    labels = {c.code: c.label for c in result_codes(campaign)}
    page = Paginator(attempts, 50).get_page(request.GET.get("page"))
    for attempt in page:
        attempt.result_label = labels.get(attempt.result, attempt.result)
    return render(request, "outreach/campaign_attempts.html", {
        "campaign": campaign, "team": campaign.team, "page": page, "result": labels.get(result, result),
        "filtered": bool(result or caller or reached), "reached": reached,
        "can_view_people": request.actor.can(Cap.VIEW_PEOPLE, campaign.team),
    })
