from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppreciationConfig(AppConfig):
    name = "omzien.appreciation"
    verbose_name = _("Carer appreciation")

    def ready(self) -> None:
        # Demo loaders are not registered here: the demo app, where installed, finds demo.py.
        from omzien.ui import navigation

        # The place of each entry among all apps' entries (see ui.navigation).
        navigation.register(
            _("Appreciation rounds"), "appreciation:round_list", order=165, group=navigation.CARERS
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
