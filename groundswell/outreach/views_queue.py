""""Why is this person not in the queue now?": the campaign's targets counted by the first eligibility check
they fail (outreach.eligibility, the same rule the claim path uses), each count linking to the targets it
counts (DESIGN invariant 5), and "Refresh from list"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from groundswell.common.errors import NotFound
from groundswell.orgs.roles import Cap
from groundswell.outreach import eligibility, services
from groundswell.outreach.models import Campaign, Target
from groundswell.outreach.selectors import get_campaign_for

ELIGIBLE = eligibility.ELIGIBLE


def queue_rows(campaign: Campaign, now=None) -> list[dict]:
    """One row per reason (in the order the checks run) and one for the queue itself, with its count."""
    counts = eligibility.breakdown(campaign, now)
    rows = [{"reason": c.reason.value, "label": eligibility.LABELS[c.reason], "count": counts[c.reason.value]}
            for c in eligibility.checks(campaign, now)]
    return [{"reason": ELIGIBLE, "label": "In the queue now", "count": counts[ELIGIBLE]}, *rows]


def targets_for_reason(campaign: Campaign, reason: str, now=None) -> QuerySet[Target]:
    """The targets `breakdown` counts under `reason` (or ELIGIBLE)."""
    targets = eligibility.by_reason(campaign, now).get(reason)
    if targets is None:
        raise NotFound("reason")
    return targets.select_related("person").order_by("id")


@login_required
def campaign_queue(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    rows = queue_rows(campaign)
    return render(request, "outreach/campaign_queue.html", {
        "campaign": campaign, "team": campaign.team, "rows": rows, "total": sum(r["count"] for r in rows),
        "can_edit": request.actor.can(Cap.EDIT_SCRIPTS, campaign.team),
    })


@login_required
def campaign_queue_reason(request: HttpRequest, campaign_id: int, reason: str) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    now = timezone.now()
    targets = targets_for_reason(campaign, reason, now)
    label = "In the queue now" if reason == ELIGIBLE else eligibility.LABELS[eligibility.Reason(reason)]
    return render(request, "outreach/campaign_queue_reason.html", {
        "campaign": campaign, "team": campaign.team, "label": label, "reason": reason,
        "page": Paginator(targets, 50).get_page(request.GET.get("page")),
        "can_view_people": request.actor.can(Cap.VIEW_PEOPLE, campaign.team),
    })


@require_POST
@login_required
def campaign_sync(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Bring the targets up to date with the list now (going live does it too)."""
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    if campaign.people_list_id is None:
        messages.error(request, "Choose a list first: the campaign has none.")
    else:
        added = services.sync_targets(campaign)
        messages.success(request, f"Refreshed from “{campaign.people_list.name}”: {added} added.")
    return redirect("outreach:campaign-queue", campaign.pk)
