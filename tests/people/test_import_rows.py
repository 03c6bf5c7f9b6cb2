"""Every reason a row is rejected ends up in ImportRowError with its line, and good rows still import."""

import csv
import io
from datetime import date

import pytest
from django.utils import timezone

from groundswell.people.importing import runner
from groundswell.people.importing.runner import write_error_file
from groundswell.people.models import CustomField, Person
from tests import factories

from .import_helpers import do_import, reasons, write_csv

HEADER = (
    "Voter ID,First,Last,Full Name,DOB,Phone,Email,Registration,Lat,Lng,Time Zone,Voted 2024 General,Shirt,Score,Tags"
)
GOOD = "V{n},Ann,Lee,,1/2/1980,512-555-01{n:02d},,A,,,,Y,M,,"


@pytest.fixture
def shirts(org_tree):
    CustomField.objects.create(org=org_tree.org, key="shirt", label="Shirt", kind="choice", choices=["S", "M", "L"])
    CustomField.objects.create(org=org_tree.org, key="score", label="Score", kind="number")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("V9,Ann,Lee,,13/45/1990,,,,,,,,,,", "date of birth: '13/45/1990' is not a date"),
        ("V9,Ann,Lee,,2/30/1980,,,,,,,,,,", "date of birth: '2/30/1980' is not a date"),
        ("V9,Ann,Lee,,1/1/2999,,,,,,,,,,", "date of birth: '1/1/2999' is not a date"),
        ("V9,Ann,Lee,,,(000) 000-0000,,,,,,,,,", "phone: impossible phone number: '(000) 000-0000'"),
        ("V9,Ann,Lee,,,555,,,,,,,,,", "phone: impossible phone number: '555'"),
        ("V9,Ann,Lee,,,call me,,,,,,,,,", "phone: not a phone number: 'call me'"),
        ("V9,Ann,Lee,,,,ann@,,,,,,,,", "email: not an email address: 'ann@'"),
        ("V9,,,,,,,,,,,,,,", "missing name"),
        ("V9,,,  ,,,,,,,,,,,", "missing name"),
        ("V9,Ann,Lee,,,,,Z,,,,,,,",
         "registration status: unknown value 'Z' (use active, inactive, not registered or purged)"),
        ("V9,Ann,Lee,,,,,,north,,,,,,", "latitude: 'north' is not a number"),
        ("V9,Ann,Lee,,,,,,,200,,,,,", "longitude: 200 is out of range"),
        ("V9,Ann,Lee,,,,,,,,Mars/Olympus,,,,",
         "time zone: unknown time zone 'Mars/Olympus' (use a name like America/Chicago)"),
        ("V9,Ann,Lee,,,,,,,,,maybe,,,", "vote history 2024-general: unknown value 'maybe' (use Y, N, A, M, E or P)"),
        ("V9,Ann,Lee,,,,,,,,,,XXL,,", "Shirt: unknown choice 'XXL' (allowed: S, M, L)"),
        ("V9,Ann,Lee,,,,,,,,,,,lots,", "Score: 'lots' is not a number"),
        ("V9,Ann,Lee,,,,,,,,,,,,,extra", "expected 15 columns, found 16"),
        ("V9,Ann,Lee", "expected 15 columns, found 3"),
        (f"V9,{'A' * 81},Lee,,,,,,,,,,,,", "first name: longer than 80 characters"),
        (f"{'9' * 81},Ann,Lee,,,,,,,,,,,,", "voter-file id: longer than 80 characters"),
    ],
)
def test_it_rejects_a_bad_row_with_its_reason_and_imports_the_rest(org_tree, shirts, tmp_path, row, reason):
    text = "\n".join([HEADER, GOOD.format(n=1), row, GOOD.format(n=3)]) + "\n"
    job = do_import(org_tree.north, write_csv(tmp_path, text))
    assert reasons(job) == {3: reason}
    assert (job.imported, job.updated, job.rejected, job.rows_done) == (2, 0, 1, 3)
    assert Person.objects.filter(org=org_tree.org).count() == 2


