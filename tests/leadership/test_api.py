"""The leadership API: one-on-ones listed, scheduled and recorded (422 with field messages, nothing saved; a
replayed client_uuid answers 200 once stored), and a person's ladder; outsiders get 404."""

import datetime as dt
import json
import uuid

import pytest
from django.utils import timezone

from groundswell.leadership.models import Commitment, OneOnOne
from groundswell.leadership.services_ladder import person_place
from tests import factories


def api(client, method: str, url: str, data=None):
    body = json.dumps(data) if data is not None else None
    return client.generic(method, "/api/v1" + url, data=body, content_type="application/json")


def soon(days: int = 2) -> str:
    return (timezone.now() + dt.timedelta(days=days)).isoformat()


def test_schedule_record_and_list(org_tree, personas, client_for, val):
    client = client_for(personas.leader)
    made = api(client, "POST", "/one-on-ones", {"team_id": org_tree.north_team.pk, "person_id": val.pk,
                                                "scheduled_for": soon(), "medium": "video"})
    assert made.status_code == 201 and made.json()["status"] == "scheduled"
    held = api(client, "POST", "/one-on-ones", {
        "team_id": org_tree.north_team.pk, "person_id": val.pk, "held_at": timezone.now().isoformat(),
        "values": ["justice"], "commitment": "Lead a canvass", "commitment_due": (dt.date.today()).isoformat()})
    assert held.status_code == 201
    body = held.json()
    assert body["status"] == "held" and body["values"] == ["justice"]
    assert body["commitments"][0]["what"] == "Lead a canvass"
    listed = api(client, "GET", "/one-on-ones?status=held").json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    assert api(client_for(personas.outsider), "GET", "/one-on-ones").json()["count"] == 0
    assert api(client_for(personas.volunteer), "GET", "/one-on-ones").json()["count"] == 0


@pytest.mark.parametrize("query, status", [
    ("person_id=" + "9" * 30, 422),  # larger than any id: it used to overflow the database (500)
    ("team_id=" + "9" * 30, 422),
    ("person_id=0", 422),
    ("status=bogus", 422),
    ("team_id=999999", 404),  # a team the caller cannot see, as everywhere in the API
])
def test_bad_list_filters_are_4xx(org_tree, personas, client_for, query, status):
    reply = api(client_for(personas.leader), "GET", f"/one-on-ones?{query}")
    assert reply.status_code == status
    assert reply.json()["detail"]


def test_list_filtered_by_team_and_person(org_tree, personas, client_for, val):
    client = client_for(personas.leader)
    made = api(client, "POST", "/one-on-ones", {"team_id": org_tree.north_team.pk, "person_id": val.pk,
                                                "scheduled_for": soon(), "medium": "video"}).json()
    by_team = api(client, "GET", f"/one-on-ones?team_id={org_tree.north_team.pk}&person_id={val.pk}").json()
    assert [item["id"] for item in by_team["items"]] == [made["id"]]
    assert api(client, "GET", "/one-on-ones?status=cancelled").json()["count"] == 0


@pytest.mark.parametrize("changes, field", [
    ({"scheduled_for": None}, "scheduled_for"),
    ({"scheduled_for": "2020-01-01T10:00:00Z"}, "scheduled_for"),
    ({"held_at": "2020-01-01T10:00:00Z", "commitment": "Call 10 friends"}, "commitment_due"),
    ({"medium": "carrier pigeon"}, "medium"),
    ({"values": "not a list"}, "values"),
])
def test_bad_one_on_ones_are_422_and_nothing_is_saved(org_tree, personas, client_for, val, changes, field):
    payload = {"team_id": org_tree.north_team.pk, "person_id": val.pk, "scheduled_for": soon(), **changes}
    reply = api(client_for(personas.leader), "POST", "/one-on-ones", payload)
    assert reply.status_code == 422
    assert field in json.dumps(reply.json()["detail"])
    assert not OneOnOne.objects.exists() and not Commitment.objects.exists()


def test_a_person_out_of_reach_is_a_field_error(org_tree, personas, client_for):
    crm_only = factories.person(org_tree.north_team)  # a leader does not reach the CRM
    sibling = factories.person(org_tree.south_team)
    for client, person in ((client_for(personas.leader), crm_only), (client_for(personas.organizer), sibling)):
        reply = api(client, "POST", "/one-on-ones", {"team_id": org_tree.north_team.pk, "person_id": person.pk,
                                                      "scheduled_for": soon()})
        assert reply.status_code == 422 and "person_id" in reply.json()["detail"]
    assert not OneOnOne.objects.exists()


def test_a_replayed_client_uuid_is_stored_once(org_tree, personas, client_for, val):
    payload = {"team_id": org_tree.north_team.pk, "person_id": val.pk, "scheduled_for": soon(),
               "client_uuid": str(uuid.uuid4())}
    client = client_for(personas.leader)
    first, again = api(client, "POST", "/one-on-ones", payload), api(client, "POST", "/one-on-ones", payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and OneOnOne.objects.count() == 1


def test_a_persons_ladder(org_tree, personas, client_for, organizer, val, stages):
    person_place(actor=organizer, person=val, team=org_tree.north_team, stage=stages["Volunteer"])
    person_place(actor=organizer, person=val, team=org_tree.north_team, stage=stages["Leader"])
    reply = api(client_for(personas.leader), "GET", f"/people/{val.pk}/ladder")
    assert reply.status_code == 200
    body = reply.json()
    assert [p["stage"]["name"] for p in body["placements"]] == ["Leader"]
    assert [(m["from_stage"], m["to_stage"]) for m in body["moves"]] == [("Volunteer", "Leader"), (None, "Volunteer")]
    assert [s["name"] for s in body["stages"]][:2] == ["Supporter", "Volunteer"]
    assert api(client_for(personas.outsider), "GET", f"/people/{val.pk}/ladder").status_code == 404
    assert api(client_for(personas.volunteer), "GET", f"/people/{val.pk}/ladder").status_code == 403
