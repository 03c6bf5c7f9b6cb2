"""/api/v1/people: search, create, read, patch, soft delete, tags and opt-outs; scope and field errors."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from groundswell.accounts.services import api_token_create
from groundswell.audit.models import AuditEntry
from groundswell.people.models import ConsentEvent, CustomField, Person, Suppression
from tests import factories


def api(client: Client, method: str, url: str, data=None):
    body = json.dumps(data) if data is not None else None
    return client.generic(method, "/api/v1" + url, data=body or "", content_type="application/json")


@pytest.fixture
def nia(org_tree):
    return factories.person(org_tree.north_team, first_name="Nia", last_name="North", state="MN",
                            phones=["+12185550123"], emails=["nia@example.org"])


def test_it_reads_a_person_with_contacts_consent_and_derived_zone(org_tree, personas, client_for, nia):
    body = api(client_for(personas.organizer), "GET", f"/people/{nia.pk}").json()
    assert body["full_name"] == "Nia North"
    assert body["phones"] == [{"number": "+12185550123", "display": "(218) 555-0123", "kind": "unknown",
                               "valid": True, "primary": True}]
    assert body["emails"][0]["address"] == "nia@example.org"
    assert body["time_zone"] == "America/Chicago"
    assert body["time_zone_source"] == "address"
    assert body["consent"] == {"call_opted_out_at": None, "text_opted_out_at": None, "email_opted_out_at": None}


def test_it_works_with_a_bearer_token(org_tree, personas, nia):
    _, secret = api_token_create(user=personas.steward, name="sync")
    response = Client().get(f"/api/v1/people/{nia.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200


def test_it_creates_a_person_with_phones_emails_tags_and_custom_values(org_tree, personas, client_for):
    CustomField.objects.create(org=org_tree.org, key="shirt", label="Shirt", kind="choice", choices=["S", "M"])
    response = api(client_for(personas.organizer), "POST", "/people", {
        "team_id": org_tree.north_team.pk, "first_name": "Ana", "last_name": "Ruiz",
        "phones": ["(512) 555-0147", "512.555.0147"], "emails": [" Ana@Example.ORG "],
        "tags": ["Volunteer", "volunteer"], "custom": {"shirt": "m"},
    })
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert person.team == org_tree.north_team and person.org == org_tree.org
    assert [p["number"] for p in body["phones"]] == ["+15125550147"]
    assert [e["address"] for e in body["emails"]] == ["ana@example.org"]
    assert body["tags"] == ["Volunteer"]
    assert body["custom"] == {"shirt": "M"}
    assert body["time_zone"] == "America/Chicago" and body["time_zone_source"] == "phone"
    assert AuditEntry.objects.filter(action="people.person.created", target_id=str(person.pk)).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"phones": ["555-0000"]}, "phones"),
        ({"emails": ["not an email"]}, "emails"),
        ({"custom": {"shirt": "XXL"}}, "shirt"),
        ({"custom": {"nope": "x"}}, "nope"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"first_name": "", "last_name": ""}, "first_name"),
        ({"tags": ["ok", "   "]}, "tags"),
        ({"tags": ["x" * 61]}, "tags"),
        ({"registration_status": "maybe"}, None),
        ({"birth_date": "1984-02-30"}, None),
        ({"first_name": "A\x00"}, None),
    ],
)
def test_bad_input_is_a_422_with_field_messages_and_writes_nothing(org_tree, personas, client_for, payload, field):
    CustomField.objects.create(org=org_tree.org, key="shirt", label="Shirt", kind="choice", choices=["S", "M"])
    data = {"team_id": org_tree.north_team.pk, "first_name": "Ana", **payload}
    response = api(client_for(personas.organizer), "POST", "/people", data)
    assert response.status_code == 422
    if field:
        assert field in response.json()["detail"]
    assert not Person.objects.exists()


def test_an_impossible_phone_number_is_named(org_tree, personas, client_for):
    response = api(client_for(personas.organizer), "POST", "/people",
                   {"team_id": org_tree.north_team.pk, "first_name": "A", "phones": ["+1 555 000 0000"]})
    assert "impossible phone number" in response.json()["detail"]["phones"][0]


def test_it_searches_by_phone_email_tag_and_team(org_tree, personas, client_for, nia):
    factories.person(org_tree.north, first_name="Reg", last_name="Ional")
    client = client_for(personas.organizer)
    assert [p["id"] for p in api(client, "GET", "/people?q=218-555-0123").json()["items"]] == [nia.pk]
    assert [p["id"] for p in api(client, "GET", "/people?q=NIA@example.org").json()["items"]] == [nia.pk]
    api(client, "POST", f"/people/{nia.pk}/tags", {"names": ["Donor"]})
    assert [p["id"] for p in api(client, "GET", "/people?tag=donor").json()["items"]] == [nia.pk]
    team_page = api(client, "GET", f"/people?team_id={org_tree.north_team.pk}").json()
    assert (team_page["count"], [p["id"] for p in team_page["items"]]) == (1, [nia.pk])
    assert api(client, "GET", "/people?per_page=1&page=2").json()["count"] == 2


def test_list_filter_narrows_to_the_list(org_tree, personas, client_for, nia):
    pytest.importorskip("groundswell.people.selectors_lists")
    from groundswell.people.models import ListMember

    other = factories.person(org_tree.north_team)
    people_list = factories.people_list(org_tree.north, kind="static")
    ListMember.objects.create(list=people_list, person=nia)
    body = api(client_for(personas.organizer), "GET", f"/people?list={people_list.pk}").json()
    assert [p["id"] for p in body["items"]] == [nia.pk]
    assert other.pk not in [p["id"] for p in body["items"]]


def test_patch_changes_only_what_is_sent_and_merges_custom(org_tree, personas, client_for, nia):
    CustomField.objects.create(org=org_tree.org, key="shirt", label="Shirt", kind="choice", choices=["S", "M"])
    CustomField.objects.create(org=org_tree.org, key="pets", label="Pets", kind="number")
    Person.objects.filter(pk=nia.pk).update(custom={"shirt": "S"})
    client = client_for(personas.organizer)
    response = api(client, "PATCH", f"/people/{nia.pk}",
                   {"city": "Duluth", "custom": {"pets": "2"}, "phones": ["218 555 0199"]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["city"], body["last_name"]) == ("Duluth", "North")
    assert body["custom"] == {"shirt": "S", "pets": 2.0}
    assert [p["number"] for p in body["phones"]] == ["+12185550199"]
    bad = api(client, "PATCH", f"/people/{nia.pk}", {"custom": {"pets": "many"}})
    assert bad.status_code == 422 and "pets" in bad.json()["detail"]


def test_moving_the_address_re_derives_a_derived_time_zone(org_tree, personas, client_for, nia):
    client = client_for(personas.organizer)
    body = api(client, "PATCH", f"/people/{nia.pk}", {"state": "CA"}).json()
    assert (body["time_zone"], body["time_zone_source"]) == ("America/Los_Angeles", "address")
    stated = api(client, "PATCH", f"/people/{nia.pk}", {"time_zone": "America/Denver"}).json()
    assert (stated["time_zone"], stated["time_zone_source"]) == ("America/Denver", "stated")
    still = api(client, "PATCH", f"/people/{nia.pk}", {"state": "NY"}).json()
    assert still["time_zone"] == "America/Denver"


def test_delete_is_a_soft_delete_and_then_404(org_tree, personas, client_for, nia):
    client = client_for(personas.organizer)
    assert api(client, "DELETE", f"/people/{nia.pk}").status_code == 204
    assert Person.objects.get(pk=nia.pk).deleted_at is not None
    assert api(client, "GET", f"/people/{nia.pk}").status_code == 404
    assert api(client, "PATCH", f"/people/{nia.pk}", {"city": "X"}).status_code == 404


def test_tags_are_added_and_removed(org_tree, personas, client_for, nia):
    client = client_for(personas.organizer)
    body = api(client, "POST", f"/people/{nia.pk}/tags", {"names": ["Donor", "  Host  "]}).json()
    assert body["tags"] == ["Donor", "Host"]
    assert api(client, "DELETE", f"/people/{nia.pk}/tags/donor").status_code == 204
    assert api(client, "GET", f"/people/{nia.pk}").json()["tags"] == ["Host"]
    assert api(client, "POST", f"/people/{nia.pk}/tags", {"names": []}).status_code == 422
    assert api(client, "POST", f"/people/{nia.pk}/tags", {"names": ["ok", " "]}).status_code == 422


def test_an_opt_out_by_api_records_source_and_suppresses_the_number(org_tree, personas, client_for, nia):
    response = api(client_for(personas.organizer), "POST", f"/people/{nia.pk}/opt-outs",
                   {"channel": "text", "source": "asked on a call", "note": "no texts please"})
    assert response.status_code == 201
    assert response.json()["consent"]["text_opted_out_at"] is not None
    event = ConsentEvent.objects.get(person=nia)
    assert (event.channel, event.source, event.note) == ("text", "asked on a call", "no texts please")
    assert Suppression.objects.filter(org=org_tree.org, channel="text", value="+12185550123").exists()
    bad = api(client_for(personas.organizer), "POST", f"/people/{nia.pk}/opt-outs", {"channel": "fax", "source": "x"})
    assert bad.status_code == 422


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("analyst", 403), ("outsider", 404)])
def test_it_guards_reads(org_tree, personas, client_for, nia, persona, status):
    assert api(client_for(getattr(personas, persona)), "GET", f"/people/{nia.pk}").status_code == status


def test_it_guards_writes_and_scope(org_tree, personas, client_for, nia):
    sibling = factories.person(org_tree.south_team)
    organizer = client_for(personas.organizer)
    assert api(organizer, "GET", f"/people/{sibling.pk}").status_code == 404
    assert api(organizer, "DELETE", f"/people/{sibling.pk}").status_code == 404
    assert api(organizer, "POST", "/people", {"team_id": org_tree.south.pk, "first_name": "X"}).status_code == 404
    assert api(organizer, "GET", f"/people?team_id={org_tree.south.pk}").status_code == 404
    assert api(client_for(personas.leader), "POST", "/people",
               {"team_id": org_tree.north_team.pk, "first_name": "X"}).status_code == 403
    assert api(Client(), "GET", f"/people/{nia.pk}").status_code == 401
    assert api(Client(), "DELETE", f"/people/{nia.pk}").status_code == 401
    assert Person.objects.filter(deleted_at__isnull=True).count() == 2
    assert api(organizer, "GET", "/people/999999").status_code == 404


def test_a_soft_deleted_person_does_not_show_in_search(org_tree, personas, client_for, nia):
    Person.objects.filter(pk=nia.pk).update(deleted_at=timezone.now())
    assert api(client_for(personas.organizer), "GET", "/people").json()["count"] == 0
