from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public REST API (``/api/v1/``): read-only views over the capabilities' public
    selectors, with an OpenAPI schema and its documentation (docs/api.md)."""

    name = "omzien.api"
    verbose_name = _("API")
