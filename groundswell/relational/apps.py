from django.apps import AppConfig


class RelationalConfig(AppConfig):
    name = "groundswell.relational"
    label = "relational"
    verbose_name = "Relational organizing"
