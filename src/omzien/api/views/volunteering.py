"""Vacancies, one-off tasks and organisations, through volunteering's public selectors."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from omzien.accounts.permissions import public
from omzien.api.filters import OrganisationFilter, VacancyFilter
from omzien.api.serializers.volunteering import (
    OrganisationDetailSerializer,
    OrganisationSerializer,
    VacancySerializer,
)
from omzien.api.views.base import PublicDetail, PublicList, cursor
from omzien.volunteering.selectors.organisations import (
    organisation_public_get,
    organisation_public_list,
    published_vacancies,
)
from omzien.volunteering.selectors.vacancies import public_vacancies, vacancy_public_get

TAG = "vrijwilligerswerk"


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="Vacancies and one-off tasks"))
class VacancyList(PublicList):
    """Published vacancies and one-off tasks (``kind``), newest first; the filters of the
    search page."""

    serializer_class = VacancySerializer
    filterset_class = VacancyFilter
    pagination_class = cursor("-pk")

    def get_queryset(self):
        return public_vacancies()


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="One vacancy"))
class VacancyDetail(PublicDetail):
    serializer_class = VacancySerializer

    def get_item(self, pk):
        # No user: what the public sees (a member's preview of a draft is the page's alone).
        return vacancy_public_get(pk=pk, user=None)


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="Organisations"))
class OrganisationList(PublicList):
    """Approved organisations, by name."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    pagination_class = cursor("name", "pk")

    def get_queryset(self):
        return organisation_public_list()


@public
@extend_schema_view(get=extend_schema(tags=[TAG], summary="One organisation"))
class OrganisationDetail(PublicDetail):
    """An approved organisation with its published vacancies."""

    serializer_class = OrganisationDetailSerializer

    def get_item(self, pk):
        organisation = organisation_public_get(pk=pk)
        organisation.vacancy_list = list(published_vacancies(organisation=organisation))
        return organisation
