"""The import end to end on a seeded voter file: counts, people, children, re-import."""

from groundswell.people.importing.mapping import check_mapping, suggest_mapping
from groundswell.people.importing.reader import read_header
from groundswell.people.importing.runner import import_create, run_import
from groundswell.people.importing.sample import write_voter_file
from groundswell.people.models import ExternalId, Person, Phone, Vote


def test_it_imports_a_seeded_voter_file_and_reimports_without_duplicates(org_tree, tmp_path):
    path = write_voter_file(tmp_path / "voters.csv", 300, seed=1)
    header, _ = read_header(path)
    mapping = suggest_mapping(org_tree.org, header)
    assert check_mapping(header, mapping) == []
    job = run_import(import_create(actor=None, team=org_tree.north, path=path, file_name="voters.csv", mapping=mapping))
    assert (job.imported, job.updated, job.rejected) == (300, 0, 0)
    assert Person.objects.filter(team=org_tree.north).count() == 300
    assert ExternalId.objects.filter(org=org_tree.org).count() == 300
    assert Phone.objects.filter(org=org_tree.org).count() > 300
    assert Vote.objects.exists()
    again = run_import(import_create(actor=None, team=org_tree.north, path=path, file_name="v.csv", mapping=mapping))
    assert again.pk != job.pk
    assert (again.imported, again.updated, again.rejected) == (0, 300, 0)
    assert Person.objects.count() == 300


def test_the_background_task_runs_the_job(org_tree, tmp_path):
    from groundswell.people.models import ImportJob
    from groundswell.people.tasks import run_import_task

    path = write_voter_file(tmp_path / "voters.csv", 30, seed=2)
    header, _ = read_header(path)
    job = import_create(actor=None, team=org_tree.north, path=path, file_name="voters.csv",
                        mapping=suggest_mapping(org_tree.org, header))
    run_import_task.enqueue(job.pk)  # tests use the immediate backend: the task has run on return
    job = ImportJob.objects.get(pk=job.pk)
    assert (job.status, job.imported, job.rows_done) == (ImportJob.Status.DONE, 30, 30)


def test_a_messy_latin1_file_imports_its_good_rows_with_their_accents(org_tree, tmp_path):
    path = write_voter_file(tmp_path / "messy.csv", 400, seed=8, messy=True)
    header, fmt = read_header(path)
    assert fmt.encoding == "latin-1"
    mapping = suggest_mapping(org_tree.org, header)
    assert mapping["Notes (ignore)"] == ""
    job = run_import(import_create(actor=None, team=org_tree.north, path=path, file_name="m.csv", mapping=mapping))
    assert job.rejected > 0
    assert job.imported + job.updated + job.rejected == job.rows_done == 400
    assert Person.objects.filter(last_name__in=["Martínez", "Pérez"]).exists()


def test_a_semicolon_file_with_a_bom_and_windows_line_ends_imports(org_tree, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffVoter ID;Prénom;Nom;Téléphone\r\nV1;Zoë;Ørsted;0512 555 0101\r\nV2;\"A;B\";C;\r\n".encode())
    header, fmt = read_header(path)
    assert (header, fmt.delimiter) == (["Voter ID", "Prénom", "Nom", "Téléphone"], ";")
    mapping = {"Voter ID": "voter_id", "Prénom": "first_name", "Nom": "last_name", "Téléphone": "phone"}
    job = run_import(import_create(actor=None, team=org_tree.north, path=path, file_name="excel.csv", mapping=mapping))
    assert (job.imported, job.rejected) == (1, 1)
    assert job.row_errors.get().line == 2  # "0512 555 0101" is not a US number
    assert Person.objects.get().first_name == "A;B"
