from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "omzien.demo"
    verbose_name = "Demo and synthetic data"
