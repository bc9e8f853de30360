from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "omzien.activities"
    verbose_name = _("Activity calendar")

    def ready(self) -> None:
        # A source of newsletter sections (newsletters.sources): staff pick items from here.
        from omzien.activities.selectors.newsletter import activity_choices, activity_items
        from omzien.newsletters.sources import Source, register_source

        register_source(
            Source(
                key="activities",
                label=_("Activities from the calendar"),
                choices=activity_choices,
                items=activity_items,
            )
        )

        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.activities.selectors.indicators import INDICATORS, activity_indicators
        from omzien.common import indicators

        indicators.register(*INDICATORS, source=activity_indicators)

        # Retention (privacy.retention): sign-ups without an account are anonymised a while
        # after their date.
        from omzien.activities.services.retention import signups_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("activities_apply_retention", signups_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.activities.rights import NAME, ActivitiesProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, ActivitiesProvider())

        # "Mijn Omzien": a resident's coming sign-ups (ui.startpage); the home page block.
        from omzien.activities.selectors.home import home_block, my_signups_section
        from omzien.ui import homepage, startpage

        startpage.register("activities", my_signups_section)
        homepage.register("activities", home_block)

        from omzien.ui import navigation

        navigation.register(
            _("Activity calendar"),
            "activities_public:calendar",
            order=266,
            group=navigation.LOCAL_OFFER,
        )
        navigation.register(
            _("Activities (organiser)"),
            "activities:staff_list",
            order=176,
            group=navigation.MANAGEMENT,
        )
        navigation.register(
            _("Activity figures"),
            "activities:figures",
            order=177,
            group=navigation.MANAGEMENT,
        )

        from omzien.privacy.links import register_link

        register_link("activities.activity", "activities:staff_detail")
