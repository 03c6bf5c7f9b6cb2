"""Background tasks of the people app (django.tasks: the database queue in production, inline in tests)."""

from django.tasks import task

from groundswell.people.importing.runner import run_import
from groundswell.people.models import ImportJob
from groundswell.people.services_imports import upload_release


@task
def run_import_task(job_id: int) -> None:
    """Run (or resume) an import job; a worker that dies mid-way leaves it resumable. A finished upload
    is deleted (services_imports.upload_release)."""
    job = ImportJob.objects.select_related("team").get(pk=job_id)
    run_import(job)
    upload_release(job)
