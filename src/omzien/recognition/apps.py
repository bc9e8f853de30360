from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "omzien.recognition"
    verbose_name = _("Volunteer prize")

    def ready(self) -> None:
        from omzien.ui import navigation, startpage

        navigation.register(
            _("Volunteer prize"), "recognition:rounds", order=294, group=navigation.VOLUNTEERING
        )

        # A jury member's nominations to score and a broker's to check (ui.startpage).
        from omzien.recognition.selectors.rounds import todos

        startpage.register("recognition", todos)

        # Retention (privacy.retention; docs/privacy.md).
        from omzien.privacy.retention import register_rule
        from omzien.recognition.services.retention import recognition_apply_retention

        register_rule("recognition_apply_retention", recognition_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.privacy.rights import register_provider
        from omzien.recognition.rights import NAME, RecognitionProvider

        register_provider(NAME, RecognitionProvider())

        # The audit trail links events to these records (privacy.links).
        from omzien.privacy.links import register_link

        register_link("recognition.round", "recognition:round")
        register_link("recognition.nomination", "recognition:nomination")
