"""Voice providers: the default needs no account, the Twilio adapter speaks Twilio's API (its HTTP layer
replaced, never the network), webhook signatures are checked as Twilio documents."""

import json
from urllib.parse import parse_qs, urlencode

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings
from twilio.http import HttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator

from groundswell.phonebank.providers import CallNotLive, NoProviderConfigured, ProviderError, get_provider
from groundswell.phonebank.providers.fake import FakeProvider
from groundswell.phonebank.providers.manual import ManualProvider
from groundswell.phonebank.providers.twilio_voice import TwilioVoiceProvider
from groundswell.phonebank.providers.twiml import bridge_twiml, report_from_form

SID = "AC" + "1" * 32
TOKEN = "test-auth-token-12345"
CALLER_ID = "+13125550100"
VOICEMAIL = "https://cdn.example.org/vm.mp3"
SITE = "https://calls.example.org"
STATUS_PATH = "/phonebank/provider/status/"


class RecordingHttp(HttpClient):
    """Twilio's HTTP layer replaced: records each request and answers from a queue of (status, body)."""

    def __init__(self, *answers: tuple[int, dict]) -> None:
        super().__init__(logger=None, is_async=False)
        self.answers = list(answers)
        self.requests: list[dict] = []

    def request(self, method, uri, params=None, data=None, headers=None, auth=None, timeout=None,
                allow_redirects=False):
        self.requests.append({"method": method, "uri": uri, "params": params or {}, "data": data or {},
                              "auth": auth})
        status, body = self.answers.pop(0)
        return Response(status, json.dumps(body))


def twilio(http: RecordingHttp, voicemail: str = VOICEMAIL) -> TwilioVoiceProvider:
    return TwilioVoiceProvider(account_sid=SID, auth_token=TOKEN, caller_id=CALLER_ID, voicemail_url=voicemail,
                               http_client=http)


def call_json(sid: str, **fields) -> dict:
    return {"sid": sid, "account_sid": SID, "status": "queued", "parent_call_sid": None, **fields}


# --- choosing a provider -------------------------------------------------------------------------------


def test_it_uses_the_manual_provider_by_default():
    provider = get_provider()
    assert isinstance(provider, ManualProvider)
    assert provider.needs_account is False


def test_the_manual_provider_refuses_to_place_calls_with_a_clear_message():
    with pytest.raises(NoProviderConfigured, match="dial the number from your own phone"):
        ManualProvider().place_call(to="+13125550101", caller_number="+13125550102", callback_url="x",
                                    twiml_url="y")


@override_settings(PHONEBANK_PROVIDER="carrier-pigeon")
def test_an_unknown_provider_name_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="manual, twilio, fake"):
        get_provider()


@override_settings(PHONEBANK_PROVIDER="twilio", TWILIO_ACCOUNT_SID=SID, TWILIO_AUTH_TOKEN="", TWILIO_CALLER_ID="")
def test_twilio_without_its_settings_is_a_configuration_error_naming_them():
    with pytest.raises(ImproperlyConfigured, match="TWILIO_AUTH_TOKEN, TWILIO_CALLER_ID"):
        get_provider()


@override_settings(PHONEBANK_PROVIDER="twilio", TWILIO_ACCOUNT_SID=SID, TWILIO_AUTH_TOKEN=TOKEN,
                   TWILIO_CALLER_ID=CALLER_ID, TWILIO_VOICEMAIL_URL="")
def test_twilio_from_settings_needs_an_account_and_hides_the_token():
    provider = get_provider()
    assert isinstance(provider, TwilioVoiceProvider)
    assert provider.needs_account is True
    assert provider.can_drop_voicemail is False  # no recorded message configured
    assert TOKEN not in repr(provider)


# --- the Twilio adapter's API requests -------------------------------------------------------------------


