from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "groundswell.outreach"
    label = "outreach"

    def ready(self) -> None:
        from groundswell.outreach.privacy import register_privacy

        register_privacy()
