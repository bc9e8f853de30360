from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "omzien.newsletters"
    verbose_name = _("Newsletters")

    def ready(self) -> None:
        # Retention (privacy.retention): delivery addresses after the period, unconfirmed
        # subscriptions after a week.
        from omzien.newsletters.services.retention import newsletters_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("newsletters_apply_retention", newsletters_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.newsletters.rights import NAME, NewslettersProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, NewslettersProvider())

        # A long postal address list is made in the background (common.exports).
        from omzien.common.exports import register_exporter
        from omzien.newsletters.services.paper import ADDRESS_EXPORT
        from omzien.newsletters.views.paper import ADDRESS_EXPORTER

        register_exporter(ADDRESS_EXPORT, ADDRESS_EXPORTER)

        # What newsletter staff find on their start page (ui.startpage).
        from omzien.newsletters.selectors.todos import todos_for
        from omzien.ui import startpage

        startpage.register("newsletters", todos_for)

        from omzien.ui import navigation

        navigation.register(
            _("Newsletters"), "newsletters:newsletter_list", order=166, group=navigation.CARERS
        )
        navigation.register(
            _("Newsletter settings"),
            "newsletters:settings",
            order=179,
            group=navigation.MANAGEMENT,
        )
        navigation.register(
            _("Newsletter reach"), "newsletters:figures", order=167, group=navigation.CARERS
        )

        # The audit trail links events of a newsletter to its page.
        from omzien.privacy.links import register_link

        register_link("newsletters.newsletter", "newsletters:newsletter_detail")
