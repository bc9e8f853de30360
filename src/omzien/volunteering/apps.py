from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "omzien.volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        # Retention (privacy.retention). Demo loaders and synthetic generators are not
        # registered here: the demo app, where installed, finds demo.py and synthetic.py.
        from omzien.privacy.retention import register_rule
        from omzien.volunteering.services.retention import volunteering_apply_retention

        register_rule("volunteering_apply_retention", volunteering_apply_retention)
