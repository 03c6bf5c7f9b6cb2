from django.apps import AppConfig


class PhonebankConfig(AppConfig):
    name = "groundswell.phonebank"
    label = "phonebank"

    def ready(self) -> None:
        from groundswell.outreach.claims import claim_guards
        from groundswell.phonebank.sessions import refuse_paused_caller

        if refuse_paused_caller not in claim_guards:
            claim_guards.append(refuse_paused_caller)
