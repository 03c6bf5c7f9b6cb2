"""Ballot files against a program: early-vote / ballot-return files imported again and again during early voting
(so captains see who has already voted), and the final turnout file after the election. Both write the
people's vote history for the program's election; every row that cannot be used is kept with its reason."""

import csv
import datetime as dt
import io
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.common.errors import PermissionDenied
from groundswell.orgs.access import Actor
from groundswell.orgs.roles import Cap
from groundswell.people.models import ExternalId
from groundswell.people.vote_summary import votes_record, votes_remove
from groundswell.relational.models import BallotImport, Program

ID_COLUMNS = ("voter_id", "voter_file_id", "voterid", "state_voter_id", "sos_id", "id")
VOTED_COLUMNS = ("voted", "turnout", "ballot_returned")
CHUNK = 5_000
MAX_KEPT_ERRORS = 10_000
_YES = {"1", "y", "yes", "true", "t", "x"}
_NO = {"0", "n", "no", "false", "f", ""}


class BallotFileError(ValueError):
    """The file cannot be read at all (not a CSV, no voter id column): one clear line for the organizer."""


def _text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise BallotFileError("this is not a CSV file")
    for encoding in ("utf-8-sig", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BallotFileError("this file is not text")  # pragma: no cover (latin-1 decodes any bytes)


def _rows(data: bytes) -> tuple[str, str | None, str | None, Iterator[tuple[int, dict]]]:
    text = _text(data)
    if not text.strip():
        raise BallotFileError("the file is empty")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    id_column = next((header[c] for c in ID_COLUMNS if c in header), None)
    if id_column is None:
        raise BallotFileError(f"no voter id column: name one of {', '.join(ID_COLUMNS)}")
    voted_column = next((header[c] for c in VOTED_COLUMNS if c in header), None)
    method_column = header.get("method") or header.get("vote_method")
    return id_column, voted_column, method_column, ((n + 2, row) for n, row in enumerate(reader))


@transaction.atomic
def ballot_import(*, actor: Actor, program: Program, kind: str, file_name: str, data: bytes,
                  now: dt.datetime | None = None) -> BallotImport:
    """Read the file and record who voted in the program's election. In the final turnout file a 0 also counts:
    a vote recorded earlier (a rejected ballot) is taken back."""
    if not actor.can(Cap.RUN_PROGRAMS, program.team):
        raise PermissionDenied("you may not import ballot files for this program")
    if kind not in BallotImport.Kind.values:
        raise BallotFileError(f"unknown kind of file: {kind!r}")
    id_column, voted_column, method_column, rows = _rows(data)
    job = BallotImport(program=program, kind=kind, file_name=file_name[:200], imported_by=actor.user)
    errors: list[list] = []
    seen: set[str] = set()
    chunk: list[tuple[int, str, bool, str, dict]] = []

    def flush() -> None:
        ids = {value for _, value, _, _, _ in chunk}
        people = dict(ExternalId.objects.filter(org_id=program.org_id, system=ExternalId.VOTER_FILE, value__in=ids)
                      .values_list("value", "person_id"))
        voted, not_voted = [], []
        for line, value, did_vote, method, row in chunk:
            person_id = people.get(value)
            if person_id is None:
                job.unknown += 1
                errors.append([line, "no one in the voter file has this id", row])
                continue
            if did_vote:
                voted.append((person_id, method[:20]))
            else:
                not_voted.append(person_id)
        votes_record(org_id=program.org_id, election=program.election, voted=voted)
        job.voted += len(voted)
        if kind == BallotImport.Kind.FINAL:
            votes_remove(org_id=program.org_id, election=program.election, person_ids=not_voted)
        chunk.clear()

    for line, row in rows:
        job.rows += 1
        value = (row.get(id_column) or "").strip()
        raw_voted = (row.get(voted_column) or "1").strip().lower() if voted_column else "1"
        if not value:
            errors.append([line, "no voter id", row])
            continue
        if value in seen:
            errors.append([line, f"voter id {value} appears twice in the file", row])
            continue
        seen.add(value)
        if raw_voted not in _YES | _NO:
            errors.append([line, f"voted must be 0 or 1, not {raw_voted!r}", row])
            continue
        method = (row.get(method_column) or "").strip() if method_column else ""
        chunk.append((line, value, raw_voted in _YES, method or ("early" if kind == BallotImport.Kind.EARLY else ""),
                      row))
        if len(chunk) >= CHUNK:
            flush()
    flush()
    if job.rows == 0:
        raise BallotFileError("the file has a header but no rows")
    errors.sort(key=lambda error: error[0])
    job.errors = [[line, reason, {k: v for k, v in row.items() if k}] for line, reason, row in errors[:MAX_KEPT_ERRORS]]
    job.save()
    if kind == BallotImport.Kind.FINAL:
        program.turnout_imported_at = now or timezone.now()
        program.save(update_fields=["turnout_imported_at"])
    audit_log(actor=actor, action="relational.ballots.imported", target=job, team_path=program.team.path,
              data={"kind": kind, "rows": job.rows, "voted": job.voted, "rejected": len(errors)})
    return job


def error_csv(job: BallotImport) -> str:
    """The rejected rows as CSV: line, reason, then the row as it was in the file."""
    columns: list[str] = []
    for _, _, row in job.errors:
        columns.extend(k for k in row if k not in columns)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["line", "reason", *columns])
    for line, reason, row in job.errors:
        writer.writerow([line, reason, *(row.get(c, "") for c in columns)])
    return out.getvalue()
