from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    name = "omzien.buddies"
    verbose_name = _("Buddy programmes")

    def ready(self) -> None:
        from omzien.ui import navigation

        navigation.register(_("Buddy programmes"), "buddies:programme_list", order=300)
