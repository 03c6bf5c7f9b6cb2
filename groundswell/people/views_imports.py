"""Import pages: upload a CSV, map its columns, follow the job's progress, download its rejected rows.

Between the upload and the mapping screen the kept file is known by a random token held in the
signed-in user's session (with the name they gave it and the team), so nobody else can map it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename

from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap
from groundswell.people import selectors
from groundswell.people.forms import add_service_errors
from groundswell.people.forms_imports import ImportMappingForm, ImportUploadForm
from groundswell.people.importing.mapping import suggest_mapping
from groundswell.people.importing.reader import NotACsv
from groundswell.people.selectors_imports import get_import_for, import_progress, imports_for, rejection_reasons
from groundswell.people.services import org_of
from groundswell.people.services_imports import (
    describe_size,
    import_error_file,
    import_start,
    max_upload_bytes,
    upload_discard,
    upload_preview,
    upload_save,
)

SESSION_KEY = "people_import_uploads"
PER_PAGE = 25
MAX_PENDING = 5


@login_required
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.IMPORT_PEOPLE)
    form = ImportUploadForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            preview = upload_save(file)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            _remember_upload(request, team, preview.token, file.name, form.cleaned_data["update_existing"])
            return redirect("people:import-map", team.slug, preview.token)
    return render(request, "people/imports/import_upload.html", {
        "team": team, "form": form, "limit": describe_size(max_upload_bytes()),
    }, status=400 if request.method == "POST" else 200)


@login_required
def import_map(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.IMPORT_PEOPLE)
    pending = request.session.get(SESSION_KEY, {}).get(token)
    try:
        if pending is None or pending["team"] != team.pk:
            raise NotACsv("unknown upload")
        preview = upload_preview(token)
    except NotACsv:
        messages.error(request, "That upload is no longer available; please upload the file again.")
        return redirect("people:import-upload", team.slug)
    org = org_of(team)
    form = ImportMappingForm(*_posted(request), header=preview.header,
                             suggested=suggest_mapping(org, preview.header),
                             custom_fields=selectors.org_custom_fields(team=team))
    if request.method == "POST" and form.is_valid():
        try:
            job = import_start(actor=request.actor, team=team, preview=preview, file_name=pending["name"],
                               mapping=form.mapping, update_existing=pending["update"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _forget_upload(request, token)
            return redirect("people:import-detail", job.pk)
    return render(request, "people/imports/import_map.html", {
        "team": team, "token": token, "form": form,
        "file_name": pending["name"], "update_existing": pending["update"],
        "rows": form.rows(preview.samples),
    }, status=400 if request.method == "POST" else 200)


@login_required
def import_discard(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.IMPORT_PEOPLE)
    if request.method == "POST" and token in request.session.get(SESSION_KEY, {}):
        _forget_upload(request, token)
        upload_discard(token)
        messages.success(request, "The upload was discarded; nothing was imported.")
    return redirect("people:import-upload", team.slug)


@login_required
def import_list(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_PEOPLE)
    page = Paginator(imports_for(request.actor, team), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "people/imports/import_list.html", {
        "team": team, "page": page, "can_import": request.actor.can(Cap.IMPORT_PEOPLE, team),
    })


@login_required
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    job = get_import_for(request.actor, import_id)
    return render(request, "people/imports/import_detail.html", _progress_context(job))


@login_required
def import_progress_partial(request: HttpRequest, import_id: int) -> HttpResponse:
    job = get_import_for(request.actor, import_id)
    return render(request, "people/imports/_progress.html", _progress_context(job))


def _progress_context(job) -> dict:
    progress = import_progress(job)
    # Polled every second while it runs; the breakdown of rejections waits for the end.
    reasons = rejection_reasons(job) if job.rejected and not progress.active else []
    return {"job": job, "progress": progress, "reasons": reasons}


@login_required
def import_errors(request: HttpRequest, import_id: int) -> HttpResponse:
    job = get_import_for(request.actor, import_id)
    out, _ = import_error_file(actor=request.actor, job=job)
    stem = get_valid_filename(job.file_name.rsplit(".", 1)[0]) or "import"
    return FileResponse(out, as_attachment=True, filename=f"{stem}-rejected-rows.csv",
                        content_type="text/csv; charset=utf-8")


def _posted(request: HttpRequest) -> tuple:
    """Form data for a POST even when it is empty (an empty form must show its errors, not a blank page)."""
    return (request.POST, request.FILES) if request.method == "POST" else ()


def _remember_upload(request: HttpRequest, team, token: str, name: str, update: bool) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    uploads[token] = {"team": team.pk, "name": name[:255], "update": update}
    while len(uploads) > MAX_PENDING:  # an abandoned upload's file goes with its token
        upload_discard(next(iter(uploads)))
        uploads.pop(next(iter(uploads)))
    request.session[SESSION_KEY] = uploads


def _forget_upload(request: HttpRequest, token: str) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
