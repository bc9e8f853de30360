from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    name = "omzien.buddies"
    verbose_name = _("Buddy programmes")

    def ready(self) -> None:
        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.buddies.selectors import INDICATORS, buddy_indicators
        from omzien.common import indicators

        indicators.register(*INDICATORS, source=buddy_indicators)

        # Retention (privacy.retention). Demo loaders and synthetic generators are not
        # registered here: the demo app, where installed, finds demo.py and synthetic.py.
        from omzien.buddies.services import buddies_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("buddies_apply_retention", buddies_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.buddies.rights import NAME, BuddiesProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, BuddiesProvider())

        from omzien.ui import navigation

        navigation.register(
            _("Buddy programmes"), "buddies:programme_list", order=300, group=navigation.BUDDIES
        )
        navigation.register(
            _("Buddy figures"), "buddies:figures", order=301, group=navigation.BUDDIES
        )

        # The audit trail links events to these records (privacy.links).
        from omzien.privacy.links import register_link

        register_link("buddies.buddyprogramme", "buddies:programme_detail")
        register_link("buddies.buddypair", "buddies:pair_detail")