def test_place_call_rings_the_caller_from_the_campaign_number_and_asks_for_status_and_machine_detection():
    http = RecordingHttp((201, call_json("CA" + "a" * 32)))
    call_id = twilio(http).place_call(to="+13125550101", caller_number="+13125550102",
                                      callback_url=SITE + STATUS_PATH, twiml_url=SITE + "/phonebank/provider/bridge/7/")
    assert call_id == "CA" + "a" * 32
    [sent] = http.requests
    assert sent["method"] == "POST"
    assert sent["uri"] == f"https://api.twilio.com/2010-04-01/Accounts/{SID}/Calls.json"
    assert sent["auth"] == (SID, TOKEN)
    data = sent["data"]
    assert data["To"] == "+13125550102"  # the caller's own phone rings first
    assert data["From"] == CALLER_ID
    assert data["Url"] == SITE + "/phonebank/provider/bridge/7/"
    assert data["StatusCallback"] == SITE + STATUS_PATH
    assert data["StatusCallbackEvent"] == ["initiated", "ringing", "answered", "completed"]
    assert data["MachineDetection"] == "Enable"
    assert "+13125550101" not in json.dumps(data)  # the contact is dialled by the bridge TwiML, not here


def test_a_refused_call_becomes_a_provider_error_with_twilios_reason():
    http = RecordingHttp((400, {"code": 21211, "message": "The 'To' number is not a valid phone number.",
                                "status": 400}))
    with pytest.raises(ProviderError, match="not a valid phone number"):
        twilio(http).place_call(to="+1", caller_number="+1", callback_url="https://x/", twiml_url="https://y/")


class UnreachableHttp(RecordingHttp):
    def request(self, *args, **kwargs):
        raise requests.exceptions.ConnectionError("connection refused")


def test_an_unreachable_twilio_becomes_a_provider_error_without_secrets():
    with pytest.raises(ProviderError, match="could not be reached") as info:
        twilio(UnreachableHttp()).place_call(to="+13125550101", caller_number="+13125550102",
                                             callback_url="https://x/", twiml_url="https://y/")
    assert TOKEN not in str(info.value)


def test_the_real_http_client_has_a_timeout():
    provider = TwilioVoiceProvider(account_sid=SID, auth_token=TOKEN, caller_id=CALLER_ID)
    assert provider.client.http_client.timeout == 10


def test_voicemail_drop_sends_the_contacts_leg_to_play_the_message_and_hang_up():
    parent, child = "CA" + "p" * 32, "CA" + "c" * 32
    http = RecordingHttp(
        (200, {"calls": [call_json(child, parent_call_sid=parent, status="in-progress")], "page": 0,
               "page_size": 1, "first_page_uri": "/x", "next_page_uri": None, "previous_page_uri": None,
               "uri": "/x"}),
        (200, call_json(child, status="in-progress")),
    )
    twilio(http).drop_voicemail(parent)
    listing, update = http.requests
    assert listing["method"] == "GET"
    assert listing["params"]["ParentCallSid"] == parent
    assert listing["params"]["Status"] == "in-progress"
    assert update["method"] == "POST"
    assert update["uri"].endswith(f"/Calls/{child}.json")
    assert f"<Play>{VOICEMAIL}</Play><Hangup />" in update["data"]["Twiml"]


def test_voicemail_drop_without_a_connected_contact_is_refused():
    http = RecordingHttp((200, {"calls": [], "page": 0, "page_size": 1, "first_page_uri": "/x",
                                "next_page_uri": None, "previous_page_uri": None, "uri": "/x"}))
    with pytest.raises(CallNotLive, match="not connected"):
        twilio(http).drop_voicemail("CA" + "p" * 32)
    assert len(http.requests) == 1  # nothing updated


def test_voicemail_drop_without_a_recorded_message_is_refused_before_calling_twilio():
    http = RecordingHttp()
    with pytest.raises(CallNotLive, match="TWILIO_VOICEMAIL_URL"):
        twilio(http, voicemail="").drop_voicemail("CA" + "p" * 32)
    assert http.requests == []


# --- TwiML and status reports ------------------------------------------------------------------------------


def post(path: str, data: dict, **headers):
    return RequestFactory().post(path, data, **headers)


