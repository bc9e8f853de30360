from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-app notifications and their e-mail (per notification or as a daily digest).

    A platform app: capabilities call ``notifications.services.notify`` when something needs a
    person's action; this app imports no capability.
    """

    name = "omzien.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from omzien.notifications.rights import NAME, NotificationsProvider
        from omzien.notifications.services import notifications_apply_retention
        from omzien.privacy.retention import register_rule
        from omzien.privacy.rights import register_provider

        register_rule("notifications_apply_retention", notifications_apply_retention)
        register_provider(NAME, NotificationsProvider())
