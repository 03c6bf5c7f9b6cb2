from django.apps import AppConfig


class RelationalConfig(AppConfig):
    name = "groundswell.relational"
    label = "relational"
    verbose_name = "Relational organizing"

    def ready(self) -> None:
        from groundswell.relational.privacy import register_privacy

        register_privacy()
