from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from groundswell.events.selectors import my_signups
from groundswell.leadership import selectors as leadership
from groundswell.leadership.selectors_library import my_required_trainings
from groundswell.orgs import selectors
from groundswell.orgs.roles import Cap
from groundswell.orgs.views_join import WELCOME_KEY
from groundswell.outreach.selectors import workable_campaigns
from groundswell.relational import selectors as relational
from groundswell.relational.models import Program


def next_task(membership) -> dict:
    """The one thing a volunteer should do next on a team, with where to do it."""
    if membership.conduct_accepted_at is None:
        return {"kind": "onboarding", "url_name": "join:conduct", "label": "Read and agree to the code of conduct"}
    if membership.onboarded_at is None:
        return {"kind": "onboarding", "url_name": "join:preferences", "label": "Tell us when and how you can help"}
    leaders = selectors.team_leader_names(team=membership.team)
    return {"kind": "meet", "leaders": leaders}


def _follow_ups(actor) -> dict | None:
    """The organizer's overdue and coming follow-ups and one-on-ones (None for those who do not develop leaders)."""
    if not actor.paths_with(Cap.DEVELOP_LEADERS):
        return None
    today = timezone.localdate()
    open_ones = list(leadership.my_follow_ups(actor)[:20])
    return {"overdue": [c for c in open_ones if c.due < today], "soon": [c for c in open_ones if c.due >= today][:3],
            "meetings": list(leadership.my_upcoming_one_on_ones(actor)[:3])}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = list(selectors.my_memberships(actor=request.actor))
    welcome_team_id = request.session.pop(WELCOME_KEY, None)
    return render(request, "web/home.html", {
        "memberships": memberships,
        "tasks": [(m, next_task(m)) for m in memberships if m.role == "volunteer"],
        "cards": selectors.home_team_cards(actor=request.actor),
        "welcome": next((m for m in memberships if m.team_id == welcome_team_id), None),
        "phone_banks": list(workable_campaigns(request.actor).order_by("-went_live_at", "-id")[:3]),
        "my_people": relational.my_counts(request.actor) if request.actor.paths_with(Cap.MAKE_CONTACTS) else None,
        "next_signups": list(my_signups(request.user).filter(shift__ends_at__gt=timezone.now())[:2]),
        "follow_ups": _follow_ups(request.actor),
        "trainings": [t for t in my_required_trainings(request.actor) if not t.done][:3],
        "programs": list(relational.programs_for(request.actor)
                         .filter(status__in=[Program.Status.ENROLLING, Program.Status.RUNNING])[:3]),
    })


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})
