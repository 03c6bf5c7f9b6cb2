"""The default: no provider. The calling page shows the number as a `tel:` link and the caller dials it from
their own phone; nothing is placed, nothing calls back."""

from django.http import HttpRequest

from groundswell.phonebank.providers.base import CallReport, NoProviderConfigured, VoiceProvider


class ManualProvider(VoiceProvider):
    name = "manual"
    needs_account = False
    can_drop_voicemail = False

    def place_call(self, *, to: str, caller_number: str, callback_url: str, twiml_url: str) -> str:
        raise NoProviderConfigured()

    def drop_voicemail(self, call_id: str) -> None:
        raise NoProviderConfigured()

    def verify_request(self, request: HttpRequest) -> bool:
        # Nothing calls back without a provider, so no webhook request is genuine.
        return False

    def parse_status(self, request: HttpRequest) -> CallReport:
        raise NoProviderConfigured()
