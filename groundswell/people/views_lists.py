"""List pages: a team's lists, the builder with its live count, a list's people, rename/freeze/delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people.filters import describe_filters, validate_filters
from groundswell.people.forms_lists import custom_rows, error_groups, spec_from_post, values_from_spec
from groundswell.people.models import Channel, PeopleList, Person
from groundswell.people.selectors import org_custom_fields, org_tags
from groundswell.people.selectors_lists import (
    Preview,
    get_list_for,
    list_people,
    preview,
    sub_teams,
    team_lists,
)
from groundswell.people.services import org_of
from groundswell.people.services_lists import list_create, list_delete, list_freeze, list_update


@login_required
def list_index(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_PEOPLE)
    page = Paginator(team_lists(request.actor, team), 25).get_page(request.GET.get("page"))
    return render(request, "people/lists/list_index.html", {
        "team": team, "page": page, "can_edit": request.actor.can(Cap.EDIT_PEOPLE, team),
    })


@login_required
def list_new(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.EDIT_PEOPLE)
    return _builder(request, team, None)


@login_required
def list_edit(request: HttpRequest, list_id: int) -> HttpResponse:
    people_list = get_list_for(request.actor, list_id, Cap.EDIT_PEOPLE)
    if people_list.kind == PeopleList.Kind.STATIC:
        messages.info(request, "A static list keeps the people it was frozen with; you can rename or delete it.")
        return redirect("people:list-detail", people_list.pk)
    return _builder(request, people_list.team, people_list)


@require_POST
@login_required
def list_count(request: HttpRequest, slug: str) -> HttpResponse:
    """The builder's live count and sample, re-rendered by htmx as filters change."""
    team = get_team_by_slug_for(request.actor, slug, Cap.EDIT_PEOPLE)
    result, errors = _preview(request, team, spec_from_post(request.POST, org_custom_fields(team=team)))
    return render(request, "people/lists/_count.html", {"preview": result, "errors": errors})


def _preview(request: HttpRequest, team: Team, spec: dict) -> tuple[Preview | None, dict]:
    try:
        cleaned = validate_filters(spec, org_of(team))
    except ValidationError as error:
        return None, error_groups(error.message_dict)
    return preview(request.actor, team, cleaned), {}


def _builder(request: HttpRequest, team: Team, people_list: PeopleList | None) -> HttpResponse:
    fields = org_custom_fields(team=team)
    spec = spec_from_post(request.POST, fields) if request.method == "POST" else (
        people_list.filters if people_list else {})
    name = request.POST.get("name", people_list.name if people_list else "")
    errors: dict = {}
    if request.method == "POST":
        try:
            if people_list is None:
                kind = request.POST.get("kind", PeopleList.Kind.DYNAMIC)
                people_list = list_create(actor=request.actor, team=team, name=name, kind=kind, filters=spec)
            else:
                list_update(actor=request.actor, people_list=people_list, name=name, filters=spec)
        except ValidationError as error:
            errors = error_groups(error.message_dict)
        else:
            messages.success(request, f"Saved “{people_list.name}”.")
            return redirect("people:list-detail", people_list.pk)
    result, count_errors = _preview(request, team, spec)
    return render(request, "people/lists/list_builder.html", {
        "team": team, "people_list": people_list, "name": name, "values": values_from_spec(spec),
        "custom_rows": custom_rows(fields, spec), "errors": errors or count_errors, "tags": org_tags(team=team),
        "sub_teams": sub_teams(request.actor, team), "registrations": Person.Registration.choices[1:],
        "channels": Channel.choices, "preview": result,
    }, status=400 if errors else 200)


@login_required
def list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    people_list = get_list_for(request.actor, list_id)
    people = list_people(request.actor, people_list)
    if request.htmx and request.GET.get("part") == "count":
        return render(request, "people/lists/_list_count.html", {"count": people.count()})
    return render(request, "people/lists/list_detail.html", {
        "people_list": people_list, "team": people_list.team, "summary": describe_filters(people_list.filters),
        "page": Paginator(people, 50).get_page(request.GET.get("page")),
        "can_edit": request.actor.can(Cap.EDIT_PEOPLE, people_list.team),
        "can_call": request.actor.can(Cap.EDIT_SCRIPTS, people_list.team),
    })


@require_POST
@login_required
def list_rename(request: HttpRequest, list_id: int) -> HttpResponse:
    people_list = get_list_for(request.actor, list_id, Cap.EDIT_PEOPLE)
    try:
        list_update(actor=request.actor, people_list=people_list, name=request.POST.get("name", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Renamed to “{people_list.name}”.")
    return redirect("people:list-detail", people_list.pk)


@require_POST
@login_required
def list_freeze_view(request: HttpRequest, list_id: int) -> HttpResponse:
    people_list = get_list_for(request.actor, list_id, Cap.EDIT_PEOPLE)
    frozen = list_freeze(actor=request.actor, people_list=people_list, name=request.POST.get("name", ""))
    messages.success(request, f"Frozen: “{frozen.name}” keeps today’s people.")
    return redirect("people:list-detail", frozen.pk)


@require_POST
@login_required
def list_delete_view(request: HttpRequest, list_id: int) -> HttpResponse:
    people_list = get_list_for(request.actor, list_id, Cap.EDIT_PEOPLE)
    team = people_list.team
    list_delete(actor=request.actor, people_list=people_list)
    messages.success(request, f"Deleted “{people_list.name}”.")
    return redirect("people:list-index", team.slug)
