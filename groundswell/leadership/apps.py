from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "groundswell.leadership"
    label = "leadership"
    verbose_name = "Leadership"

    def ready(self) -> None:
        from groundswell.leadership.privacy import register_privacy

        register_privacy()
