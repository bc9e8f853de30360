from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    name = "omzien.ui"
    verbose_name = _("User interface")

    def ready(self) -> None:
        from omzien.ui import navigation

        navigation.register(_("Home"), "ui:home", order=10)
        navigation.register(_("My Omzien"), "ui:dashboard", order=20)
