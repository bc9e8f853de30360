"""Reads of vacancies: the selectors (moved from omzien.volunteering.services.vacancies)."""

import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import capfirst

from omzien.accounts.constants import Role
from omzien.common.services import Actor, EditConflict  # noqa: F401 - re-exported
from omzien.common.workflow import Step
from omzien.matching.geo import haversine_km
from omzien.tenants.models import Locality, Municipality
from omzien.tenants.reference import reference
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Organisation, Vacancy, VacancyTransition
from omzien.volunteering.permissions import BROKER_ROLES, is_member
from omzien.volunteering.workflows import VACANCY


def allowed_transitions(*, vacancy: Vacancy, user, by: str) -> list[tuple[str, Step]]:
    """The steps ``user`` may take from the vacancy's status, as a member or as a broker."""
    return [(step.target, step) for step in VACANCY.allowed(vacancy, user, by=by)]


def vacancy_for_member(*, user, pk: int) -> Vacancy:
    """The vacancy ``pk`` if it belongs to one of the user's organisations (else 404)."""
    return get_object_or_404(
        Vacancy.objects.select_related("organisation", "municipality", "locality", "campaign"),
        pk=pk,
        organisation__members__user=user,
    )


def vacancies_of_member(*, user):
    """Every vacancy of the user's organisations (any status): what ``vacancy_mine`` shows, as
    one queryset (the API's list of an organisation's system)."""
    return Vacancy.objects.filter(organisation__members__user=user).select_related(
        "organisation", "municipality", "locality"
    )


def vacancy_history(*, vacancy: Vacancy) -> list[VacancyTransition]:
    return list(vacancy.transitions.select_related("actor").order_by("created_at", "pk"))


def vacancy_mine(*, user) -> list[Organisation]:
    """The user's organisations, each with all its vacancies (two queries)."""
    organisations = list(
        Organisation.objects.filter(members__user=user)
        .select_related("municipality")
        .order_by("name", "pk")
    )
    by_org: dict[int, list[Vacancy]] = {o.pk: [] for o in organisations}
    for vacancy in (
        Vacancy.objects.filter(organisation_id__in=list(by_org))
        .select_related("locality")
        .order_by("status", "-updated_at", "pk")
    ):
        by_org[vacancy.organisation_id].append(vacancy)
    for organisation in organisations:
        organisation.vacancy_list = by_org[organisation.pk]
    return organisations


def vacancy_review_list(*, user):
    """Vacancies awaiting review in the municipalities where the user is a broker.

    ``visible_to`` is the staff rule (a broker's own organisation elsewhere is not among its
    rows); the broker's municipalities say the same once more, as the review is theirs.
    Each carries ``submitted_at``: when it was (last) sent for review, the oldest first; an
    edit since does not make it newer.
    """
    submitted = VacancyTransition.objects.filter(
        vacancy=OuterRef("pk"), to_status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    ).order_by("-created_at", "-pk")
    return (
        Vacancy.objects.visible_to(user)
        .filter(
            status=volunteering_constants.VacancyStatus.AWAITING_REVIEW,
            municipality_id__in=_broker_municipality_ids(user),
        )
        .annotate(submitted_at=Subquery(submitted.values("created_at")[:1]))
        .select_related("organisation", "municipality", "locality")
        .order_by("submitted_at", "pk")
    )


def _broker_municipality_ids(user) -> list[int]:
    return sorted(user.municipality_ids_for(BROKER_ROLES))


def vacancy_for_broker(*, user, pk: int) -> Vacancy:
    """A vacancy of a municipality where the user is a broker (else 404)."""
    vacancy = (
        Vacancy.objects.filter(pk=pk, municipality_id__in=_broker_municipality_ids(user))
        .select_related("organisation", "municipality", "locality")
        .first()
    )
    if vacancy is None:
        raise Http404
    return vacancy


def public_vacancies(*, today: datetime.date | None = None):
    """Published vacancies within their publication period, of approved organisations."""
    today = today or timezone.localdate()
    return Vacancy.objects.filter(
        status=volunteering_constants.VacancyStatus.PUBLISHED,
        publish_from__lte=today,
        organisation__status=volunteering_constants.OrganisationStatus.APPROVED,
        municipality__is_active=True,
    ).filter(Q(publish_until__isnull=True) | Q(publish_until__gte=today))


def vacancy_public_get(*, pk: int, user=None) -> Vacancy:
    """The vacancy page: public when published, otherwise only for its members and brokers."""
    qs = Vacancy.objects.select_related("organisation", "municipality", "locality")
    vacancy = (
        public_vacancies()
        .filter(pk=pk)
        .select_related("organisation", "municipality", "locality")
        .first()
    )
    if vacancy is not None:
        vacancy.is_public = True
        return vacancy
    vacancy = qs.filter(pk=pk).first()
    if vacancy is None or user is None or not user.is_authenticated:
        raise Http404
    if not (
        is_member(user, vacancy.organisation_id)
        or user.has_role_in(vacancy.municipality, Role.BROKER)
    ):
        raise Http404
    vacancy.is_public = False
    return vacancy


def _any_day_part(codes: list[str]) -> Q:
    condition = Q(pk__in=[])
    for code in codes:
        if connection.vendor == "postgresql":
            condition |= Q(day_parts__contains=[code])
        else:
            # SQLite has no JSON containment: match the quoted code in the stored JSON text.
            condition |= Q(day_parts_text__contains=f'"{code}"')
    return condition


