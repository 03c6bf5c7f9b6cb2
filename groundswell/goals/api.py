from typing import Literal

from django.urls import reverse
from ninja import Query, Router

from groundswell.common.schemas import ErrorOut
from groundswell.goals import selectors
from groundswell.goals.dashboard import dashboard_for
from groundswell.goals.schemas import DashboardOut, GoalIn, GoalOut
from groundswell.goals.services import goal_create
from groundswell.orgs.access import get_team_for
from groundswell.orgs.roles import Cap

router = Router(tags=["goals"])
Period = Literal["week", "month", "quarter", "year"]
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get("/teams/{team_id}/dashboard", response={200: DashboardOut, **ERRORS})
def team_dashboard(request, team_id: int, period: Query[Period] = "month"):
    team = get_team_for(request.actor, team_id, Cap.VIEW_REPORTS)
    board = dashboard_for(request.actor, team, period)
    rows = reverse("goals:rows", args=[team.slug, "_"])[:-2]
    return 200, {
        "team_id": team.pk, "start": board.period.start, "end": board.period.end,
        "metrics": [{"key": m.metric.key, "label": m.metric.label, "unit": m.metric.unit, "total": m.total,
                     "has_data": m.has_data, "note": "" if m.has_data else m.metric.note or "no activity yet",
                     "rows_url": f"{rows}{m.metric.key}/?period={period}"} for m in board.metrics],
        "goals": [{"goal": g.goal, "actual": g.actual, "expected": g.expected, "on_track": g.on_track}
                  for g in board.goals],
        "children": [{"team_id": child.pk, "name": child.name, "counts": dict(sums)} for child, sums in board.children],
        "series": {m.metric.key: [{"day": d, "total": n} for d, n in m.series] for m in board.metrics},
    }


@router.get("/goals", response={200: list[GoalOut], **ERRORS})
def goals_list(request):
    return 200, list(selectors.goals_for(request.actor)[:500])


@router.post("/goals", response={201: GoalOut, **ERRORS})
def goals_create(request, payload: GoalIn):
    team = get_team_for(request.actor, payload.team_id, Cap.MANAGE_TEAM)
    data = payload.model_dump(exclude={"team_id"})
    return 201, goal_create(actor=request.actor, team=team, **data)
