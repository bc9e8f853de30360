"""Activities and their dates, through the public calendar's selectors."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from omzien.accounts.permissions import public
from omzien.activities.selectors.calendar import (
    activity_public_get,
    coming_dates,
    public_activities,
    public_occurrences,
)
from omzien.api.filters import ActivityFilter, OccurrenceFilter
from omzien.api.serializers.activities import (
    ActivityDetailSerializer,
    ActivitySerializer,
    OccurrenceSerializer,
)
from omzien.api.views.base import PublicDetail, PublicList, cursor

TAG = "activiteiten"


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="Activities"))
class ActivityList(PublicList):
    """The activities of the public calendar (the municipality's own and those of approved
    organisations), by title. Their dates: ``/api/v1/activities/dates/``."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    pagination_class = cursor("title", "pk")

    def get_queryset(self):
        return (
            public_activities()
            .select_related("organisation", "municipality", "locality")
            .prefetch_related("target_groups")
        )


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="One activity and its coming dates"))
class ActivityDetail(PublicDetail):
    serializer_class = ActivityDetailSerializer

    def get_item(self, pk):
        activity = activity_public_get(pk=pk)
        activity.coming_dates = coming_dates(activity)
        return activity


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="Dates of activities"))
class OccurrenceList(PublicList):
    """The coming dates of the public calendar, soonest first (cancelled ones included, with
    ``is_cancelled``); ``since`` and ``until`` choose another period."""

    serializer_class = OccurrenceSerializer
    filterset_class = OccurrenceFilter
    pagination_class = cursor("starts_at", "pk")

    def get_queryset(self):
        return public_occurrences(with_taken=False)