# PostgreSQL: the stored vector of migration 0010 (title weighted A; description and tasks B),
# GIN-indexed. Not a model field: SQLite has no such column.
SEARCH_VECTOR = RawSQL(  # noqa: S611 - a constant column name, no input
    f'"{Vacancy._meta.db_table}"."search_vector"', [], output_field=SearchVectorField()
)


def _text_search(qs, q: str):
    """Full text with the Dutch dictionary on PostgreSQL (the stored, indexed vector); every
    word must match on SQLite."""
    if connection.vendor == "postgresql":
        query = SearchQuery(q, config="dutch", search_type="websearch")
        return (
            qs.alias(search=SEARCH_VECTOR)
            .filter(search=query)
            .annotate(rank=SearchRank(SEARCH_VECTOR, query))
        )
    words = q.split()[: volunteering_constants.SEARCH_WORDS_MAX]
    rank = Value(0, output_field=IntegerField())
    for word in words:
        qs = qs.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(tasks__icontains=word)
        )
        rank = rank + Case(
            When(title__icontains=word, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return qs.annotate(rank=rank)


SORTS = ("relevance", "newest", "soonest")


def localities_within(locality: Locality, km: float) -> list[int]:
    """Villages whose centre lies within ``km`` of this one (as the crow flies), itself
    included; one query. A village without coordinates only finds itself."""
    if locality.latitude is None or locality.longitude is None:
        return [locality.pk]
    here = (locality.latitude, locality.longitude)
    return [
        pk
        for pk, lat, lon in Locality.objects.exclude(latitude=None)
        .exclude(longitude=None)
        .values_list("pk", "latitude", "longitude")
        if pk == locality.pk or haversine_km(here, (lat, lon)) <= km
    ]


def vacancy_search(
    *,
    q: str = "",
    domain: str = "",
    kind: str = "",
    municipality: Municipality | None = None,
    whole_region: bool = True,
    locality=None,
    distance_km: int | None = None,
    day_parts: list[str] | None = None,
    young: bool = False,
    no_vog: bool = False,
    include_remote: bool = False,
    sort: str = "",
):
    """The public search. One query for the count and one for a page of results."""
    qs = public_vacancies().select_related("organisation", "municipality", "locality")
    q = " ".join((q or "").split())
    if q:
        qs = _text_search(qs, q)
    if domain:
        if connection.vendor == "postgresql":
            qs = qs.filter(domains__contains=[domain])
        else:
            qs = qs.alias(domains_text=Cast("domains", output_field=TextField())).filter(
                domains_text__contains=f'"{domain}"'
            )
    if kind:
        qs = qs.filter(kind=kind)
    place = Q()
    if municipality is not None:
        ids = reference().region_ids(municipality) if whole_region else [municipality.pk]
        place &= Q(municipality_id__in=ids)
    if locality is not None and distance_km:
        place &= Q(locality_id__in=localities_within(locality, distance_km))
    elif locality is not None:
        place &= Q(locality=locality)
    if place:
        if include_remote:
            place |= Q(location_kind__in=volunteering_constants.REMOTE_LOCATIONS)
        qs = qs.filter(place)
    if day_parts:
        if connection.vendor != "postgresql":
            qs = qs.alias(day_parts_text=Cast("day_parts", output_field=TextField()))
        qs = qs.filter(_any_day_part(day_parts))
    if young:
        qs = qs.filter(suitable_young=True)
    if no_vog:
        qs = qs.filter(vog_required=False)
    if sort not in SORTS or (sort == "relevance" and not q):
        sort = "relevance" if q else "newest"
    if sort == "relevance":
        return qs.order_by("-rank", "-publish_from", "-pk")
    if sort == "soonest":
        return qs.order_by(F("starts_at").asc(nulls_last=True), "-publish_from", "-pk")
    return qs.order_by("-publish_from", "-created_at", "-pk")


def day_part_schedule(codes: list[str]) -> list[tuple[str, list[str]]]:
    """A vacancy's day-parts as (day name, [parts]) in week order, for reading."""
    chosen = set(codes or [])
    schedule = []
    for day, day_label in volunteering_constants.DAYS:
        parts = [
            str(label) for part, label in volunteering_constants.PARTS if f"{day}_{part}" in chosen
        ]
        if parts:
            schedule.append((capfirst(str(day_label)), parts))
    return schedule


def schedule_text(codes: list[str]) -> str:
    """A vacancy's day-parts on one line ("Maandag ochtend, middag; Dinsdag avond")."""
    return "; ".join(f"{day} {', '.join(parts)}" for day, parts in day_part_schedule(codes))


# The columns a search result shows (``volunteering/vacancies/_results.html``), with those the
# search sorts on: a page of results reads and sorts no more.
RESULT_FIELDS = (
    "title",
    "description",
    "kind",
    "location_kind",
    "address",
    "starts_at",
    "day_parts",
    "suitable_young",
    "vog_required",
    "guidance_offered",
    "publish_from",
    "created_at",
    "organisation__name",
    "locality__name",
    "municipality__name",
)


def labels(codes: list[str], choices) -> list[str]:
    names = dict(choices)
    return [str(names[code]) for code in codes or [] if code in names]
