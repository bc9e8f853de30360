from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "omzien.volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.common import indicators
        from omzien.volunteering.selectors.indicators import INDICATORS, volunteering_indicators

        indicators.register(*INDICATORS, source=volunteering_indicators)

        # The matching engine's age in this process, for operators (common.metrics).
        from omzien.common import metrics
        from omzien.volunteering import suggestion_engine

        metrics.register(suggestion_engine.metrics)

        # Retention (privacy.retention). Demo loaders and synthetic generators are not
        # registered here: the demo app, where installed, finds demo.py and synthetic.py.
        from omzien.privacy.retention import register_rule
        from omzien.volunteering.services.retention import volunteering_apply_retention

        register_rule("volunteering_apply_retention", volunteering_apply_retention)
        from omzien.volunteering.services.retention import hours_and_allowances_apply_retention

        register_rule("volunteering_hours_and_allowances", hours_and_allowances_apply_retention)
        from omzien.volunteering.services.retention import vog_requests_apply_retention

        register_rule("volunteering_vog_requests", vog_requests_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.privacy.rights import register_provider
        from omzien.volunteering.rights import NAME, VolunteeringProvider

        register_provider(NAME, VolunteeringProvider())

        # A large export of hours is made in the background (common.exports).
        from omzien.common.exports import register_exporter
        from omzien.volunteering.views import hours

        register_exporter(hours.ORGANISATION_EXPORT, hours.ORGANISATION_EXPORTER)
        register_exporter(hours.BROKER_EXPORT, hours.BROKER_EXPORTER)

        # What a broker, organisation member or volunteer finds on their start page.
        from omzien.ui import startpage
        from omzien.volunteering.selectors.todos import todos_for

        startpage.register("volunteering", todos_for)

        from omzien.ui import navigation

        # The place of each entry among all apps' entries (see ui.navigation).
        navigation.register(
            _("My volunteer profile"),
            "volunteering:profile_mine",
            order=200,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("My responses"),
            "volunteering:response_mine",
            order=210,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("My hours"),
            "volunteering:hours_mine",
            order=215,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Volunteer hours"),
            "volunteering:hours_broker",
            order=235,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("VOG and certificates"),
            "volunteering:qualification_broker",
            order=236,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Hours to approve"),
            "volunteering:hours_inbox",
            order=275,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Volunteering settings"),
            "volunteering:volunteering_settings",
            order=335,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Work queue"), "volunteering:work_queue", order=220, group=navigation.VOLUNTEERING
        )
        navigation.register(
            _("Volunteering figures"),
            "volunteering:figures",
            order=230,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Volunteers"), "volunteering:volunteer_list", order=240, group=navigation.VOLUNTEERING
        )
        navigation.register(
            _("Volunteer work"),
            "volunteering:vacancy_search",
            order=250,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Organisations"),
            "volunteering:organisation_public_list",
            order=260,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Our vacancies"),
            "volunteering:vacancy_mine",
            order=270,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Vacancies to review"),
            "volunteering:vacancy_review_list",
            order=280,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Campaigns"), "volunteering:campaign_list", order=290, group=navigation.VOLUNTEERING
        )
        navigation.register(
            _("My organisation"),
            "volunteering:organisation_mine",
            order=310,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Register an organisation"),
            "volunteering:organisation_register",
            order=320,
            group=navigation.VOLUNTEERING,
        )
        navigation.register(
            _("Organisations to review"),
            "volunteering:organisation_review_list",
            order=330,
            group=navigation.VOLUNTEERING,
        )

        # The audit trail links events to these records (privacy.links).
        from omzien.privacy.links import register_link

        register_link("volunteering.organisation", "volunteering:organisation_review")
        register_link("volunteering.vacancy", "volunteering:vacancy_review")
        register_link("volunteering.volunteerprofile", "volunteering:volunteer_detail")
