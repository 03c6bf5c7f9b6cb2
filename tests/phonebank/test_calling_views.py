"""The volunteer's calling screen: phone banks, the landing page, one contact at a time, save & next (idempotent
by client_uuid), field errors, skip, end session, paused campaigns and callers, and who may see what."""

import datetime as dt
import uuid
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from groundswell.orgs.access import Actor
from groundswell.outreach import claims
from groundswell.outreach.models import Campaign, ContactAttempt, Question, Target
from groundswell.phonebank import sessions
from groundswell.phonebank.models import CallingSession
from tests import factories

# Pick, when the test runs, a zone where it is the middle of the day: the views use the real clock.
ZONES = ["Pacific/Honolulu", "America/Los_Angeles", "America/Chicago", "America/New_York", "Europe/London",
         "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"]


def zone_where_local_hour_is(low: int, high: int) -> str:
    now = timezone.now()
    return next(z for z in ZONES if low <= now.astimezone(zoneinfo.ZoneInfo(z)).hour < high)


def daytime_zone() -> str:
    return zone_where_local_hour_is(10, 20)


def night_zone() -> str:
    now = timezone.now()
    return next(z for z in ZONES if not 8 <= now.astimezone(zoneinfo.ZoneInfo(z)).hour < 22)


def callable_people(team, n: int, zone: str | None = None):
    zone = zone or daytime_zone()
    return [factories.person(team, first_name=f"Contact{i}", last_name="Doe", city="Springfield",
                             phones=[f"+1312555{i:04d}"], time_zone=zone) for i in range(n)]


@pytest.fixture
def bank(org_tree, personas):
    """A live call campaign of North Region, with a survey: `support` branches to `why` or past it."""
    campaign = factories.campaign(
        org_tree.north, people=callable_people(org_tree.north_team, 4), live=True, name="Get out the vote",
        training="Smile while you dial.", script="Hi {first_name}, this is {volunteer_first_name}.")
    Question.objects.create(campaign=campaign, position=1, key="support", prompt="Will you vote for us?",
                            kind="single", choices=[{"value": "yes", "label": "Yes", "next": 3},
                                                    {"value": "no", "label": "No", "next": 2}])
    Question.objects.create(campaign=campaign, position=2, key="why", prompt="Why not?", kind="text")
    Question.objects.create(campaign=campaign, position=3, key="help", prompt="How can you help?",
                            kind="multiple", choices=[{"value": "call", "label": "Call"},
                                                      {"value": "knock", "label": "Knock doors"}])
    return campaign


@pytest.fixture
def volunteer(personas, client_for):
    return client_for(personas.volunteer)


def url(name: str, campaign: Campaign) -> str:
    return reverse(f"phonebank:{name}", args=[campaign.pk])


def start(client, campaign: Campaign):
    response = client.post(url("calling-start", campaign))
    assert response.status_code == 302
    assert response["Location"] == url("calling", campaign)
    return client.get(url("calling", campaign))


def held_by(user, campaign: Campaign) -> list[Target]:
    now = timezone.now()
    return [t for t in Target.objects.filter(campaign=campaign).select_related("person") if t.held_by(user.pk, now)]


def save(client, campaign, target, **fields):
    data = {"target_id": target.pk, "client_uuid": str(uuid.uuid4()), "result": "no_answer", "notes": "",
            "duration_seconds": "42", **fields}
    return client.post(url("calling-save", campaign), data, HTTP_HX_REQUEST="true")


def test_the_phone_banks_page_lists_live_campaigns_of_the_volunteers_branch(org_tree, bank, volunteer):
    elsewhere = factories.campaign(org_tree.south, people=[], live=True, name="Southern calls")
    draft = factories.campaign(org_tree.north, people=[], name="Not yet open")
    response = volunteer.get(reverse("phonebank:bank-list"))
    assert response.status_code == 200
    assert "Get out the vote" in response.text
    assert url("bank-detail", bank) in response.text
    assert elsewhere.name not in response.text
    assert draft.name not in response.text


def test_the_landing_page_shows_training_the_unfilled_script_hours_and_start(bank, volunteer):
    response = volunteer.get(url("bank-detail", bank))
    assert response.status_code == 200
    assert "Smile while you dial." in response.text
    assert "Hi {first_name}, this is {volunteer_first_name}." in response.text
    assert "9:00 AM – 9:00 PM" in response.text
    assert "Start calling" in response.text


def test_start_calling_hands_one_contact_with_number_and_filled_script(bank, volunteer, personas):
    response = start(volunteer, bank)
    assert response.status_code == 200
    [target] = held_by(personas.volunteer, bank)
    assert target.person.full_name in response.text
    assert f'href="tel:{target.person.phones.get().number}"' in response.text
    assert "(312) 555-" in response.text
    assert f"Hi {target.person.first_name}, this is Val." in response.text
    assert "Will you vote for us?" in response.text and 'data-next="3"' in response.text
    assert "Talked to them" in response.text
    session = CallingSession.objects.get(campaign=bank, caller=personas.volunteer)
    assert session.ended_at is None


