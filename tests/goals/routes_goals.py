"""Authorization-matrix entries for the goals pages and API (see tests/matrix.py).

Dashboards, their rows pages and CSV exports are reports (VIEW_REPORTS: admin, organizer, leader, analyst,
data steward); setting, editing, splitting and deleting goals is MANAGE_TEAM (admin, organizer). Other members
of the subtree get 403, anyone outside it 404. "My goals" and the goal list are the signed-in user's own."""

import datetime as dt

from django.urls import reverse

from groundswell.goals.models import Goal
from groundswell.people.services import org_of
from tests.matrix import Route, slug_url

REPORTERS = frozenset({"admin", "organizer", "leader", "analyst", "data_steward"})
MANAGERS = frozenset({"admin", "organizer"})


def goal_on(team) -> Goal:
    today = dt.date.today()
    return Goal.objects.create(org=org_of(team), team=team, metric="contacts_made", start=today,
                               end=today + dt.timedelta(days=6), target=7)


def goal_url(name: str):
    return lambda t: reverse(name, args=[goal_on(t).pk])


def _payload(team) -> dict:
    today = dt.date.today()
    return {"team_id": team.pk, "metric": "contacts_made", "start": str(today), "end": str(today), "target": 3}


WEB: dict[str, Route] = {
    "goals:dashboard": Route("GET", "team", REPORTERS, url=slug_url("goals:dashboard")),
    "goals:dashboard-csv": Route(
        "GET", "team", REPORTERS, url=lambda t: reverse("goals:dashboard-csv", args=[t.slug, "metrics"])),
    "goals:rows": Route("GET", "team", REPORTERS, url=lambda t: reverse("goals:rows", args=[t.slug, "contacts_made"])),
    "goals:goal-new": Route("GET", "team", MANAGERS, url=slug_url("goals:goal-new")),
    "goals:goal-edit": Route("GET", "team", MANAGERS, url=goal_url("goals:goal-edit")),
    "goals:goal-split": Route("GET", "team", MANAGERS, url=goal_url("goals:goal-split")),
    "goals:goal-delete": Route("POST", "team", MANAGERS, url=goal_url("goals:goal-delete")),
    "goals:my-goals": Route("GET", "self"),
}
API: dict[str, Route] = {
    "GET /api/v1/teams/{team_id}/dashboard": Route(
        "GET", "team", REPORTERS, url=lambda t: f"/api/v1/teams/{t.pk}/dashboard"),
    "GET /api/v1/goals": Route("GET", "self"),
    "POST /api/v1/goals": Route("POST", "team", MANAGERS, url=lambda t: "/api/v1/goals", payload=_payload, json=True),
}
