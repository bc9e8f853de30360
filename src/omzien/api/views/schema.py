"""The OpenAPI schema and its documentation page (Swagger UI from the sidecar's static files;
its start script is a file of its own, as the Content-Security-Policy allows no inline script).
"""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from omzien.accounts.permissions import public


@public
class Schema(SpectacularAPIView):
    pass


@public
class Docs(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
    title = "Omzien API"
