"""Reads of import jobs, scoped like people: you see the imports of the teams whose people you see."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor, scoped
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people.models import ImportJob

ACTIVE = (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)


def imports_for(actor: Actor, team: Team | None = None) -> QuerySet[ImportJob]:
    """Import jobs of teams where the actor may see people (narrowed to `team`'s subtree), newest first."""
    jobs = scoped(ImportJob.objects.select_related("team", "created_by"), actor, cap=Cap.VIEW_PEOPLE)
    if team is not None:
        jobs = jobs.filter(team__in=Team.objects.filter(path__startswith=team.path))
    return jobs.order_by("-created_at", "-id")


def get_import_for(actor: Actor, import_id: int, cap: Cap = Cap.VIEW_PEOPLE) -> ImportJob:
    """The job if the actor may see its team's people (else NotFound, or PermissionDenied when the team is
    one of theirs but their role does not open the CRM) and may do `cap` on that team."""
    job = imports_for(actor).filter(pk=import_id).first()
    if job is None:
        if scoped(ImportJob.objects.filter(pk=import_id), actor, cap=Cap.VIEW_TEAM).exists():
            raise PermissionDenied("you may not see the imports of this team")
        raise NotFound("import")
    if cap != Cap.VIEW_PEOPLE and not actor.can(cap, job.team):
        raise PermissionDenied(f"you may not {cap.value.replace('_', ' ')} on this team")
    return job


@dataclass(frozen=True)
class Progress:
    """What the progress bar shows. `total` is an estimate (from the file size) until the job is done."""

    done: int
    total: int | None
    percent: int
    rows_per_s: float | None
    eta_seconds: int | None
    active: bool


def import_progress(job: ImportJob) -> Progress:
    active = job.status in ACTIVE
    total = job.rows_done if job.status == ImportJob.Status.DONE else job.rows_total
    if job.status == ImportJob.Status.DONE:
        percent = 100
    elif total:
        # The total is estimated, so a running job never claims to be finished.
        percent = min(99, int(100 * job.rows_done / total))
    else:
        percent = 0
    rate = None
    if job.started_at and job.rows_done:
        end = job.finished_at if job.finished_at and not active else timezone.now()
        seconds = max((end - job.started_at).total_seconds(), 0.001)
        rate = job.rows_done / seconds
    eta = None
    if active and rate and total and total > job.rows_done:
        eta = int((total - job.rows_done) / rate) + 1
    return Progress(job.rows_done, total, percent, rate, eta, active)


def rejection_reasons(job: ImportJob, limit: int = 6) -> list[tuple[str, int]]:
    """The commonest kinds of rejection ("date of birth", "phone", "missing name"…) and how many rows each,
    read from the reasons up to their first colon (the rest names the row's own value)."""
    kinds = Counter(reason.split(":", 1)[0] for reason in job.row_errors.values_list("reason", flat=True).iterator())
    return kinds.most_common(limit)
