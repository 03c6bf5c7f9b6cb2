"""The events API: the public list with Mobilize's filters, detail, public signups (waitlist, replay, duplicates,
cancelled events, bad input) and the hosts' attendances."""

import datetime as dt
import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from groundswell.events.models import Signup
from groundswell.events.services_events import event_cancel
from groundswell.events.services_signups import share_link
from tests.conftest import actor_for
from tests.events.helpers import make_event


@pytest.fixture
def places(org_tree, organizer):
    """Events at known ZIPs: Lincoln Park (60614), Evanston (60201, ~9 mi), Madison (53703, ~120 mi)."""
    team = org_tree.north_team
    return {
        "chicago": make_event(organizer, team, title="Chicago canvass", zip="60614"),
        "evanston": make_event(organizer, team, title="Evanston phone bank", kind="phone_bank", zip="60201",
                               address1=""),
        "madison": make_event(organizer, org_tree.north, title="Madison training", kind="training", zip="53703",
                              address1="", days=10),
    }


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [e["title"] for e in response.json()["items"]]


def test_anyone_lists_upcoming_public_events_with_timeslots(places):
    body = Client().get("/api/v1/events").json()
    assert body["count"] == 3
    first = body["items"][0]
    assert first["title"] == "Chicago canvass" and first["timezone"] == "America/Chicago"
    assert first["location"]["postal_code"] == "60614" and first["location"]["location"]["latitude"]
    slot = first["timeslots"][0]
    assert slot["capacity"] == 2 and slot["places_left"] == 2 and slot["is_full"] is False
    assert slot["end_date"] - slot["start_date"] == 7200


def test_distance_type_team_and_time_filters(places, org_tree):
    client = Client()
    assert titles(client.get("/api/v1/events?zipcode=60614&max_dist=5")) == ["Chicago canvass"]
    assert set(titles(client.get("/api/v1/events?zipcode=60614&max_dist=20"))) == {"Chicago canvass",
                                                                                  "Evanston phone bank"}
    assert len(titles(client.get("/api/v1/events?zipcode=60614&max_dist=200"))) == 3
    near = client.get("/api/v1/events?zipcode=60614&max_dist=20").json()["items"]
    assert {e["title"]: round(e["distance_miles"]) for e in near}["Evanston phone bank"] in range(7, 12)
    assert titles(client.get("/api/v1/events?event_type=training")) == ["Madison training"]
    assert set(titles(client.get(f"/api/v1/events?team={org_tree.north_team.pk}"))) == {"Chicago canvass",
                                                                                        "Evanston phone bank"}
    week = int((timezone.now() + dt.timedelta(days=5)).timestamp())
    assert titles(client.get(f"/api/v1/events?timeslot_start=gte_{week}")) == ["Madison training"]
    assert "Madison training" not in titles(client.get(f"/api/v1/events?timeslot_start=lt_{week}"))
    later = int((timezone.now() + dt.timedelta(hours=1)).timestamp())
    assert titles(client.get(f"/api/v1/events?updated_since={later}")) == []


@pytest.mark.parametrize("query, field", [
    ("zipcode=99999", "zipcode"), ("zipcode=abc", "zipcode"), ("event_type=picnic", "event_type"),
    ("timeslot_start=soon", "timeslot_start"), ("max_dist=10", "max_dist"), ("max_dist=-1&zipcode=60614", None),
])
def test_bad_filters_are_422_with_the_field(places, query, field):
    response = Client().get(f"/api/v1/events?{query}")
    assert response.status_code == 422
    if field:
        assert field in response.json()["detail"]


def test_members_events_only_for_members_and_private_never_listed(org_tree, organizer, personas, client_for):
    make_event(organizer, org_tree.north_team, title="Members meeting", visibility="members")
    make_event(organizer, org_tree.north_team, title="Secret", visibility="private")
    assert titles(Client().get("/api/v1/events")) == []
    assert titles(client_for(personas.volunteer).get("/api/v1/events")) == ["Members meeting"]
    assert titles(client_for(personas.organizer).get("/api/v1/events")) == ["Members meeting"]  # not the private one


