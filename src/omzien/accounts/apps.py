from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "omzien.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from omzien.ui import navigation

        navigation.register(_("Account"), "accounts:settings", order=900)
