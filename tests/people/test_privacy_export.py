"""Exporting a list to CSV: who may, the reason, the columns, the audit entry, and CSV-injection safety."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groundswell.audit.models import AuditEntry
from groundswell.orgs.access import Actor
from groundswell.people import privacy_export
from groundswell.people.models import CustomField, ExternalId, ListMember, PersonTag, Tag
from groundswell.people.privacy_export import list_export_csv, safe_cell
from tests import factories


@pytest.fixture
def static_list(org_tree):
    people_list = factories.people_list(org_tree.north, name="Door knockers", kind="static")
    maria = factories.person(
        org_tree.north_team, first_name="Maria", last_name="Lopez", zip="78701", party="DEM",
        phones=["+15125550123", "+15125550124"], emails=["maria@example.org"], custom={"shirt": "M"},
    )
    evil = factories.person(org_tree.north, first_name="=HYPERLINK(\"http://x\")", last_name="@SUM(A1)")
    for person in (maria, evil):
        ListMember.objects.create(list=people_list, person=person)
    CustomField.objects.create(org=org_tree.org, key="shirt", label="Shirt size")
    ExternalId.objects.create(person=maria, org=org_tree.org, system="voter_file", value="TX123")
    PersonTag.objects.create(person=maria, tag=Tag.objects.create(org=org_tree.org, name="volunteer"))
    return people_list, maria, evil


def export_url(people_list) -> str:
    return reverse("people:list-export", args=[people_list.pk])


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_it_streams_the_chosen_columns(static_list, personas, client_for):
    people_list, maria, _ = static_list
    response = client_for(personas.steward).post(export_url(people_list), {
        "columns": ["names", "all_phones", "primary_email", "voter", "tags", "custom", "external_ids", "address"],
        "reason": "Canvass walk sheets",
    })
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = {row["id"]: row for row in read_csv(response)}
    row = rows[str(maria.pk)]
    assert (row["first_name"], row["last_name"], row["zip"], row["party"]) == ("Maria", "Lopez", "78701", "DEM")
    assert row["phones"] == "'+15125550123; +15125550124"
    assert row["email"] == "maria@example.org"
    assert (row["tags"], row["shirt"], row["id_voter_file"]) == ("volunteer", "M", "TX123")
    assert "birth_date" not in row and "registration_status" in row


def test_it_writes_formulas_as_text(static_list, personas, client_for):
    people_list, _, evil = static_list
    response = client_for(personas.admin).post(export_url(people_list), {"columns": ["names"], "reason": "check"})
    row = {r["id"]: r for r in read_csv(response)}[str(evil.pk)]
    assert row["first_name"] == "'=HYPERLINK(\"http://x\")"
    assert row["last_name"] == "'@SUM(A1)"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@cmd", "\tx", "\rx"])
def test_safe_cell_defuses_every_formula_start(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(("value", "expected"), [("Maria", "Maria"), (None, ""), (3, "3"), ("a=b", "a=b")])
def test_safe_cell_leaves_plain_values_alone(value, expected):
    assert safe_cell(value) == expected


def test_it_audits_who_what_and_why(static_list, personas, client_for):
    people_list, _, _ = static_list
    response = client_for(personas.steward).post(export_url(people_list), {
        "columns": ["names", "tags"], "reason": "  Mailing to volunteers  ",
    })
    read_csv(response)
    entry = AuditEntry.objects.get(action="people.list.exported")
    assert entry.actor == personas.steward
    assert entry.team_path == people_list.team.path
    assert entry.data == {"list_id": people_list.pk, "list_name": "Door knockers", "columns": ["names", "tags"],
                          "rows": 2, "reason": "Mailing to volunteers"}


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(static_list, personas, client_for, reason):
    people_list, _, _ = static_list
    response = client_for(personas.steward).post(export_url(people_list), {"columns": ["names"], "reason": reason})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    assert not AuditEntry.objects.filter(action="people.list.exported").exists()


@pytest.mark.parametrize("columns", [[], ["names", "passwords"]])
def test_columns_must_be_known_and_chosen(static_list, personas, client_for, columns):
    people_list, _, _ = static_list
    response = client_for(personas.steward).post(export_url(people_list), {"columns": columns, "reason": "x"})
    assert response.status_code == 400
    assert "columns" in response.context["form"].errors


def test_the_service_refuses_unknown_columns_and_no_reason(static_list, personas):
    people_list, _, _ = static_list
    actor = Actor.for_user(personas.steward)
    with pytest.raises(ValueError):
        list_export_csv(actor=actor, people_list=people_list, columns=["secret"], reason="x")
    with pytest.raises(ValueError):
        list_export_csv(actor=actor, people_list=people_list, columns=["names"], reason=" ")


def test_the_form_shows_the_count(static_list, personas, client_for):
    people_list, _, _ = static_list
    response = client_for(personas.steward).get(export_url(people_list))
    assert response.status_code == 200
    assert "2 people" in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [
    # Leader and volunteer hold their roles on North Team, below the list's team: they do not see it.
    ("organizer", 403), ("analyst", 403), ("leader", 404), ("volunteer", 404), ("outsider", 404),
])
def test_only_exporters_may_export(static_list, personas, client_for, persona, status):
    people_list, _, _ = static_list
    response = client_for(getattr(personas, persona)).post(export_url(people_list), {
        "columns": ["names"], "reason": "curious",
    })
    assert response.status_code == status
    assert not AuditEntry.objects.filter(action="people.list.exported").exists()


def test_it_reads_in_chunks_with_a_fixed_number_of_queries_per_chunk(org_tree, personas, monkeypatch):
    monkeypatch.setattr(privacy_export, "CHUNK_SIZE", 5)
    people_list = factories.people_list(org_tree.north, kind="static")
    for n in range(23):
        person = factories.person(org_tree.north, phones=[f"+1512555{n:04d}"])
        ListMember.objects.create(list=people_list, person=person)
    actor = Actor.for_user(personas.steward)
    with CaptureQueriesContext(connection) as queries:
        lines = list(list_export_csv(actor=actor, people_list=people_list, columns=["all_phones", "tags"], reason="x"))
    assert len(lines) == 1 + 1 + 23  # byte-order mark, header, rows
    # 5 chunks, each: the people + phones + tags; plus fixed set-up queries (audit, count, fields, systems).
    assert len(queries) <= 5 * 3 + 10


def test_a_saved_search_exports_its_current_matches_and_skips_deleted_people(org_tree, personas, client_for):
    from django.utils import timezone

    people_list = factories.people_list(org_tree.north, kind="dynamic", filters={"tags": {"any": ["donor"]}})
    donor = factories.person(org_tree.north_chapter, first_name="Dora")
    gone = factories.person(org_tree.north, first_name="Gone", deleted_at=timezone.now())
    factories.person(org_tree.north, first_name="Nadia")  # not tagged
    south = factories.person(org_tree.south, first_name="Sam")  # outside the list's team
    tag = Tag.objects.create(org=org_tree.org, name="donor")
    for person in (donor, gone, south):
        PersonTag.objects.create(person=person, tag=tag)
    response = client_for(personas.steward).post(export_url(people_list), {"columns": ["names"], "reason": "thanks"})
    assert [row["first_name"] for row in read_csv(response)] == ["Dora"]
