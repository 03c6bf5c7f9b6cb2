from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "groundswell.outreach"
    label = "outreach"
