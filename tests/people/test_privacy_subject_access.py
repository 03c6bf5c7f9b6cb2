"""Subject access: everything held about one person as JSON, audited, with sections from other apps."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from groundswell.audit.models import AuditEntry
from groundswell.people import consent, privacy, services
from groundswell.people.models import ExternalId, ImportRowError, ListMember, Vote
from tests import factories


@pytest.fixture
def maria(org_tree, personas):
    person = factories.person(org_tree.north, first_name="Maria", last_name="Lopez", birth_date="1980-02-03",
                              phones=["+15125550123"], emails=["maria@example.org"], custom={"shirt": "M"})
    ExternalId.objects.create(person=person, org=org_tree.org, system="voter_file", value="TX123")
    Vote.objects.create(person=person, election="2024-general", method="early")
    services.tag_add(actor=personas.steward, person=person, name="volunteer")
    services.note_add(actor=personas.steward, person=person, body="Prefers Spanish")
    consent.opt_out(actor=personas.steward, person=person, channel="text", source="STOP reply",
                    value="+15125550123")
    ListMember.objects.create(list=factories.people_list(org_tree.north, name="Walkers", kind="static"),
                              person=person)
    job = factories.import_job(org_tree.north, file_name="travis-voters.csv")
    person.last_import = job
    person.save()
    earlier = factories.import_job(org_tree.north, file_name="signups.csv")
    ImportRowError.objects.create(job=earlier, line=4, reason="unparseable date", row={"tel": "512 555 0123"})
    ImportRowError.objects.create(job=earlier, line=5, reason="unparseable date", row={"tel": "512 555 0999"})
    return person


def export(client, person):
    return client.get(reverse("people:person-export", args=[person.pk]))


def test_it_holds_everything_about_the_person(maria, personas, client_for):
    response = export(client_for(personas.steward), maria)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="person-{maria.pk}.json"'
    document = json.loads(response.content)
    record = document["person"]
    assert (record["first_name"], record["birth_date"], record["custom"]) == ("Maria", "1980-02-03", {"shirt": "M"})
    assert record["text_opt_out_at"] is not None
    assert [p["number"] for p in document["phones"]] == ["+15125550123"]
    assert [e["address"] for e in document["emails"]] == ["maria@example.org"]
    assert document["external_ids"] == [{"system": "voter_file", "value": "TX123"}]
    assert document["votes"] == [{"election": "2024-general", "method": "early"}]
    assert document["tags"] == ["volunteer"]
    assert document["notes"][0]["body"] == "Prefers Spanish"
    assert {"people.tagged", "people.note", "people.opted_out"} <= {t["kind"] for t in document["timeline"]}
    assert [(c["channel"], c["action"], c["source"]) for c in document["consent_events"]] == [
        ("text", "opt_out", "STOP reply")]
    assert [entry["list__name"] for entry in document["lists"]] == ["Walkers"]
    assert sorted(job["file_name"] for job in document["imports"]) == ["signups.csv", "travis-voters.csv"]
    assert [(r["file_name"], r["line"], r["row"]) for r in document["rejected_import_rows"]] == [
        ("signups.csv", 4, {"tel": "512 555 0123"})]


def test_other_apps_contribute_sections(maria, personas, client_for, monkeypatch):
    monkeypatch.setattr(privacy, "CONTRIBUTORS", {})
    privacy.register(privacy.PersonData("events", export=lambda person: [{"event": "Rally", "person": person.pk}]))
    document = json.loads(export(client_for(personas.admin), maria).content)
    assert document["events"] == [{"event": "Rally", "person": maria.pk}]


def test_it_is_audited_without_copying_the_data(maria, personas, client_for):
    export(client_for(personas.steward), maria)
    entry = AuditEntry.objects.get(action="people.person.subject_access")
    assert entry.actor == personas.steward
    assert entry.target_id == str(maria.pk)
    assert "phones" in entry.data["sections"]
    assert "+15125550123" not in json.dumps(entry.data)


def test_a_deleted_record_can_still_be_exported(maria, personas, client_for):
    maria.deleted_at = timezone.now()
    maria.save()
    assert export(client_for(personas.steward), maria).status_code == 200


@pytest.mark.parametrize(("persona", "status"), [
    ("organizer", 403), ("analyst", 403), ("leader", 404), ("volunteer", 404), ("outsider", 404),
])
def test_only_exporters_get_the_file(maria, personas, client_for, persona, status):
    assert export(client_for(getattr(personas, persona)), maria).status_code == status
    assert not AuditEntry.objects.filter(action="people.person.subject_access").exists()


def test_a_person_of_a_sibling_team_is_not_found(org_tree, personas, client_for):
    south = factories.person(org_tree.south)
    assert export(client_for(personas.steward), south).status_code == 404
    assert client_for(personas.steward).get(reverse("people:person-export", args=[999999])).status_code == 404
