"""Team pages: the tree, a team's overview, its settings, new sub-teams and moving a team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from groundswell.orgs import selectors, services
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.forms import TeamCreateForm, TeamForm, TeamMoveForm
from groundswell.orgs.roles import Cap


def add_errors(form: Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (unknown fields become form-wide errors)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def team_index(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/team_list.html", {"teams": selectors.team_list(actor=request.actor)})


@login_required
def team_detail(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug)
    return render(request, "orgs/team_detail.html", {
        "team": team,
        "ancestors": selectors.team_ancestors(actor=request.actor, team=team),
        "children": selectors.team_children(actor=request.actor, team=team),
        "report": selectors.team_report(actor=request.actor, team=team),
        "can": selectors.caps_on(actor=request.actor, team=team),
    })


@login_required
def team_edit(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.MANAGE_TEAM)
    form = TeamForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(actor=request.actor, team=team, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Team settings saved.")
            return redirect("orgs:team-detail", team.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/team_edit.html", {"team": team, "form": form}, status=status)


@login_required
def team_create(request: HttpRequest, slug: str) -> HttpResponse:
    parent = get_team_by_slug_for(request.actor, slug, Cap.MANAGE_TEAM)
    form = TeamCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(actor=request.actor, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{team.name} was created.")
            return redirect("orgs:team-detail", team.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/team_create.html", {"parent": parent, "form": form}, status=status)


@login_required
def team_move(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.MOVE_TEAM)
    form = TeamMoveForm(request.POST or None, targets=selectors.team_move_targets(actor=request.actor, team=team))
    if request.method == "POST" and form.is_valid():
        try:
            services.team_move(actor=request.actor, team=team, new_parent=form.cleaned_data["parent"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{team.name} now sits under {form.cleaned_data['parent'].name}.")
            return redirect("orgs:team-detail", team.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/team_move.html", {"team": team, "form": form}, status=status)
