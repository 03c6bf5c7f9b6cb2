"""/api/v1/imports: upload a CSV to import into a team, follow the job, fetch its rejected rows.

The header and the mapping are checked before anything is created (422 says what is wrong); the rows are
imported by a background task, so the upload answers 202 at once."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.urls import reverse
from ninja import File, Form, Router, UploadedFile

from groundswell.common.schemas import ERRORS
from groundswell.orgs.access import get_team_for
from groundswell.orgs.roles import Cap
from groundswell.people.importing.mapping import suggest_mapping
from groundswell.people.models import ImportJob
from groundswell.people.schemas_imports import ImportCreateIn, ImportOut
from groundswell.people.selectors_imports import get_import_for, import_progress
from groundswell.people.services import org_of
from groundswell.people.services_imports import import_error_file, import_start, upload_discard, upload_save

router = Router(tags=["imports"])
MAPPING_SHAPE = 'must be a JSON object of column → field name, such as {"DOB": "birth_date", "Notes": ""}'


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def import_out(job: ImportJob) -> dict:
    progress = import_progress(job)
    fields = ("id", "team_id", "file_name", "status", "update_existing", "mapping", "rows_done", "imported",
              "updated", "rejected", "skipped", "error", "created_at", "started_at", "finished_at")
    return {
        **{name: getattr(job, name) for name in fields},
        "rows_total": progress.total,
        "percent": progress.percent,
        "rows_per_second": round(progress.rows_per_s, 1) if progress.rows_per_s else None,
        "eta_seconds": progress.eta_seconds,
        "url": _absolute(reverse("people:import-detail", args=[job.pk])),
        "progress_url": _absolute(f"/api/v1/imports/{job.pk}"),
        "error_file_url": _absolute(f"/api/v1/imports/{job.pk}/errors.csv") if job.rejected else None,
    }


def _mapping(raw: str | None) -> dict | None:
    if raw is None or not raw.strip():
        return None
    try:
        mapping = json.loads(raw)
    except ValueError:
        mapping = None
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise ValidationError({"mapping": MAPPING_SHAPE})
    return mapping


@router.post("/imports", response={202: ImportOut, **ERRORS})
def imports_create(request, payload: Form[ImportCreateIn], file: File[UploadedFile]):
    team = get_team_for(request.actor, payload.team_id, Cap.IMPORT_PEOPLE)
    mapping = _mapping(payload.mapping)
    try:
        preview = upload_save(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    try:
        job = import_start(
            actor=request.actor, team=team, preview=preview, file_name=file.name or "upload.csv",
            mapping=mapping if mapping is not None else suggest_mapping(org_of(team), preview.header),
            update_existing=payload.update_existing,
        )
    except ValidationError as error:
        upload_discard(preview.token)
        raise ValidationError({"mapping": error.messages}) from None
    return 202, import_out(job)


@router.get("/imports/{import_id}", response={200: ImportOut, **ERRORS})
def imports_get(request, import_id: int):
    return import_out(get_import_for(request.actor, import_id))


@router.get(
    "/imports/{import_id}/errors.csv", response={200: None, **ERRORS},
    openapi_extra={"responses": {"200": {"description": "The rejected rows: line, reason, then the row's columns.",
                                         "content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def imports_errors(request, import_id: int):
    job = get_import_for(request.actor, import_id)
    out, _ = import_error_file(actor=request.actor, job=job)
    return FileResponse(out, as_attachment=True, filename=f"import-{job.pk}-rejected-rows.csv",
                        content_type="text/csv; charset=utf-8")
