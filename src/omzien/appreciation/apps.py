from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppreciationConfig(AppConfig):
    name = "omzien.appreciation"
    verbose_name = _("Carer appreciation")

    def ready(self) -> None:
        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.appreciation.selectors.indicators import INDICATORS, appreciation_indicators
        from omzien.common import indicators

        indicators.register(*INDICATORS, source=appreciation_indicators)

        # Retention (privacy.retention): personal details after the round's period after
        # payment, the financial record after the fiscal period.
        from omzien.appreciation.services.retention import appreciation_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("appreciation_apply_retention", appreciation_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.appreciation.rights import NAME, AppreciationProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, AppreciationProvider())

        # The voucher list, when long, made in the background (common.exports).
        from omzien.appreciation.services.vouchers import VOUCHER_EXPORT
        from omzien.appreciation.views.vouchers import VOUCHER_EXPORTER
        from omzien.common.exports import register_exporter

        register_exporter(VOUCHER_EXPORT, VOUCHER_EXPORTER)

        # What appreciation staff find on their start page (ui.startpage).
        from omzien.appreciation.selectors.todos import todos_for
        from omzien.ui import startpage

        startpage.register("appreciation", todos_for)

        # Demo loaders are not registered here: the demo app, where installed, finds demo.py.
        from omzien.ui import navigation

        # The place of each entry among all apps' entries (see ui.navigation).
        navigation.register(
            _("Appreciation rounds"), "appreciation:round_list", order=165, group=navigation.CARERS
        )
        navigation.register(
            _("Appreciation figures"),
            "appreciation:figures",
            order=166,
            group=navigation.CARERS,
        )
        navigation.register(
            _("My appreciation applications"),
            "appreciation_public:mine",
            order=192,
            group=navigation.CARERS,
        )
        navigation.register(
            _("Participating shops"),
            "appreciation:shop_list",
            order=178,
            group=navigation.MANAGEMENT,
        )

        # The audit trail links events of a round (set up, changed, copied) to its page.
        from omzien.privacy.links import register_link

        register_link("appreciation.round", "appreciation:round_detail")
        register_link("appreciation.application", "appreciation:application_detail")
