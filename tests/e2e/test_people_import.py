"""Importing a messy voter file in a real browser: upload, map the columns, watch it finish, fetch the errors."""

import csv
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundswell.people.models import ImportJob, Person
from tests import factories

pytestmark = pytest.mark.e2e

# Latin-1, semicolons, a bad date (line 3), an impossible phone (line 4), a column nobody asked for, and a
# second phone column whose name suggests nothing.
MESSY = (
    "Voter ID;First Name;Last Name;DOB;Phone;Other number;Email;Notes (ignore)\n"
    "V100;José;Martínez;03/04/1980;(312) 555-0142;312-555-0199;jose@example.test;called twice\n"
    "V101;Zoë;Brontë;31/31/1990;(312) 555-0143;;;\n"
    "V102;Chloé;Dupré;1975-07-08;555;;;\n"
    "V103;Renée;O'Brien;12/12/1966;(312) 555-0144;;renee@example.test;moved?\n"
)


@pytest.fixture
def admin_and_team(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    org = factories.team(name="Groundswell Action")
    chapter = factories.team(org, name="Chicago", kind="chapter")
    admin = factories.user(email="rosa@example.test", full_name="Rosa Delgado")
    factories.membership(org, "admin", user_obj=admin)
    return admin, chapter


def test_an_admin_imports_a_messy_file_and_downloads_the_rejected_rows(
    page: Page, shot, sign_in, admin_and_team, tmp_path
):
    admin, chapter = admin_and_team
    messy = tmp_path / "voters export (final).csv"
    messy.write_bytes(MESSY.encode("latin-1"))
    sign_in(admin)

    page.goto(f"/teams/{chapter.slug}/people/")
    page.get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name=re.compile("Import people"))).to_be_visible()
    page.get_by_label("CSV file").set_input_files(str(messy))
    expect(page.get_by_label("Update people already in the CRM")).to_be_checked()
    shot(page, "upload")
    page.get_by_role("button", name="Upload and map columns").click()

    expect(page.get_by_role("heading", name=re.compile("Map columns"))).to_be_visible()
    expect(page.get_by_text("Martínez")).to_be_visible()  # samples decoded from Latin-1
    expect(page.get_by_label("First Name")).to_have_value("first_name")
    expect(page.get_by_label("Notes (ignore)")).to_have_value("")
    expect(page.get_by_label("Other number")).to_have_value("")
    page.get_by_label("Other number").select_option("phone2")
    shot(page, "mapping")
    page.get_by_role("button", name="Start import").click()

    expect(page.get_by_text("Finished")).to_be_visible()
    expect(page.get_by_text("imported 2, updated 0, rejected 2")).to_be_visible()
    shot(page, "done")

    job = ImportJob.objects.get()
    assert job.file_name == "voters export (final).csv" and job.encoding == "latin-1" and job.delimiter == ";"
    assert sorted(Person.objects.values_list("last_name", flat=True)) == ["Martínez", "O'Brien"]
    jose = Person.objects.get(last_name="Martínez")
    assert sorted(jose.phones.values_list("number", flat=True)) == ["+13125550142", "+13125550199"]

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download the 2 rejected rows")).click()
    path = download.value.path()
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["line", "reason", "Voter ID", "First Name", "Last Name", "DOB", "Phone", "Other number",
                       "Email", "Notes (ignore)"]
    assert [r[0] for r in rows[1:]] == ["3", "4"]
    assert "date of birth" in rows[1][1] and rows[1][2:5] == ["V101", "Zoë", "Brontë"]
    assert "phone" in rows[2][1] and rows[2][6] == "555"


def test_the_job_page_follows_a_running_import_until_it_is_done(page: Page, shot, sign_in, admin_and_team):
    admin, chapter = admin_and_team
    job = factories.import_job(chapter, status="running", rows_total=20_000, rows_done=5_000, imported=4_990,
                               rejected=10, created_by=admin, started_at=timezone.now() - timedelta(seconds=2))
    sign_in(admin)
    page.goto(f"/people/imports/{job.pk}/")
    expect(page.get_by_text("Importing")).to_be_visible()
    expect(page.get_by_text(re.compile(r"5000 of about 20000 rows · \d+ rows/s · about \d+ s left"))).to_be_visible()
    shot(page, "running")

    ImportJob.objects.filter(pk=job.pk).update(
        status="done", rows_done=20_000, imported=19_950, updated=10, rejected=40, finished_at=timezone.now()
    )
    # No reload: the progress card polls every second until the job is over.
    expect(page.get_by_text("imported 19950, updated 10, rejected 40")).to_be_visible(timeout=5_000)
    expect(page.get_by_text("Finished")).to_be_visible()
    expect(page.locator("#import-progress")).not_to_have_attribute("hx-trigger", re.compile("every"))
    shot(page, "finished")
