"""A provider for tests: places nothing, remembers what it was asked, and speaks Twilio's webhook format
signed with its own secret, so signature checks in tests are real HMACs."""

import itertools
from typing import ClassVar

from django.http import HttpRequest

from groundswell.phonebank.providers import twiml
from groundswell.phonebank.providers.base import CallNotLive, CallReport, ProviderError, VoiceProvider

FAKE_SECRET = "fake-provider-secret"
FAKE_CALLER_ID = "+15005550006"


class FakeProvider(VoiceProvider):
    name = "fake"
    needs_account = True
    can_drop_voicemail = True

    placed: ClassVar[list[dict]] = []
    dropped: ClassVar[list[str]] = []
    ended: ClassVar[set[str]] = set()
    refuse_with: ClassVar[str] = ""
    _ids = itertools.count(1)

    @classmethod
    def reset(cls) -> None:
        cls.placed.clear()
        cls.dropped.clear()
        cls.ended.clear()
        cls.refuse_with = ""

    def place_call(self, *, to: str, caller_number: str, callback_url: str, twiml_url: str) -> str:
        if self.refuse_with:
            raise ProviderError(self.refuse_with)
        call_id = f"FAKE{next(self._ids):08d}"
        self.placed.append({"id": call_id, "to": to, "caller_number": caller_number, "callback_url": callback_url,
                            "twiml_url": twiml_url})
        return call_id

    def drop_voicemail(self, call_id: str) -> None:
        if call_id in self.ended or call_id not in {call["id"] for call in self.placed}:
            raise CallNotLive("the contact's line is not connected")
        self.dropped.append(call_id)

    def verify_request(self, request: HttpRequest) -> bool:
        return twiml.signature_is_valid(request, auth_token=FAKE_SECRET)

    def parse_status(self, request: HttpRequest) -> CallReport:
        return twiml.report_from_form(request)

    def bridge_response(self, request: HttpRequest, *, contact_number: str, callback_url: str) -> tuple[str, str]:
        body = twiml.bridge_twiml(request, caller_id=FAKE_CALLER_ID, contact_number=contact_number,
                                  callback_url=callback_url)
        return body, "text/xml"
