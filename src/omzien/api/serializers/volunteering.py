"""Vacancies, one-off tasks and organisations: what their public pages show, no more.

The contact person is shown as the public page shows it (``public_contact``: only what the
organisation made public); the organisation's own address, KvK number and unpublished contact
details never are.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from omzien.api.serializers.common import (
    CodeField,
    CodeListField,
    ContactSerializer,
    LocalitySerializer,
    MunicipalitySerializer,
    absolute,
)
from omzien.volunteering import constants
from omzien.volunteering.selectors.organisations import public_contact


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, organisation) -> str:
        return absolute(self, "api:organisation_detail", organisation.pk)


class VacancySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    tasks = serializers.CharField(read_only=True)
    kind = CodeField(constants.VacancyKind.choices)
    organisation = OrganisationRefSerializer(read_only=True)
    municipality = MunicipalitySerializer(read_only=True)
    locality = LocalitySerializer(read_only=True, allow_null=True)
    location_kind = CodeField(constants.LocationKind.choices)
    address = serializers.CharField(read_only=True)
    starts_at = serializers.DateTimeField(read_only=True, allow_null=True)
    ends_at = serializers.DateTimeField(read_only=True, allow_null=True)
    day_parts = CodeListField(constants.DAY_PARTS)
    hours_per_week = serializers.IntegerField(read_only=True, allow_null=True)
    places = serializers.IntegerField(read_only=True)
    domains = CodeListField(constants.Domain.choices)
    target_groups = CodeListField(constants.TargetGroup.choices)
    min_age = serializers.IntegerField(read_only=True, allow_null=True)
    vog_required = serializers.BooleanField(read_only=True)
    driving_licence = serializers.BooleanField(read_only=True)
    languages = CodeListField(constants.LANGUAGES)
    suitable_young = serializers.BooleanField(read_only=True)
    suitable_distance_labour = serializers.BooleanField(read_only=True)
    basic_dutch_ok = serializers.BooleanField(read_only=True)
    guidance_offered = serializers.BooleanField(read_only=True)
    publish_from = serializers.DateField(read_only=True)
    publish_until = serializers.DateField(read_only=True, allow_null=True)
    contact = serializers.SerializerMethodField()

    def get_url(self, vacancy) -> str:
        return absolute(self, "api:vacancy_detail", vacancy.pk)

    def get_page_url(self, vacancy) -> str:
        return absolute(self, "volunteering:vacancy_detail", vacancy.pk)

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, vacancy):
        return public_contact(vacancy.organisation, vacancy)


class OrganisationVacancySerializer(serializers.Serializer):
    """A vacancy as the organisation's page lists it."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    title = serializers.CharField(read_only=True)
    kind = CodeField(constants.VacancyKind.choices)
    locality = LocalitySerializer(read_only=True, allow_null=True)

    def get_url(self, vacancy) -> str:
        return absolute(self, "api:vacancy_detail", vacancy.pk)


class OrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    kind = CodeField(constants.OrganisationKind.choices)
    domains = CodeListField(constants.Domain.choices)
    municipality = MunicipalitySerializer(read_only=True)
    locality = LocalitySerializer(read_only=True, allow_null=True)
    website = serializers.CharField(read_only=True)

    def get_url(self, organisation) -> str:
        return absolute(self, "api:organisation_detail", organisation.pk)

    def get_page_url(self, organisation) -> str:
        return absolute(self, "volunteering:organisation_public", organisation.pk)


class OrganisationDetailSerializer(OrganisationSerializer):
    contact = serializers.SerializerMethodField()
    vacancies = OrganisationVacancySerializer(many=True, read_only=True, source="vacancy_list")

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, organisation):
        return public_contact(organisation)
