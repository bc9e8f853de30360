from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "omzien.monitor"
    verbose_name = _("Policy monitor")

    def ready(self) -> None:
        from omzien.ui import navigation

        navigation.register(
            _("Policy monitor"), "monitor:programme_list", order=700, group=navigation.MANAGEMENT
        )

        from omzien.privacy.links import register_link

        register_link("monitor.programme", "monitor:programme_detail")

        # Upload of external indicator values (common.imports).
        from omzien.common.imports import register_importer
        from omzien.monitor.services.imports import IMPORT_KIND, run_external_import

        register_importer(IMPORT_KIND, run_external_import)

        from omzien.monitor.selectors.partners import todos_for
        from omzien.ui import startpage

        startpage.register("monitor", todos_for)
