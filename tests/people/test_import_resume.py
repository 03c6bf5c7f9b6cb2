"""Kill an import half-way, run it again: it continues after the last committed chunk and the result is
identical to an uninterrupted import. Runs on whichever database the suite uses (SQLite and PostgreSQL),
and on PostgreSQL the COPY path is compared with the ORM path."""

import pytest
from django.db import connection

from groundswell.people.importing import runner
from groundswell.people.importing.mapping import suggest_mapping
from groundswell.people.importing.reader import read_header
from groundswell.people.importing.runner import import_create, run_import
from groundswell.people.importing.sample import write_voter_file
from groundswell.people.importing.upsert import write_plan
from groundswell.people.models import ImportJob, ImportRowError, Person

from .import_helpers import do_import, snapshot


class Killed(Exception):
    """Stands in for the process dying between two chunks."""


def create(team, path):
    header, _ = read_header(path)
    return import_create(actor=None, team=team, path=path, file_name=path.name, mapping=suggest_mapping(team, header))


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(runner, "CHUNK_ROWS", 40)


def test_a_killed_import_resumes_where_it_stopped_and_ends_as_a_clean_one(org_tree, tmp_path, small_chunks):
    path = write_voter_file(tmp_path / "voters.csv", 200, seed=3, messy=True)
    clean = run_import(create(org_tree.other, path))

    def kill_after_two_chunks(job):
        if job.rows_done >= 80:
            raise Killed

    job = create(org_tree.org, path)
    with pytest.raises(Killed):
        run_import(job, progress=kill_after_two_chunks)
    stopped = ImportJob.objects.get(pk=job.pk)
    assert (stopped.status, stopped.rows_done) == (ImportJob.Status.FAILED, 80)
    assert "stopped after 80 rows" in stopped.error

    seen = []
    resumed = create(org_tree.org, path)
    assert resumed.pk == job.pk  # the same file into the same team continues the unfinished job
    run_import(resumed, progress=lambda j: seen.append(j.rows_done))
    assert seen == [120, 160, 200]  # the first two chunks were not read again
    assert resumed.status == ImportJob.Status.DONE
    counts = lambda j: (j.imported, j.updated, j.rejected, j.rows_done)  # noqa: E731
    assert counts(resumed) == counts(clean)
    assert clean.rejected > 0
    assert snapshot(org_tree.org) == snapshot(org_tree.other)
    errors = lambda j: list(ImportRowError.objects.filter(job=j).values_list("line", "reason", "row"))  # noqa: E731
    assert errors(resumed) == errors(clean)


def test_a_finished_file_imported_again_is_a_new_job(org_tree, tmp_path):
    path = write_voter_file(tmp_path / "voters.csv", 5, seed=3)
    first = run_import(create(org_tree.org, path))
    second = create(org_tree.org, path)
    assert second.pk != first.pk
    assert second.rows_done == 0


def test_a_chunk_that_fails_leaves_nothing_of_itself(org_tree, tmp_path, small_chunks, monkeypatch):
    path = write_voter_file(tmp_path / "voters.csv", 100, seed=3)
    calls = []

    def failing_writer():
        calls.append(1)
        if len(calls) == 2:
            raise Killed
        return original()

    original = runner._writer
    monkeypatch.setattr(runner, "_writer", failing_writer)
    job = create(org_tree.org, path)
    with pytest.raises(Killed):
        run_import(job)
    job.refresh_from_db()
    assert (job.rows_done, job.imported) == (40, 40)
    assert ImportRowError.objects.filter(job=job).count() == 0
    assert Person.objects.filter(org=org_tree.org).count() == 40


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="compares the COPY path with the ORM path")
def test_copy_and_orm_paths_write_the_same_people(org_tree, tmp_path, small_chunks, monkeypatch):
    path = write_voter_file(tmp_path / "voters.csv", 150, seed=9, messy=True)
    do_import(org_tree.org, path)
    do_import(org_tree.org, path)  # and once more as updates
    monkeypatch.setattr(runner, "_writer", lambda: write_plan)
    do_import(org_tree.other, path)
    do_import(org_tree.other, path)
    assert connection.vendor == "postgresql"
    assert snapshot(org_tree.org) == snapshot(org_tree.other)


def test_an_error_while_reading_stops_the_job_with_the_reason(org_tree, tmp_path, small_chunks, monkeypatch):
    from groundswell.people.importing.rows import RowParser

    path = write_voter_file(tmp_path / "voters.csv", 100, seed=3)
    original = RowParser.parse

    def parse(self, line, values):
        if line == 60:
            raise UnicodeError("the file changed under us")
        return original(self, line, values)

    monkeypatch.setattr(RowParser, "parse", parse)
    job = create(org_tree.org, path)
    with pytest.raises(UnicodeError):
        run_import(job)
    job.refresh_from_db()
    assert (job.status, job.rows_done) == (ImportJob.Status.FAILED, 40)
    assert job.error == "stopped after 40 rows: the file changed under us"


def test_a_file_changed_before_resuming_is_refused_not_half_skipped(org_tree, tmp_path, small_chunks):
    path = write_voter_file(tmp_path / "voters.csv", 100, seed=3)
    job = create(org_tree.org, path)
    with pytest.raises(Killed):
        run_import(job, progress=lambda j: (_ for _ in ()).throw(Killed))
    write_voter_file(path, 100, seed=4)
    with pytest.raises(runner.FileChanged):
        run_import(job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.rows_done == 40
    assert "the file has changed since the import was created" in job.error
    path.unlink()
    with pytest.raises(FileNotFoundError):
        run_import(job)


def test_two_runs_of_one_job_cannot_interleave(org_tree, tmp_path, small_chunks):
    path = write_voter_file(tmp_path / "voters.csv", 100, seed=3)
    job = create(org_tree.org, path)
    stale = ImportJob.objects.get(pk=job.pk)
    with pytest.raises(Killed):
        run_import(job, progress=lambda j: (_ for _ in ()).throw(Killed))
    with pytest.raises(runner.AlreadyRunning):
        run_import(stale)
    assert ImportJob.objects.get(pk=job.pk).rows_done == 40
    assert Person.objects.filter(org=org_tree.org).count() == 40


def test_the_same_file_at_another_path_resumes_the_job_from_there(org_tree, tmp_path, small_chunks):
    path = write_voter_file(tmp_path / "voters.csv", 100, seed=3)
    job = create(org_tree.org, path)
    with pytest.raises(Killed):
        run_import(job, progress=lambda j: (_ for _ in ()).throw(Killed))
    moved = path.rename(tmp_path / "upload-2.csv")
    again = create(org_tree.org, moved)
    assert (again.pk, again.source_path) == (job.pk, str(moved))
    assert run_import(again).status == ImportJob.Status.DONE
