"""/api/v1/outreach and /api/v1/attempts: claim (200/204/409), release, idempotent attempts, a contact held by
someone else (409, kept as a note), field-named 422s, stats, and scope (404 outside the branch, 401 anonymous)."""

import datetime as dt
import json
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client

from groundswell.accounts.services import api_token_create
from groundswell.orgs.access import Actor
from groundswell.outreach import claims
from groundswell.outreach.models import Campaign, ContactAttempt, Target
from groundswell.outreach.services import question_save
from groundswell.people.models import Note
from tests import factories

# 18:00 UTC is 12:00 in Chicago, where the contacts live; 04:00 UTC is 22:00 there (outside every window).
NOON = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)
NIGHT = dt.datetime(2026, 11, 24, 4, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock(monkeypatch):
    """Set the time every service reads (timezone.now); NOON unless a test moves it."""

    def set_to(moment: dt.datetime) -> None:
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    set_to(NOON)
    return set_to


def api(client: Client, method: str, url: str, data=None):
    body = json.dumps(data) if data is not None else ""
    return client.generic(method, "/api/v1" + url, data=body, content_type="application/json")


def _people(team, n: int, start: int = 0):
    return [factories.person(team, first_name=f"Pat{i}", last_name="Caller", city="Chicago",
                             phones=[f"+1312555{i:04d}"], time_zone="America/Chicago")
            for i in range(start, start + n)]


def _volunteers(team, n: int):
    users = [factories.user(full_name=f"Vol {i} Unteer") for i in range(n)]
    for user in users:
        factories.membership(team, "volunteer", user_obj=user)
    return users


@pytest.fixture
def campaign(org_tree):
    """A live campaign of North Region (above the volunteers' team) with three Chicago contacts and a survey."""
    record = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 3), live=True,
                                script="Hi {first_name}, this is {volunteer_first_name} from {team_name}.")
    organizer = factories.user()
    factories.membership(org_tree.north, "organizer", user_obj=organizer)
    question_save(actor=Actor.for_user(organizer), campaign=record, key="support", prompt="Will you support us?",
                  kind="single", choices=["yes", "no"])
    question_save(actor=Actor.for_user(organizer), campaign=record, key="issues", prompt="Which issues?",
                  kind="multiple", choices=["housing", "transit", "schools"])
    return record


def attempt(campaign, target_id, **fields) -> dict:
    return {"campaign_id": campaign.pk, "target_id": target_id, "result": "no_answer",
            "client_uuid": str(uuid.uuid4()), **fields}


def test_it_lists_the_live_campaigns_a_caller_may_work_on(org_tree, personas, client_for, campaign, clock):
    factories.campaign(org_tree.north, name="Still a draft")
    factories.campaign(org_tree.south, people=_people(org_tree.south_team, 1, 50), live=True, name="South bank")
    body = api(client_for(personas.volunteer), "GET", "/outreach").json()
    assert [c["name"] for c in body["items"]] == [campaign.name]
    assert body["count"] == 1
    assert body["items"][0]["team_name"] == "North Region"
    assert body["items"][0]["window_start"] == "09:00:00"


def test_it_shows_a_campaign_to_a_caller_with_its_survey_and_result_codes(personas, client_for, campaign, clock):
    body = api(client_for(personas.volunteer), "GET", f"/outreach/{campaign.pk}").json()
    assert body["script"] == "Hi {first_name}, this is {volunteer_first_name} from {team_name}."
    assert [(q["key"], q["kind"]) for q in body["questions"]] == [("support", "single"), ("issues", "multiple")]
    assert [c["value"] for c in body["questions"][0]["choices"]] == ["yes", "no"]
    codes = {c["code"]: c for c in body["result_codes"]}
    assert codes["contacted"]["category"] == "reached" and codes["contacted"]["final"] is True
    assert codes["no_answer"]["final"] is False


