"""Authorization-matrix entries for this area's web routes and API operations (see tests/matrix.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.matrix import IMPORTERS, Route, api_url, slug_url

# A token no upload has: the mapping page sends allowed roles back to the upload form (302).
UNKNOWN_UPLOAD = "0" * 32


def _csv_payload(team) -> dict:
    body = b"First Name,Last Name,Phone\nAda,Lovelace,(312) 555-0100\n"
    return {"team_id": team.pk, "file": SimpleUploadedFile("matrix.csv", body, content_type="text/csv")}


def _job_url(name: str):
    return lambda job: reverse(name, args=[job.pk])


WEB: dict[str, Route] = {
    "people:import-upload": Route("GET", "team", IMPORTERS, url=slug_url("people:import-upload")),
    "people:import-map": Route(
        "GET", "team", IMPORTERS, url=lambda t: reverse("people:import-map", args=[t.slug, UNKNOWN_UPLOAD])
    ),
    "people:import-discard": Route(
        "POST", "team", IMPORTERS, url=lambda t: reverse("people:import-discard", args=[t.slug, UNKNOWN_UPLOAD])
    ),
    "people:import-list": Route("GET", "team", IMPORTERS, url=slug_url("people:import-list")),
    "people:import-detail": Route("GET", "import", IMPORTERS, url=_job_url("people:import-detail")),
    "people:import-progress": Route("GET", "import", IMPORTERS, url=_job_url("people:import-progress")),
    "people:import-errors": Route("GET", "import", IMPORTERS, url=_job_url("people:import-errors")),
}
API: dict[str, Route] = {
    "POST /api/v1/imports": Route(
        "POST", "team", IMPORTERS, url=lambda t: "/api/v1/imports", payload=_csv_payload, ok=frozenset({202})
    ),
    "GET /api/v1/imports/{import_id}": Route("GET", "import", IMPORTERS, url=api_url("/imports/{id}")),
    "GET /api/v1/imports/{import_id}/errors.csv": Route(
        "GET", "import", IMPORTERS, url=api_url("/imports/{id}/errors.csv")
    ),
}
