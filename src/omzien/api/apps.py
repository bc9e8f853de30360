from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (``/api/v1/``): public read-only views over the capabilities' public
    selectors, partner endpoints with a key, an OpenAPI schema and its documentation
    (docs/api.md)."""

    name = "omzien.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from omzien.ui import navigation

        # The functional administrator issues the partners' keys (docs/api.md).
        navigation.register(_("API keys"), "api_keys:list", order=176, group=navigation.MANAGEMENT)
