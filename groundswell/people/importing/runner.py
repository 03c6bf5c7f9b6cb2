"""Creating, running and resuming an import job, and writing its error file.

The file is read in chunks of CHUNK_ROWS rows. Each chunk's person writes, its rejected rows and the
checkpoint (job.rows_done and the counts) commit in one transaction: if the process dies, the next run of
the same file into the same team finds the unfinished job and continues after the last committed chunk,
and the result is the same as if it had never stopped.
"""

import csv
import hashlib
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.orgs.models import Team
from groundswell.people.consent import suppress_known_values
from groundswell.people.importing.lookups import among
from groundswell.people.importing.mapping import check_custom_fields, check_mapping
from groundswell.people.importing.pipeline import ParsedChunks
from groundswell.people.importing.plan import plan_chunk
from groundswell.people.importing.reader import CsvFormat, NotACsv, read_header, records
from groundswell.people.importing.rows import RowParser
from groundswell.people.models import CustomField, ImportJob, ImportRowError, Suppression
from groundswell.people.services import org_of

CHUNK_ROWS = 5000


class FileChanged(ValueError):
    """The job's file is not the file the job was created for."""


class AlreadyRunning(RuntimeError):
    """Another process has moved this job's checkpoint: two runs of one job must not interleave."""


UNFINISHED = (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING, ImportJob.Status.FAILED)


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def import_create(
    *, actor, team: Team, path: str | Path, file_name: str, mapping: dict, update_existing: bool = True
) -> ImportJob:
    """A job importing `path` into `team` with `mapping`, after checking the header and the mapping
    (ValidationError listing every problem; nothing is created). The same file, team and mapping as an
    unfinished job resumes that job instead of starting over."""
    try:
        header, fmt = read_header(path)
    except NotACsv as exc:
        raise ValidationError(str(exc)) from None
    org = org_of(team)
    problems = check_mapping(header, mapping) or check_custom_fields(org, mapping)
    if problems:
        raise ValidationError(problems)
    mapping = {column: field for column, field in mapping.items() if field}
    sha = file_sha256(path)
    unfinished = ImportJob.objects.filter(team=team, file_sha256=sha, status__in=UNFINISHED).order_by("-created_at")
    for job in unfinished:
        if job.mapping == mapping and job.update_existing == update_existing:
            if job.source_path != str(path) and not Path(job.source_path).exists():  # the file moved
                ImportJob.objects.filter(pk=job.pk).update(source_path=str(path))
                job.source_path = str(path)
            return job
    size = Path(path).stat().st_size
    job = ImportJob.objects.create(
        org=org, team=team, created_by=_user(actor), source_path=str(path), file_name=file_name[:255],
        file_sha256=sha, file_size=size, encoding=fmt.encoding, delimiter=fmt.delimiter, header=header,
        mapping=mapping,
        update_existing=update_existing, rows_total=_estimate_rows(path, size),
    )
    audit_log(
        actor=actor, action="people.import.created", target=job, team_path=team.path,
        data={"file": job.file_name, "sha256": sha, "columns": len(header), "update_existing": update_existing},
    )
    return job


def run_import(job: ImportJob, *, progress: Callable[[ImportJob], None] | None = None) -> ImportJob:
    """Import (or continue importing) the job's file; `progress(job)` is called after each committed chunk.

    An error that stops the whole file marks the job failed with the reason and is raised again."""
    if job.status == ImportJob.Status.DONE:
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, started_at=timezone.now())
    job.status = ImportJob.Status.RUNNING
    try:
        # The checkpoint counts rows of this exact file: resuming on other content would skip the wrong rows.
        if file_sha256(job.source_path) != job.file_sha256:
            raise FileChanged("the file has changed since the import was created; import it again as a new file")
        header, _ = read_header(job.source_path)
        fmt = CsvFormat(encoding=job.encoding, delimiter=job.delimiter)
        parser = RowParser(header, job.mapping, list(CustomField.objects.filter(org_id=job.org_id)))
        rows = records(job.source_path, fmt)
        for _ in itertools.islice(rows, job.rows_done):
            pass
        with ParsedChunks(rows, parser, CHUNK_ROWS) as chunks:
            for count, parsed, rejected in chunks:
                _write_chunk(job, count, parsed, rejected, header)
                if progress is not None:
                    progress(job)
    except BaseException as exc:
        reason = f"stopped after {job.rows_done} rows: {exc}"[:2000]
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, error=reason)
        job.status, job.error = ImportJob.Status.FAILED, reason
        raise
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, finished_at=now, updated_at=now, error="")
    job.status, job.finished_at, job.error = ImportJob.Status.DONE, now, ""
    audit_log(
        actor=job.created_by, action="people.import.finished", target=job, team_path=job.team.path,
        data={"imported": job.imported, "updated": job.updated, "rejected": job.rejected, "rows": job.rows_done},
    )
    return job


