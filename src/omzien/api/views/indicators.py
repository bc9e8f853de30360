"""The policy monitor's indicators as open data: published programmes with the measures the
municipality marked public, through the public page's own selectors (``monitor.selectors``)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view

from omzien.accounts.permissions import public
from omzien.api.serializers.indicators import ProgrammeIndicatorsSerializer, ProgrammeSerializer
from omzien.api.views.base import PublicDetail, PublicList, cursor
from omzien.monitor.selectors.dashboard import programme_dashboard
from omzien.monitor.selectors.programmes import programme_public, programmes_published

TAG = "beleidsmonitor"


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="Published programmes"))
class ProgrammeList(PublicList):
    """The published programmes of the policy monitor, newest first."""

    serializer_class = ProgrammeSerializer
    pagination_class = cursor("-pk")

    def get_queryset(self):
        return programmes_published()


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="A programme's public indicators"))
class ProgrammeIndicators(PublicDetail):
    """A published programme with its public measures as its public page shows them today: the
    value (``null`` and ``hidden`` when too few people are counted), target, traffic light."""

    serializer_class = ProgrammeIndicatorsSerializer

    def get_item(self, pk):
        programme = programme_public(pk=pk)
        page = programme_dashboard(
            programme=programme, today=timezone.localdate(), public_only=True
        )
        programme.measures = page["measures"]
        return programme
