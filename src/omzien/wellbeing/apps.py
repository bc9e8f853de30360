from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WellbeingConfig(AppConfig):
    name = "omzien.wellbeing"
    verbose_name = _("Wellbeing")

    def ready(self) -> None:
        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.common import indicators
        from omzien.wellbeing.selectors import INDICATORS, todos, wellbeing_indicators

        indicators.register(*INDICATORS, source=wellbeing_indicators)

        # Retention (privacy.retention) and access and erasure requests (privacy.rights).
        from omzien.privacy.retention import register_rule
        from omzien.privacy.rights import register_provider
        from omzien.wellbeing.rights import NAME, WellbeingProvider
        from omzien.wellbeing.services import wellbeing_apply_retention

        register_rule("wellbeing_apply_retention", wellbeing_apply_retention)
        register_provider(NAME, WellbeingProvider())

        from omzien.ui import navigation, startpage

        startpage.register("wellbeing", todos)
        group = _("Wellbeing")
        navigation.register(
            _("Wellbeing trajectories"), "wellbeing:trajectory_list", order=310, group=group
        )
        navigation.register(
            _("Effect on loneliness"), "wellbeing:effect_report", order=311, group=group
        )
        navigation.register(
            _("Refer for welzijn op recept"), "wellbeing:refer", order=312, group=group
        )
        navigation.register(
            _("My welzijn op recept referrals"), "wellbeing:referral_mine", order=313, group=group
        )

        # The audit trail links events to these records (privacy.links).
        from omzien.privacy.links import register_link

        register_link("wellbeing.trajectory", "wellbeing:trajectory_detail")