def test_a_claim_hands_out_a_contact_with_the_number_and_the_script_filled(personas, client_for, campaign, clock):
    response = api(client_for(personas.volunteer), "POST", f"/outreach/{campaign.pk}/claim")
    assert response.status_code == 200
    body = response.json()
    target = Target.objects.get(pk=body["target_id"])
    assert target.claimed_by_id == personas.volunteer.pk
    assert body["person"] == {"id": target.person_id, "first_name": "Pat0", "last_name": "Caller", "city": "Chicago",
                              "time_zone": "America/Chicago"}
    assert body["phone"] == "+13125550000"
    assert body["script"] == "Hi Pat0, this is Val from North Region."
    assert dt.datetime.fromisoformat(body["claimed_until"]) == NOON + dt.timedelta(minutes=campaign.claim_minutes)


def test_a_claim_is_204_when_it_is_night_where_every_contact_lives(personas, client_for, campaign, clock):
    clock(NIGHT)
    response = api(client_for(personas.volunteer), "POST", f"/outreach/{campaign.pk}/claim")
    assert response.status_code == 204
    assert response.content == b""
    assert not Target.objects.filter(claimed_by__isnull=False).exists()


def test_a_claim_on_a_paused_campaign_is_409(personas, client_for, campaign, clock):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.PAUSED)
    response = api(client_for(personas.volunteer), "POST", f"/outreach/{campaign.pk}/claim")
    assert response.status_code == 409
    assert "paused" in response.json()["detail"]


def test_a_claim_beyond_the_callers_cap_is_409(personas, client_for, campaign, clock):
    Campaign.objects.filter(pk=campaign.pk).update(finish_open_first=False, max_open_claims=1)
    client = client_for(personas.volunteer)
    assert api(client, "POST", f"/outreach/{campaign.pk}/claim").status_code == 200
    response = api(client, "POST", f"/outreach/{campaign.pk}/claim")
    assert response.status_code == 409
    assert "already hold 1" in response.json()["detail"]


def test_two_callers_never_get_the_same_contact(org_tree, client_for, campaign, clock):
    clients = [client_for(u) for u in _volunteers(org_tree.north_team, 4)]
    handed = []
    for client in clients:
        response = api(client, "POST", f"/outreach/{campaign.pk}/claim")
        handed.append(response.json()["target_id"] if response.status_code == 200 else None)
    assert sorted(t for t in handed if t) == sorted(Target.objects.filter(campaign=campaign).values_list("pk",
                                                                                                       flat=True))
    assert handed[3] is None  # three contacts, four callers: the fourth is told nobody is left (204)


