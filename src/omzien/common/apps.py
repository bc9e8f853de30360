from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "omzien.common"
    verbose_name = "Omzien common"
