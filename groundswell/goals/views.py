"""Dashboards and the rows behind each number (thin: access → selector → render)."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from groundswell.common.errors import NotFound
from groundswell.common.ids import parse_id
from groundswell.goals import selectors
from groundswell.goals.charts import chart_data
from groundswell.goals.dashboard import dashboard_for, team_today
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap


@login_required
def dashboard_page(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_REPORTS)
    board = dashboard_for(request.actor, team, request.GET.get("period", ""), request.GET.get("board", ""))
    series = {line.metric.key: line.series for line in board.metrics}
    for line in board.metrics:  # a metric with no activity gets no chart: a flat line at 0 says nothing
        line.chart = chart_data(line.series) if line.has_data else ""
    for goal_line in board.goals:
        goal_line.chart = chart_data(series.get(goal_line.goal.metric, []), goal_line.goal.target)
    # One reverse() per child team: its rows pages live under its dashboard URL (…/dashboard/rows/<metric>/).
    links = {child.pk: reverse("goals:dashboard", args=[child.slug]) for child, _ in board.children}
    labels = {line.metric.key: line.metric.label for line in board.metrics}  # on a phone each cell says what it counts
    children = [(child, links[child.pk], [(k, labels.get(k, k), n) for k, n in sums])
                for child, sums in board.children]
    teams = [(child, links[child.pk], n) for child, n in board.teams]
    template = "goals/_dashboard.html" if request.headers.get("HX-Request") else "goals/dashboard.html"
    return render(request, template, {"board": board, "team": team, "children": children, "teams": teams,
                                      "may_manage": request.actor.can(Cap.MANAGE_TEAM, team),
                                      "period": request.GET.get("period", "month")})


@login_required
def dashboard_csv(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_REPORTS)
    board = dashboard_for(request.actor, team, request.GET.get("period", ""), request.GET.get("board", ""))
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{team.slug}-{table}.csv"'
    out = csv.writer(response)
    if table == "metrics":
        out.writerow(["metric", "count", "from", "to"])
        out.writerows([m.metric.key, m.total, board.period.start, board.period.end] for m in board.metrics)
    elif table == "goals":
        out.writerow(["metric", "team", "member", "start", "end", "target", "actual", "expected"])
        out.writerows([g.goal.metric, team.name, g.goal.member_id or "", g.goal.start, g.goal.end, g.goal.target,
                       g.actual, g.expected] for g in board.goals)
    elif table == "children":
        out.writerow(["team", *(m.metric.key for m in board.metrics)])
        out.writerows([child.name, *(n for _, n in sums)] for child, sums in board.children)
    elif table == "volunteers":
        out.writerow(["rank", "volunteer", board.leaderboard_metric])
        out.writerows([row["rank"], row["name"], row["count"]] for row in board.volunteers)
    else:
        raise NotFound("table")
    return response


@login_required
def rows_page(request: HttpRequest, slug: str, metric: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_REPORTS)
    found = selectors.known_metric(metric)
    if found is None:
        raise NotFound("metric")
    board_period = selectors.period_for(request.GET.get("period", ""), team_today(team))
    names = request.actor.can(Cap.VIEW_MEMBERS, team)
    user = parse_id(request.GET.get("user")) if names else None
    tables = []
    for source, rows in selectors.counted_rows(request.actor, team, found, board_period, user_id=user):
        columns = [(c, h) for c, h in source.columns if names or c not in source.personal]
        page = Paginator(rows.values_list(*(c for c, _ in columns)), 100).get_page(request.GET.get("page"))
        tables.append({"source": source, "columns": columns, "page": page, "count": rows.count()})
    return render(request, "goals/rows.html", {"team": team, "metric": found, "period": board_period,
                                               "tables": tables, "names": names})
