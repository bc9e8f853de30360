"""Social map entries: the reads. The public search, an entry's page, the staff lists, the
organisation's own entries, the review queue and the respite-care overview.

Every list is a fixed number of queries (a count and a page; related rows by ``select_related``).
Text search uses PostgreSQL full-text search with the Dutch dictionary on a stored, GIN-indexed
vector (migration 0002) and falls back to matching every word on SQLite.
"""

import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, CharField, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from omzien.directory import constants
from omzien.directory.constants import ChangeStatus, EntryStatus, Freshness
from omzien.directory.models import STAFF_ROLES, Entry
from omzien.directory.permissions import member_of, staff_of
from omzien.directory.workflows import CHANGE, ENTRY
from omzien.matching.geo import haversine_km
from omzien.tenants.models import Locality, Municipality
from omzien.tenants.reference import reference
from omzien.volunteering.models import Organisation

RELATED = ("organisation", "municipality", "locality")


# --- Filters on the JSON lists -----------------------------------------------------------------


def has_code(qs, field: str, codes: list[str] | tuple[str, ...] | frozenset):
    """Rows whose JSON list ``field`` holds any of ``codes``: containment on PostgreSQL (GIN
    index), the quoted code in the stored JSON text on SQLite (codes are plain ASCII words,
    so ``"code"`` occurs in the text exactly when the list holds it)."""
    codes = sorted(codes)
    if not codes:
        return qs
    condition = Q(pk__in=[])
    if connection.vendor == "postgresql":
        for code in codes:
            condition |= Q(**{f"{field}__contains": [code]})
        return qs.filter(condition)
    alias = f"{field}_text"
    qs = qs.alias(**{alias: Cast(field, output_field=TextField())})
    for code in codes:
        condition |= Q(**{f"{alias}__contains": f'"{code}"'})
    return qs.filter(condition)


def labels(codes, choices) -> list[str]:
    names = dict(choices)
    return [str(names.get(code, code)) for code in codes]


def describe(entry: Entry) -> None:
    """Readable labels for the codes an entry stores, for the templates."""
    entry.category_labels = labels(entry.categories, constants.Category.choices)
    entry.target_group_labels = labels(entry.target_groups, constants.TargetGroup.choices)
    entry.is_respite = bool(set(entry.categories) & constants.RESPITE_CATEGORIES)


# --- Freshness ---------------------------------------------------------------------------------