def _write_chunk(job: ImportJob, count: int, parsed: list, rejected: list, header: list[str]) -> None:
    """Write one chunk, its rejections and the checkpoint in one transaction."""
    with transaction.atomic():
        checkpoint = ImportJob.objects.select_for_update().values_list("rows_done", flat=True).get(pk=job.pk)
        if checkpoint != job.rows_done:
            raise AlreadyRunning(f"another run of this import is at row {checkpoint}, this one at {job.rows_done}")
        if connection.vendor == "postgresql":
            # Not waiting for the WAL flush at each chunk's commit is safe: a chunk and its checkpoint commit
            # together, so a database crash can only lose whole chunks, which the next run redoes.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        plan = plan_chunk(job=job, rows=parsed, update_existing=job.update_existing)
        _writer()(job, plan)
        suppressed = _people_with_suppressed_values(job, plan)
        if suppressed:
            suppress_known_values(org_id=job.org_id, person_ids=suppressed)
        errors = sorted(rejected + plan.rejections)
        ImportRowError.objects.bulk_create(
            [
                ImportRowError(job_id=job.pk, line=line, reason=reason[:300], row=row_as_dict(header, values))
                for line, reason, values in errors
            ],
            batch_size=1000,
        )
        counts = {
            "rows_done": job.rows_done + count, "imported": job.imported + len(plan.creates),
            "updated": job.updated + plan.updated, "rejected": job.rejected + len(errors),
        }
        ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now(), **counts)
    for name, value in counts.items():  # only once committed
        setattr(job, name, value)


def _people_with_suppressed_values(job: ImportJob, plan) -> list[int]:
    """People of this chunk whose numbers or addresses from the file are on the organization's suppression
    list (one query; usually none, and then the consent check has nothing to do)."""
    targets = [*plan.creates, *plan.updates.values()]
    values = {n for t in targets for n, _ in t.phones} | {e for t in targets for e in t.emails}
    found = Suppression.objects.filter(among("value", values), org_id=job.org_id)
    suppressed = set(found.values_list("value", flat=True))
    if not suppressed:
        return []
    return [t.person_id for t in targets if suppressed & ({n for n, _ in t.phones} | set(t.emails))]


def _writer():
    if connection.vendor == "postgresql":
        from groundswell.people.importing.upsert_pg import write_plan_pg

        return write_plan_pg
    from groundswell.people.importing.upsert import write_plan

    return write_plan


def row_as_dict(header: list[str], values: list[str]) -> dict[str, str]:
    """{column: value} of a row as read; values beyond the header are kept as "column N"."""
    row = dict(zip(header, values, strict=False))
    row.update({f"column {i}": v for i, v in enumerate(values[len(header):], start=len(header) + 1)})
    return row


def write_error_file(job: ImportJob, out: TextIO) -> int:
    """Write the rejected rows as CSV — line, reason, then the row's own columns — and return how many.
    A row that had more cells than the header gets them back in extra columns at the end."""
    header = job.header
    if not header:  # a job from before headers were kept: read the file, else the first row's own keys
        try:
            header, _ = read_header(job.source_path)
        except NotACsv:
            first = job.row_errors.order_by("line").first()
            header = [c for c in (first.row if first else {}) if not c.startswith("column ")]
    writer = csv.writer(out)
    writer.writerow(["line", "reason", *header])
    count = 0
    for error in job.row_errors.order_by("line").iterator(chunk_size=2000):
        extra = sorted((k for k in error.row if k not in header), key=lambda k: (len(k), k))
        writer.writerow([error.line, error.reason, *(error.row.get(c, "") for c in header),
                         *(error.row[k] for k in extra)])
        count += 1
    return count


def _estimate_rows(path: str | Path, size: int) -> int:
    """Rows in the file, estimated from the size of the first lines (for the progress bar's ETA)."""
    with open(path, "rb") as f:
        sample = f.read(256 * 1024)
    lines = sample.count(b"\n")
    if size <= len(sample):
        return max(lines - 1 + (0 if sample.endswith(b"\n") else 1), 0)
    return max(int(size / (len(sample) / max(lines, 1))) - 1, 1)


def _user(actor):
    user = getattr(actor, "user", actor)
    return user if getattr(user, "pk", None) else None
