from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "groundswell.orgs"
    label = "orgs"