def freshness_of(entry: Entry, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    if entry.status != EntryStatus.PUBLISHED or entry.confirm_due_on is None:
        return ""
    if entry.drops_out_on is not None and entry.drops_out_on <= today:
        return Freshness.DROPPED
    if entry.confirm_due_on <= today:
        return Freshness.OVERDUE
    return Freshness.CONFIRMED


def _freshness_annotation(today: datetime.date):
    return Case(
        When(~Q(status=EntryStatus.PUBLISHED), then=Value("")),
        When(drops_out_on__lte=today, then=Value(Freshness.DROPPED)),
        When(confirm_due_on__lte=today, then=Value(Freshness.OVERDUE)),
        default=Value(Freshness.CONFIRMED),
        output_field=CharField(),
    )


# --- Public ------------------------------------------------------------------------------------


def public_entries(*, today: datetime.date | None = None):
    """Published entries that have not dropped out for want of confirmation."""
    today = today or timezone.localdate()
    return Entry.objects.filter(
        status=EntryStatus.PUBLISHED, drops_out_on__gt=today, municipality__is_active=True
    )


SEARCH_VECTOR = RawSQL(  # noqa: S611 - a constant column name, no input
    f'"{Entry._meta.db_table}"."search_vector"', [], output_field=SearchVectorField()
)


def _text_search(qs, q: str):
    if connection.vendor == "postgresql":
        query = SearchQuery(q, config="dutch", search_type="websearch")
        return (
            qs.alias(search=SEARCH_VECTOR)
            .filter(search=query)
            .annotate(rank=SearchRank(SEARCH_VECTOR, query))
        )
    rank = Value(0, output_field=IntegerField())
    for word in q.split()[: constants.SEARCH_WORDS_MAX]:
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(helps_with__icontains=word)
            | Q(provider_name__icontains=word)
            | Q(organisation__name__icontains=word)
        )
        rank = rank + Case(
            When(title__icontains=word, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return qs.annotate(rank=rank)


def localities_within(locality: Locality, km: float) -> list[tuple[int, int]]:
    """(pk, municipality pk) of the villages whose centre lies within ``km`` of this one, as
    the crow flies, itself included; one query. Without coordinates: only itself."""
    if locality.latitude is None or locality.longitude is None:
        return [(locality.pk, locality.municipality_id)]
    here = (locality.latitude, locality.longitude)
    return [
        (pk, municipality_id)
        for pk, municipality_id, lat, lon in Locality.objects.exclude(latitude=None)
        .exclude(longitude=None)
        .values_list("pk", "municipality_id", "latitude", "longitude")
        if pk == locality.pk or haversine_km(here, (lat, lon)) <= km
    ]


def entry_search(
    *,
    q: str = "",
    category: str = "",
    target_group: str = "",
    municipality: Municipality | None = None,
    whole_region: bool = True,
    locality: Locality | None = None,
    distance_km: int | None = None,
    cost: str = "",
    respite: bool = False,
):
    """The public search: a queryset for one count and one page. A village (with a distance)
    finds the entries there and the region-wide and online entries of its municipality."""
    qs = public_entries().select_related(*RELATED)
    q = " ".join((q or "").split())[:200]
    if q:
        qs = _text_search(qs, q)
    if category:
        qs = has_code(qs, "categories", [category])
    elif respite:
        qs = has_code(qs, "categories", constants.RESPITE_CATEGORIES)
    if target_group:
        qs = has_code(qs, "target_groups", [target_group, constants.TargetGroup.EVERYONE])
    if cost:
        qs = qs.filter(cost=cost)
    if municipality is not None:
        ids = reference().region_ids(municipality) if whole_region else [municipality.pk]
        qs = qs.filter(municipality_id__in=ids)
    if locality is not None:
        near = (
            localities_within(locality, distance_km)
            if distance_km
            else [(locality.pk, locality.municipality_id)]
        )
        qs = qs.filter(
            Q(locality_id__in=[pk for pk, _m in near])
            | Q(
                Q(region_wide=True) | Q(online=True),
                municipality_id__in=sorted({m for _pk, m in near}),
            )
        )
    if q:
        return qs.order_by("-rank", "title", "pk")
    return qs.order_by("title", "pk")


def referable_entries(*, municipality: Municipality):
    """The published entries a resident of ``municipality`` can be referred to (its own and its
    region's), for the referral forms that pick their target from the social map."""
    return entry_search(municipality=municipality)


def referable_choices(*, municipality: Municipality) -> list[tuple[str, list[tuple[int, str]]]]:
    """``referable_entries`` as grouped choices: per first category, "title (provider)"."""
    labels_of = dict(constants.Category.choices)
    groups: dict[str, list[tuple[int, str]]] = {}
    for entry in referable_entries(municipality=municipality):
        first = entry.categories[0] if entry.categories else ""
        provider = entry.organisation.name if entry.organisation_id else entry.provider_name
        label = f"{entry.title} ({provider})" if provider else entry.title
        groups.setdefault(str(labels_of.get(first, "")), []).append((entry.pk, label))
    return sorted(groups.items())


def referable_get(*, municipality: Municipality, pk) -> Entry | None:
    """One referable entry, or ``None`` when ``pk`` is not one of them."""
    return referable_entries(municipality=municipality).filter(pk=pk).first()


def entry_public_get(*, pk: int, user=None) -> Entry:
    """An entry's page: public when it is in the public search; otherwise only for its owners
    and the municipality's staff (a preview), else 404."""
    entry = Entry.objects.select_related(*RELATED).filter(pk=pk).first()
    if entry is None:
        raise Http404
    entry.is_public = public_entries().filter(pk=pk).exists()
    if entry.is_public:
        return entry
    if user is None or not user.is_authenticated:
        raise Http404
    if not (member_of(entry.organisation_id, user) or staff_of(entry.municipality_id, user)):
        raise Http404
    return entry


def respite_overview(*, municipality: Municipality) -> list[dict]:
    """The respite-care entries a resident of the municipality can use, per respite category
    (in the vocabulary's order; an entry in two forms is listed under both): the
    municipality's own, and the region-wide entries of the rest of its region."""
    region_ids = municipality.region_municipality_ids()
    entries = list(
        has_code(
            public_entries()
            .filter(
                Q(municipality=municipality) | Q(municipality_id__in=region_ids, region_wide=True)
            )
            .select_related(*RELATED),
            "categories",
            constants.RESPITE_CATEGORIES,
        ).order_by("title", "pk")
    )
    groups = []
    for code, label in constants.Category.choices:
        if code not in constants.RESPITE_CATEGORIES:
            continue
        groups.append(
            {
                "code": code,
                "label": label,
                "entries": [entry for entry in entries if code in entry.categories],
            }
        )
    return groups


def municipality_public_get(*, slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug, is_active=True)


# --- Staff ---------------------------------------------------------------------------------


def staff_municipalities(user) -> list[Municipality]:
    return user.municipalities(STAFF_ROLES)


def entry_staff_list(*, user, status: str = "", freshness: str = "", q: str = ""):
    """The map of the municipalities where the user is staff, with each entry's freshness."""
    today = timezone.localdate()
    qs = (
        Entry.objects.visible_to(user)
        .select_related(*RELATED)
        .annotate(freshness=_freshness_annotation(today))
    )
    if status:
        qs = qs.filter(status=status)
    if freshness:
        qs = qs.filter(freshness=freshness)
    q = " ".join((q or "").split())
    for word in q.split()[: constants.SEARCH_WORDS_MAX]:
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(provider_name__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return qs.order_by("title", "pk")


def entry_review_list(*, user):
    """New entries awaiting review and changes of published entries awaiting review."""
    return (
        Entry.objects.visible_to(user)
        .filter(
            Q(status=EntryStatus.AWAITING_REVIEW)
            | Q(status=EntryStatus.PUBLISHED, change_status=ChangeStatus.AWAITING_REVIEW)
        )
        .select_related(*RELATED)
        .order_by("updated_at", "pk")
    )


def entry_staff_get(*, user, pk: int) -> Entry:
    return get_object_or_404(Entry.objects.visible_to(user).select_related(*RELATED), pk=pk)


def entry_history(*, entry: Entry):
    return list(entry.transitions.select_related("actor").order_by("created_at", "pk"))


def allowed_steps(*, entry: Entry, user, by: str) -> list:
    return ENTRY.allowed(entry, user, by=by)


def allowed_change_steps(*, entry: Entry, user, by: str) -> list:
    return CHANGE.allowed(entry, user, by=by)


# --- Organisation members --------------------------------------------------------------------


def entry_mine(*, user):
    """The entries of the user's organisations (the owner rule)."""
    today = timezone.localdate()
    return (
        Entry.objects.owned_by(user)
        .select_related(*RELATED)
        .annotate(freshness=_freshness_annotation(today))
        .order_by("organisation__name", "title", "pk")
    )


def entry_mine_get(*, user, pk: int) -> Entry:
    return get_object_or_404(Entry.objects.owned_by(user).select_related(*RELATED), pk=pk)


# --- Start page ------------------------------------------------------------------------------


def staff_counts(*, user) -> dict:
    today = timezone.localdate()
    visible = Entry.objects.visible_to(user)
    return {
        "review": entry_review_list(user=user).count(),
        "unconfirmed": visible.filter(
            status=EntryStatus.PUBLISHED, confirm_due_on__lte=today
        ).count(),
    }


def member_to_confirm_count(*, user) -> int:
    today = timezone.localdate()
    return (
        Entry.objects.owned_by(user)
        .filter(status=EntryStatus.PUBLISHED, confirm_due_on__lte=today)
        .count()
    )


def member_organisations(*, user) -> list:
    """The user's organisations, to add an entry for (one query)."""
    return list(Organisation.objects.filter(members__user=user).order_by("name", "pk"))
