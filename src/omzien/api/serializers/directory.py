"""Social map entries: what the entry's public page shows (its contact details are those of
the service, which the page shows too)."""

from rest_framework import serializers

from omzien.api.serializers.common import (
    CodeField,
    CodeListField,
    LocalitySerializer,
    MunicipalitySerializer,
    absolute,
)
from omzien.api.serializers.volunteering import OrganisationRefSerializer
from omzien.directory import constants


class EntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    uuid = serializers.UUIDField(read_only=True)
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    hsds_url = serializers.SerializerMethodField()
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    helps_with = serializers.CharField(read_only=True)
    organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    provider_name = serializers.CharField(read_only=True)
    categories = CodeListField(constants.Category.choices)
    target_groups = CodeListField(constants.TargetGroup.choices)
    access = CodeField(constants.Access.choices)
    access_text = serializers.CharField(read_only=True)
    cost = CodeField(constants.Cost.choices)
    cost_text = serializers.CharField(read_only=True)
    municipality = MunicipalitySerializer(read_only=True)
    locality = LocalitySerializer(read_only=True, allow_null=True)
    address = serializers.CharField(read_only=True)
    region_wide = serializers.BooleanField(read_only=True)
    online = serializers.BooleanField(read_only=True)
    opening_hours = serializers.CharField(read_only=True)
    contact_name = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)
    last_confirmed_on = serializers.DateField(read_only=True, allow_null=True)

    def get_url(self, entry) -> str:
        return absolute(self, "api:entry_detail", entry.pk)

    def get_page_url(self, entry) -> str:
        return absolute(self, "directory_public:detail", entry.pk)

    def get_hsds_url(self, entry) -> str:
        """The municipality's social map as Open Referral HSDS (the API's copy)."""
        return absolute(self, "api:hsds", entry.municipality.slug)
