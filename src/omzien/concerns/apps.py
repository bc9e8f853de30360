from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "omzien.concerns"
    verbose_name = _("Concerns")

    def ready(self) -> None:
        from omzien.ui import navigation, startpage

        navigation.register(_("Concerns"), "concerns:queue", order=250, group=navigation.WELFARE)
        navigation.register(
            _("Concern figures"), "concerns:figures", order=252, group=navigation.WELFARE
        )
        navigation.register(
            _("Report a concern"),
            "concerns:professional_report",
            order=254,
            group=navigation.WELFARE,
        )
        navigation.register(
            _("Concerns I reported"), "concerns:sent", order=255, group=navigation.WELFARE
        )
        navigation.register(
            _("Concern settings"), "concerns:settings", order=256, group=navigation.MANAGEMENT
        )

        # The welfare worker's to-dos on the start page (ui.startpage).
        from omzien.concerns.selectors import todos

        startpage.register("concerns", todos)

        # Retention (privacy.retention; docs/privacy.md).
        from omzien.concerns.services import concerns_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("concerns_apply_retention", concerns_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.concerns.rights import NAME, ConcernsProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, ConcernsProvider())

        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.common import indicators
        from omzien.concerns.selectors import INDICATORS, concern_indicators

        indicators.register(*INDICATORS, source=concern_indicators)

        # The audit trail links events to these records (privacy.links).
        from omzien.privacy.links import register_link

        register_link("concerns.concern", "concerns:detail")
