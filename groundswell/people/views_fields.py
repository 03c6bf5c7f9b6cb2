"""Custom field definitions of an organization: everyone who sees people sees the list; changing it takes
the right to edit people on the organization itself (the fields belong to the whole organization)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.common.errors import PermissionDenied
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap
from groundswell.people import selectors, services
from groundswell.people.forms import CustomFieldForm, add_service_errors
from groundswell.people.services_fields import custom_field_move, custom_field_save


def _org_for_editing(request: HttpRequest, slug: str):
    team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_PEOPLE)
    org = services.org_of(team)
    if not request.actor.can(Cap.EDIT_PEOPLE, org):
        raise PermissionDenied("only people who edit the whole organization's records may change its fields")
    return team, org


@login_required
def field_list(request: HttpRequest, slug: str) -> HttpResponse:
    if request.method == "POST":
        team, org = _org_for_editing(request, slug)
    else:
        team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_PEOPLE)
        org = services.org_of(team)
    form = CustomFieldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            field = custom_field_save(actor=request.actor, org=org, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Field “{field.label}” was added.")
            return redirect("people:field-list", team.slug)
    return render(request, "people/field_list.html", {
        "team": team, "org": org, "form": form,
        "fields": selectors.org_custom_fields(team=team),
        "can_edit": request.actor.can(Cap.EDIT_PEOPLE, org),
    }, status=400 if request.method == "POST" else 200)


@login_required
def field_edit(request: HttpRequest, slug: str, field_id: int) -> HttpResponse:
    team, org = _org_for_editing(request, slug)
    field = selectors.get_custom_field(team=team, field_id=field_id)
    form = CustomFieldForm(request.POST or None, field=field)
    if request.method == "POST" and form.is_valid():
        try:
            custom_field_save(actor=request.actor, org=org, field=field, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Field “{field.label}” was saved.")
            return redirect("people:field-list", team.slug)
    return render(request, "people/field_edit.html", {"team": team, "field": field, "form": form},
                  status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def field_move(request: HttpRequest, slug: str, field_id: int) -> HttpResponse:
    team, _ = _org_for_editing(request, slug)
    field = selectors.get_custom_field(team=team, field_id=field_id)
    custom_field_move(actor=request.actor, field=field, up=request.POST.get("direction") != "down")
    return redirect("people:field-list", team.slug)
