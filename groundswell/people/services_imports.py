"""Uploads for the import pages and the API: keep the file, read its header at once, start the job.

An upload is kept under MEDIA_ROOT/imports/ with a random name (the client's file name is only shown,
never used in a path) until the job that reads it is done with it; the import engine
(people.importing) does the rest."""

import io
import itertools
import re
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from groundswell.audit.services import audit_log
from groundswell.orgs.models import Team
from groundswell.people.importing.mapping import remember_mapping
from groundswell.people.importing.reader import NotACsv, read_header, records
from groundswell.people.importing.runner import import_create, write_error_file
from groundswell.people.models import ImportJob
from groundswell.people.services import org_of

# Voter files are big; past this, the command line (`groundswell import people`) is the better tool.
DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024
SAMPLE_ROWS = 3
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def max_upload_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def describe_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}".replace(".0 ", " ")
        size /= 1024
    return ""


def too_big_message(size: int) -> str:
    return (f"This file is {describe_size(size)}; uploads are limited to {describe_size(max_upload_bytes())}. "
            "Split it, or import it on the server with `groundswell import people`.")


def upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def upload_path(token: str) -> Path:
    """Where the upload named `token` is kept; NotACsv for anything that is not one of our names."""
    if not _TOKEN.match(token or ""):
        raise NotACsv("unknown upload")
    return upload_dir() / f"{token}.csv"


@dataclass(frozen=True)
class Preview:
    """A kept upload as the mapping screen shows it: the header and a few sample values per column."""

    token: str
    path: Path
    header: list[str]
    samples: list[list[str]]  # per column, up to SAMPLE_ROWS values


def upload_preview(token: str) -> Preview:
    """The header and sample values of a kept upload; NotACsv (one line) when it cannot be used."""
    path = upload_path(token)
    header, fmt = read_header(path)
    if len(header) < 2:
        # An import needs a name and something that identifies the person (voter id, phone or email).
        raise NotACsv(f"the file has a single column ({header[0][:40]!r}), so there are no usable columns: "
                      "separate them with commas, semicolons or tabs")
    rows = [values for _, values in itertools.islice(records(path, fmt), SAMPLE_ROWS)]
    if not rows:
        raise NotACsv("the file has a header row but no rows of people below it")
    samples = [[row[i] for row in rows if i < len(row) and row[i].strip()] for i in range(len(header))]
    return Preview(token, path, header, samples)


def upload_save(file: UploadedFile | IO[bytes], *, size: int | None = None) -> Preview:
    """Keep an uploaded CSV and read its header. ValidationError (nothing kept) when it is too big, not a
    CSV, or has no rows."""
    size = getattr(file, "size", None) if size is None else size
    if size is not None and size > max_upload_bytes():
        raise ValidationError(too_big_message(size))
    token = uuid.uuid4().hex
    path = upload_path(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    chunks = file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(1024 * 1024), b"")
    with open(path, "wb") as out:
        for chunk in chunks:
            written += len(chunk)
            if written > max_upload_bytes():  # the declared size can lie
                break
            out.write(chunk)
    if written > max_upload_bytes():
        path.unlink(missing_ok=True)
        raise ValidationError(too_big_message(written))
    try:
        return upload_preview(token)
    except NotACsv as exc:
        path.unlink(missing_ok=True)
        raise ValidationError(_reason(str(exc), path)) from None


def upload_release(job: ImportJob) -> bool:
    """Delete a finished job's uploaded copy: its rows are in the CRM and its rejected rows in the database
    (the error file is rebuilt from them), so keeping the file would only keep personal data that an
    erasure could not reach. A file outside the upload folder (the CLI's own file) is never touched."""
    path = Path(job.source_path)
    if job.status != ImportJob.Status.DONE or path.parent.resolve() != upload_dir().resolve():
        return False
    path.unlink(missing_ok=True)
    return True


def upload_discard(token: str) -> None:
    try:
        upload_path(token).unlink(missing_ok=True)
    except NotACsv:
        pass


def _reason(message: str, path: Path) -> str:
    """The reader names the file by our random name; the person uploading knows it by theirs."""
    text = message.replace(str(path), "the file").replace(path.name, "the file")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def import_start(
    *, actor, team: Team, preview: Preview, file_name: str, mapping: dict[str, str], update_existing: bool
) -> ImportJob:
    """Check the mapping, create the job (or find the unfinished one for this file), remember the mapping
    for the next file with this header, and queue the job. ValidationError lists what is wrong."""
    from groundswell.people.tasks import run_import_task

    job = import_create(
        actor=actor, team=team, path=preview.path, file_name=file_name, mapping=mapping,
        update_existing=update_existing,
    )
    remember_mapping(org_of(team), preview.header, mapping)
    if Path(job.source_path) != preview.path:  # the same file again: the unfinished job resumes with its own copy
        upload_discard(preview.token)
    if job.status != ImportJob.Status.DONE:
        run_import_task.enqueue(job.pk)
        job.refresh_from_db()  # a backend that runs tasks at once (tests, demo) has already moved it on
    return job


def import_error_file(*, actor, job: ImportJob) -> tuple[IO[bytes], int]:
    """The job's rejected rows as a CSV in a temporary file (rewound), and how many; the download of
    personal data is audited."""
    out = tempfile.TemporaryFile(mode="w+b")
    # With a BOM, so a spreadsheet opens the accented names of a Latin-1 file correctly.
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    count = write_error_file(job, text)
    text.flush()
    text.detach()
    out.seek(0)
    audit_log(actor=actor, action="people.import.errors_downloaded", target=job, team_path=job.team.path,
              data={"rows": count})
    return out, count