@pytest.mark.django_db(transaction=True)
def test_callers_claiming_at_the_same_time_never_share_a_contact(org_tree, client_for, clock):
    """Real concurrency: threads with their own connections claim and save until the queue is empty."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; this checks SKIP LOCKED under concurrent transactions")
    bank = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 40), live=True)
    clients = [client_for(u) for u in _volunteers(org_tree.north_team, 8)]
    handed: list[tuple[int, int]] = []
    failures: list[str] = []
    lock = threading.Lock()

    def call(n: int, client: Client) -> None:
        try:
            while (response := api(client, "POST", f"/outreach/{bank.pk}/claim")).status_code == 200:
                target_id = response.json()["target_id"]
                saved = api(client, "POST", "/attempts", attempt(bank, target_id, result="contacted"))
                with lock:
                    handed.append((target_id, n))
                    if saved.status_code != 201:
                        failures.append(f"attempt {saved.status_code}: {saved.content!r}")
            if response.status_code != 204:
                failures.append(f"claim {response.status_code}: {response.content!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=call, args=(n, c)) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    targets = [t for t, _ in handed]
    assert len(targets) == len(set(targets)) == 40
    assert len({n for _, n in handed}) > 1  # the work was shared, so the callers really overlapped
    assert ContactAttempt.objects.filter(campaign=bank).count() == 40


def test_release_gives_the_contact_back_to_the_queue(org_tree, personas, client_for, campaign, clock):
    client = client_for(personas.volunteer)
    held = api(client, "POST", f"/outreach/{campaign.pk}/claim").json()["target_id"]
    response = api(client, "POST", f"/outreach/{campaign.pk}/release", {"target_id": held})
    assert response.status_code == 200 and response.json() == {"released": 1}
    assert api(client, "POST", f"/outreach/{campaign.pk}/release").json() == {"released": 0}
    other = client_for(_volunteers(org_tree.north_team, 1)[0])
    assert api(other, "POST", f"/outreach/{campaign.pk}/claim").json()["target_id"] == held


def test_an_attempt_is_stored_once_and_a_retry_answers_the_same(personas, client_for, campaign, clock):
    client = client_for(personas.volunteer)
    held = api(client, "POST", f"/outreach/{campaign.pk}/claim").json()["target_id"]
    payload = attempt(campaign, held, result="contacted", answers={"support": "yes", "issues": ["housing"]},
                      notes="Wants a yard sign", duration_seconds=95)
    first = api(client, "POST", "/attempts", payload)
    assert first.status_code == 201
    retry = api(client, "POST", "/attempts", payload)
    assert retry.status_code == 200
    assert retry.json() == first.json()
    assert first.json()["answers"] == {"support": "yes", "issues": ["housing"]}
    assert first.json()["phone_number"] == "+13125550000" and first.json()["applied"] is True
    assert ContactAttempt.objects.count() == 1
    target = Target.objects.get(pk=held)
    assert (target.attempts, target.done, target.claimed_by_id) == (1, True, None)


def test_an_attempt_for_a_contact_someone_else_holds_is_409_and_kept_as_a_note(
        org_tree, personas, client_for, campaign, clock):
    holder = _volunteers(org_tree.north_team, 1)[0]
    held = claims.claim_next(actor=Actor.for_user(holder), campaign=campaign)
    response = api(client_for(personas.volunteer), "POST", "/attempts",
                   attempt(campaign, held.pk, result="contacted", answers={"support": "no"}, notes="Call after 6"))
    assert response.status_code == 409
    body = response.json()
    assert "another caller has this contact" in body["detail"] and "saved" in body["detail"]
    kept = ContactAttempt.objects.get(pk=body["attempt_id"])
    assert kept.applied is False
    note = Note.objects.get(person_id=held.person_id)
    assert "support: no" in note.body and "Call after 6" in note.body
    assert Target.objects.get(pk=held.pk).claimed_by_id == holder.pk  # the holder keeps the contact


def test_an_unknown_result_code_is_422_naming_the_field_and_stores_nothing(personas, client_for, campaign, clock):
    client = client_for(personas.volunteer)
    held = api(client, "POST", f"/outreach/{campaign.pk}/claim").json()["target_id"]
    response = api(client, "POST", "/attempts", attempt(campaign, held, result="abducted_by_aliens"))
    assert response.status_code == 422
    assert list(response.json()["detail"]) == ["result"]
    assert not ContactAttempt.objects.exists()


@pytest.mark.parametrize(("answers", "field"), [
    ({"support": "maybe"}, "answers.support"),
    ({"issues": ["housing", "weather"]}, "answers.issues"),
    ({"shoe_size": "42"}, "answers.shoe_size"),
])
def test_a_bad_survey_answer_is_422_naming_the_question(personas, client_for, campaign, clock, answers, field):
    client = client_for(personas.volunteer)
    held = api(client, "POST", f"/outreach/{campaign.pk}/claim").json()["target_id"]
    response = api(client, "POST", "/attempts", attempt(campaign, held, answers=answers))
    assert response.status_code == 422
    assert field in response.json()["detail"]
    assert not ContactAttempt.objects.exists()
    assert Target.objects.get(pk=held).attempts == 0


@pytest.mark.parametrize("change", [
    {"client_uuid": "not-a-uuid"},
    {"duration_seconds": -5},
    {"result": ""},
    {"answers": {"support": 3}},
    {"notes": "x\x00"},
    {"campaign_id": "north"},
])
def test_malformed_attempts_are_422(personas, client_for, campaign, clock, change):
    target = Target.objects.filter(campaign=campaign).first()
    response = api(client_for(personas.volunteer), "POST", "/attempts", attempt(campaign, target.pk) | change)
    assert response.status_code == 422
    assert not ContactAttempt.objects.exists()


def test_an_attempt_for_a_target_of_another_campaign_is_422(org_tree, personas, client_for, campaign, clock):
    other = factories.campaign(org_tree.north, people=_people(org_tree.north_team, 1, 70), live=True)
    stranger = Target.objects.get(campaign=other)
    response = api(client_for(personas.volunteer), "POST", "/attempts", attempt(campaign, stranger.pk))
    assert response.status_code == 422
    assert list(response.json()["detail"]) == ["target_id"]


def test_a_campaign_outside_the_callers_branch_is_404_everywhere(org_tree, personas, client_for, clock):
    south = factories.campaign(org_tree.south, people=_people(org_tree.south_team, 1, 80), live=True)
    target = Target.objects.get(campaign=south)
    for user in (personas.volunteer, personas.organizer, personas.outsider):
        client = client_for(user)
        assert api(client, "GET", f"/outreach/{south.pk}").status_code == 404
        assert api(client, "POST", f"/outreach/{south.pk}/claim").status_code == 404
        assert api(client, "POST", f"/outreach/{south.pk}/release").status_code == 404
        assert api(client, "GET", f"/outreach/{south.pk}/stats").status_code == 404
        assert api(client, "POST", "/attempts", attempt(south, target.pk)).status_code == 404
    assert api(client_for(personas.volunteer), "GET", "/outreach/999999").status_code == 404
    assert not ContactAttempt.objects.exists()
    assert not Target.objects.filter(claimed_by__isnull=False).exists()


def test_anonymous_callers_are_401(campaign, clock):
    target = Target.objects.filter(campaign=campaign).first()
    client = Client()
    assert api(client, "GET", "/outreach").status_code == 401
    assert api(client, "POST", f"/outreach/{campaign.pk}/claim").status_code == 401
    assert api(client, "POST", "/attempts", attempt(campaign, target.pk)).status_code == 401
    assert api(client, "GET", f"/outreach/{campaign.pk}/stats").status_code == 401


def test_a_bearer_token_works_for_the_calling_screen(personas, campaign, clock):
    _, secret = api_token_create(user=personas.volunteer, name="phone")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api(client, "POST", f"/outreach/{campaign.pk}/claim").status_code == 200


def test_stats_count_attempts_results_callers_and_answers(personas, client_for, campaign, clock):
    client = client_for(personas.volunteer)
    held = api(client, "POST", f"/outreach/{campaign.pk}/claim").json()["target_id"]
    api(client, "POST", "/attempts", attempt(campaign, held, result="contacted", answers={"support": "yes"},
                                             duration_seconds=60))
    held = api(client, "POST", f"/outreach/{campaign.pk}/claim").json()["target_id"]
    api(client, "POST", "/attempts", attempt(campaign, held, result="no_answer", duration_seconds=20))
    response = api(client_for(personas.organizer), "GET", f"/outreach/{campaign.pk}/stats")
    assert response.status_code == 200
    body = response.json()
    assert (body["targets"], body["attempts"], body["reached"], body["contact_rate"]) == (3, 2, 1, 0.5)
    assert body["avg_seconds"] == 40
    assert body["queue"]["done"] == 1 and body["queue"]["cooling_down"] == 1 and body["queue"]["eligible"] == 1
    assert body["remaining"] == 2 and body["hours_left"] == 1.0
    results = {r["code"]: r["count"] for r in body["results"]}
    assert results["contacted"] == 1 and results["no_answer"] == 1 and results["busy"] == 0
    assert [(c["name"], c["attempts"], c["reached"]) for c in body["callers"]] == [("Val Volunteer", 2, 1)]
    survey = {s["key"]: s["tallies"] for s in body["survey"]}
    assert survey["support"] == [{"label": "yes", "count": 1}, {"label": "no", "count": 0}]


def test_stats_are_for_supervisors_of_the_campaigns_team_only(org_tree, personas, client_for, clock):
    team_bank = factories.campaign(org_tree.north_team, people=_people(org_tree.north_team, 1, 90), live=True)
    url = f"/outreach/{team_bank.pk}/stats"
    assert api(client_for(personas.leader), "GET", url).status_code == 200
    assert api(client_for(personas.volunteer), "GET", url).status_code == 403
    assert api(client_for(personas.analyst), "GET", url).status_code == 403
