from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "groundswell.goals"
    label = "goals"
    verbose_name = "Goals"
