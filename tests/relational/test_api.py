"""/api/v1/relationships and /api/v1/programs: own contacts only (404 for anyone else's, on every owner-only page
and operation), idempotent create (201 then 200), field-named 422s, the match answers, program visibility, and
the report (403/404/200, numbers equal to report.program_report)."""

import datetime as dt
import json
import uuid

import numpy as np
import pytest
from django.test import Client

from groundswell.accounts.services import api_token_create
from groundswell.relational.models import Captain, CaptainPerson, Program, Relationship
from groundswell.relational.report import program_report
from groundswell.relational.selectors import captain_people
from groundswell.relational.services_ballots import ballot_import
from groundswell.relational.services_conversations import conversation_log
from groundswell.relational.services_programs import captain_commit, captain_enrol
from tests import factories
from tests.conftest import actor_for
from tests.relational import routes_api, routes_people, routes_programs
from tests.relational.helpers import captain_with_list, program


def api(client: Client, method: str, url: str, data=None):
    body = json.dumps(data) if data is not None else ""
    return client.generic(method, "/api/v1" + url, data=body, content_type="application/json")


@pytest.fixture
def robert(org_tree):
    """A voter-file person the matcher finds for "Bob Smith, Chicago"."""
    return factories.person(org_tree.north, first_name="ROBERT", last_name="SMITH", city="CHICAGO",
                            birth_date=dt.date(1980, 3, 2), phones=["+13125550101"])


# Contacts -------------------------------------------------------------------------------------------------------


