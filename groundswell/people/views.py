"""Person pages: the team's people list, a person's record, the create and edit forms, soft delete."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.forms import COMMON_TIME_ZONES
from groundswell.orgs.roles import Cap
from groundswell.people import selectors, services
from groundswell.people.contact_points import display_phone
from groundswell.people.forms import (
    OPT_IN_SOURCES,
    OPT_OUT_SOURCES,
    NoteForm,
    PersonForm,
    PhoneAddForm,
    TagForm,
    add_service_errors,
)

PER_PAGE = 50


@login_required
def person_list(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_PEOPLE)
    q, tag = request.GET.get("q", "").strip(), request.GET.get("tag", "").strip()
    people = selectors.person_search(actor=request.actor, team=team, q=q, tag=tag)
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "people/person_list.html", {
        "team": team, "page": page, "q": q, "tag": tag,
        "tags": selectors.org_tags(team=team)[:300],
        "can_edit": request.actor.can(Cap.EDIT_PEOPLE, team),
        "can_import": request.actor.can(Cap.IMPORT_PEOPLE, team),
    })


def _age(born: date | None) -> int | None:
    if born is None:
        return None
    today = date.today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _detail_context(request: HttpRequest, person_id: int) -> dict:
    person = selectors.person_detail(actor=request.actor, person_id=person_id)
    phones = list(person.phones.all())
    zone, zone_source = selectors.time_zone_info(person, [p.number for p in phones])
    custom_fields = selectors.org_custom_fields(team=person.team)
    return {
        "person": person,
        "age": _age(person.birth_date),
        "phones": [(p, display_phone(p.number)) for p in phones],
        "zone": zone, "zone_source": zone_source,
        "custom_values": [(f, person.custom.get(f.key)) for f in custom_fields if f.key in person.custom],
        "consent": selectors.consent_states(person),
        "can_edit": request.actor.can(Cap.EDIT_PEOPLE, person.team),
        "can_export": request.actor.can(Cap.EXPORT_PEOPLE, person.team),
        "can_erase": request.actor.can(Cap.ERASE_PEOPLE, person.team),
        "tag_form": TagForm(), "note_form": NoteForm(), "phone_form": PhoneAddForm(),
        "org_tags": selectors.org_tags(team=person.team)[:200],
        "opt_out_sources": OPT_OUT_SOURCES, "opt_in_sources": OPT_IN_SOURCES,
    }


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    return render(request, "people/person_detail.html", _detail_context(request, person_id))


@login_required
def person_create(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.EDIT_PEOPLE)
    form = PersonForm(request.POST or None, custom_fields=selectors.org_custom_fields(team=team))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.actor, team=team, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{person} was added.")
            return redirect("people:person-detail", person.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "people/person_form.html", {
        "team": team, "form": form, "time_zones": COMMON_TIME_ZONES,
    }, status=status)


@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    zone, zone_source = selectors.time_zone_info(person)
    form = PersonForm(request.POST or None, custom_fields=selectors.org_custom_fields(team=person.team),
                      person=person, derived_zone=zone if zone_source in ("address", "phone") else "")
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.actor, person=person, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{person} was saved.")
            return redirect("people:person-detail", person.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "people/person_form.html", {
        "team": person.team, "person": person, "form": form, "time_zones": COMMON_TIME_ZONES,
    }, status=status)


@require_POST
@login_required
def person_delete(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    services.person_soft_delete(actor=request.actor, person=person)
    messages.success(request, f"{person} was deleted: they no longer appear in searches, lists or queues.")
    if request.htmx:
        return HttpResponseClientRedirect(reverse("people:person-list", args=[person.team.slug]))
    return redirect("people:person-list", person.team.slug)


def partial_or_page(request: HttpRequest, person_id: int, template: str, extra: dict) -> HttpResponse:
    """htmx gets the re-rendered section (200 even with form errors, as htmx swaps only 2xx responses);
    a plain form post goes back to the person's page."""
    if request.htmx:
        return render(request, template, {**_detail_context(request, person_id), **extra})
    for form in extra.values():
        for errors in getattr(form, "errors", {}).values():
            for error in errors:
                messages.error(request, error)
    return redirect("people:person-detail", person_id)


@require_POST
@login_required
def person_tag_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    form = TagForm(request.POST)
    if form.is_valid():
        try:
            services.tag_add(actor=request.actor, person=person, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = TagForm()
    return partial_or_page(request, person.pk, "people/_tags.html", {"tag_form": form})


@require_POST
@login_required
def person_tag_remove(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    form = TagForm(request.POST)
    if form.is_valid():
        services.tag_remove(actor=request.actor, person=person, name=form.cleaned_data["name"])
    return partial_or_page(request, person.pk, "people/_tags.html", {})


@require_POST
@login_required
def person_note_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(actor=request.actor, person=person, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = NoteForm()
    return partial_or_page(request, person.pk, "people/_notes.html", {"note_form": form})
