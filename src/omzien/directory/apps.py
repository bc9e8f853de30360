from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "omzien.directory"
    verbose_name = _("Social map")

    def ready(self) -> None:
        # A source of newsletter sections (newsletters.sources): staff pick items from here.
        from omzien.directory.selectors.newsletter import entry_choices, entry_items
        from omzien.newsletters.sources import Source, register_source

        register_source(
            Source(
                key="social_map",
                label=_("Offers from the social map"),
                choices=entry_choices,
                items=entry_items,
            )
        )

        # Indicators for the policy monitor (common.indicators; docs/indicators.md).
        from omzien.common import indicators
        from omzien.directory.selectors.indicators import INDICATORS, directory_indicators

        indicators.register(*INDICATORS, source=directory_indicators)

        # Retention (privacy.retention): entries removed from the map are deleted after a year;
        # the contact persons' names and numbers leave with them (docs/privacy.md).
        from omzien.directory.services.retention import directory_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("directory_apply_retention", directory_apply_retention)

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.directory.rights import NAME, DirectoryProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, DirectoryProvider())

        from omzien.directory.selectors.todos import todos_for
        from omzien.ui import homepage, navigation, startpage

        # What staff and organisation members find on their start page (ui.startpage).
        startpage.register("directory", todos_for)

        # The search box and the respite-care link on the public home page (ui.homepage).
        from omzien.directory.selectors.home import home_block

        homepage.register("directory", home_block)

        navigation.register(
            _("Social map"), "directory_public:search", order=265, group=navigation.LOCAL_OFFER
        )
        navigation.register(
            _("Social map entries"),
            "directory:entry_list",
            order=340,
            group=navigation.MANAGEMENT,
        )
        navigation.register(
            _("Social map review"),
            "directory:review_list",
            order=341,
            group=navigation.MANAGEMENT,
        )
        navigation.register(
            _("Social map figures"), "directory:figures", order=342, group=navigation.MANAGEMENT
        )
        navigation.register(
            _("Social map settings"), "directory:settings", order=343, group=navigation.MANAGEMENT
        )
        navigation.register(_("Our social map entries"), "directory:mine", order=275)

        # The audit trail links an entry's events to its staff page.
        from omzien.privacy.links import register_link

        register_link("directory.entry", "directory:entry_detail")

        # The HSDS (Open Referral) import runs as a background import job (common.imports).
        from omzien.common.imports import register_importer
        from omzien.directory.services.hsds import IMPORT_KIND, run_hsds_import

        register_importer(IMPORT_KIND, run_hsds_import)
