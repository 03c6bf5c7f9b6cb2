"""The import pages: upload form errors, the mapping screen, the job page and its partial, the error file."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from groundswell.audit.models import AuditEntry
from groundswell.orgs.models import Team
from groundswell.people.models import CustomField, ImportJob, ImportMapping, ImportRowError, Person
from groundswell.people.services_imports import upload_release
from groundswell.people.views_imports import SESSION_KEY
from tests import factories

GOOD = (
    "Voter ID,First Name,Last Name,DOB,Phone,Notes\n"
    "V1,Ada,Lovelace,1990-01-02,(312) 555-0100,likes tea\n"
    "V2,Bob,Builder,13/45/1990,(312) 555-0101,\n"
    "V3,Cy,Young,1980-05-06,(312) 555-0102,call after 6\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "imports"


@pytest.fixture
def imports_on(org_tree):
    Team.objects.filter(pk__in=[org_tree.north.pk, org_tree.north_chapter.pk]).update(can_import_people=True)
    return Team.objects.get(pk=org_tree.north.pk)


def upload(client, team, body: bytes | str, name: str = "voters.csv", **data):
    content = body.encode("latin-1") if isinstance(body, str) else body
    payload = {"file": SimpleUploadedFile(name, content, content_type="text/csv"), "update_existing": "on", **data}
    return client.post(reverse("people:import-upload", args=[team.slug]), payload)


def map_url(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def kept_files(media) -> list:
    return sorted(media.glob("*")) if media.exists() else []


def test_the_upload_page_offers_a_file_and_the_update_choice(personas, client_for, imports_on):
    response = client_for(personas.organizer).get(reverse("people:import-upload", args=[imports_on.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and 'enctype="multipart/form-data"' in html
    assert "Update people already in the CRM" in html


def test_it_asks_for_a_file_when_none_is_sent(personas, client_for, imports_on, media):
    response = client_for(personas.organizer).post(reverse("people:import-upload", args=[imports_on.slug]), {})
    assert response.status_code == 400
    assert "Choose the CSV file to import." in response.content.decode()
    assert kept_files(media) == []


def test_it_refuses_a_file_that_is_not_a_csv_and_keeps_nothing(personas, client_for, imports_on, media):
    response = upload(client_for(personas.organizer), imports_on, b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "photo.csv")
    assert response.status_code == 400
    form = response.context["form"]
    assert "not a CSV file" in form.errors["file"][0]
    assert "photo" not in form.errors["file"][0] or "the file" in form.errors["file"][0]
    assert kept_files(media) == []
    assert not ImportJob.objects.exists()


def test_it_refuses_a_header_without_rows(personas, client_for, imports_on, media):
    response = upload(client_for(personas.organizer), imports_on, "First Name,Last Name\n")
    assert response.status_code == 400
    assert "no rows of people" in response.context["form"].errors["file"][0]
    assert kept_files(media) == []


def test_it_refuses_a_file_with_no_usable_columns(personas, client_for, imports_on, media):
    letter = "Names from the fair\nAda Lovelace\nBob Builder\n"
    response = upload(client_for(personas.organizer), imports_on, letter, name="names.txt")
    assert response.status_code == 400
    assert "no usable columns" in response.context["form"].errors["file"][0]
    assert kept_files(media) == []


def test_it_refuses_a_file_over_the_size_limit_with_the_limit_in_the_message(
    personas, client_for, imports_on, media, settings
):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    response = upload(client_for(personas.organizer), imports_on, GOOD)
    assert response.status_code == 400
    message = response.context["form"].errors["file"][0]
    assert "uploads are limited to 100 bytes" in message
    assert kept_files(media) == []


def test_the_upload_is_kept_under_a_name_of_our_own(personas, client_for, imports_on, media):
    upload(client_for(personas.organizer), imports_on, GOOD, name="../../etc/passwd.csv")
    [kept] = kept_files(media)
    assert kept.parent == media
    assert len(kept.stem) == 32 and "passwd" not in kept.name


def test_the_mapping_screen_shows_each_column_with_samples_and_suggestions(personas, client_for, imports_on):
    client = client_for(personas.organizer)
    response = client.get(map_url(upload(client, imports_on, GOOD)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "voters.csv" in html
    assert "Lovelace" in html and "Builder" in html and "Young" in html
    form = response.context["form"]
    suggested = {column: field.initial for column, field, _ in form.rows([[]] * len(form.header))}
    assert suggested["Voter ID"] == "voter_id"
    assert suggested["First Name"] == "first_name"
    assert suggested["DOB"] == "birth_date"
    assert suggested["Notes"] == ""


def _mapping_post(form_header: list[str], mapping: dict[str, str]) -> dict:
    return {f"col_{i}": mapping.get(column, "") for i, column in enumerate(form_header)}


HEADER = ["Voter ID", "First Name", "Last Name", "DOB", "Phone", "Notes"]
MAPPING = {"Voter ID": "voter_id", "First Name": "first_name", "Last Name": "last_name", "DOB": "birth_date",
           "Phone": "phone"}


def test_a_field_chosen_twice_is_an_error_on_the_second_column(personas, client_for, imports_on):
    client = client_for(personas.organizer)
    url = map_url(upload(client, imports_on, GOOD))
    response = client.post(url, _mapping_post(HEADER, {**MAPPING, "Notes": "first_name"}))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["col_5"] == ["Column “First Name” is already mapped to this field."]
    assert not ImportJob.objects.exists()


def test_a_mapping_without_a_name_column_is_refused_and_nothing_starts(personas, client_for, imports_on):
    client = client_for(personas.organizer)
    url = map_url(upload(client, imports_on, GOOD))
    response = client.post(url, _mapping_post(HEADER, {"Voter ID": "voter_id", "Phone": "phone"}))
    assert response.status_code == 400
    assert any("no name column" in e.lower() for e in response.context["form"].non_field_errors())
    assert not ImportJob.objects.exists()
    assert not ImportMapping.objects.exists()


def test_confirming_the_mapping_imports_and_shows_the_summary(personas, client_for, imports_on):
    client = client_for(personas.organizer)
    url = map_url(upload(client, imports_on, GOOD))
    response = client.post(url, _mapping_post(HEADER, MAPPING))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("people:import-detail", args=[job.pk])
    assert (job.status, job.imported, job.updated, job.rejected) == ("done", 2, 0, 1)
    assert job.file_name == "voters.csv" and job.team == imports_on
    assert set(Person.objects.values_list("last_name", flat=True)) == {"Lovelace", "Young"}
    html = client.get(response["Location"]).content.decode()
    assert "imported 2, updated 0, rejected 1" in html
    assert reverse("people:import-errors", args=[job.pk]) in html
    assert 'hx-trigger="every 1s"' not in html
    assert SESSION_KEY not in client.session or not client.session[SESSION_KEY]


def test_the_next_file_with_the_same_header_gets_the_remembered_mapping(personas, client_for, imports_on):
    client = client_for(personas.organizer)
    client.post(map_url(upload(client, imports_on, GOOD)), _mapping_post(HEADER, {**MAPPING, "Notes": "language"}))
    again = GOOD.replace("Ada", "Ann")
    form = client.get(map_url(upload(client, imports_on, again))).context["form"]
    assert form["col_5"].initial == "language"


def test_the_mapping_of_an_upload_that_is_not_in_your_session_sends_you_back(personas, client_for, imports_on):
    url = map_url(upload(client_for(personas.organizer), imports_on, GOOD))
    response = client_for(personas.steward).get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:import-upload", args=[imports_on.slug])


def test_discarding_an_upload_deletes_the_file(personas, client_for, imports_on, media):
    client = client_for(personas.organizer)
    token = map_url(upload(client, imports_on, GOOD)).rstrip("/").rsplit("/", 1)[1]
    assert len(kept_files(media)) == 1
    response = client.post(reverse("people:import-discard", args=[imports_on.slug, token]))
    assert response.status_code == 302
    assert kept_files(media) == []


def test_the_error_file_lists_each_rejected_row_with_its_line_and_reason(personas, client_for, imports_on):
    client = client_for(personas.organizer)
    client.post(map_url(upload(client, imports_on, GOOD)), _mapping_post(HEADER, MAPPING))
    job = ImportJob.objects.get()
    response = client.get(reverse("people:import-errors", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="voters-rejected-rows.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["line", "reason", *HEADER]
    assert len(rows) == 2
    assert rows[1][0] == "3" and "date" in rows[1][1].lower() and rows[1][2:5] == ["V2", "Bob", "Builder"]
    assert AuditEntry.objects.filter(action="people.import.errors_downloaded").count() == 1


def test_the_progress_partial_polls_while_running_and_stops_when_done(personas, client_for, imports_on):
    job = factories.import_job(imports_on, status="running", rows_total=1000, rows_done=250, imported=240)
    client = client_for(personas.organizer)
    partial = client.get(reverse("people:import-progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in partial and "<html" not in partial
    assert "250 of about 1000 rows" in partial and 'aria-valuenow="25"' in partial
    ImportJob.objects.filter(pk=job.pk).update(status="done", rows_done=1000, imported=990, rejected=10)
    partial = client.get(reverse("people:import-progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in partial
    assert "imported 990, updated 0, rejected 10" in partial


def test_a_failed_job_shows_the_reason(personas, client_for, imports_on):
    job = factories.import_job(imports_on, status="failed", error="stopped after 5000 rows: disk full")
    html = client_for(personas.organizer).get(reverse("people:import-detail", args=[job.pk])).content.decode()
    assert "The import stopped: stopped after 5000 rows: disk full" in html


def test_the_imports_list_shows_the_subtree_and_not_siblings(personas, client_for, org_tree, imports_on):
    mine = factories.import_job(org_tree.north_chapter, file_name="chapter.csv")
    sibling = factories.import_job(org_tree.south, file_name="south.csv")
    response = client_for(personas.organizer).get(reverse("people:import-list", args=[org_tree.north.slug]))
    assert list(response.context["page"]) == [mine]
    assert client_for(personas.organizer).get(reverse("people:import-detail", args=[sibling.pk])).status_code == 404


def test_a_team_that_switched_imports_off_refuses_its_own_organizer_but_not_the_admin(
    personas, client_for, org_tree
):
    url = reverse("people:import-upload", args=[org_tree.north.slug])
    assert client_for(personas.organizer).get(url).status_code == 403
    assert client_for(personas.admin).get(url).status_code == 200


def test_uploading_the_file_of_an_unfinished_import_again_resumes_it(personas, client_for, imports_on, media):
    client = client_for(personas.organizer)
    client.post(map_url(upload(client, imports_on, GOOD)), _mapping_post(HEADER, MAPPING))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status="failed", error="stopped after 0 rows: killed")
    response = client.post(map_url(upload(client, imports_on, GOOD)), _mapping_post(HEADER, MAPPING))
    assert response["Location"] == reverse("people:import-detail", args=[job.pk])
    job.refresh_from_db()
    assert (ImportJob.objects.count(), job.status, job.error) == (1, "done", "")
    assert Person.objects.count() == 2
    assert kept_files(media) == []  # the finished job's upload is released, and the second copy with it


def test_a_finished_import_keeps_no_upload_on_disk(personas, client_for, imports_on, media):
    client = client_for(personas.organizer)
    client.post(map_url(upload(client, imports_on, GOOD)), _mapping_post(HEADER, MAPPING))
    job = ImportJob.objects.get()
    assert job.status == "done" and Person.objects.count() == 2
    assert kept_files(media) == []
    response = client.get(reverse("people:import-errors", args=[job.pk]))
    assert response.status_code == 200  # the error file is rebuilt from the database


def test_a_file_outside_the_upload_folder_is_never_deleted(org_tree, tmp_path):
    source = tmp_path / "voters.csv"
    source.write_text("x")
    job = factories.import_job(org_tree.north, source_path=str(source), status="done")
    assert upload_release(job) is False
    assert source.exists()


def test_a_custom_field_of_the_organization_can_be_mapped(personas, client_for, org_tree, imports_on):
    CustomField.objects.create(org=org_tree.org, key="shirt", label="T-shirt size", kind="choice",
                               choices=["S", "M", "L"])
    body = "Voter ID,First Name,Last Name,T-shirt size\nV1,Ada,Lovelace,m\nV2,Bob,Builder,XXL\n"
    client = client_for(personas.organizer)
    url = map_url(upload(client, imports_on, body))
    form = client.get(url).context["form"]
    assert ("custom:shirt", "Custom: T-shirt size") in form.fields["col_3"].choices
    assert form["col_3"].initial == "custom:shirt"
    client.post(url, _mapping_post(["Voter ID", "First Name", "Last Name", "T-shirt size"],
                                   {"Voter ID": "voter_id", "First Name": "first_name", "Last Name": "last_name",
                                    "T-shirt size": "custom:shirt"}))
    job = ImportJob.objects.get()
    assert (job.imported, job.rejected) == (1, 1)
    assert Person.objects.get().custom == {"shirt": "M"}
    assert "unknown choice 'XXL'" in job.row_errors.get().reason


def test_a_finished_job_says_why_rows_were_rejected(personas, client_for, imports_on):
    job = factories.import_job(imports_on, status="done", rows_done=5, imported=2, rejected=3)
    for line, reason in [(2, "date of birth: '31/31/1990' is not a date"), (3, "phone: impossible phone number: '5'"),
                         (5, "date of birth: 'soon' is not a date")]:
        ImportRowError.objects.create(job=job, line=line, reason=reason, row=[])
    html = client_for(personas.organizer).get(reverse("people:import-detail", args=[job.pk])).content.decode()
    assert "<li>Date of birth: 2 rows</li>" in html and "<li>Phone: 1 row</li>" in html
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    partial = client_for(personas.organizer).get(reverse("people:import-progress", args=[job.pk])).content.decode()
    assert "Date of birth: 2 rows" not in partial
