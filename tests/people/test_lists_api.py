"""/api/v1/lists: scoped like the pages; a bad spec is a 422 with one message per field, never a 500."""

import json

import pytest

from groundswell.accounts.services import api_token_create
from groundswell.people.models import ListMember, PeopleList
from tests import factories


def bearer(user) -> dict:
    _, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post(client, user, data):
    return client.post("/api/v1/lists", data=json.dumps(data), content_type="application/json", **bearer(user))


@pytest.fixture
def people(org_tree):
    return [factories.person(org_tree.north, party="DEM", last_name=f"Dem{i}") for i in range(3)] + [
        factories.person(org_tree.north, party="REP"), factories.person(org_tree.south, party="DEM")]


def test_it_creates_a_dynamic_list_and_reports_its_count(client, personas, org_tree, people):
    response = post(client, personas.organizer, {"team_id": org_tree.north.pk, "name": "Dems",
                                                 "filters": {"party": ["DEM"]}})
    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "dynamic" and body["count"] == 3 and body["filters"] == {"party": ["DEM"]}
    assert PeopleList.objects.get(pk=body["id"]).team == org_tree.north


def test_it_creates_a_static_list_filled_now(client, personas, org_tree, people):
    response = post(client, personas.organizer, {"team_id": org_tree.north.pk, "name": "Reps", "kind": "static",
                                                 "filters": {"party": ["REP"]}})
    assert response.status_code == 201
    assert list(ListMember.objects.filter(list_id=response.json()["id"]).values_list("person_id", flat=True)) == [
        people[3].pk]


def test_a_bad_spec_is_422_with_field_messages_and_creates_nothing(client, personas, org_tree):
    response = post(client, personas.organizer, {"team_id": org_tree.north.pk, "name": "Bad", "filters": {
        "party": "DEM", "age": {"min": -3}, "shoe_size": [42], "voted": {"at_least": {"n": 5, "of": ["2024"]}}}})
    assert response.status_code == 422
    assert set(response.json()["detail"]) == {"age.min", "shoe_size", "voted.at_least.n"}
    assert not PeopleList.objects.exists()


@pytest.mark.parametrize("payload", [
    {"name": "No team"},
    {"team_id": "north", "name": "x"},
    {"team_id": 1, "name": ""},
    {"team_id": 1, "name": "x", "kind": "frozen"},
    {"team_id": 1, "name": "x", "filters": ["party"]},
    {"team_id": 1, "name": "x\x00"},
])
def test_malformed_bodies_are_422(client, personas, org_tree, payload):
    payload = {**payload, "team_id": org_tree.north.pk} if payload.get("team_id") == 1 else payload
    assert post(client, personas.organizer, payload).status_code == 422


def test_creating_on_a_team_out_of_scope_is_404_and_without_the_right_403(client, personas, org_tree):
    assert post(client, personas.organizer, {"team_id": org_tree.south.pk, "name": "x"}).status_code == 404
    assert post(client, personas.leader, {"team_id": org_tree.north_team.pk, "name": "x"}).status_code == 403
    assert not PeopleList.objects.exists()


def test_listing_shows_only_lists_in_scope_optionally_under_one_team(client, personas, org_tree):
    north = factories.people_list(org_tree.north)
    chapter = factories.people_list(org_tree.north_chapter)
    factories.people_list(org_tree.south)
    response = client.get("/api/v1/lists", **bearer(personas.organizer))
    assert response.status_code == 200
    assert {item["id"] for item in response.json()["items"]} == {north.pk, chapter.pk}
    under = client.get(f"/api/v1/lists?team_id={org_tree.north_chapter.pk}", **bearer(personas.organizer))
    assert [item["id"] for item in under.json()["items"]] == [chapter.pk]
    assert client.get(f"/api/v1/lists?team_id={org_tree.south.pk}", **bearer(personas.organizer)).status_code == 404


def test_a_lists_people_are_paginated_and_scoped(client, personas, org_tree, people):
    dems = factories.people_list(org_tree.org, filters={"party": ["DEM"]})
    admin = client.get(f"/api/v1/lists/{dems.pk}/people?per_page=2", **bearer(personas.admin)).json()
    assert admin["count"] == 4 and len(admin["items"]) == 2
    # The organization-wide list is not visible to a regional organizer at all.
    response = client.get(f"/api/v1/lists/{dems.pk}/people", **bearer(personas.organizer))
    assert response.status_code == 404
    north = factories.people_list(org_tree.north, filters={"party": ["DEM"]})
    body = client.get(f"/api/v1/lists/{north.pk}/people", **bearer(personas.organizer)).json()
    assert {item["id"] for item in body["items"]} == {p.pk for p in people[:3]}
    assert set(body["items"][0]) >= {"id", "first_name", "last_name", "zip", "party"}


def test_another_teams_list_is_404_and_anonymous_is_401(client, personas, org_tree):
    south = factories.people_list(org_tree.south)
    assert client.get(f"/api/v1/lists/{south.pk}", **bearer(personas.organizer)).status_code == 404
    assert client.get(f"/api/v1/lists/{south.pk}/people", **bearer(personas.outsider)).status_code == 404
    assert client.get(f"/api/v1/lists/{south.pk}/people").status_code == 401
    assert client.get("/api/v1/lists/0/people?page=0", **bearer(personas.organizer)).status_code == 422


def test_a_lists_detail_has_its_current_count(client, personas, org_tree, people):
    dems = factories.people_list(org_tree.north, filters={"party": ["DEM"]})
    body = client.get(f"/api/v1/lists/{dems.pk}", **bearer(personas.organizer)).json()
    assert (body["id"], body["count"], body["kind"]) == (dems.pk, 3, "dynamic")
    factories.person(org_tree.north_team, party="DEM")
    assert client.get(f"/api/v1/lists/{dems.pk}", **bearer(personas.organizer)).json()["count"] == 4