def test_the_bridge_dials_the_contact_with_the_masked_caller_id_and_reports_the_contact_leg():
    request = post("/phonebank/provider/bridge/7/", {"CallSid": "CAparent", "AnsweredBy": "human"})
    xml = bridge_twiml(request, caller_id=CALLER_ID, contact_number="+13125550101", callback_url=SITE + STATUS_PATH)
    assert f'<Dial callerId="{CALLER_ID}">' in xml
    assert ">+13125550101</Number></Dial>" in xml
    assert f'statusCallback="{SITE}{STATUS_PATH}?leg=contact&amp;parent=CAparent"' in xml
    assert 'machineDetection="DetectMessageEnd"' in xml


@pytest.mark.parametrize("answered_by", ["machine_start", "machine_end_beep", "fax"])
def test_the_bridge_hangs_up_when_the_callers_own_voicemail_answered(answered_by):
    request = post("/phonebank/provider/bridge/7/", {"CallSid": "CAparent", "AnsweredBy": answered_by})
    xml = bridge_twiml(request, caller_id=CALLER_ID, contact_number="+13125550101", callback_url="https://x/")
    assert "<Hangup />" in xml
    assert "<Dial" not in xml


def test_the_bridge_says_so_and_hangs_up_when_the_contact_can_no_longer_be_called():
    request = post("/phonebank/provider/bridge/7/", {"CallSid": "CAparent"})
    xml = bridge_twiml(request, caller_id=CALLER_ID, contact_number="", callback_url="https://x/")
    assert "<Say>" in xml and "<Hangup />" in xml and "<Dial" not in xml


def test_a_caller_leg_report_has_the_status_but_not_the_duration():
    report = report_from_form(post(STATUS_PATH, {"CallSid": "CAparent", "CallStatus": "completed",
                                                 "CallDuration": "95", "AnsweredBy": "human"}))
    assert (report.call_id, report.status, report.duration_seconds, report.answered_by, report.leg) == (
        "CAparent", "completed", None, "", "caller")


def test_a_contact_leg_report_is_filed_under_the_callers_call_with_its_duration():
    request = post(f"{STATUS_PATH}?leg=contact&parent=CAparent",
                   {"CallSid": "CAchild", "ParentCallSid": "CAparent", "CallStatus": "completed",
                    "CallDuration": "42", "AnsweredBy": "machine_end_beep"})
    report = report_from_form(request)
    assert (report.call_id, report.status, report.duration_seconds, report.answered_by, report.leg) == (
        "CAparent", "completed", 42, "machine_end_beep", "contact")


@pytest.mark.parametrize(("sent", "stored"), [("initiated", "queued"), ("answered", "in-progress")])
def test_event_names_sent_as_a_status_are_stored_as_the_status_they_mean(sent, stored):
    assert report_from_form(post(STATUS_PATH, {"CallSid": "CA1", "CallStatus": sent})).status == stored


@pytest.mark.parametrize("data", [
    {"CallStatus": "completed"},  # no CallSid
    {"CallSid": "CA1", "CallStatus": "exploded"},
    {"CallSid": "CA1", "CallStatus": "completed", "CallDuration": "-3"},
    {"CallSid": "CA1", "CallStatus": "completed", "CallDuration": "long"},
])
def test_a_malformed_report_is_a_value_error(data):
    with pytest.raises(ValueError):
        report_from_form(post(f"{STATUS_PATH}?leg=contact&parent={data.get('CallSid', '')}", data))


# --- signatures ---------------------------------------------------------------------------------------------

PARAMS = {"CallSid": "CAparent", "CallStatus": "completed", "AccountSid": SID}


def signed(path: str, params: dict, *, url: str | None = None, token: str = TOKEN, **extra):
    signature = RequestValidator(token).compute_signature(url or SITE + path, params)
    return RequestFactory().post(path, params, HTTP_X_TWILIO_SIGNATURE=signature, **extra)


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE + "/"


