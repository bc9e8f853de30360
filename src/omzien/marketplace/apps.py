from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "omzien.marketplace"
    verbose_name = _("Beursvloer")

    def ready(self) -> None:
        from omzien.ui import navigation, startpage

        navigation.register(
            _("Beursvloer"), "marketplace:events", order=292, group=navigation.VOLUNTEERING
        )
        navigation.register(
            _("Beursvloer"),
            "marketplace:organisation_mine",
            order=276,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Beursvloer figures"),
            "marketplace:figures",
            order=293,
            group=navigation.VOLUNTEERING,
        )

        # The broker's deals to follow up on the start page (ui.startpage).
        from omzien.marketplace.selectors.deals import todos

        startpage.register("marketplace", todos)

        # Retention (privacy.retention; docs/privacy.md).
        from omzien.marketplace.services.retention import marketplace_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("marketplace_apply_retention", marketplace_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.marketplace.rights import NAME, MarketplaceProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, MarketplaceProvider())

        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.common import indicators
        from omzien.marketplace.selectors.figures import INDICATORS, marketplace_indicators

        indicators.register(*INDICATORS, source=marketplace_indicators)

        # The audit trail links events to these records (privacy.links).
        from omzien.privacy.links import register_link

        register_link("marketplace.event", "marketplace:event")
        register_link("marketplace.deal", "marketplace:deal")
