from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "omzien.privacy"
    verbose_name = _("Privacy and audit trail")

    def ready(self) -> None:
        from omzien.privacy import receivers  # noqa: F401
        from omzien.ui import navigation

        navigation.register(_("Audit trail"), "privacy:audit_list", order=180)
