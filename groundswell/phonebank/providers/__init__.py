"""Voice providers for the phone bank, chosen by settings.PHONEBANK_PROVIDER: "manual" (the default, no
account: callers dial from their own phone), "twilio", or "fake" (tests only)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from groundswell.phonebank.providers.base import (
    CallNotLive,
    CallReport,
    NoProviderConfigured,
    ProviderError,
    VoiceProvider,
)
from groundswell.phonebank.providers.manual import ManualProvider

__all__ = ["CallNotLive", "CallReport", "NoProviderConfigured", "ProviderError", "VoiceProvider", "get_provider"]

PROVIDERS = ("manual", "twilio", "fake")


def get_provider() -> VoiceProvider:
    name = (getattr(settings, "PHONEBANK_PROVIDER", "") or "manual").lower()
    if name == "manual":
        return ManualProvider()
    if name == "twilio":
        from groundswell.phonebank.providers.twilio_voice import TwilioVoiceProvider

        return TwilioVoiceProvider.from_settings()
    if name == "fake":
        from groundswell.phonebank.providers.fake import FakeProvider

        return FakeProvider()
    raise ImproperlyConfigured(f"PHONEBANK_PROVIDER must be one of {', '.join(PROVIDERS)}, not {name!r}")
