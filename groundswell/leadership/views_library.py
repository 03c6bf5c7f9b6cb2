"""The training and materials library: a team's shelf (its own and everything above it), adding and editing
materials, opening one, marking a training done, sharing, and a volunteer's own trainings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.common.errors import NotFound
from groundswell.common.forms import add_service_errors
from groundswell.leadership import selectors_library as library
from groundswell.leadership.forms import MaterialForm, ShareForm
from groundswell.leadership.services_library import (
    material_archive,
    material_create,
    material_share,
    material_update,
    training_complete,
)
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap
from groundswell.orgs.selectors import my_memberships


@login_required
def library_page(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug)
    materials = list(library.team_library(team))
    show_progress = request.actor.can(Cap.VIEW_MEMBERS, team)
    return render(request, "leadership/library.html", {
        "team": team, "materials": materials, "done": library.completed_ids(request.actor, materials),
        "may_add": request.actor.can(Cap.MANAGE_TEAM, team),
        "progress": library.training_progress(team) if show_progress else None,
    })


def _material_values(form: MaterialForm) -> dict:
    data = dict(form.cleaned_data)
    data.pop("file", None)
    return data


@login_required
def material_new(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.MANAGE_TEAM)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            material = material_create(actor=request.actor, team=team, file=form.cleaned_data["file"],
                                       **_material_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Added to the library.")
            return redirect("leadership:material", material.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "leadership/material_form.html", {"team": team, "form": form}, status=status)


@login_required
def material_edit(request: HttpRequest, material_id: int) -> HttpResponse:
    material = library.get_editable_material(request.actor, material_id)
    initial = {name: getattr(material, name) for name in ("title", "kind", "summary", "url", "body", "required_for")}
    form = MaterialForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and "archive" in request.POST:
        material_archive(actor=request.actor, material=material)
        messages.success(request, f"{material.title} was archived.")
        return redirect("leadership:library", material.team.slug)
    if request.method == "POST" and form.is_valid():
        try:
            material_update(actor=request.actor, material=material, file=form.cleaned_data["file"],
                            **_material_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("leadership:material", material.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "leadership/material_form.html", {"team": material.team, "form": form,
                                                             "material": material}, status=status)


@login_required
def material_page(request: HttpRequest, material_id: int) -> HttpResponse:
    material = library.get_material_for(request.actor, material_id)
    choices = library.share_targets(request.actor, material).choices()
    return render(request, "leadership/material.html", {
        "material": material, "team": material.team, "done": bool(library.completed_ids(request.actor, [material])),
        "share_form": ShareForm(choices=choices) if choices else None,
        "may_edit": request.actor.can(Cap.MANAGE_TEAM, material.team),
        "own_team": request.actor.can(Cap.VIEW_TEAM, material.team),  # else the material is inherited from above
    })


@login_required
def material_file(request: HttpRequest, material_id: int) -> FileResponse:
    material = library.get_material_for(request.actor, material_id)
    if not material.file:
        raise NotFound("file")
    return FileResponse(material.file.open("rb"), as_attachment=False, filename=material.file.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def material_done(request: HttpRequest, material_id: int) -> HttpResponse:
    material = library.get_material_for(request.actor, material_id)
    done = training_complete(user=request.user, material=material, done=request.POST.get("done", "1") == "1")
    messages.success(request, "Marked as done." if done else "Marked as not done.")
    return redirect("leadership:material", material.pk)


@login_required
@require_POST
def material_share_view(request: HttpRequest, material_id: int) -> HttpResponse:
    material, targets = library.get_shareable_material(request.actor, material_id)
    form = ShareForm(request.POST, choices=targets.choices())
    if not form.is_valid():
        messages.error(request, "Choose a volunteer or a team to share with.")
        return redirect("leadership:material", material.pk)
    material_share(actor=request.actor, material=material, message=form.cleaned_data["message"],
                   **targets.resolve(form.cleaned_data["to"]))
    messages.success(request, "Shared.")
    return redirect("leadership:material", material.pk)


@login_required
def my_trainings(request: HttpRequest) -> HttpResponse:
    return render(request, "leadership/my_trainings.html", {
        "trainings": library.my_required_trainings(request.actor),
        "shared": library.shared_with_me(request.actor)[:30],
        "memberships": my_memberships(actor=request.actor),
    })
