"""Reading CSV files as they come: encodings, delimiters, quoted newlines, and header errors."""

import pytest

from groundswell.people.importing.reader import NotACsv, read_header, records

from .import_helpers import write_csv


def test_it_reads_utf8_with_a_bom(tmp_path):
    path = write_csv(tmp_path, "\ufeffFirst Name,Last Name\nZoë,Ørsted\n")
    header, fmt = read_header(path)
    assert header == ["First Name", "Last Name"]
    assert list(records(path, fmt)) == [(2, ["Zoë", "Ørsted"])]


def test_it_reads_utf8_without_a_bom(tmp_path):
    path = write_csv(tmp_path, "first,last\nJosé,Peña\n")
    header, fmt = read_header(path)
    assert fmt.encoding == "utf-8-sig"
    assert list(records(path, fmt)) == [(2, ["José", "Peña"])]


def test_it_falls_back_to_latin1_when_the_bytes_are_not_utf8(tmp_path):
    path = write_csv(tmp_path, "first,last\nJosé,Peña\n", encoding="latin-1")
    header, fmt = read_header(path)
    assert fmt.encoding == "latin-1"
    assert list(records(path, fmt)) == [(2, ["José", "Peña"])]


def test_it_checks_the_whole_file_not_only_its_start_for_latin1(tmp_path):
    text = "first,last\n" + "Ann,Lee\n" * 20000 + "José,Peña\n"
    path = write_csv(tmp_path, text, encoding="latin-1")
    _, fmt = read_header(path)
    assert fmt.encoding == "latin-1"
    assert list(records(path, fmt))[-1] == (20002, ["José", "Peña"])


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_it_sniffs_the_delimiter(tmp_path, delimiter):
    lines = [delimiter.join(["first", "last", "city"]), delimiter.join(["A", "B", "C, D"])]
    path = write_csv(tmp_path, "\n".join(lines) + "\n")
    header, fmt = read_header(path)
    assert fmt.delimiter == delimiter
    assert header == ["first", "last", "city"]


def test_a_comma_in_a_quoted_header_name_does_not_beat_semicolons(tmp_path):
    path = write_csv(tmp_path, '"Name, first";Last;City\nAnn;Lee;Oslo\nBo;Ek;Rome\n')
    header, fmt = read_header(path)
    assert fmt.delimiter == ";"
    assert header == ["Name, first", "Last", "City"]


def test_line_numbers_count_physical_lines_across_quoted_newlines(tmp_path):
    path = write_csv(tmp_path, 'first,address\nAnn,"1 Main St\nApt 2"\nBo,"3 Elm"\r\n\r\nCy,4 Oak\n')
    _, fmt = read_header(path)
    assert list(records(path, fmt)) == [(2, ["Ann", "1 Main St\nApt 2"]), (4, ["Bo", "3 Elm"]), (6, ["Cy", "4 Oak"])]


def test_blank_and_all_empty_records_are_not_rows(tmp_path):
    path = write_csv(tmp_path, "first,last\n\n,\n , \nAnn,Lee\n")
    _, fmt = read_header(path)
    assert list(records(path, fmt)) == [(5, ["Ann", "Lee"])]


def test_it_names_blank_header_cells_and_numbers_repeated_ones(tmp_path):
    path = write_csv(tmp_path, "Phone,,Phone, Last   Name \n1,2,3,4\n")
    header, _ = read_header(path)
    assert header == ["Phone", "column 2", "Phone (2)", "Last Name"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "people.csv is empty"),
        (b"  \n\n", "people.csv is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "people.csv is not a CSV file (it contains binary data)"),
        (b"\n,,,\nAnn,Lee\n", "people.csv has no header row (the first line is empty)"),
    ],
)
def test_it_refuses_what_is_not_a_csv_with_one_clear_message(tmp_path, content, message):
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    with pytest.raises(NotACsv) as caught:
        read_header(path)
    assert str(caught.value) == message


def test_it_refuses_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(NotACsv, match="no such file"):
        read_header(tmp_path / "missing.csv")
    with pytest.raises(NotACsv, match="is a directory"):
        read_header(tmp_path)
