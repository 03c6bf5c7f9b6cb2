from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "groundswell.events"
    label = "events"
    verbose_name = "Events and shifts"

    def ready(self) -> None:
        from groundswell.events.privacy import register_privacy

        register_privacy()
