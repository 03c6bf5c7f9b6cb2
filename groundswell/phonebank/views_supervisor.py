"""The supervisor's live view of a call campaign: who is calling now, each caller's numbers, results, survey
tallies and the pace, refreshed by htmx every few seconds; a caller can be paused, resumed or messaged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from groundswell.orgs.roles import Cap
from groundswell.outreach.eligibility import LABELS, Reason
from groundswell.outreach.models import Campaign
from groundswell.outreach.selectors import get_campaign_for
from groundswell.outreach.stats import campaign_stats
from groundswell.phonebank import sessions
from groundswell.phonebank.selectors import get_session_for
from groundswell.phonebank.services_shifts import sweep_if_due

POLL_SECONDS = 5


def _live_context(campaign: Campaign) -> dict:
    now = timezone.now()
    stats = campaign_stats(campaign, now)
    live = list(sessions.live_sessions(campaign, now))
    by_caller = {c.user_id: c for c in stats.callers}
    return {
        "campaign": campaign, "team": campaign.team, "stats": stats, "now": now, "poll": POLL_SECONDS,
        "live": [(session, by_caller.get(session.caller_id)) for session in live],
        "results": [(code, n) for code, n in stats.results if n],
        "contact_rate": round(stats.contact_rate * 100) if stats.contact_rate is not None else None,
        "waiting": _why_nobody_now(stats),
    }


# Why targets still to call are not in the queue at this moment: the reasons that pass with time.
_PASSING = (Reason.OUTSIDE_WINDOW, Reason.COOLING_DOWN, Reason.HELD)


def _why_nobody_now(stats) -> list[tuple[str, str, int]]:
    """When nobody can be called now but people are left: (reason, label, count) of the reasons that pass with
    time, largest first; else []."""
    if stats.queue.get("eligible", 0) or not stats.remaining:
        return []
    found = [(reason.value, LABELS[reason], stats.queue.get(reason.value, 0)) for reason in _PASSING]
    return sorted((row for row in found if row[2]), key=lambda row: -row[2])


@login_required
def supervisor(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    sweep_if_due(campaign)  # no-shows of shifts that began free their places and contacts (at most once a minute)
    return render(request, "phonebank/supervisor.html", _live_context(campaign))


@login_required
def supervisor_live(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The part of the page htmx polls every POLL_SECONDS."""
    campaign = get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    sweep_if_due(campaign)
    return render(request, "phonebank/_supervisor_live.html", _live_context(campaign))


def _after(request: HttpRequest, campaign: Campaign, note: str) -> HttpResponse:
    if request.htmx:
        return render(request, "phonebank/_supervisor_live.html", {**_live_context(campaign), "note": note})
    messages.success(request, note)
    return redirect("phonebank:supervisor", campaign.pk)


def _name(session) -> str:
    return session.caller.full_name or session.caller.email


@require_POST
@login_required
def caller_pause(request: HttpRequest, campaign_id: int, session_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    session = get_session_for(campaign, session_id)
    sessions.caller_pause(actor=request.actor, session=session, message=request.POST.get("message", "").strip())
    return _after(request, campaign, f"Paused {_name(session)}; their open contacts went back to the queue.")


@require_POST
@login_required
def caller_resume(request: HttpRequest, campaign_id: int, session_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    session = get_session_for(campaign, session_id)
    sessions.caller_resume(actor=request.actor, session=session)
    return _after(request, campaign, f"{_name(session)} can call again.")


@require_POST
@login_required
def caller_message(request: HttpRequest, campaign_id: int, session_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    session = get_session_for(campaign, session_id)
    text = request.POST.get("message", "").strip()
    if not text:
        if request.htmx:
            return render(request, "phonebank/_supervisor_live.html",
                          {**_live_context(campaign), "error": "Write a message first."})
        messages.error(request, "Write a message first.")
        return redirect("phonebank:supervisor", campaign.pk)
    sessions.caller_message(actor=request.actor, session=session, message=text)
    return _after(request, campaign, f"Message sent to {_name(session)}.")
