from django.apps import AppConfig


class PhonebankConfig(AppConfig):
    name = "groundswell.phonebank"
    label = "phonebank"

    def ready(self) -> None:
        from groundswell.outreach.claims import claim_guards
        from groundswell.phonebank.sessions import PAUSED_CALLER

        if PAUSED_CALLER not in claim_guards:
            claim_guards.append(PAUSED_CALLER)
