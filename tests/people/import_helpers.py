"""Small helpers for the import tests: write a CSV, import it, snapshot what it made."""

from pathlib import Path

from groundswell.people.importing.mapping import suggest_mapping
from groundswell.people.importing.reader import read_header
from groundswell.people.importing.runner import import_create, run_import
from groundswell.people.models import ImportJob, Person
from groundswell.people.services import org_of


def write_csv(folder: Path, text: str, *, name: str = "people.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def do_import(team, path: Path, *, mapping: dict | None = None, update: bool = True, actor=None) -> ImportJob:
    header, _ = read_header(path)
    if mapping is None:
        mapping = suggest_mapping(org_of(team), header)
    job = import_create(actor=actor, team=team, path=path, file_name=path.name, mapping=mapping,
                        update_existing=update)
    return run_import(job)


def reasons(job: ImportJob) -> dict[int, str]:
    return dict(job.row_errors.values_list("line", "reason"))


def snapshot(org) -> list[tuple]:
    """Everything an import writes about the organization's people, without ids or timestamps."""
    people = []
    for p in Person.objects.filter(org=org).prefetch_related("phones", "emails", "external_ids", "votes", "tags"):
        people.append((
            p.first_name, p.middle_name, p.last_name, p.birth_date, p.address1, p.city, p.state, p.zip,
            p.time_zone, p.party, p.registration_status, p.precinct, p.congressional_district, p.county,
            p.last_import_line, tuple(sorted(p.custom.items())), p.call_opt_out_at is not None,
            tuple(sorted((x.number, x.kind, x.primary) for x in p.phones.all())),
            tuple(sorted((x.address, x.primary) for x in p.emails.all())),
            tuple(sorted((x.system, x.value) for x in p.external_ids.all())),
            tuple(sorted((x.election, x.method) for x in p.votes.all())),
            tuple(sorted(t.name for t in p.tags.all())),
        ))
    return sorted(people, key=repr)
