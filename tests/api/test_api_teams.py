import json

import pytest

from groundswell.accounts.services import api_token_create
from groundswell.orgs.models import Invitation, Membership, Team


def bearer(user) -> dict:
    _, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post_json(client, url, data, **headers):
    return client.post(url, data=json.dumps(data), content_type="application/json", **headers)


def test_it_lists_only_visible_teams_in_the_page_shape(client, personas, org_tree):
    response = client.get("/api/v1/teams?per_page=2", **bearer(personas.organizer))
    body = response.json()
    assert response.status_code == 200
    assert (body["count"], body["page"], body["per_page"], len(body["items"])) == (3, 1, 2, 2)
    assert {t["name"] for t in body["items"]} <= {"North Region", "North Chapter", "North Team"}


def test_it_hides_the_parent_id_of_a_team_above_your_scope(client, personas, org_tree):
    body = client.get(f"/api/v1/teams/{org_tree.north.pk}", **bearer(personas.organizer)).json()
    child = client.get(f"/api/v1/teams/{org_tree.north_chapter.pk}", **bearer(personas.organizer)).json()
    assert (body["parent_id"], child["parent_id"]) == (None, org_tree.north.pk)


def test_a_forged_team_id_is_404_with_a_json_detail(client, personas, org_tree):
    for team_id in (org_tree.south.pk, org_tree.other.pk, 999999):
        response = client.get(f"/api/v1/teams/{team_id}", **bearer(personas.organizer))
        assert response.status_code == 404
        assert response.json() == {"detail": "team not found"}


def test_it_requires_authentication(client, org_tree):
    response = client.get("/api/v1/teams")
    assert response.status_code == 401
    assert "detail" in response.json()
    assert client.get("/api/v1/teams", HTTP_AUTHORIZATION="Bearer nope").status_code == 401


def test_it_creates_a_sub_team_inheriting_the_time_zone(client, personas, org_tree):
    org_tree.north.time_zone = "America/Chicago"
    org_tree.north.save()
    response = post_json(client, "/api/v1/teams", {"parent_id": org_tree.north.pk, "name": "Lakeside"},
                         **bearer(personas.organizer))
    assert response.status_code == 201
    assert (response.json()["time_zone"], response.json()["parent_id"]) == ("America/Chicago", org_tree.north.pk)


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"name": ""}, "name"),
        ({"name": "X", "time_zone": "Mars/Olympus"}, "time_zone"),
        ({"name": "X", "kind": "galaxy"}, "kind"),
    ],
)
def test_bad_team_input_is_422_and_creates_nothing(client, personas, org_tree, payload, field):
    before = Team.objects.filter(path__startswith=org_tree.north.path).count()
    response = post_json(client, "/api/v1/teams", {"parent_id": org_tree.north.pk, **payload},
                         **bearer(personas.organizer))
    assert response.status_code == 422
    assert field in json.dumps(response.json()["detail"])
    assert Team.objects.filter(path__startswith=org_tree.north.path).count() == before


def test_a_malformed_body_is_a_4xx_not_a_500(client, personas, org_tree):
    response = client.post("/api/v1/teams", data="{not json", content_type="application/json",
                           **bearer(personas.organizer))
    assert response.status_code in (400, 422)
    assert "detail" in response.json()


def test_it_adds_a_member_recording_who_recruited_them(client, personas, org_tree):
    response = post_json(client, f"/api/v1/teams/{org_tree.north_team.pk}/members",
                         {"email": "Newbie@Example.org", "full_name": "New Bie", "role": "volunteer"},
                         **bearer(personas.organizer))
    assert response.status_code == 201
    membership = Membership.objects.get(pk=response.json()["id"])
    assert (membership.user.email, membership.recruited_by) == ("newbie@example.org", personas.organizer)


def test_an_organizer_cannot_make_someone_admin(client, personas, org_tree):
    response = post_json(client, f"/api/v1/teams/{org_tree.north_team.pk}/members",
                         {"email": "x@example.org", "full_name": "X", "role": "admin"}, **bearer(personas.organizer))
    assert response.status_code == 403
    assert not Membership.objects.filter(user__email="x@example.org").exists()


def test_a_new_member_without_a_name_gets_a_field_error(client, personas, org_tree):
    response = post_json(client, f"/api/v1/teams/{org_tree.north_team.pk}/members",
                         {"email": "nameless@example.org"}, **bearer(personas.organizer))
    assert response.status_code == 422
    assert "full_name" in response.json()["detail"]


def test_members_list_is_paginated_and_scoped(client, personas, org_tree):
    response = client.get(f"/api/v1/teams/{org_tree.north_team.pk}/members", **bearer(personas.leader))
    body = response.json()
    assert response.status_code == 200
    assert {m["email"] for m in body["items"]} == {"leader@example.test", "volunteer@example.test"}
    assert body["count"] == 2


def test_a_volunteer_may_not_list_members(client, personas, org_tree):
    response = client.get(f"/api/v1/teams/{org_tree.north_team.pk}/members", **bearer(personas.volunteer))
    assert response.status_code == 403


def test_it_creates_an_invitation_link(client, personas, org_tree):
    response = post_json(client, f"/api/v1/teams/{org_tree.north_team.pk}/invitations",
                         {"role": "volunteer", "max_uses": 20}, **bearer(personas.leader))
    assert response.status_code == 201
    invitation = Invitation.objects.get(pk=response.json()["id"])
    assert response.json()["url"].endswith(f"/join/{invitation.token}/")
    assert invitation.created_by == personas.leader


def test_a_leader_cannot_invite_organizers_and_an_expiry_must_be_in_the_future(client, personas, org_tree):
    url = f"/api/v1/teams/{org_tree.north_team.pk}/invitations"
    assert post_json(client, url, {"role": "organizer"}, **bearer(personas.leader)).status_code == 422
    past = post_json(client, url, {"expires_at": "2001-01-01T00:00:00Z"}, **bearer(personas.leader))
    assert past.status_code == 422
    assert "expires_at" in past.json()["detail"]
    assert not Invitation.objects.exists()


def test_the_openapi_document_is_served(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/teams/{team_id}/members" in schema["paths"]


def test_a_nul_character_is_a_field_error_on_every_database(client, personas, org_tree):
    response = post_json(client, "/api/v1/teams", {"parent_id": org_tree.north.pk, "name": "bad\x00name"},
                         **bearer(personas.organizer))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "name"]
    login = post_json(client, "/api/v1/auth/token", {"email": "a\x00@example.org", "password": "x"})
    assert login.status_code == 422


def test_a_bad_host_header_gets_a_json_400_on_the_api(client):
    response = client.get("/api/v1/me", HTTP_HOST="/_")
    assert response.status_code == 400
    assert response.json() == {"detail": "bad request"}
