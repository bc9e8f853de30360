from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "omzien.surveys"
    verbose_name = _("Needs surveys")

    def ready(self) -> None:
        from omzien.ui import navigation, startpage

        navigation.register(
            _("Needs surveys"), "surveys:survey_list", order=315, group=navigation.MANAGEMENT
        )

        # Open surveys with their response count on the start page (ui.startpage).
        from omzien.surveys.selectors import todos

        startpage.register("surveys", todos)

        # Retention: free-text answers are erased after the survey closed (privacy.retention;
        # docs/privacy.md). The answers are anonymous, so no rights provider (docs/privacy.md).
        from omzien.privacy.retention import register_rule
        from omzien.surveys.services import surveys_apply_retention

        register_rule("surveys_apply_retention", surveys_apply_retention)

        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.common import indicators
        from omzien.surveys.selectors import INDICATORS, survey_indicators

        indicators.register(*INDICATORS, source=survey_indicators)

        from omzien.privacy.links import register_link

        register_link("surveys.survey", "surveys:survey_detail")
