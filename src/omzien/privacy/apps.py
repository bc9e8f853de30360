from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "omzien.privacy"
    verbose_name = _("Privacy and audit trail")

    def ready(self) -> None:
        from omzien.privacy import receivers  # noqa: F401
        from omzien.privacy.retention import register_rule
        from omzien.privacy.rights import AUDIT, AuditTrailProvider, register_provider
        from omzien.privacy.services import subject_requests_apply_retention
        from omzien.ui import navigation

        register_rule("subject_requests_apply_retention", subject_requests_apply_retention)
        register_provider(AUDIT, AuditTrailProvider())

        from omzien.privacy.todos import todos_for
        from omzien.ui import startpage

        startpage.register("privacy", todos_for)
        navigation.register(
            _("Audit trail"), "privacy:audit_list", order=180, group=navigation.MANAGEMENT
        )
        navigation.register(
            _("Privacy requests"), "privacy:request_list", order=185, group=navigation.MANAGEMENT
        )

        from omzien.privacy.links import register_link

        register_link("privacy.subjectrequest", "privacy:request_detail")
