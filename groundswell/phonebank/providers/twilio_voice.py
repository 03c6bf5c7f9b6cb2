"""Twilio Voice: bridged calls with the campaign's number as caller id, status callbacks, voicemail drop.

Settings: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_CALLER_ID (a Twilio number or verified caller id,
shown to the contact), TWILIO_VOICEMAIL_URL (the recorded message, an mp3 Twilio can fetch) and optionally
TWILIO_WEBHOOK_SHARED_KEY (when webhooks are signed with a SharedKey instead of the auth token).
The auth token lives only in the SDK client and the validator: it is never logged, shown or stored.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http import HttpClient
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from groundswell.phonebank.providers import twiml
from groundswell.phonebank.providers.base import CallNotLive, CallReport, ProviderError, VoiceProvider

CALLER_LEG_EVENTS = ["initiated", "ringing", "answered", "completed"]
RING_SECONDS = 30
# A caller waits on the page while we ask Twilio: never hang a web worker on a slow connection.
API_TIMEOUT_SECONDS = 10


class TwilioVoiceProvider(VoiceProvider):
    name = "twilio"
    needs_account = True

    def __init__(self, *, account_sid: str, auth_token: str, caller_id: str, voicemail_url: str = "",
                 shared_key: str = "", http_client: HttpClient | None = None) -> None:
        missing = [name for name, value in (("TWILIO_ACCOUNT_SID", account_sid), ("TWILIO_AUTH_TOKEN", auth_token),
                                            ("TWILIO_CALLER_ID", caller_id)) if not value]
        if missing:
            raise ImproperlyConfigured(f"PHONEBANK_PROVIDER is twilio but {', '.join(missing)} is not set")
        self._account_sid = account_sid
        self._auth_token = auth_token
        self._shared_key = shared_key
        self._http_client = http_client
        self._client: Client | None = None
        self.caller_id = caller_id
        self.voicemail_url = voicemail_url
        self.can_drop_voicemail = bool(voicemail_url)

    @classmethod
    def from_settings(cls, http_client: HttpClient | None = None) -> "TwilioVoiceProvider":
        return cls(account_sid=getattr(settings, "TWILIO_ACCOUNT_SID", ""),
                   auth_token=getattr(settings, "TWILIO_AUTH_TOKEN", ""),
                   caller_id=getattr(settings, "TWILIO_CALLER_ID", ""),
                   voicemail_url=getattr(settings, "TWILIO_VOICEMAIL_URL", ""),
                   shared_key=getattr(settings, "TWILIO_WEBHOOK_SHARED_KEY", ""), http_client=http_client)

    def __repr__(self) -> str:  # never show the token, even in a traceback's locals
        return f"<TwilioVoiceProvider {self._account_sid[:6]}… caller_id={self.caller_id}>"

    @property
    def client(self) -> Client:
        if self._client is None:
            http_client = self._http_client or TwilioHttpClient(timeout=API_TIMEOUT_SECONDS)
            self._client = Client(self._account_sid, self._auth_token, http_client=http_client)
        return self._client

    def place_call(self, *, to: str, caller_number: str, callback_url: str, twiml_url: str) -> str:
        """Ring the caller's phone (`caller_number`); the TwiML at `twiml_url` then dials `to`, the contact.
        Synchronous machine detection on the caller's leg tells the TwiML when their own voicemail answered."""
        try:
            call = self.client.calls.create(
                to=caller_number, from_=self.caller_id, url=twiml_url, status_callback=callback_url,
                status_callback_event=CALLER_LEG_EVENTS, machine_detection="Enable", timeout=RING_SECONDS)
        except TwilioRestException as exc:
            raise ProviderError(f"Twilio refused the call: {exc.msg}") from None
        except (TwilioException, OSError) as exc:
            raise ProviderError(f"Twilio could not be reached ({type(exc).__name__})") from None
        return call.sid

    def drop_voicemail(self, call_id: str) -> None:
        """Send the contact's leg (the child of the caller's call) to play the message and hang up; the
        caller's leg then ends as its <Dial> is over."""
        if not self.voicemail_url:
            raise CallNotLive("no recorded voicemail message is configured (TWILIO_VOICEMAIL_URL)")
        try:
            legs = self.client.calls.list(parent_call_sid=call_id, status="in-progress", limit=1)
            if not legs:
                raise CallNotLive("the contact's line is not connected")
            self.client.calls(legs[0].sid).update(twiml=twiml.voicemail_twiml(self.voicemail_url))
        except TwilioRestException as exc:
            raise ProviderError(f"Twilio refused the voicemail drop: {exc.msg}") from None
        except (TwilioException, OSError) as exc:
            raise ProviderError(f"Twilio could not be reached ({type(exc).__name__})") from None

    def verify_request(self, request: HttpRequest) -> bool:
        return twiml.signature_is_valid(request, auth_token=self._auth_token, shared_key=self._shared_key)

    def parse_status(self, request: HttpRequest) -> CallReport:
        return twiml.report_from_form(request)

    def bridge_response(self, request: HttpRequest, *, contact_number: str, callback_url: str) -> tuple[str, str]:
        body = twiml.bridge_twiml(request, caller_id=self.caller_id, contact_number=contact_number,
                                  callback_url=callback_url)
        return body, "text/xml"
