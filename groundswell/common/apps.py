from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "groundswell.common"
    label = "common"
