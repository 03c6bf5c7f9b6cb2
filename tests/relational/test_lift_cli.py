"""`groundswell analyze lift` through the real entry point: the report, and one line for every bad file."""

import json
import subprocess
import sys

import pytest

from groundswell.cli import main
from groundswell.relational.lift import lift
from tests.relational.test_lift import simulate


def write_rows(path, rows, *, contacted=False, bom=False, delimiter=","):
    columns = ["person_id", "captain_id", "treated", "voted"] + (["contacted"] if contacted else [])
    lines = [delimiter.join(columns)]
    for r in rows:
        values = [r.person_id, r.captain_id, str(int(r.treated)), str(int(r.voted))]
        if contacted:
            values.append(str(int(r.contacted)))
        lines.append(delimiter.join(values))
    path.write_text(("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_prints_the_report_as_json_matching_the_library(tmp_path, capsys):
    rows = simulate(5)
    data = write_rows(tmp_path / "rows.csv", rows)
    assert main(["analyze", "lift", "--data", str(data)]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = lift(rows).as_dict()
    assert printed == pytest.approx(expected)
    assert {"n_treated", "n_control", "turnout_treated", "turnout_control", "itt", "se", "ci_low", "ci_high",
            "p_value"} <= set(printed)
    assert "cace" not in printed


def test_writes_the_file_and_prints_one_summary_line_with_cace(tmp_path, capsys):
    rows = simulate(6, contact_rate=0.6)
    data = write_rows(tmp_path / "rows.csv", rows, contacted=True, bom=True, delimiter=";")
    out = tmp_path / "report.json"
    assert main(["analyze", "lift", "--data", str(data), "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["cace"] == pytest.approx(lift(rows).cace)
    assert report["cace_se"] > 0
    output = capsys.readouterr().out
    assert output.count("\n") == 1 and output.startswith(f"Wrote {out}: ITT ")
    assert "complier effect" in output


def test_a_contacted_column_with_nobody_contacted_still_reports_the_itt(tmp_path, capsys):
    rows = [r.__class__(r.person_id, r.captain_id, r.treated, r.voted, False) for r in simulate(3)]
    data = write_rows(tmp_path / "rows.csv", rows, contacted=True)
    out = tmp_path / "report.json"
    assert main(["analyze", "lift", "--data", str(data), "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert "cace" not in report and "same in both arms" in report["notes"][0]
    assert "complier effect is not computed" in capsys.readouterr().out


def bad(tmp_path, content: bytes | str | None, capsys) -> str:
    path = tmp_path / "rows.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    assert main(["analyze", "lift", "--data", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("groundswell: ")
    return captured.err


HEADER = "person_id,captain_id,treated,voted\n"


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ("", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("person_id,captain,treated,voted\n1,a,1,0\n", "missing column captain_id"),
    ("id,name\n1,a\n", "missing columns person_id, captain_id, treated, voted"),
    (HEADER + "1,a,1,0\n2,a,yes,1\n", "line 3: treated must be 0 or 1, not 'yes'"),
    (HEADER + "1,a,1,0\n2,a,0,2\n", "line 3: voted must be 0 or 1"),
    ("person_id,captain_id,treated,voted,contacted\n1,a,1,0,1\n2,b,0,1,\n", "line 3: contacted must be 0 or 1"),
    (HEADER + "1,a,1,0\n2,b,0,1\n1,b,1,1\n", "line 4: person_id '1' already appears on line 2"),
    (HEADER + "1,,1,0\n", "line 2: captain_id is empty"),
    (HEADER, "no rows after the header"),
    (HEADER + "\n\n", "no rows after the header"),
    (HEADER + "1,a,1,0\n2,a,1,1\n3,b,1,1\n", "control group is empty"),
    (HEADER + "1,a,1,1\n2,a,0,1\n3,b,1,1\n4,b,0,1\n", "everyone voted"),
    (HEADER + "1,a,1,1\n2,a,0,0\n3,a,1,0\n", "at least 2 captains"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, content, message):
    assert message in bad(tmp_path, content, capsys)


def test_latin1_ids_and_blank_lines_are_read(tmp_path, capsys):
    rows = "person_id,captain_id,treated,voted\n" + "".join(
        f"p{i},capit\xe1n-{i % 3},{i % 2},{int((i * 7 + i // 4) % 5 < 2 + i % 2)}\n\n" for i in range(30))
    path = tmp_path / "rows.csv"
    path.write_bytes(rows.encode("latin-1"))
    assert main(["analyze", "lift", "--data", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n_clusters"] == 3 and report["n_treated"] + report["n_control"] == 30


def test_an_unwritable_out_path_is_bad_input(tmp_path, capsys):
    data = write_rows(tmp_path / "rows.csv", simulate(2))
    assert main(["analyze", "lift", "--data", str(data), "--out", str(tmp_path / "missing" / "r.json")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_the_module_does_not_import_django():
    code = ("import sys, groundswell.relational.lift_cli; "
            "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
