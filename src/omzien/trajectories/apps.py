from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoriesConfig(AppConfig):
    name = "omzien.trajectories"
    verbose_name = _("Trajectories")

    def ready(self) -> None:
        from omzien.ui import navigation

        navigation.register(
            _("Trajectories"), "trajectories:list", order=294, group=navigation.VOLUNTEERING
        )
        navigation.register(
            _("Trajectory figures"),
            "trajectories:figures",
            order=295,
            group=navigation.VOLUNTEERING,
        )
        # The client manager: the referral form and the status of what they sent.
        navigation.register(
            _("Refer to the volunteer centre"),
            "trajectories:refer",
            order=296,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("My volunteer centre referrals"),
            "trajectories:my_referrals",
            order=297,
            group=navigation.VOLUNTEERING,
        )

        # Retention (privacy.retention; docs/privacy.md).
        from omzien.privacy.retention import register_rule
        from omzien.trajectories.services.retention import trajectories_apply_retention

        register_rule("trajectories_apply_retention", trajectories_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.privacy.rights import register_provider
        from omzien.trajectories.rights import NAME, TrajectoriesProvider

        register_provider(NAME, TrajectoriesProvider())

        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.common import indicators
        from omzien.trajectories.selectors.figures import INDICATORS, trajectory_indicators

        indicators.register(*INDICATORS, source=trajectory_indicators)

        # The audit trail links events to these records (privacy.links).
        from omzien.privacy.links import register_link

        register_link("trajectories.trajectory", "trajectories:detail")
        register_link("trajectories.referral", "trajectories:referral")
