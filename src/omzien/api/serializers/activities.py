"""Activities and their dates: what the public calendar shows (never who signed up)."""

from rest_framework import serializers

from omzien.activities import constants
from omzien.api.serializers.common import (
    CodeField,
    CodeListField,
    LocalitySerializer,
    MunicipalitySerializer,
    absolute,
)
from omzien.api.serializers.volunteering import OrganisationRefSerializer
from omzien.directory.constants import TargetGroup


class TargetGroupsField(CodeListField):
    """An activity's target groups (rows of their own, prefetched)."""

    def __init__(self, **kwargs):
        super().__init__(TargetGroup.choices, **kwargs)

    def to_representation(self, value):
        return super().to_representation([row.group for row in value.all()])


class DateSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    page_url = serializers.SerializerMethodField()
    starts_at = serializers.DateTimeField(read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    is_cancelled = serializers.BooleanField(read_only=True)

    def get_page_url(self, occurrence) -> str:
        return absolute(self, "activities_public:occurrence", occurrence.pk)


class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    ical_url = serializers.SerializerMethodField()
    feed_url = serializers.SerializerMethodField()
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    kind = CodeField(constants.Kind.choices)
    organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    municipality = MunicipalitySerializer(read_only=True)
    locality = LocalitySerializer(read_only=True, allow_null=True)
    address = serializers.CharField(read_only=True)
    online_url = serializers.CharField(read_only=True)
    cost = serializers.CharField(read_only=True)
    is_free = serializers.BooleanField(read_only=True)
    target_groups = TargetGroupsField()
    accessibility = serializers.CharField(read_only=True)
    signup_required = serializers.BooleanField(read_only=True)
    capacity = serializers.IntegerField(read_only=True, allow_null=True)

    def get_url(self, activity) -> str:
        return absolute(self, "api:activity_detail", activity.pk)

    def get_page_url(self, activity) -> str:
        return absolute(self, "activities_public:activity", activity.pk)

    def get_ical_url(self, activity) -> str:
        """Every coming date as one iCalendar file (the page's "Add to my calendar")."""
        return absolute(self, "activities_public:activity_ics", activity.pk)

    def get_feed_url(self, activity) -> str:
        """The municipality's whole calendar as an iCal feed to subscribe to."""
        return absolute(self, "activities_public:feed_municipality", activity.municipality.slug)


class ActivityDetailSerializer(ActivitySerializer):
    coming_dates = DateSerializer(many=True, read_only=True)


class ActivityRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    title = serializers.CharField(read_only=True)

    def get_url(self, activity) -> str:
        return absolute(self, "api:activity_detail", activity.pk)


class OccurrenceSerializer(DateSerializer):
    activity = ActivityRefSerializer(read_only=True)
    municipality = MunicipalitySerializer(read_only=True, source="activity.municipality")
    locality = LocalitySerializer(read_only=True, allow_null=True, source="activity.locality")
