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
