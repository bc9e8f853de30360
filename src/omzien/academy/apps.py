from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    name = "omzien.academy"
    verbose_name = _("Training academy")

    def ready(self) -> None:
        from omzien.ui import navigation

        navigation.register(
            _("Training academy"), "academy:courses", order=294, group=navigation.VOLUNTEERING
        )
        navigation.register(
            _("Training"), "academy:organisation_mine", order=277, group=navigation.VOLUNTEERING
        )
        navigation.register(
            _("My training"), "academy:mine", order=216, group=navigation.VOLUNTEERING
        )

        # Retention (privacy.retention; docs/privacy.md).
        from omzien.academy.services.retention import academy_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("academy_apply_retention", academy_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.academy.rights import NAME, AcademyProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, AcademyProvider())

        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.academy.selectors.figures import INDICATORS, academy_indicators
        from omzien.common import indicators

        indicators.register(*INDICATORS, source=academy_indicators)

        # The audit trail links events to these records (privacy.links).
        from omzien.privacy.links import register_link

        register_link("academy.course", "academy:course")