def test_a_request_signed_with_the_auth_token_is_accepted(site):
    assert twilio(RecordingHttp()).verify_request(signed(STATUS_PATH, PARAMS))


def test_a_signed_query_string_is_part_of_what_is_checked(site):
    path = f"{STATUS_PATH}?leg=contact&parent=CAparent"
    assert twilio(RecordingHttp()).verify_request(signed(path, PARAMS))
    forged = signed(path, PARAMS)
    forged.META["QUERY_STRING"] = "leg=contact&parent=CAsomeoneelse"
    assert not twilio(RecordingHttp()).verify_request(forged)


def test_a_tampered_parameter_is_refused(site):
    request = signed(STATUS_PATH, PARAMS)
    tampered = RequestFactory().post(STATUS_PATH, {**PARAMS, "CallStatus": "busy"},
                                     HTTP_X_TWILIO_SIGNATURE=request.headers["X-Twilio-Signature"])
    assert not twilio(RecordingHttp()).verify_request(tampered)


def test_a_signature_for_another_url_is_refused(site):
    request = signed(STATUS_PATH, PARAMS, url="https://evil.example.org" + STATUS_PATH)
    assert not twilio(RecordingHttp()).verify_request(request)


def test_a_signature_made_with_another_token_is_refused(site):
    assert not twilio(RecordingHttp()).verify_request(signed(STATUS_PATH, PARAMS, token="not-the-token"))


def test_an_unsigned_request_is_refused(site):
    assert not twilio(RecordingHttp()).verify_request(RequestFactory().post(STATUS_PATH, PARAMS))


def test_behind_a_proxy_the_signed_url_is_rebuilt_from_site_url_not_the_host_header(site, settings):
    # The proxy terminated HTTPS and forwarded to an internal address over plain http.
    settings.ALLOWED_HOSTS = ["10.0.0.5"]
    request = signed(STATUS_PATH, PARAMS, HTTP_HOST="10.0.0.5:8000", secure=False)
    assert request.build_absolute_uri().startswith("http://10.0.0.5:8000")
    assert twilio(RecordingHttp()).verify_request(request)


def test_a_shared_key_signature_is_checked_with_the_key_and_its_algorithm(site):
    key = "webhook-shared-secret"
    provider = TwilioVoiceProvider(account_sid=SID, auth_token=TOKEN, caller_id=CALLER_ID, shared_key=key,
                                   http_client=RecordingHttp())
    settings_header = "key=webhooks_sharedkey_1,algorithm=HMAC_SHA256"
    signature = RequestValidator(key).compute_signature(SITE + STATUS_PATH, PARAMS, algorithm="HMAC_SHA256")
    request = RequestFactory().post(STATUS_PATH, PARAMS, HTTP_X_TWILIO_SIGNATURE=signature,
                                    HTTP_X_TWILIO_WEBHOOKS_SIGNATURE_SETTINGS=settings_header)
    assert provider.verify_request(request)
    assert not twilio(RecordingHttp()).verify_request(request)  # no shared key configured: refused


def test_the_fake_provider_signs_like_twilio_with_its_own_secret(site):
    from groundswell.phonebank.providers.fake import FAKE_SECRET

    assert FakeProvider().verify_request(signed(STATUS_PATH, PARAMS, token=FAKE_SECRET))
    assert not FakeProvider().verify_request(signed(STATUS_PATH, PARAMS))


def test_form_bodies_are_signed_over_every_parameter_sorted_by_name():
    # The documented algorithm, written out: URL + each name and value in name order, HMAC-SHA1, base64.
    import base64
    import hashlib
    import hmac

    url = SITE + STATUS_PATH
    text = url + "".join(f"{k}{PARAMS[k]}" for k in sorted(PARAMS))
    expected = base64.b64encode(hmac.new(TOKEN.encode(), text.encode(), hashlib.sha1).digest()).decode()
    assert RequestValidator(TOKEN).compute_signature(url, PARAMS) == expected
    assert parse_qs(urlencode(PARAMS))  # the body a real callback carries is plain form encoding
