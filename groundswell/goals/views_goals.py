"""Setting, editing, splitting and deleting goals (MANAGE_TEAM: admins and organizers, in their subtree), and
a volunteer's own goals."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.goals import selectors
from groundswell.goals.dashboard import team_today
from groundswell.goals.forms import GoalEditForm, GoalForm, SplitForm
from groundswell.goals.mine import my_goal_lines, set_leaderboard_opt_out
from groundswell.goals.services import goal_create, goal_delete, goal_split, goal_update, split_preview
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap


def _apply(form, error: ValidationError) -> None:
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


@login_required
def goal_new(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.MANAGE_TEAM)
    today = team_today(team)
    form = GoalForm(request.POST or None, team=team, initial={"start": today, "end": today + dt.timedelta(days=29)})
    if request.method == "POST" and form.is_valid():
        try:
            goal_create(actor=request.actor, team=team, metric=form.cleaned_data["metric"],
                        start=form.cleaned_data["start"], end=form.cleaned_data["end"],
                        target=form.cleaned_data["target"], member_id=form.cleaned_data["member"])
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect("goals:dashboard", team.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "goals/goal_form.html", {"form": form, "team": team}, status=status)


@login_required
def goal_edit(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = selectors.get_goal_for(request.actor, goal_id, Cap.MANAGE_TEAM)
    form = GoalEditForm(request.POST or None, team=goal.team,
                        initial={"start": goal.start, "end": goal.end, "target": goal.target})
    if request.method == "POST" and form.is_valid():
        try:
            goal_update(actor=request.actor, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect("goals:dashboard", goal.team.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "goals/goal_form.html", {"form": form, "team": goal.team, "goal": goal}, status=status)


@login_required
@require_POST
def goal_remove(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = selectors.get_goal_for(request.actor, goal_id, Cap.MANAGE_TEAM)
    slug = goal.team.slug
    goal_delete(actor=request.actor, goal=goal)
    return redirect("goals:dashboard", slug)


@login_required
def goal_split_page(request: HttpRequest, goal_id: int) -> HttpResponse:
    """GET shows the form; an HTMX POST with `preview` re-renders the preview only; a plain POST saves."""
    goal = selectors.get_goal_for(request.actor, goal_id, Cap.MANAGE_TEAM)
    children = selectors.child_teams(goal.team)
    form = SplitForm(request.POST or None, children=children, initial={"rule": "evenly"})
    preview, status = [], 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                if "preview" in request.POST:
                    preview, status = split_preview(goal, form.cleaned_data["rule"], form.by_hand()), 200
                else:
                    goal_split(actor=request.actor, goal=goal, rule=form.cleaned_data["rule"], by_hand=form.by_hand())
                    return redirect("goals:dashboard", goal.team.slug)
            except ValidationError as error:
                _apply(form, error)
    template = "goals/_split_preview.html" if request.headers.get("HX-Request") else "goals/goal_split.html"
    return render(request, template, {"form": form, "goal": goal, "team": goal.team, "preview": preview},
                  status=200 if request.headers.get("HX-Request") else status)


@login_required
def my_goals(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        set_leaderboard_opt_out(user=request.user, hidden=request.POST.get("hidden") == "1")
        return redirect("goals:my-goals")
    return render(request, "goals/my_goals.html", my_goal_lines(request.actor))
