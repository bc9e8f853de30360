from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaregiversConfig(AppConfig):
    name = "omzien.caregivers"
    verbose_name = _("Informal carers")

    def ready(self) -> None:
        # Retention (privacy.retention). Demo loaders and synthetic generators are not
        # registered here: the demo app, where installed, finds demo.py and synthetic.py.
        from omzien.caregivers.services.caregivers import caregivers_apply_retention
        from omzien.caregivers.services.referrals import incoming_referrals_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("caregivers_apply_retention", caregivers_apply_retention)
        register_rule("incoming_referrals_apply_retention", incoming_referrals_apply_retention)
