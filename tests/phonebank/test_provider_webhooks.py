"""Calling through a provider end to end: the caller's buttons, the services behind them, and the signed
webhooks (status callback, bridge TwiML) with the fake provider and with Twilio's real signature check."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from twilio.request_validator import RequestValidator

from groundswell.common.errors import Conflict, NotFound
from groundswell.orgs.access import Actor
from groundswell.outreach.attempts import record_attempt
from groundswell.outreach.models import Target
from groundswell.phonebank.models import CallingSession, ProviderCall
from groundswell.phonebank.providers import NoProviderConfigured, ProviderError
from groundswell.phonebank.providers.fake import FAKE_CALLER_ID, FAKE_SECRET, FakeProvider
from groundswell.phonebank.services_calls import attempt_link, call_start
from groundswell.phonebank.sessions import session_start
from tests import factories

SITE = "https://calls.example.org"
STATUS = "/phonebank/provider/status/"
CONTACT = "+13125550147"
MINE = "+13125550188"
TWILIO_TOKEN = "twilio-test-token"


@pytest.fixture
def fake(settings):
    settings.PHONEBANK_PROVIDER = "fake"
    settings.SITE_URL = SITE
    FakeProvider.reset()
    yield FakeProvider
    FakeProvider.reset()


@pytest.fixture
def bank(org_tree, personas):
    """A live call campaign of North Region; the volunteer has started calling and holds the one contact."""
    person = factories.person(org_tree.north_team, phones=[CONTACT], time_zone="America/Chicago")
    campaign = factories.campaign(org_tree.north, people=[person], live=True)
    actor = Actor.for_user(personas.volunteer)
    session = session_start(actor=actor, campaign=campaign)
    target = Target.objects.get(campaign=campaign)
    hold(target, personas.volunteer)
    return campaign, target, actor, session


def hold(target: Target, user) -> None:
    now = timezone.now()
    Target.objects.filter(pk=target.pk).update(claimed_by=user, claimed_at=now,
                                               claimed_until=now + dt.timedelta(minutes=10))


def start(bank, **overrides) -> ProviderCall:
    campaign, target, actor, _ = bank
    values = {"actor": actor, "campaign": campaign, "target_id": target.pk, "caller_number": MINE}
    return call_start(**{**values, **overrides})


def webhook(path: str, params: dict, *, secret: str = FAKE_SECRET, signed_url: str | None = None, **extra):
    """POST as the provider would: form body, X-Twilio-Signature over SITE_URL + path + sorted params.
    CSRF checks are on, as for any real client."""
    signature = RequestValidator(secret).compute_signature(signed_url or SITE + path, params)
    return Client(enforce_csrf_checks=True).post(path, params, HTTP_X_TWILIO_SIGNATURE=signature, **extra)


def contact_leg(call: ProviderCall) -> str:
    return f"{STATUS}?leg=contact&parent={call.provider_call_id}"


# --- placing a call ---------------------------------------------------------------------------------------


def test_call_start_rings_the_callers_phone_then_bridges_to_the_contact(fake, bank):
    call = start(bank)
    [placed] = fake.placed
    assert placed["caller_number"] == MINE
    assert placed["to"] == CONTACT
    assert placed["callback_url"] == SITE + STATUS
    assert placed["twiml_url"] == SITE + reverse("phonebank:provider-bridge", args=[bank[1].pk])
    assert (call.provider, call.provider_call_id, call.status) == ("fake", placed["id"], "queued")
    assert call.session == bank[3] and call.target == bank[1]


def test_call_start_reads_a_national_number_as_us(fake, bank):
    start(bank, caller_number="(312) 555-0188")
    assert fake.placed[0]["caller_number"] == MINE


def test_call_start_refuses_a_contact_the_caller_does_not_hold(fake, bank, personas):
    campaign, target, _, _ = bank
    hold(target, personas.leader)
    with pytest.raises(NotFound):
        start(bank)
    assert fake.placed == []


@pytest.mark.parametrize("number", ["", "not a phone", "+1 312 555"])
def test_call_start_names_the_field_of_a_bad_caller_number(fake, bank, number):
    with pytest.raises(ValidationError) as info:
        start(bank, caller_number=number)
    assert "caller_number" in info.value.message_dict
    assert fake.placed == []


def test_call_start_needs_an_open_unpaused_session(fake, bank):
    _, _, _, session = bank
    CallingSession.objects.filter(pk=session.pk).update(paused_at=timezone.now())
    with pytest.raises(Conflict, match="paused"):
        start(bank)
    CallingSession.objects.filter(pk=session.pk).update(paused_at=None, ended_at=timezone.now())
    with pytest.raises(Conflict, match="Start calling"):
        start(bank)
    assert fake.placed == []


def test_call_start_without_a_provider_says_to_dial_from_your_own_phone(bank):
    with pytest.raises(NoProviderConfigured):
        start(bank)
    assert not ProviderCall.objects.exists()


def test_a_provider_refusal_stores_no_call(fake, bank):
    fake.refuse_with = "the account is suspended"
    with pytest.raises(ProviderError, match="suspended"):
        start(bank)
    assert not ProviderCall.objects.exists()


# --- the caller's buttons -----------------------------------------------------------------------------------


def start_url(campaign) -> str:
    return reverse("phonebank:provider-call-start", args=[campaign.pk])


def voicemail_url(campaign) -> str:
    return reverse("phonebank:provider-voicemail", args=[campaign.pk])


def test_the_call_button_answers_htmx_with_a_fragment_and_a_voicemail_button(fake, bank, client_for, personas):
    campaign, target, _, _ = bank
    response = client_for(personas.volunteer).post(start_url(campaign), {"target_id": target.pk,
                                                                         "caller_number": MINE}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your phone will ring now" in body
    call = ProviderCall.objects.get()
    assert f'hx-post="{voicemail_url(campaign)}"' in body and f'"call_id": "{call.pk}"' in body


def test_the_call_button_answers_other_clients_with_json(fake, bank, client_for, personas):
    campaign, target, _, _ = bank
    response = client_for(personas.volunteer).post(start_url(campaign), {"target_id": target.pk,
                                                                         "caller_number": MINE})
    assert response.status_code == 201
    assert response.json()["call_id"] == ProviderCall.objects.get().pk


def test_the_call_button_uses_the_callers_profile_phone_when_none_is_typed(fake, bank, client_for, personas):
    campaign, target, _, _ = bank
    personas.volunteer.phone = "312-555-0188"
    personas.volunteer.save(update_fields=["phone"])
    response = client_for(personas.volunteer).post(start_url(campaign), {"target_id": target.pk})
    assert response.status_code == 201
    assert fake.placed[0]["caller_number"] == MINE


def test_the_call_button_names_bad_fields_with_422(fake, bank, client_for, personas):
    campaign, target, _, _ = bank
    client = client_for(personas.volunteer)
    response = client.post(start_url(campaign), {"target_id": target.pk, "caller_number": "nope"})
    assert response.status_code == 422
    assert "caller_number" in response.json()["errors"]
    response = client.post(start_url(campaign), {"target_id": "x", "caller_number": MINE})
    assert response.status_code == 422
    assert "target_id" in response.json()["errors"]
    htmx = client.post(start_url(campaign), {"target_id": target.pk, "caller_number": "nope"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and "is not a phone number we can ring" in htmx.content.decode()
    assert fake.placed == []


def test_the_call_button_is_404_for_a_contact_held_by_someone_else(fake, bank, client_for, personas):
    campaign, target, _, _ = bank
    hold(target, personas.leader)
    response = client_for(personas.volunteer).post(start_url(campaign), {"target_id": target.pk,
                                                                         "caller_number": MINE})
    assert response.status_code == 404


def test_the_call_button_reports_a_provider_failure_as_502(fake, bank, client_for, personas):
    campaign, target, _, _ = bank
    fake.refuse_with = "Twilio could not be reached (ConnectionError)"
    response = client_for(personas.volunteer).post(start_url(campaign), {"target_id": target.pk,
                                                                         "caller_number": MINE})
    assert response.status_code == 502
    assert "could not be reached" in response.json()["detail"]


def test_without_a_provider_both_buttons_answer_409_with_the_reason(bank, client_for, personas):
    campaign, target, _, _ = bank
    client = client_for(personas.volunteer)
    for url, data in ((start_url(campaign), {"target_id": target.pk}), (voicemail_url(campaign), {"call_id": 1})):
        response = client.post(url, data)
        assert response.status_code == 409
        assert "no calling provider is configured" in response.content.decode()


def test_leave_voicemail_drops_the_message_once(fake, bank, client_for, personas):
    call = start(bank)
    client = client_for(personas.volunteer)
    for _ in range(2):
        response = client.post(voicemail_url(bank[0]), {"call_id": call.pk})
        assert response.status_code == 200
        assert response.json()["voicemail_dropped"] is True
    assert fake.dropped == [call.provider_call_id]


def test_leave_voicemail_is_refused_when_a_person_answered_or_the_call_ended(fake, bank, client_for, personas):
    call = start(bank)
    client = client_for(personas.volunteer)
    ProviderCall.objects.filter(pk=call.pk).update(status="in-progress", answered_by="human")
    assert client.post(voicemail_url(bank[0]), {"call_id": call.pk}).status_code == 409
    ProviderCall.objects.filter(pk=call.pk).update(status="completed", answered_by="")
    response = client.post(voicemail_url(bank[0]), {"call_id": call.pk})
    assert response.status_code == 409 and "ended" in response.json()["detail"]
    assert fake.dropped == []


def test_leave_voicemail_on_someone_elses_call_is_404(fake, bank, client_for, personas, org_tree):
    call = start(bank)
    factories.membership(org_tree.north_team, "volunteer", user_obj=(other := factories.user()))
    session_start(actor=Actor.for_user(other), campaign=bank[0])
    assert client_for(other).post(voicemail_url(bank[0]), {"call_id": call.pk}).status_code == 404
    assert client_for(personas.volunteer).post(voicemail_url(bank[0]), {"call_id": "x"}).status_code == 422
    assert fake.dropped == []


# --- the status webhook ---------------------------------------------------------------------------------------


def test_an_unsigned_status_callback_is_refused_and_changes_nothing(fake, bank):
    call = start(bank)
    response = Client().post(STATUS, {"CallSid": call.provider_call_id, "CallStatus": "completed"})
    assert response.status_code == 403
    assert ProviderCall.objects.get().status == "queued"


def test_a_status_callback_signed_for_another_url_is_refused(fake, bank):
    call = start(bank)
    response = webhook(STATUS, {"CallSid": call.provider_call_id, "CallStatus": "completed"},
                       signed_url="https://other.example.org" + STATUS)
    assert response.status_code == 403
    assert ProviderCall.objects.get().status == "queued"


def test_a_tampered_status_callback_is_refused(fake, bank):
    call = start(bank)
    params = {"CallSid": call.provider_call_id, "CallStatus": "ringing"}
    signature = RequestValidator(FAKE_SECRET).compute_signature(SITE + STATUS, params)
    response = Client().post(STATUS, {**params, "CallStatus": "completed"}, HTTP_X_TWILIO_SIGNATURE=signature)
    assert response.status_code == 403
    assert ProviderCall.objects.get().status == "queued"


def test_signed_callbacks_update_status_and_the_contact_legs_duration(fake, bank):
    call = start(bank)
    assert webhook(STATUS, {"CallSid": call.provider_call_id, "CallStatus": "in-progress"}).status_code == 204
    assert ProviderCall.objects.get().status == "in-progress"
    response = webhook(contact_leg(call), {"CallSid": "CHILD1", "ParentCallSid": call.provider_call_id,
                                           "CallStatus": "completed", "CallDuration": "42"})
    assert response.status_code == 204
    # The caller's leg ends after the contact's and reports its own (longer) time: it changes nothing.
    webhook(STATUS, {"CallSid": call.provider_call_id, "CallStatus": "completed", "CallDuration": "70"})
    call.refresh_from_db()
    assert (call.status, call.duration_seconds) == ("completed", 42)


def test_a_contact_who_did_not_answer_stays_no_answer_when_the_caller_hangs_up(fake, bank):
    call = start(bank)
    webhook(contact_leg(call), {"CallSid": "CHILD1", "CallStatus": "no-answer", "CallDuration": "0"})
    webhook(STATUS, {"CallSid": call.provider_call_id, "CallStatus": "completed"})
    webhook(contact_leg(call), {"CallSid": "CHILD1", "CallStatus": "ringing"})  # late, out of order
    assert ProviderCall.objects.get().status == "no-answer"


def test_the_callers_phone_ringing_out_is_recorded(fake, bank):
    call = start(bank)
    webhook(STATUS, {"CallSid": call.provider_call_id, "CallStatus": "no-answer"})
    assert ProviderCall.objects.get().status == "no-answer"


def test_the_answering_machine_verdict_is_kept(fake, bank):
    call = start(bank)
    webhook(contact_leg(call), {"CallSid": "CHILD1", "AnsweredBy": "machine_end_beep"})
    assert ProviderCall.objects.get().answered_by == "machine_end_beep"


def test_a_signed_report_about_a_call_we_did_not_place_is_ignored(fake, bank):
    assert webhook(STATUS, {"CallSid": "CAunknown", "CallStatus": "completed"}).status_code == 204


def test_a_signed_request_that_is_not_a_status_report_is_400(fake, bank):
    call = start(bank)
    assert webhook(STATUS, {"CallSid": call.provider_call_id, "CallStatus": "on-fire"}).status_code == 400
    assert ProviderCall.objects.get().status == "queued"


def test_without_a_provider_the_webhooks_do_not_exist(bank):
    assert Client().post(STATUS, {"CallSid": "CA1", "CallStatus": "completed"}).status_code == 404
    bridge = reverse("phonebank:provider-bridge", args=[bank[1].pk])
    assert Client().post(bridge, {"CallSid": "CA1"}).status_code == 404


def test_the_duration_fills_the_callers_saved_attempt_when_it_has_none(fake, bank):
    campaign, target, actor, _ = bank
    call = start(bank)
    attempt, _ = record_attempt(actor=actor, campaign=campaign, target_id=target.pk, result="contacted",
                                client_uuid=uuid.uuid4())
    webhook(contact_leg(call), {"CallSid": "CHILD1", "CallStatus": "completed", "CallDuration": "42"})
    attempt.refresh_from_db()
    assert attempt.duration_seconds == 42
    assert ProviderCall.objects.get().attempt == attempt


def test_the_duration_never_overwrites_what_the_caller_entered(fake, bank):
    campaign, target, actor, _ = bank
    call = start(bank)
    attempt, _ = record_attempt(actor=actor, campaign=campaign, target_id=target.pk, result="contacted",
                                client_uuid=uuid.uuid4(), duration_seconds=30)
    webhook(contact_leg(call), {"CallSid": "CHILD1", "CallStatus": "completed", "CallDuration": "42"})
    attempt.refresh_from_db()
    assert attempt.duration_seconds == 30


def test_an_attempt_saved_after_the_callback_is_linked_and_filled(fake, bank):
    campaign, target, actor, _ = bank
    call = start(bank)
    webhook(contact_leg(call), {"CallSid": "CHILD1", "CallStatus": "completed", "CallDuration": "42"})
    attempt, _ = record_attempt(actor=actor, campaign=campaign, target_id=target.pk, result="left_message",
                                client_uuid=uuid.uuid4())
    assert attempt_link(attempt=attempt).pk == call.pk
    attempt.refresh_from_db()
    assert attempt.duration_seconds == 42


# --- the bridge TwiML ---------------------------------------------------------------------------------------------


def bridge_path(target) -> str:
    return reverse("phonebank:provider-bridge", args=[target.pk])


def test_the_bridge_dials_the_held_contact_with_the_campaigns_number(fake, bank):
    response = webhook(bridge_path(bank[1]), {"CallSid": "CAparent", "AnsweredBy": "human"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    body = response.content.decode()
    assert f'<Dial callerId="{FAKE_CALLER_ID}">' in body and f">{CONTACT}</Number>" in body


def test_an_unsigned_bridge_request_is_refused_and_reveals_no_number(fake, bank):
    response = Client().post(bridge_path(bank[1]), {"CallSid": "CAparent"})
    assert response.status_code == 403
    assert CONTACT not in response.content.decode()


def test_the_bridge_does_not_dial_a_contact_nobody_holds_any_more(fake, bank):
    Target.objects.filter(pk=bank[1].pk).update(claimed_by=None, claimed_until=None)
    body = webhook(bridge_path(bank[1]), {"CallSid": "CAparent"}).content.decode()
    assert "<Dial" not in body and CONTACT not in body and "<Hangup />" in body


# --- Twilio's own signature on the webhooks ----------------------------------------------------------------------


@pytest.fixture
def twilio_settings(settings):
    settings.PHONEBANK_PROVIDER = "twilio"
    settings.SITE_URL = SITE
    settings.TWILIO_ACCOUNT_SID = "AC" + "1" * 32
    settings.TWILIO_AUTH_TOKEN = TWILIO_TOKEN
    settings.TWILIO_CALLER_ID = "+13125550100"


def test_twilio_signed_callbacks_update_the_call_and_forged_ones_get_403(twilio_settings, bank):
    _, target, _, session = bank
    call = ProviderCall.objects.create(session=session, target=target, provider="twilio",
                                       provider_call_id="CA" + "9" * 32)
    params = {"CallSid": "CA" + "8" * 32, "ParentCallSid": call.provider_call_id, "CallStatus": "completed",
              "CallDuration": "61", "AccountSid": "AC" + "1" * 32}
    path = contact_leg(call)
    assert webhook(path, params, secret="wrong-token").status_code == 403
    assert webhook(path, params, secret=FAKE_SECRET).status_code == 403
    assert webhook(path, params, secret=TWILIO_TOKEN).status_code == 204
    call.refresh_from_db()
    assert (call.status, call.duration_seconds) == ("completed", 61)
