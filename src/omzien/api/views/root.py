"""``/api/v1/`` itself (the addresses of the lists, the schema and the documentation), and a
404 problem for any other address under it, so that errors there have the API's shape too."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from omzien.accounts.permissions import public
from omzien.api.views.base import ConditionalGet

LINKS = {
    "vacancies": "api:vacancy_list",
    "organisations": "api:organisation_list",
    "social_map": "api:entry_list",
    "activities": "api:activity_list",
    "activity_dates": "api:occurrence_list",
    "indicators": "api:indicator_list",
    "schema": "api:schema",
    "docs": "api:docs",
}


@public
class Root(ConditionalGet, APIView):
    @extend_schema(summary="The addresses of the API", responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(
            {key: request.build_absolute_uri(reverse(name)) for key, name in LINKS.items()}
        )


@public
class Unknown(ConditionalGet, APIView):
    """Any other address under /api/v1/ that ends in a slash: 404 for every method."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()

    @extend_schema(exclude=True)
    def get(self, request, rest):  # never reached: initial() answers first
        raise exceptions.NotFound()
