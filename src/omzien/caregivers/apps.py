from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaregiversConfig(AppConfig):
    name = "omzien.caregivers"
    verbose_name = _("Informal carers")

    def ready(self) -> None:
        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.caregivers.selectors.indicators import INDICATORS, caregiver_indicators
        from omzien.common import indicators

        indicators.register(*INDICATORS, source=caregiver_indicators)

        # Retention (privacy.retention). Demo loaders and synthetic generators are not
        # registered here: the demo app, where installed, finds demo.py and synthetic.py.
        from omzien.caregivers.services.caregivers import caregivers_apply_retention
        from omzien.caregivers.services.referrals import incoming_referrals_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("caregivers_apply_retention", caregivers_apply_retention)
        register_rule("incoming_referrals_apply_retention", incoming_referrals_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.caregivers.rights import NAME, CaregiversProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, CaregiversProvider())

        # The carer import runs in the background (common.imports).
        from omzien.caregivers.services.io import IMPORT_KIND, run_caregiver_import
        from omzien.common.imports import register_importer

        register_importer(IMPORT_KIND, run_caregiver_import)

        # A large export of the registry is made in the background (common.exports).
        from omzien.caregivers.selectors import io as exporting
        from omzien.caregivers.views.io import export_back, export_gate
        from omzien.common.exports import Exporter, register_exporter

        register_exporter(
            exporting.EXPORT_KIND,
            Exporter(
                build=exporting.build_caregiver_export,
                audit=exporting.audit_caregiver_export,
                gate=export_gate,
                back=export_back,
            ),
        )

        # What a consultant, referrer or carer finds on their start page (ui.startpage).
        from omzien.caregivers.selectors.todos import todos_for
        from omzien.ui import startpage

        startpage.register("caregivers", todos_for)

        from omzien.ui import navigation

        # The place of each entry among all apps' entries (see ui.navigation).
        navigation.register(_("Carers"), "caregivers:registry", order=100, group=navigation.CARERS)
        navigation.register(
            _("Caseload"), "caregivers:caseload", order=110, group=navigation.CARERS
        )
        navigation.register(
            _("Incoming referrals"), "caregivers:incoming_list", order=120, group=navigation.CARERS
        )
        navigation.register(
            _("Refer a carer"), "caregivers:refer", order=130, group=navigation.CARERS
        )
        navigation.register(
            _("My referrals"), "caregivers:my_referrals", order=140, group=navigation.CARERS
        )
        navigation.register(
            _("Carer figures"), "caregivers:figures", order=150, group=navigation.CARERS
        )
        navigation.register(_("Signals"), "caregivers:alerts", order=160, group=navigation.CARERS)
        navigation.register(
            _("Carer settings"), "caregivers:settings", order=170, group=navigation.MANAGEMENT
        )
        navigation.register(
            _("Campaign pages"), "caregivers:campaign_list", order=172, group=navigation.CARERS
        )
        navigation.register(
            _("My carer registration"), "carer:mine", order=190, group=navigation.CARERS
        )

        # The campaigns running in the visitor's municipality, on the home page (ui.homepage).
        from omzien.caregivers.views.campaigns import home_block
        from omzien.ui import homepage

        homepage.register("caregivers_campaigns", home_block)

        # The audit trail links events to these records (privacy.links).
        from omzien.privacy.links import register_link

        register_link("caregivers.caregiver", "caregivers:detail")
        register_link("caregivers.campaignpage", "caregivers:campaign_preview")