def test_create_then_the_same_client_uuid_again_is_one_contact(personas, client_for, robert):
    client = client_for(personas.volunteer)
    body = {"first_name": "Bob", "last_name": "Smith", "city": "Chicago", "kind": "coworker", "closeness": 3,
            "phones": [{"value": "(312) 555-0101", "shared": True}], "emails": [{"value": "Bob@Example.org"}],
            "client_uuid": str(uuid.uuid4())}
    first = api(client, "POST", "/relationships", body)
    again = api(client, "POST", "/relationships", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert Relationship.objects.filter(owner=personas.volunteer).count() == 1
    contact = first.json()
    assert (contact["kind"], contact["closeness"], contact["match_status"]) == ("coworker", 3, "candidates")
    assert {(p["kind"], p["value"], p["shared"]) for p in contact["points"]} == {
        ("phone", "+13125550101", True), ("email", "bob@example.org", False)}
    assert Relationship.objects.get().source == Relationship.Source.API


def test_a_candidate_is_the_minimal_card_only(personas, client_for, robert):
    contact = api(client_for(personas.volunteer), "POST", "/relationships",
                  {"first_name": "Bob", "last_name": "Smith", "city": "Chicago"}).json()
    (card,) = [c for c in contact["candidates"] if c["person_id"] == robert.pk]
    assert set(card) == {"person_id", "probability", "agreements", "first_name", "last_initial", "age", "city"}
    assert (card["first_name"], card["last_initial"], card["city"]) == ("Robert", "S", "Chicago")
    assert card["age"] >= 46 and card["agreements"]["first_name"] == "nickname"
    assert "smith" not in json.dumps(card).lower() and "0101" not in json.dumps(card)  # no surname, no phone


def test_the_list_is_the_callers_own_with_filters(personas, client_for, robert):
    volunteer, leader = client_for(personas.volunteer), client_for(personas.leader)
    for name in ("Bob Smith", "Ann Lee", "Zed Ray"):
        first, last = name.split()
        api(volunteer, "POST", "/relationships", {"first_name": first, "last_name": last, "city": "Chicago"})
    api(leader, "POST", "/relationships", {"first_name": "Leader", "last_name": "Friend"})
    body = api(volunteer, "GET", "/relationships").json()
    assert [c["first_name"] for c in body["items"]] == ["Ann", "Bob", "Zed"]
    assert (body["count"], body["page"], body["per_page"]) == (3, 1, 50)
    assert [c["first_name"] for c in api(volunteer, "GET", "/relationships?q=lee").json()["items"]] == ["Ann"]
    waiting = api(volunteer, "GET", "/relationships?match_status=candidates").json()["items"]
    assert [c["first_name"] for c in waiting] == ["Bob"]
    assert api(volunteer, "GET", "/relationships?match_status=merged").status_code == 422
    paged = api(volunteer, "GET", "/relationships?per_page=2&page=2").json()
    assert [c["first_name"] for c in paged["items"]] == ["Zed"] and paged["count"] == 3
    assert [c["first_name"] for c in api(leader, "GET", "/relationships").json()["items"]] == ["Leader"]


@pytest.mark.parametrize("body, field", [
    ({"last_name": "", "city": "Chicago"}, "first_name"),
    ({"first_name": "   "}, "first_name"),
    ({"first_name": "Ann", "phones": [{"value": "call me maybe"}]}, "phones"),
    ({"first_name": "Ann", "emails": [{"value": "not-an-email"}]}, "emails"),
    ({"first_name": "Ann", "birthday": "12/04/85"}, "birthday"),
])
def test_field_errors_are_422_naming_the_field(personas, client_for, body, field):
    response = api(client_for(personas.volunteer), "POST", "/relationships", body)
    assert response.status_code == 422
    assert field in response.json()["detail"]
    assert not Relationship.objects.exists()


@pytest.mark.parametrize("body", [
    {"first_name": "An\x00n"},
    {"first_name": "Ann", "phones": [{"value": "312\x00555 0101"}]},
    {"first_name": "Ann", "kind": "enemy"},
    {"first_name": "Ann", "closeness": 7},
    {"first_name": "A" * 81},
    {"first_name": "Ann", "client_uuid": "not-a-uuid"},
])
def test_schema_errors_are_422(personas, client_for, body):
    response = api(client_for(personas.volunteer), "POST", "/relationships", body)
    assert response.status_code == 422
    assert not Relationship.objects.exists()


def test_someone_elses_client_uuid_is_a_422_not_their_contact(personas, client_for):
    key = str(uuid.uuid4())
    assert api(client_for(personas.leader), "POST", "/relationships", {"first_name": "X", "client_uuid": key}
               ).status_code == 201
    response = api(client_for(personas.volunteer), "POST", "/relationships", {"first_name": "Y", "client_uuid": key})
    assert response.status_code == 422 and "client_uuid" in response.json()["detail"]


@pytest.mark.parametrize("who, status", [
    ("admin", 201), ("organizer", 201), ("leader", 201), ("volunteer", 201), ("analyst", 403), ("steward", 403),
    ("outsider", 201),
])
def test_only_members_who_make_contacts_keep_a_list(personas, client_for, who, status):
    """The matrix posts without a body (422 for all); with one, roles with no team to keep contacts for get 403."""
    response = api(client_for(getattr(personas, who)), "POST", "/relationships", {"first_name": "Ann"})
    assert response.status_code == status


def test_reading_one_contact_and_404_for_anyone_elses(personas, client_for):
    mine = api(client_for(personas.volunteer), "POST", "/relationships", {"first_name": "Ann"}).json()
    assert api(client_for(personas.volunteer), "GET", f"/relationships/{mine['id']}").json() == mine
    for other in (personas.leader, personas.organizer, personas.admin, personas.outsider):
        assert api(client_for(other), "GET", f"/relationships/{mine['id']}").status_code == 404
        assert api(client_for(other), "POST", f"/relationships/{mine['id']}/match",
                   {"action": "none"}).status_code == 404
    assert api(client_for(personas.volunteer), "GET", "/relationships/99999999").status_code == 404


OWNER_ONLY = {**routes_people.OWNED, **routes_programs.OWNED, **routes_api.OWNED}


@pytest.mark.parametrize("name", sorted(OWNER_ONLY))
def test_owner_only_routes_are_404_to_anyone_else(name, personas, client_for):
    """What the matrix's "self" cannot say: someone else's contact, point, captaincy or list entry is 404 for every
    role, even an admin above the owner's team; the owner is served (see routes_*.py for what "served" is)."""
    route = OWNER_ONLY[name]
    url = route.url(personas.volunteer)
    data = route.payload(None) if route.payload else {}

    def call(user):
        client = client_for(user)
        if route.method == "GET":
            return client.get(url)
        if route.json:
            return client.generic("POST", url, data=json.dumps(data), content_type="application/json")
        return client.post(url, data)

    for other in (personas.admin, personas.organizer, personas.leader, personas.analyst, personas.outsider):
        assert call(other).status_code == 404, other.email
    assert call(personas.volunteer).status_code in route.ok


def test_match_confirm_then_undo_round_trip(personas, client_for, robert):
    client = client_for(personas.volunteer)
    contact = api(client, "POST", "/relationships", {"first_name": "Bob", "last_name": "Smith", "city": "Chicago"}
                  ).json()
    url = f"/relationships/{contact['id']}/match"
    confirmed = api(client, "POST", url, {"action": "confirm", "person_id": robert.pk})
    assert confirmed.status_code == 200
    assert (confirmed.json()["match_status"], confirmed.json()["person_id"]) == ("confirmed", robert.pk)
    assert Relationship.objects.get(pk=contact["id"]).person_id == robert.pk
    undone = api(client, "POST", url, {"action": "undo"}).json()
    assert (undone["match_status"], undone["person_id"]) == ("candidates", None)
    assert robert.pk in {c["person_id"] for c in undone["candidates"]}  # offered again


def test_match_reject_and_none(personas, client_for, robert):
    client = client_for(personas.volunteer)
    contact = api(client, "POST", "/relationships", {"first_name": "Bob", "last_name": "Smith", "city": "Chicago"}
                  ).json()
    url = f"/relationships/{contact['id']}/match"
    rejected = api(client, "POST", url, {"action": "reject", "person_id": robert.pk}).json()
    assert robert.pk not in {c["person_id"] for c in rejected["candidates"]}
    assert api(client, "POST", url, {"action": "confirm", "person_id": robert.pk}).status_code == 404  # not open
    assert api(client, "POST", url, {"action": "none"}).json()["match_status"] == "none"


@pytest.mark.parametrize("body, status", [
    ({"action": "confirm"}, 422),
    ({"action": "reject"}, 422),
    ({"action": "merge", "person_id": 1}, 422),
    ({"person_id": 1}, 422),
    ({"action": "confirm", "person_id": 0}, 422),
    ({"action": "confirm", "person_id": 2**70}, 422),
    ({"action": "confirm", "person_id": 987654}, 404),  # not one of this contact's open candidates
])
def test_match_answers_that_cannot_be_applied(personas, client_for, robert, body, status):
    client = client_for(personas.volunteer)
    contact = api(client, "POST", "/relationships", {"first_name": "Bob", "last_name": "Smith", "city": "Chicago"}
                  ).json()
    response = api(client, "POST", f"/relationships/{contact['id']}/match", body)
    assert response.status_code == status
    if body == {"action": "confirm"}:
        assert "person_id" in response.json()["detail"]
    assert Relationship.objects.get(pk=contact["id"]).match_status == "candidates"


def test_bearer_token_and_anonymous(personas):
    _, secret = api_token_create(user=personas.volunteer, name="phone")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api(client, "POST", "/relationships", {"first_name": "Ann"}).status_code == 201
    assert api(client, "GET", "/relationships").json()["count"] == 1
    assert api(Client(), "GET", "/relationships").status_code == 401
    assert api(Client(), "POST", "/relationships", {"first_name": "Ann"}).status_code == 401


# Programs -------------------------------------------------------------------------------------------------------


def test_programs_listed_as_the_caller_may_see_them(personas, client_for, org_tree):
    north = program(personas.organizer, org_tree.north, name="North captains")
    program(personas.admin, org_tree.org, name="National captains")
    program(personas.admin, org_tree.south, name="South captains")
    captain_enrol(actor=actor_for(personas.volunteer), program=north)

    def names(user):
        return {p["name"]: p for p in api(client_for(user), "GET", "/programs").json()["items"]}

    mine = names(personas.volunteer)
    assert set(mine) == {"North captains", "National captains"}  # their branch, above included; never the south
    assert mine["North captains"]["is_captain"] and not mine["National captains"]["is_captain"]
    assert mine["North captains"]["captains"] == 1
    assert (mine["North captains"]["team_id"], mine["North captains"]["status"]) == (org_tree.north.pk, "running")
    assert set(names(personas.analyst)) == {"North captains"}  # reports on North, takes part in nothing
    assert set(names(personas.admin)) == {"North captains", "National captains", "South captains"}
    assert names(personas.outsider) == {}


def test_report_is_403_without_view_reports_and_404_outside(personas, client_for, org_tree):
    """The volunteer and the leader are on North Team; the others on North Region or above."""
    team = program(personas.organizer, org_tree.north_team)
    region = program(personas.organizer, org_tree.north)
    south = program(personas.admin, org_tree.south)
    assert api(client_for(personas.volunteer), "GET", f"/programs/{team.pk}/report").status_code == 403
    for user in (personas.organizer, personas.leader, personas.analyst, personas.steward, personas.admin):
        assert api(client_for(user), "GET", f"/programs/{team.pk}/report").status_code == 200
    # Listed to the volunteer and the leader (they may be captains there) but above their subtree: not theirs to
    # report on, like anything outside it.
    assert {p["id"] for p in api(client_for(personas.volunteer), "GET", "/programs").json()["items"]} == {
        team.pk, region.pk}
    for user in (personas.volunteer, personas.leader):
        assert api(client_for(user), "GET", f"/programs/{region.pk}/report").status_code == 404
    assert api(client_for(personas.organizer), "GET", f"/programs/{south.pk}/report").status_code == 404
    assert api(client_for(personas.outsider), "GET", f"/programs/{team.pk}/report").status_code == 404
    assert api(client_for(personas.organizer), "GET", "/programs/99999999/report").status_code == 404


def test_report_numbers_are_program_report(personas, client_for, org_tree):
    """Four captains with randomized lists, conversations and a turnout file: the API says what the report says."""
    prog = program(personas.organizer, org_tree.north, goal_min=4, goal_max=20)
    rng = np.random.default_rng(11)
    for c in range(4):
        user = factories.user(full_name=f"Cap {c} Tain")
        factories.membership(org_tree.north_team, "volunteer", user_obj=user)
        actor = actor_for(user)
        captain = captain_with_list(actor, prog, org_tree.north, 10, prefix=f"K{c}-")
        captain_commit(actor=actor, captain=captain)
        for entry in captain_people(captain):
            if rng.random() < 0.7:
                conversation_log(actor=actor, relationship=entry.relationship, client_uuid=uuid.uuid4())
    ids = [e.person.external_ids.get().value for e in CaptainPerson.objects.filter(captain__program=prog)
           if rng.random() < (0.7 if e.arm == "treatment" else 0.4)]
    ballot_import(actor=actor_for(personas.organizer), program=prog, kind="final", file_name="turnout.csv",
                  data=("voter_id\n" + "\n".join(ids) + "\n").encode())
    prog.refresh_from_db()
    expected = program_report(prog)
    assert expected.evaluation is not None, expected.evaluation_problem

    body = api(client_for(personas.organizer), "GET", f"/programs/{prog.pk}/report").json()
    assert body["counts"] == {"captains": 4, "people": expected.people, "contacted": expected.contacted,
                              "voted": expected.voted}
    assert body["turnout_known"] and body["evaluation_problem"] == ""
    assert [line["captain_id"] for line in body["captains"]] == [line.captain_id for line in expected.captains]
    for got, line in zip(body["captains"], expected.captains, strict=True):
        assert got == {"captain_id": line.captain_id, "name": line.name, "listed": line.listed,
                       "treated": line.treated, "contacted": line.contacted, "voted": line.voted,
                       "committed": line.committed, "predictions": line.predictions,
                       "predictions_right": line.predictions_right}
    ev = expected.evaluation
    assert body["evaluation"] == {name: getattr(ev, name) for name in (
        "n_treated", "n_control", "turnout_treated", "turnout_control", "itt", "se", "ci_low", "ci_high", "p_value",
        "cace", "cace_se", "n_clusters")}
    # An analyst reads the same numbers but not the captains' names (members' personal data: VIEW_MEMBERS).
    analyst = api(client_for(personas.analyst), "GET", f"/programs/{prog.pk}/report").json()
    assert {line["name"] for line in analyst["captains"]} == {None}
    assert analyst["evaluation"] == body["evaluation"] and analyst["counts"] == body["counts"]


def test_report_without_an_evaluation_says_why(personas, client_for, org_tree):
    prog = program(personas.organizer, org_tree.north, evaluate=False)
    body = api(client_for(personas.analyst), "GET", f"/programs/{prog.pk}/report").json()
    assert body["evaluation"] is None and "not set up as a randomized evaluation" in body["evaluation_problem"]
    assert body["counts"] == {"captains": 0, "people": 0, "contacted": 0, "voted": 0} and body["captains"] == []


def test_programs_list_counts_captains_and_paginates(personas, client_for, org_tree):
    for i in range(3):
        program(personas.organizer, org_tree.north, name=f"Program {i}")
    prog = Program.objects.get(name="Program 1")
    for user in (personas.volunteer, personas.leader):
        captain_enrol(actor=actor_for(user), program=prog)
    body = api(client_for(personas.organizer), "GET", "/programs?per_page=2").json()
    assert body["count"] == 3 and len(body["items"]) == 2
    everything = api(client_for(personas.organizer), "GET", "/programs?per_page=10").json()["items"]
    assert [p["name"] for p in everything] == ["Program 2", "Program 1", "Program 0"]  # newest first
    assert {p["name"]: p["captains"] for p in everything}["Program 1"] == 2
    assert Captain.objects.filter(program=prog).count() == 2
