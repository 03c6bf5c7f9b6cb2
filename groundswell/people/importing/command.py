"""`groundswell import people`: everything the command does between parsing its arguments and printing.

Bad input (missing file, not a CSV, unknown team, unreadable or wrong mapping) raises ImportInputError with
one line for the operator before anything is written. The import runs as the system (no user), audited."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from django.core.exceptions import ValidationError

from groundswell.orgs.models import Team
from groundswell.people.importing.mapping import remember_mapping, suggest_mapping
from groundswell.people.importing.progress import ProgressBar
from groundswell.people.importing.reader import NotACsv, read_header
from groundswell.people.importing.runner import import_create, run_import, write_error_file
from groundswell.people.models import ImportJob
from groundswell.people.services import org_of


class ImportInputError(ValueError):
    """The import cannot start; the message is one line."""


@dataclass
class Outcome:
    job: ImportJob
    resumed_from: int
    errors_path: Path | None


def import_people(
    *, path: str, team_slug: str, mapping_path: str | None, errors_path: str | None, update: bool,
    progress_stream: TextIO,
) -> Outcome:
    if errors_path and not Path(errors_path).resolve().parent.is_dir():
        raise ImportInputError(f"cannot write the error file {errors_path}: no such folder")
    team = Team.objects.filter(slug=team_slug).first()
    if team is None:
        raise ImportInputError(f"no team with the slug {team_slug!r}")
    source = Path(path)
    try:
        header, _ = read_header(source)
    except NotACsv as exc:
        raise ImportInputError(str(exc)) from None
    org = org_of(team)
    mapping = _read_mapping(mapping_path) if mapping_path else suggest_mapping(org, header)
    try:
        job = import_create(actor=None, team=team, path=source.resolve(), file_name=source.name, mapping=mapping,
                            update_existing=update)
    except ValidationError as exc:
        raise ImportInputError("; ".join(exc.messages)) from None
    if mapping_path:
        remember_mapping(org, header, mapping)
    resumed_from = job.rows_done
    bar = ProgressBar(progress_stream, start_done=resumed_from)
    try:
        run_import(job, progress=bar)
    finally:
        bar.close()
    return Outcome(job=job, resumed_from=resumed_from, errors_path=_write_errors(job, source, errors_path))


def _read_mapping(mapping_path: str) -> dict[str, str]:
    try:
        data = json.loads(Path(mapping_path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ImportInputError(f"no such mapping file: {mapping_path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportInputError(f"cannot read the mapping file {mapping_path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ImportInputError(f"the mapping file {mapping_path} is not valid JSON ({exc.msg}, line {exc.lineno})") \
            from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ImportInputError(
            f'the mapping file {mapping_path} must be a JSON object of column names to field names, '
            'e.g. {"First Name": "first_name"}'
        )
    return data


def _write_errors(job: ImportJob, source: Path, errors_path: str | None) -> Path | None:
    """The error file: where --errors says, else next to the input (only when rows were rejected)."""
    if errors_path is None and job.rejected == 0:
        return None
    target = Path(errors_path) if errors_path else source.with_name(f"{source.stem}.errors.csv")
    with open(target, "w", encoding="utf-8", newline="") as out:
        write_error_file(job, out)
    return target


def summary_line(outcome: Outcome) -> str:
    job = outcome.job
    text = f"imported {job.imported}, updated {job.updated}, rejected {job.rejected}"
    if job.skipped:
        text += f", skipped {job.skipped} already in the CRM (use --update to update them)"
    if outcome.resumed_from:
        text += f" (resumed after row {outcome.resumed_from})"
    if outcome.errors_path is not None:
        text += f"; rejected rows are in {outcome.errors_path}"
    return text
