"""`groundswell match`: the happy path's output format, and one clear line (exit 2) for every bad file."""

import csv

import pytest

from groundswell.cli import main

CONTACTS = """id,first_name,last_name,phone,city,notes
c1,Bob,Kowalski,555-0187,Riverton,met at church
c2,Liz,Nguyen,,Lakewood,
c3,Zebulon,Quixote,999-0000,Nowhere,stranger
"""
VOTERS = """id;first_name;middle_name;last_name;dob;address;city;state;zip;phone
v1;Robert;J;Kowalski;1975-06-14;418 Maple Ave;Riverton;PA;15012;4125550187
v2;Elizabeth;;Nguyen;1988-03-02;9 Oak St;Lakewood;PA;15013;
v3;Susan;;Oduya;1990-01-02;7 Elm St;Lakewood;PA;15999;7245559999
"""


def write(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding)
    return str(path)


def run(tmp_path, left, right, *extra):
    out = tmp_path / "pairs.csv"
    code = main(["match", "--left", left, "--right", right, "--out", str(out), *extra])
    return code, out


def test_happy_path_writes_sorted_one_to_one_pairs(tmp_path, capsys):
    code, out = run(tmp_path, write(tmp_path / "c.csv", CONTACTS), write(tmp_path / "v.csv", VOTERS))
    assert code == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["left_id", "right_id", "score"]
    pairs = {(left, right) for left, right, _ in rows[1:]}
    assert pairs == {("c1", "v1"), ("c2", "v2")}
    scores = [float(score) for _, _, score in rows[1:]]
    assert scores == sorted(scores, reverse=True)
    assert all(0.5 <= score <= 1 for score in scores)
    assert "2 of 3 contacts matched" in capsys.readouterr().err


def test_bom_latin1_and_tabs_are_read(tmp_path):
    left = write(tmp_path / "c.csv", "\ufeff" + CONTACTS.replace("Nguyen", "Nguyên"), encoding="utf-8")
    right = write(tmp_path / "v.tsv", VOTERS.replace(";", "\t").replace("Nguyen", "Nguyên"), encoding="latin-1")
    code, out = run(tmp_path, left, right)
    assert code == 0
    assert {tuple(row[:2]) for row in csv.reader(out.open())} >= {("c1", "v1"), ("c2", "v2")}


def test_threshold_narrows_the_output(tmp_path):
    left, right = write(tmp_path / "c.csv", CONTACTS), write(tmp_path / "v.csv", VOTERS)
    code, out = run(tmp_path, left, right, "--threshold", "0")
    assert code == 0
    loose = list(csv.reader(out.open()))[1:]
    code, out = run(tmp_path, left, right, "--threshold", "1")
    assert code == 0
    assert len(list(csv.reader(out.open()))[1:]) < len(loose)


def test_header_only_file_gives_an_empty_result(tmp_path):
    code, out = run(tmp_path, write(tmp_path / "c.csv", "id,first_name\n"), write(tmp_path / "v.csv", VOTERS))
    assert code == 0
    assert out.read_text().splitlines() == ["left_id,right_id,score"]


@pytest.mark.parametrize(("content", "message"), [
    ("name,phone\nBob,555\n", "no 'id' column"),
    ("id,phone,city\n1,555,Erie\n", "none of the name columns"),
    ("", "empty"),
    ("  \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a CSV"),
    (b"\x01\x02\x03\xff\xfe\x10garbage\x05", "not a CSV"),
    ("id,first_name\n,Bob\n", "has no id"),
    ("id,first_name\n1,Bob\n1,Ann\n", "appears twice"),
])
def test_bad_left_file_is_one_line_and_exit_2(tmp_path, capsys, content, message):
    left = tmp_path / "c.csv"
    if isinstance(content, bytes):
        left.write_bytes(content)
    else:
        left.write_text(content)
    code, out = run(tmp_path, str(left), write(tmp_path / "v.csv", VOTERS))
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert err.startswith("groundswell: ") and err.count("\n") == 1
    assert not out.exists()


def test_bad_right_file_is_reported_too(tmp_path, capsys):
    code, out = run(tmp_path, write(tmp_path / "c.csv", CONTACTS), write(tmp_path / "v.csv", "voter,name\n1,x\n"))
    assert code == 2
    assert "v.csv: no 'id' column" in capsys.readouterr().err
    assert not out.exists()


def test_missing_file_and_directory(tmp_path, capsys):
    voters = write(tmp_path / "v.csv", VOTERS)
    code, out = run(tmp_path, str(tmp_path / "nope.csv"), voters)
    assert code == 2
    assert "no such file" in capsys.readouterr().err
    code, out = run(tmp_path, str(tmp_path), voters)
    assert code == 2
    assert "directory" in capsys.readouterr().err
    assert not out.exists()


def test_output_folder_must_exist(tmp_path, capsys):
    left, right = write(tmp_path / "c.csv", CONTACTS), write(tmp_path / "v.csv", VOTERS)
    code = main(["match", "--left", left, "--right", right, "--out", str(tmp_path / "no" / "pairs.csv")])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("threshold", ["1.5", "-0.1", "high"])
def test_threshold_out_of_range_is_refused(tmp_path, capsys, threshold):
    left, right = write(tmp_path / "c.csv", CONTACTS), write(tmp_path / "v.csv", VOTERS)
    with pytest.raises(SystemExit) as exit_info:
        run(tmp_path, left, right, "--threshold", threshold)
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not (tmp_path / "pairs.csv").exists()


def test_headers_are_recognised_loosely(tmp_path):
    left = write(tmp_path / "c.csv", "ID,First Name,Last-Name,Mobile\nc1,Bob,Kowalski,412 555 0187\n")
    code, out = run(tmp_path, left, write(tmp_path / "v.csv", VOTERS))
    assert code == 0
    assert list(csv.reader(out.open()))[1][:2] == ["c1", "v1"]
