"""Privacy pages: a list's CSV export, one person's subject-access file, and erasure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap
from groundswell.people.forms_privacy import ListExportForm, PersonEraseForm
from groundswell.people.privacy import (
    deleted_people_for,
    person_erase,
    person_erase_preview,
    person_subject_access,
    privacy_person_get,
)
from groundswell.people.privacy_export import list_export_csv
from groundswell.people.selectors_lists import get_list_for, list_people


@login_required
def list_export(request: HttpRequest, list_id: int) -> HttpResponse:
    people_list = get_list_for(request.actor, list_id, Cap.EXPORT_PEOPLE)
    form = ListExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lines = list_export_csv(actor=request.actor, people_list=people_list, **form.cleaned_data)
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        name = f"{slugify(people_list.name) or 'list'}-{timezone.now():%Y%m%d-%H%M}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "people/privacy/list_export.html", {
        "people_list": people_list,
        "form": form,
        "count": list_people(request.actor, people_list).count(),
    }, status=400 if request.method == "POST" else 200)


@login_required
def person_export(request: HttpRequest, person_id: int) -> HttpResponse:
    person = privacy_person_get(request.actor, person_id, Cap.EXPORT_PEOPLE)
    document = person_subject_access(actor=request.actor, person=person)
    response = JsonResponse(document, encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@login_required
def person_erase_confirm(request: HttpRequest, person_id: int) -> HttpResponse:
    person = privacy_person_get(request.actor, person_id, Cap.ERASE_PEOPLE)
    form = PersonEraseForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        team_slug = person.team.slug
        person_erase(actor=request.actor, person=person, reason=form.cleaned_data["reason"])
        messages.success(request, f"Person #{person_id} was erased. Their opt-outs stay on the suppression list.")
        return redirect("people:person-list", team_slug)
    return render(request, "people/privacy/person_erase.html", {
        "person": person,
        "form": form,
        "preview": person_erase_preview(person),
    }, status=400 if request.method == "POST" else 200)


@login_required
def deleted_list(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.ERASE_PEOPLE)
    page = Paginator(deleted_people_for(request.actor, team), 50).get_page(request.GET.get("page"))
    return render(request, "people/privacy/deleted_list.html", {"team": team, "page": page})
