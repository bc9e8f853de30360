from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeVisitsConfig(AppConfig):
    name = "omzien.homevisits"
    label = "homevisits"
    verbose_name = _("Preventive home visits")

    def ready(self) -> None:
        from omzien.ui import navigation, startpage

        navigation.register(
            _("Home visits"), "homevisits:plans", order=258, group=navigation.WELFARE
        )
        navigation.register(
            _("Home visit figures"), "homevisits:figures", order=259, group=navigation.WELFARE
        )
        navigation.register(
            _("My home visits"), "homevisits:mine", order=217, group=navigation.VOLUNTEERING
        )

        # The visitor's and the welfare worker's to-dos on the start page (ui.startpage).
        from omzien.homevisits.selectors import todos

        startpage.register("homevisits", todos)

        # The address import runs in the background (common.imports).
        from omzien.common.imports import register_importer
        from omzien.homevisits.services import IMPORT_KIND, run_visit_import

        register_importer(IMPORT_KIND, run_visit_import)

        # Retention (privacy.retention; docs/privacy.md).
        from omzien.homevisits.services import homevisits_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("homevisits_apply_retention", homevisits_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.homevisits.rights import NAME, HomeVisitsProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, HomeVisitsProvider())

        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.common import indicators
        from omzien.homevisits.selectors import INDICATORS, visit_indicators

        indicators.register(*INDICATORS, source=visit_indicators)

        # The audit trail links events to these records (privacy.links).
        from omzien.privacy.links import register_link

        register_link("homevisits.visit", "homevisits:visit")