def test_reloading_the_calling_page_keeps_the_same_contact(bank, volunteer, personas):
    start(volunteer, bank)
    first = held_by(personas.volunteer, bank)
    volunteer.get(url("calling", bank))
    assert held_by(personas.volunteer, bank) == first


def test_the_calling_page_without_a_session_sends_the_volunteer_to_start(bank, volunteer):
    response = volunteer.get(url("calling", bank))
    assert response.status_code == 302
    assert response["Location"] == url("bank-detail", bank)


def test_save_and_next_records_the_attempt_and_hands_the_next_contact(bank, volunteer, personas):
    start(volunteer, bank)
    [first] = held_by(personas.volunteer, bank)
    response = save(volunteer, bank, first, result="contacted", notes="Lovely chat", q_support="yes",
                    q_help=["call", "knock"])
    assert response.status_code == 200
    attempt = ContactAttempt.objects.get()
    assert (attempt.person_id, attempt.result, attempt.notes) == (first.person_id, "contacted", "Lovely chat")
    assert attempt.answers == {"support": "yes", "help": ["call", "knock"]}
    assert attempt.duration_seconds == 42 and attempt.caller_id == personas.volunteer.pk
    [second] = held_by(personas.volunteer, bank)
    assert second.pk != first.pk
    assert second.person.full_name in response.text
    assert f"Saved — {first.person.full_name}." in response.text
    assert "<html" not in response.text  # a partial for calling.js to swap in


def test_the_same_client_uuid_posted_twice_stores_one_attempt_and_answers_the_same(bank, volunteer, personas):
    start(volunteer, bank)
    [first] = held_by(personas.volunteer, bank)
    key = str(uuid.uuid4())
    one = save(volunteer, bank, first, client_uuid=key)
    [second] = held_by(personas.volunteer, bank)
    two = save(volunteer, bank, first, client_uuid=key)
    assert (one.status_code, two.status_code) == (200, 200)
    assert ContactAttempt.objects.filter(client_uuid=key).count() == 1
    assert ContactAttempt.objects.count() == 1
    assert held_by(personas.volunteer, bank) == [second]
    assert second.person.full_name in two.text


def test_a_bad_result_code_is_a_field_error_that_keeps_what_was_typed(bank, volunteer, personas):
    start(volunteer, bank)
    [first] = held_by(personas.volunteer, bank)
    key = str(uuid.uuid4())
    response = save(volunteer, bank, first, result="banana", notes="Call after lunch", client_uuid=key,
                    q_support="no", q_why="Too busy")
    assert response.status_code == 422
    assert "&#x27;banana&#x27; is not a result code of this campaign" in response.text
    assert "Call after lunch</textarea>" in response.text
    assert "Too busy</textarea>" in response.text
    assert f'value="{key}"' in response.text  # the same attempt may be posted again once fixed
    assert first.person.full_name in response.text
    assert ContactAttempt.objects.count() == 0
    assert held_by(personas.volunteer, bank) == [first]


def test_a_missing_result_and_a_bad_answer_are_field_errors(bank, volunteer, personas):
    start(volunteer, bank)
    [first] = held_by(personas.volunteer, bank)
    assert "Pick how the call went." in save(volunteer, bank, first, result="").text
    response = save(volunteer, bank, first, q_support="maybe")
    assert response.status_code == 422
    assert "&#x27;maybe&#x27; is not one of yes, no" in response.text
    assert ContactAttempt.objects.count() == 0


def test_a_plain_post_without_js_saves_and_redirects(bank, volunteer, personas):
    start(volunteer, bank)
    [first] = held_by(personas.volunteer, bank)
    response = volunteer.post(url("calling-save", bank), {
        "target_id": first.pk, "client_uuid": "", "client_uuid_fallback": str(uuid.uuid4()), "result": "busy"})
    assert response.status_code == 302
    assert ContactAttempt.objects.get().result == "busy"


def test_an_attempt_for_a_contact_someone_else_holds_is_kept_and_answers_409(bank, volunteer, personas, org_tree):
    start(volunteer, bank)
    [mine] = held_by(personas.volunteer, bank)
    claims.release(actor=Actor.for_user(personas.volunteer), campaign=bank, target_id=mine.pk)
    Target.objects.exclude(pk=mine.pk).update(done=True)
    other = Actor.for_user(personas.leader)
    assert claims.claim_next(actor=other, campaign=bank).pk == mine.pk
    response = save(volunteer, bank, mine, notes="They said hi")
    assert response.status_code == 409
    assert "your notes and answers were saved on the person" in response.text
    attempt = ContactAttempt.objects.get()
    assert not attempt.applied and attempt.notes == "They said hi"


def test_skip_gives_the_contact_back_and_hands_someone_else(bank, volunteer, personas):
    start(volunteer, bank)
    [first] = held_by(personas.volunteer, bank)
    response = volunteer.post(url("calling-skip", bank), {"target_id": first.pk})
    assert response.status_code == 302
    [second] = held_by(personas.volunteer, bank)
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.claimed_by_id is None and first.attempts == 0
    assert ContactAttempt.objects.count() == 0