def post(event, body, client=None):
    return (client or Client()).post(f"/api/v1/events/{event.pk}/signups", json.dumps(body),
                                     content_type="application/json")


def person(n=1, **extra):
    return {"given_name": f"Pat{n}", "family_name": "Lee", "email_address": f"pat{n}@example.test",
            "postal_code": "60614"} | extra


def test_signup_then_waitlist_replay_and_duplicate(event, personas):
    slot = event.shifts.get().pk
    code = share_link(event=event, user=personas.volunteer).code
    first = post(event, {"person": person(1), "timeslots": [slot], "referrer_code": code})
    assert first.status_code == 201
    attendance = first.json()["attendances"][0]
    assert attendance["status"] == "confirmed" and "/events/s/" in attendance["manage_url"]
    assert Signup.objects.get(pk=attendance["id"]).referrer_id == personas.volunteer.pk
    key = str(uuid.uuid4())
    assert post(event, {"person": person(2), "timeslots": [slot], "client_uuid": key}).status_code == 201
    again = post(event, {"person": person(2), "timeslots": [slot], "client_uuid": key})
    assert again.status_code == 200 and Signup.objects.count() == 2
    third = post(event, {"person": person(3), "timeslots": [slot]})
    assert third.json()["attendances"][0]["status"] == "waitlisted"
    duplicate = post(event, {"person": person(1), "timeslots": [slot]})
    assert duplicate.status_code == 409 and "already signed up" in duplicate.json()["detail"]


@pytest.mark.parametrize("body, field", [
    ({"person": person(email_address="nope"), "timeslots": None}, "email"),
    ({"person": person(email_address="", phone_number=""), "timeslots": None}, "email"),
    ({"person": person(postal_code="00000"), "timeslots": None}, "zip"),
    ({"person": person(), "timeslots": [999999]}, "timeslots"),
    ({"person": person(), "timeslots": []}, None),
])
def test_bad_signups_are_422_and_store_nothing(event, body, field):
    body = body | {"timeslots": [event.shifts.get().pk] if body["timeslots"] is None else body["timeslots"]}
    response = post(event, body)
    assert response.status_code == 422
    if field:
        assert field in json.dumps(response.json()["detail"])
    assert not Signup.objects.exists()


def test_cancelled_event_signup_is_409_and_detail_says_cancelled(event, organizer):
    event_cancel(actor=organizer, event=event, reason="Storm")
    response = post(event, {"person": person(), "timeslots": [event.shifts.get().pk]})
    assert response.status_code == 409 and "cancelled" in response.json()["detail"]
    detail = Client().get(f"/api/v1/events/{event.pk}").json()
    assert detail["status"] == "cancelled" and detail["cancel_reason"] == "Storm"


def test_signed_in_browser_posting_without_token_is_treated_as_anonymous(event, personas, client_for):
    response = post(event, {"person": person(), "timeslots": [event.shifts.get().pk]}, client_for(personas.leader))
    assert response.status_code == 201
    assert Signup.objects.get().user_id is None


def test_attendances_are_for_hosts_only(event, personas, client_for, org_tree):
    post(event, {"person": person(), "timeslots": [event.shifts.get().pk]})
    url = f"/api/v1/events/{event.pk}/attendances"
    assert Client().get(url).status_code == 401
    assert client_for(personas.volunteer).get(url).status_code == 403
    body = client_for(personas.organizer).get(url).json()
    assert body["count"] == 1 and body["items"][0]["person"]["email_address"] == "pat1@example.test"
    assert body["items"][0]["attended"] is None
    south = make_event(actor_for(personas.admin), org_tree.south_team, title="South")
    assert client_for(personas.organizer).get(f"/api/v1/events/{south.pk}/attendances").status_code == 404
    assert client_for(personas.organizer).get(url + "?status=bogus").status_code == 422