def test_a_voter_id_repeated_in_the_file_is_rejected_within_a_chunk_and_across_chunks(
    org_tree, shirts, tmp_path, monkeypatch
):
    monkeypatch.setattr(runner, "CHUNK_ROWS", 2)
    rows = [GOOD.format(n=1), GOOD.format(n=2), GOOD.format(n=2), GOOD.format(n=4), GOOD.format(n=1)]
    job = do_import(org_tree.north, write_csv(tmp_path, "\n".join([HEADER, *rows]) + "\n"))
    assert reasons(job) == {
        4: "duplicate voter-file id 'V2' (already on line 3)",  # same chunk (lines 3-4)
        6: "duplicate voter-file id 'V1' (already on line 2)",  # an earlier chunk
    }
    assert (job.imported, job.rejected) == (3, 2)


def test_the_voter_id_of_a_deleted_person_is_rejected_not_duplicated(org_tree, shirts, tmp_path):
    job = do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\n{GOOD.format(n=1)}\n"))
    Person.objects.filter(org=org_tree.org).update(deleted_at=timezone.now())
    again = do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\n{GOOD.format(n=1)}\n", name="again.csv"))
    assert reasons(again) == {2: "voter-file id 'V1' belongs to a deleted person (purge or restore them first)"}
    assert job.imported == 1
    assert Person.objects.filter(org=org_tree.org).count() == 1


def test_a_rejected_row_spanning_lines_keeps_its_first_line_number(org_tree, shirts, tmp_path):
    text = f'{HEADER}\nV1,Ann,Lee,,,,,,,,,,,,"a\nb"\nV2,Bo,,,bad,,,,,,,,,,\n'
    job = do_import(org_tree.north, write_csv(tmp_path, text))
    assert reasons(job) == {4: "date of birth: 'bad' is not a date"}


def test_good_values_are_stored(org_tree, shirts, tmp_path):
    row = (
        'V1,,,"Lee, Ann Marie",1984-03-07,+1 512 555 0100,ANN@Example.ORG,inactive,30.2,-97.7,,E,l,"1,250",'
        "donor; volunteer"
    )
    job = do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\n{row}\n"))
    assert job.rejected == 0
    person = Person.objects.get(org=org_tree.org)
    assert (person.first_name, person.last_name, person.birth_date) == ("Ann Marie", "Lee", date(1984, 3, 7))
    assert (person.registration_status, person.latitude, person.longitude) == ("inactive", 30.2, -97.7)
    assert person.custom == {"shirt": "L", "score": 1250.0}
    assert person.time_zone == "America/Chicago"  # from the 512 area code: no state column
    assert [p.number for p in person.phones.all()] == ["+15125550100"]
    assert [e.address for e in person.emails.all()] == ["ann@example.org"]
    assert list(person.votes.values_list("election", "method")) == [("2024-general", "early")]
    assert sorted(person.tags.values_list("name", flat=True)) == ["donor", "volunteer"]


def test_the_error_file_has_line_reason_and_the_original_columns(org_tree, shirts, tmp_path):
    text = f"{HEADER}\n{GOOD.format(n=1)}\nV2,,,,,,,,,,,,,,\nV3,Ann\nV4,Bo,Ek,,,,,,,,,,,,,x,y\n"
    job = do_import(org_tree.north, write_csv(tmp_path, text))
    assert job.row_errors.get(line=4).row == {"Voter ID": "V3", "First": "Ann"}
    out = io.StringIO()
    assert write_error_file(job, out) == 3
    assert out.getvalue().splitlines() == [
        "line,reason," + HEADER,
        "3,missing name,V2" + "," * 14,
        "4,\"expected 15 columns, found 2\",V3,Ann" + "," * 13,
        "5,\"expected 15 columns, found 17\",V4,Bo,Ek" + "," * 12 + ",x,y",
    ]


def test_an_import_of_people_already_in_the_crm_counts_as_updates_not_rejections(org_tree, shirts, tmp_path):
    factories.person(org_tree.north, first_name="Ann", phones=["+15125550101"])
    job = do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\n{GOOD.format(n=1)}\n"))
    assert (job.imported, job.updated, job.rejected) == (0, 1, 0)


def test_the_error_file_can_be_written_after_the_upload_is_gone(org_tree, shirts, tmp_path):
    path = write_csv(tmp_path, f"{HEADER}\nV2,,,,,,,,,,,,,,\n")
    job = do_import(org_tree.north, path)
    path.unlink()
    out = io.StringIO()
    assert write_error_file(job, out) == 1
    # The columns come back (PostgreSQL's jsonb does not keep their order, so compare them by name).
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows == [{"line": "2", "reason": "missing name", **dict.fromkeys(HEADER.split(","), ""), "Voter ID": "V2"}]
