"""/api/v1/imports: upload (202 or a clear 422), progress, the error file; scoped like the web pages."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from groundswell.accounts.services import api_token_create
from groundswell.orgs.models import Team
from groundswell.people.models import ImportJob, Person
from tests import factories

BODY = (
    b"Voter ID,First Name,Last Name,Phone,Stray\n"
    b"V1,Ada,Lovelace,(312) 555-0100,x\n"
    b"V2,Bob,Builder,call me,y\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "imports"


@pytest.fixture
def north(org_tree) -> Team:
    Team.objects.filter(pk=org_tree.north.pk).update(can_import_people=True)
    return Team.objects.get(pk=org_tree.north.pk)


def post(client: Client, team_id: int, body: bytes = BODY, name: str = "people.csv", **fields):
    data = {"team_id": team_id, "file": SimpleUploadedFile(name, body, content_type="text/csv"), **fields}
    return client.post("/api/v1/imports", data)


def test_an_upload_answers_202_with_the_job_and_its_links(personas, client_for, north):
    response = post(client_for(personas.organizer), north.pk)
    assert response.status_code == 202, response.json()
    body = response.json()
    job = ImportJob.objects.get()
    assert body["id"] == job.pk and body["team_id"] == north.pk and body["file_name"] == "people.csv"
    # Tasks run inline in tests, so the job is already done.
    assert (body["status"], body["imported"], body["updated"], body["rejected"]) == ("done", 1, 0, 1)
    assert body["mapping"] == {"Voter ID": "voter_id", "First Name": "first_name", "Last Name": "last_name",
                               "Phone": "phone"}
    assert body["url"].endswith(f"/people/imports/{job.pk}/")
    assert body["error_file_url"].endswith(f"/api/v1/imports/{job.pk}/errors.csv")
    assert body["percent"] == 100


def test_a_mapping_sent_as_json_is_used(personas, client_for, north):
    mapping = {"Voter ID": "voter_id", "First Name": "first_name", "Last Name": "last_name", "Phone": "",
               "Stray": "language"}
    response = post(client_for(personas.organizer), north.pk, mapping=json.dumps(mapping), update_existing="false")
    assert response.status_code == 202, response.json()
    assert response.json()["update_existing"] is False
    assert response.json()["rejected"] == 0
    assert sorted(Person.objects.values_list("language", flat=True)) == ["x", "y"]


def test_a_second_upload_of_the_same_people_updates_them(personas, client_for, north):
    client = client_for(personas.organizer)
    post(client, north.pk)
    again = post(client, north.pk, BODY.replace(b"Lovelace", b"Byron")).json()
    assert (again["imported"], again["updated"]) == (0, 1)
    assert list(Person.objects.values_list("last_name", flat=True)) == ["Byron"]


@pytest.mark.parametrize(("body", "fields", "key", "words"), [
    (b"\x00\x01\x02binary", {}, "file", "not a CSV file"),
    (b"", {}, "file", "empty"),
    (b"First Name,Last Name\n", {}, "file", "no rows"),
    (b"Just one column\nAda\n", {}, "file", "no usable columns"),
    (BODY, {"mapping": "{not json"}, "mapping", "JSON object"),
    (BODY, {"mapping": '["a list"]'}, "mapping", "JSON object"),
    (BODY, {"mapping": '{"Voter ID": "voter_id", "Phone": "phone"}'}, "mapping", "no name column"),
    (BODY, {"mapping": '{"Nope": "first_name"}'}, "mapping", "not in the file's header"),
    (BODY, {"mapping": '{"First Name": "shoe_size"}'}, "mapping", "unknown field"),
    (b"Colour,Size\nred,M\n", {}, "mapping", "no usable columns"),
])
def test_a_bad_file_or_mapping_is_a_422_that_says_why_and_creates_nothing(
    personas, client_for, north, media, body, fields, key, words
):
    response = post(client_for(personas.organizer), north.pk, body, **fields)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(words in message for message in detail[key]), detail
    assert not ImportJob.objects.exists()
    assert not list(media.glob("*")) if media.exists() else True


def test_a_file_over_the_limit_is_a_422(personas, client_for, north, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 10
    response = post(client_for(personas.organizer), north.pk)
    assert response.status_code == 422
    assert "uploads are limited to 10 bytes" in response.json()["detail"]["file"][0]


def test_missing_form_fields_are_a_422(personas, client_for, north):
    response = client_for(personas.organizer).post("/api/v1/imports", {"team_id": north.pk})
    assert response.status_code == 422
    assert not ImportJob.objects.exists()


def test_scope_on_upload(personas, client_for, org_tree, north):
    assert post(client_for(personas.analyst), north.pk).status_code == 403
    assert post(client_for(personas.organizer), org_tree.south.pk).status_code == 404
    assert post(client_for(personas.outsider), north.pk).status_code == 404
    assert post(Client(), north.pk).status_code == 401
    # The autonomy switch: South does not let its own organizers import.
    south_organizer = factories.user()
    factories.membership(org_tree.south, "organizer", user_obj=south_organizer)
    assert post(client_for(south_organizer), org_tree.south.pk).status_code == 403
    assert not ImportJob.objects.exists()


def test_progress_of_a_running_job(personas, client_for, north):
    job = factories.import_job(north, status="running", rows_total=400, rows_done=100, imported=90, rejected=10)
    body = client_for(personas.steward).get(f"/api/v1/imports/{job.pk}").json()
    assert (body["status"], body["rows_done"], body["rows_total"], body["percent"]) == ("running", 100, 400, 25)
    assert (body["imported"], body["rejected"]) == (90, 10)


def test_get_is_scoped(personas, client_for, org_tree, north):
    sibling = factories.import_job(org_tree.south)
    mine = factories.import_job(north)
    assert client_for(personas.organizer).get(f"/api/v1/imports/{sibling.pk}").status_code == 404
    assert client_for(personas.organizer).get("/api/v1/imports/999999").status_code == 404
    assert client_for(personas.analyst).get(f"/api/v1/imports/{mine.pk}").status_code == 403
    assert client_for(personas.outsider).get(f"/api/v1/imports/{mine.pk}").status_code == 404
    assert Client().get(f"/api/v1/imports/{mine.pk}").status_code == 401


def test_the_error_file_over_the_api_with_a_token(personas, client_for, north):
    job_id = post(client_for(personas.organizer), north.pk).json()["id"]
    _, secret = api_token_create(user=personas.steward, name="script")
    response = Client().get(f"/api/v1/imports/{job_id}/errors.csv", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["line", "reason", "Voter ID", "First Name", "Last Name", "Phone", "Stray"]
    assert rows[1][0] == "3" and "phone" in rows[1][1] and rows[1][2:] == ["V2", "Bob", "Builder", "call me", "y"]
