"""The voice provider interface: how the phone bank places a call through a provider and hears back from it.

The default provider needs no account (the caller dials from their own phone through a `tel:` link). A
provider with an account places a *bridged* call: it rings the caller's own phone first and, once they pick
up, dials the contact showing the campaign's number (the masked caller id). Calls from the browser are not
built; a provider that offers them would add a method here.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.http import HttpRequest

from groundswell.common.errors import Conflict

# Final call statuses (the provider's words, the same as ProviderCall.Status values).
FINAL_STATUSES = frozenset({"completed", "busy", "no-answer", "failed", "canceled"})
KNOWN_STATUSES = frozenset({"queued", "ringing", "in-progress", *FINAL_STATUSES})


class NoProviderConfigured(Conflict):
    """The phone bank has no calling provider: callers dial from their own phone."""

    def __init__(self) -> None:
        super().__init__("no calling provider is configured: dial the number from your own phone")


class ProviderError(Exception):
    """The provider refused the request or could not be reached; the message is safe to show."""


class CallNotLive(Conflict):
    """The call cannot take this action now (it ended, or the contact's line is not connected)."""


@dataclass(frozen=True)
class CallReport:
    """What a status webhook says about one call.

    `call_id` is the id `place_call` returned (the caller's leg). `leg` says which side the report is about:
    "caller" (the caller's own phone) or "contact" (the person called); durations come from the contact leg
    only, because the caller leg also counts the time their own phone rang. `status` is "" for a report that
    carries no status (an answering-machine verdict)."""

    call_id: str
    status: str
    duration_seconds: int | None
    answered_by: str
    leg: str = "contact"


class VoiceProvider(ABC):
    name: str
    needs_account: bool
    can_drop_voicemail: bool = False

    @abstractmethod
    def place_call(self, *, to: str, caller_number: str, callback_url: str, twiml_url: str) -> str:
        """Ring `caller_number`, then connect it to `to` (the contact) with the campaign's caller id.
        `twiml_url` serves the bridging instructions, `callback_url` receives status reports. Returns the
        provider's id of the call. Raises ProviderError when the provider refuses."""

    @abstractmethod
    def drop_voicemail(self, call_id: str) -> None:
        """Play the recorded message into the contact's voicemail and hang up. CallNotLive when the
        contact's line is not connected."""

    @abstractmethod
    def verify_request(self, request: HttpRequest) -> bool:
        """True only for a webhook request the provider signed (the signature covers URL and parameters)."""

    @abstractmethod
    def parse_status(self, request: HttpRequest) -> CallReport:
        """Read a (verified) status webhook; ValueError when it is not one."""

    def bridge_response(self, request: HttpRequest, *, contact_number: str, callback_url: str) -> tuple[str, str]:
        """(body, content type) answering the provider's request for the bridging instructions."""
        raise NoProviderConfigured()