def test_skipping_the_last_contact_gives_it_back(org_tree, personas, volunteer):
    campaign = factories.campaign(org_tree.north, people=callable_people(org_tree.north_team, 1), live=True)
    start(volunteer, campaign)
    [only] = held_by(personas.volunteer, campaign)
    response = volunteer.post(url("calling-skip", campaign), {"target_id": only.pk}, HTTP_HX_REQUEST="true")
    assert "Skipped" in response.text
    # Nobody else to hand out: the skipped person comes back rather than nothing at all.
    assert held_by(personas.volunteer, campaign) == [only]


def test_end_session_releases_every_claim(bank, volunteer, personas):
    start(volunteer, bank)
    assert len(held_by(personas.volunteer, bank)) == 1
    response = volunteer.post(url("calling-end", bank))
    assert response.status_code == 302
    assert held_by(personas.volunteer, bank) == []
    assert CallingSession.objects.get(caller=personas.volunteer).ended_at is not None
    assert "Session ended" in volunteer.get(response["Location"]).text


def test_a_paused_campaign_says_so_and_offers_no_start(bank, volunteer):
    start(volunteer, bank)
    Campaign.objects.filter(pk=bank.pk).update(status=Campaign.Status.PAUSED)
    landing = volunteer.get(url("bank-detail", bank))
    assert "This phone bank is paused" in landing.text
    assert "Start calling" not in landing.text and "Continue calling" not in landing.text
    calling = volunteer.get(url("calling", bank))
    assert calling.status_code == 200
    assert "Get out the vote is paused: no contacts are handed out" in calling.text
    assert "Check again" in calling.text
    refused = volunteer.post(url("calling-start", bank))
    assert refused["Location"] == url("bank-detail", bank)


def test_a_caller_paused_by_a_supervisor_sees_why(bank, volunteer, personas):
    start(volunteer, bank)
    session = sessions.open_session(bank, personas.volunteer.pk)
    sessions.caller_pause(actor=Actor.for_user(personas.organizer), session=session, message="Take a break")
    response = volunteer.get(url("calling", bank))
    assert "A supervisor paused your calling: Take a break" in response.text
    assert held_by(personas.volunteer, bank) == []


def test_the_supervisors_message_is_shown(bank, volunteer, personas):
    start(volunteer, bank)
    session = sessions.open_session(bank, personas.volunteer.pk)
    sessions.caller_message(actor=Actor.for_user(personas.organizer), session=session, message="Great pace!")
    response = volunteer.get(url("calling", bank))
    assert "Message from your supervisor" in response.text and "Great pace!" in response.text


def test_each_page_load_marks_the_session_seen(bank, volunteer, personas):
    start(volunteer, bank)
    CallingSession.objects.update(last_seen_at=timezone.now() - dt.timedelta(hours=1))
    volunteer.get(url("calling", bank))
    seen = CallingSession.objects.get().last_seen_at
    assert timezone.now() - seen < dt.timedelta(minutes=1)


def test_nobody_to_call_says_why(org_tree, personas, volunteer):
    late = callable_people(org_tree.north_team, 2, zone=night_zone())
    early = callable_people(org_tree.north_team, 1)
    campaign = factories.campaign(org_tree.north, people=[*late, *early], live=True)
    Target.objects.filter(campaign=campaign, person=early[0]).update(
        next_attempt_at=timezone.now() + dt.timedelta(hours=2), attempts=1)
    response = start(volunteer, campaign)
    assert "Nobody to call right now" in response.text
    assert "<strong>2</strong> outside calling hours where they live" in response.text
    assert "<strong>1</strong> waiting before the next try" in response.text
    assert "Check again" in response.text


def test_a_volunteer_on_a_sibling_team_gets_404(bank, org_tree, client_for, personas):
    southerner = factories.user()
    factories.membership(org_tree.south_team, "volunteer", user_obj=southerner)
    client = client_for(southerner)
    assert bank.name not in client.get(reverse("phonebank:bank-list")).text
    for name in ("bank-detail", "calling"):
        assert client.get(url(name, bank)).status_code == 404
    for name in ("calling-start", "calling-save", "calling-skip", "calling-end"):
        assert client.post(url(name, bank), {}).status_code == 404
    assert not CallingSession.objects.filter(caller=southerner).exists()


def test_an_outsider_gets_404(bank, client_for, personas):
    client = client_for(personas.outsider)
    assert client.get(url("bank-detail", bank)).status_code == 404
    assert client.post(url("calling-start", bank)).status_code == 404


def test_the_card_offers_provider_calling_only_when_a_provider_is_configured(bank, volunteer, settings):
    response = start(volunteer, bank)
    assert "Call through the campaign" not in response.text  # the default: dial from your own phone
    settings.PHONEBANK_PROVIDER = "fake"
    response = volunteer.get(url("calling", bank))
    assert "Call through the campaign" in response.text
    assert reverse("phonebank:provider-call-start", args=[bank.pk]) in response.text


def test_the_home_page_points_a_volunteer_to_open_phone_banks(bank, volunteer):
    response = volunteer.get(reverse("web:home"))
    assert "Phone banks open now" in response.text
    assert url("bank-detail", bank) in response.text
