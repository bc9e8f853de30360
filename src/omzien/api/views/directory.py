"""The social map, through directory's public selectors; and as Open Referral HSDS."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response
from rest_framework.views import APIView

from omzien.accounts.permissions import public
from omzien.api.filters import EntryFilter
from omzien.api.serializers.directory import EntrySerializer
from omzien.api.views.base import ConditionalGet, PublicDetail, PublicList, cursor
from omzien.directory.selectors.entries import (
    entry_public_get,
    municipality_public_get,
    public_entries,
)
from omzien.directory.selectors.hsds import export_entries
from omzien.directory.services import hsds

TAG = "sociale-kaart"


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="Social map entries"))
class EntryList(PublicList):
    """Published entries of the social map, by title; the filters of the search page."""

    serializer_class = EntrySerializer
    filterset_class = EntryFilter
    pagination_class = cursor("title", "pk")

    def get_queryset(self):
        return public_entries()


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="One social map entry"))
class EntryDetail(PublicDetail):
    serializer_class = EntrySerializer

    def get_item(self, pk):
        return entry_public_get(pk=pk, user=None)


@public
class HsdsExport(ConditionalGet, APIView):
    """A municipality's social map as Open Referral HSDS 3.0: the same document as the open
    data address ``/sociale-kaart/open-data/<municipality>/hsds.json``."""

    @extend_schema(
        tags=[TAG],
        summary="The social map of a municipality as Open Referral HSDS 3.0",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, municipality):
        municipality = municipality_public_get(slug=municipality)
        return Response(hsds.export_json(export_entries(municipality=municipality)))
