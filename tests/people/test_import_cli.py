"""`groundswell import people`: the summary line, the error file, exit codes and one-line reasons."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from groundswell.audit.models import AuditEntry
from groundswell.cli import main
from groundswell.people.importing.progress import ProgressBar, bar_text
from groundswell.people.models import ImportJob, ImportMapping, Person

from .import_helpers import write_csv

ROOT = Path(__file__).resolve().parents[2]
GOOD = "Voter ID,First Name,Last Name,Phone\nV1,Ann,Lee,512-555-0101\nV2,,,\nV3,Cy,Oh,555\n"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", "people", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_imports_and_prints_the_summary_and_where_the_errors_went(org_tree, tmp_path, capsys):
    path = write_csv(tmp_path, GOOD)
    code, out, err = run(capsys, str(path), "--team", org_tree.north.slug)
    assert code == 0, err
    errors = tmp_path / "people.errors.csv"
    assert out == f"imported 1, updated 0, rejected 2; rejected rows are in {errors}\n"
    rows = list(csv.reader(errors.open()))
    assert rows[0] == ["line", "reason", "Voter ID", "First Name", "Last Name", "Phone"]
    assert [r[:2] for r in rows[1:]] == [["3", "missing name"], ["4", "phone: impossible phone number: '555'"]]
    assert Person.objects.get(org=org_tree.org).team == org_tree.north


def test_the_errors_option_chooses_the_error_file(org_tree, tmp_path, capsys):
    path = write_csv(tmp_path, GOOD)
    target = tmp_path / "out" / "bad.csv"
    target.parent.mkdir()
    code, out, _ = run(capsys, str(path), "--team", org_tree.north.slug, "--errors", str(target))
    assert code == 0
    assert out.endswith(f"; rejected rows are in {target}\n")
    assert len(target.read_text().splitlines()) == 3


def test_without_update_existing_people_are_left_alone_and_counted(org_tree, tmp_path, capsys):
    path = write_csv(tmp_path, "voter_id,first,last\nV1,Ann,Lee\n")
    run(capsys, str(path), "--team", org_tree.north.slug)
    path.write_text("voter_id,first,last\nV1,Ann,Smith\n")
    code, out, _ = run(capsys, str(path), "--team", org_tree.north.slug)
    assert (code, out) == (0, "imported 0, updated 0, rejected 0, skipped 1 already in the CRM "
                               "(use --update to update them)\n")
    assert Person.objects.get().last_name == "Lee"
    code, out, _ = run(capsys, str(path), "--team", org_tree.north.slug, "--update")
    assert (code, out) == (0, "imported 0, updated 1, rejected 0\n")
    assert Person.objects.get().last_name == "Smith"


def test_it_runs_as_the_system_and_is_audited(org_tree, tmp_path, capsys):
    run(capsys, str(write_csv(tmp_path, GOOD)), "--team", org_tree.north.slug)
    job = ImportJob.objects.get()
    assert job.created_by is None
    entries = AuditEntry.objects.filter(target_type="people.importjob", target_id=str(job.pk), actor=None)
    actions = entries.values_list("action", flat=True)
    assert sorted(actions) == ["people.import.created", "people.import.finished"]


def test_a_mapping_file_is_used_and_remembered(org_tree, tmp_path, capsys):
    path = write_csv(tmp_path, "A,B,C\nV1,Ann,x@y.org\n")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"A": "voter_id", "B": "first_name", "C": "email"}))
    code, out, _ = run(capsys, str(path), "--team", org_tree.north.slug, "--mapping", str(mapping))
    assert (code, out) == (0, "imported 1, updated 0, rejected 0\n")
    assert Person.objects.get().emails.get().address == "x@y.org"
    assert ImportMapping.objects.get(org=org_tree.org).mapping == {"A": "voter_id", "B": "first_name", "C": "email"}


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: ["missing.csv"], "no such file: missing.csv"),
        (lambda d: [str(write_csv(d, ""))], "people.csv is empty"),
        (lambda d: [str(write_csv(d, "\x00\x01\x02", name="x.csv"))],
         "x.csv is not a CSV file (it contains binary data)"),
        (lambda d: [str(write_csv(d, "colour,size\nred,9\n"))],
         "no usable columns: no column is mapped to a person field"),
        (lambda d: [str(write_csv(d, "first,city\nAnn,Oslo\n"))],
         "no column identifies a person: map a voter-file id, a phone or an email column"),
        (lambda d: [str(write_csv(d, GOOD)), "--mapping", str(write_csv(d, "{nope", name="m.json"))],
         "the mapping file {d}/m.json is not valid JSON (Expecting property name enclosed in double quotes, line 1)"),
        (lambda d: [str(write_csv(d, GOOD)), "--mapping", str(write_csv(d, '["a"]', name="m.json"))],
         'the mapping file {d}/m.json must be a JSON object of column names to field names, '
         'e.g. {{"First Name": "first_name"}}'),
        (lambda d: [str(write_csv(d, GOOD)), "--mapping", str(d / "none.json")], "no such mapping file: {d}/none.json"),
        (lambda d: [str(write_csv(d, GOOD)), "--mapping", str(write_csv(d, '{"Phone": "fax"}', name="m.json"))],
         "column 'Phone': unknown field 'fax'"),
        (lambda d: [str(write_csv(d, GOOD)), "--errors", str(d / "no" / "such" / "e.csv")],
         "cannot write the error file {d}/no/such/e.csv: no such folder"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(org_tree, tmp_path, capsys, monkeypatch, setup, message):
    monkeypatch.chdir(tmp_path)
    args = setup(tmp_path)
    code, out, err = run(capsys, *args, "--team", org_tree.north.slug)
    assert (code, out) == (2, "")
    assert err == f"groundswell: {message.format(d=tmp_path)}\n"
    assert not ImportJob.objects.exists()
    assert not Person.objects.exists()


def test_an_unknown_team_exits_2(org_tree, tmp_path, capsys):
    code, _, err = run(capsys, str(write_csv(tmp_path, GOOD)), "--team", "nowhere")
    assert (code, err) == (2, "groundswell: no team with the slug 'nowhere'\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import"], "the following arguments are required: WHAT (see 'groundswell import --help')"),
        (["import", "people", "x.csv"],
         "the following arguments are required: --team (see 'groundswell import people --help')"),
        (["import", "people", "--team", "t"],
         "the following arguments are required: FILE (see 'groundswell import people --help')"),
        (["import", "cats", "x.csv"],
         "argument WHAT: invalid choice: 'cats' (choose from 'people') (see 'groundswell import --help')"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args, message):
    result = subprocess.run([sys.executable, "-m", "groundswell.cli", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == f"groundswell: error: {message}"


def test_it_has_help():
    result = subprocess.run([sys.executable, "-m", "groundswell.cli", "import", "people", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--team SLUG" in result.stdout and "--update" in result.stdout


def test_the_progress_bar_shows_rows_per_second_and_time_left():
    assert bar_text(done=25_000, total=100_000, elapsed=5.0) == (
        "[######..................]  25%  25,000/~100,000 rows  5,000 rows/s  ETA 0:15"
    )
    assert bar_text(done=200, total=100, elapsed=1.0).startswith("[#######################.]  99%  200/~200")
    assert bar_text(done=300, total=None, elapsed=2.0) == "300 rows  150 rows/s"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_on_a_terminal_only():
    job = ImportJob(rows_done=10, rows_total=100)
    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = ProgressBar(stream)
        bar.last = -1.0
        bar(job)
        bar.close()
    assert "10/~100 rows" in tty.getvalue()
    assert tty.getvalue().endswith("\r\x1b[K")
    assert pipe.getvalue() == ""


def test_an_interrupted_import_says_how_to_resume_and_the_same_command_resumes(org_tree, tmp_path, capsys,
                                                                               monkeypatch):
    from groundswell.people.importing import progress, runner

    monkeypatch.setattr(runner, "CHUNK_ROWS", 2)
    path = write_csv(tmp_path, "voter_id,first,last\nV1,Ann,Lee\nV2,Bo,Ek\nV3,Cy,Oh\nV4,Di,Li\nV5,Ed,Ng\n")

    def interrupt(self, job):
        raise KeyboardInterrupt

    monkeypatch.setattr(progress.ProgressBar, "__call__", interrupt)
    code, out, err = run(capsys, str(path), "--team", org_tree.north.slug)
    assert (code, out) == (130, "")
    assert err.strip() == "groundswell: interrupted; run the same command again to resume"
    assert Person.objects.count() == 2
    monkeypatch.undo()
    monkeypatch.setattr(runner, "CHUNK_ROWS", 2)
    code, out, _ = run(capsys, str(path), "--team", org_tree.north.slug)
    assert (code, out) == (0, "imported 5, updated 0, rejected 0 (resumed after row 2)\n")
    assert Person.objects.count() == 5
    assert ImportJob.objects.count() == 1
