"""The filters of the API's lists, as the public pages have them (municipality, domain or
category, text, ...). Each filter set validates the query parameters and hands them to the
capability's own search selector, so the API finds exactly what the page finds."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.activities.models import ActivityTargetGroup
from omzien.directory import constants as directory_constants
from omzien.directory.selectors.entries import entry_search
from omzien.tenants.models import Locality, Municipality
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.selectors.organisations import organisation_public_list
from omzien.volunteering.selectors.vacancies import vacancy_search

# "area": the chosen municipality's whole region (the pages' default) or only the municipality.
REGION, ONLY_MUNICIPALITY = "region", "municipality"
AREAS = [(REGION, _("The whole region")), (ONLY_MUNICIPALITY, _("Only this municipality"))]


def _municipalities():
    return Municipality.objects.filter(is_active=True)


class _SelectorFilterSet(django_filters.FilterSet):
    """Validates the parameters; each subclass's ``search(data)`` returns the selector's
    queryset."""

    def filter_queryset(self, queryset):
        return self.search(self.form.cleaned_data)


def _municipality_filter():
    return django_filters.ModelChoiceFilter(
        queryset=_municipalities(), label=_("Municipality (id)")
    )


def _text_filter():
    return django_filters.CharFilter(label=_("Search text"), max_length=200)


class VacancyFilter(_SelectorFilterSet):
    q = _text_filter()
    municipality = _municipality_filter()
    area = django_filters.ChoiceFilter(choices=AREAS, label=_("Area"))
    domain = django_filters.ChoiceFilter(
        choices=volunteering_constants.Domain.choices, label=_("Domain")
    )
    kind = django_filters.ChoiceFilter(
        choices=volunteering_constants.VacancyKind.choices, label=_("Kind of volunteer work")
    )

    def search(self, data):
        return vacancy_search(
            q=data.get("q") or "",
            domain=data.get("domain") or "",
            kind=data.get("kind") or "",
            municipality=data.get("municipality"),
            whole_region=data.get("area") != ONLY_MUNICIPALITY,
        )


class OrganisationFilter(_SelectorFilterSet):
    municipality = _municipality_filter()

    def search(self, data):
        return organisation_public_list(municipality=data.get("municipality"))


class EntryFilter(_SelectorFilterSet):
    q = _text_filter()
    municipality = _municipality_filter()
    area = django_filters.ChoiceFilter(choices=AREAS, label=_("Area"))
    category = django_filters.ChoiceFilter(
        choices=directory_constants.Category.choices, label=_("Kind of help")
    )
    target_group = django_filters.ChoiceFilter(
        choices=directory_constants.TargetGroup.choices, label=_("For whom")
    )
    cost = django_filters.ChoiceFilter(choices=directory_constants.Cost.choices, label=_("Cost"))

    def search(self, data):
        return entry_search(
            q=data.get("q") or "",
            category=data.get("category") or "",
            target_group=data.get("target_group") or "",
            cost=data.get("cost") or "",
            municipality=data.get("municipality"),
            whole_region=data.get("area") != ONLY_MUNICIPALITY,
        )


class ActivityFilter(django_filters.FilterSet):
    """The calendar's filters: municipality, village, target group."""

    municipality = django_filters.ModelChoiceFilter(
        queryset=_municipalities(), label=_("Municipality (id)"), field_name="municipality"
    )
    locality = django_filters.ModelChoiceFilter(
        queryset=Locality.objects.all(), label=_("Village (id)"), field_name="locality"
    )
    target_group = django_filters.ChoiceFilter(
        choices=directory_constants.TargetGroup.choices,
        label=_("For whom"),
        method="filter_target_group",
    )

    def filter_target_group(self, queryset, name, value):
        return queryset.filter(
            pk__in=ActivityTargetGroup.objects.filter(group=value).values("activity_id")
        )


class OccurrenceFilter(django_filters.FilterSet):
    """The calendar's filters on the coming dates, and a period (``from``, ``until``)."""

    municipality = django_filters.ModelChoiceFilter(
        queryset=_municipalities(),
        label=_("Municipality (id)"),
        field_name="activity__municipality",
    )
    locality = django_filters.ModelChoiceFilter(
        queryset=Locality.objects.all(), label=_("Village (id)"), field_name="activity__locality"
    )
    target_group = django_filters.ChoiceFilter(
        choices=directory_constants.TargetGroup.choices,
        label=_("For whom"),
        method="filter_target_group",
    )
    activity = django_filters.NumberFilter(field_name="activity_id", label=_("Activity (id)"))
    since = django_filters.IsoDateTimeFilter(
        field_name="starts_at", lookup_expr="gte", label=_("From (date and time)")
    )
    until = django_filters.IsoDateTimeFilter(
        field_name="starts_at", lookup_expr="lt", label=_("Until (date and time)")
    )

    def filter_target_group(self, queryset, name, value):
        return queryset.filter(
            activity__in=ActivityTargetGroup.objects.filter(group=value).values("activity_id")
        )

    def filter_queryset(self, queryset):
        # Coming dates only, unless a start is asked for.
        if not self.form.cleaned_data.get("since"):
            queryset = queryset.filter(starts_at__gte=timezone.now())
        return super().filter_queryset(queryset)
