"""Figures of the social map for staff, the policy advisor and the administrator: published
entries by category and by freshness. Counts of entries are no personal data, but roles that
may not see the records (policy advisor, administrator) get them through privacy.statistics
anyway, so a small count never points at one provider's entry."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.directory import constants
from omzien.directory.constants import EntryStatus, Freshness
from omzien.directory.models import STAFF_ROLES, Entry
from omzien.directory.selectors.entries import _freshness_annotation
from omzien.privacy.statistics import Breakdown, breakdown, suppress_count, zero_filled
from omzien.tenants.models import Municipality

FIGURE_ROLES = (*STAFF_ROLES, Role.POLICY_ADVISOR, Role.MUNICIPALITY_ADMIN)


@dataclass(frozen=True)
class DirectoryFigures:
    municipality: Municipality
    by_category: list  # (label, Figure), an entry counted under each of its categories
    freshness: Breakdown
    suppressed: bool


def figure_municipalities(user) -> list[Municipality]:
    return user.municipalities(FIGURE_ROLES)


def directory_figures(*, municipality: Municipality, user) -> DirectoryFigures:
    """Two queries: the categories of the published entries, and the freshness counts."""
    today = timezone.localdate()
    published = Entry.objects.filter(municipality=municipality, status=EntryStatus.PUBLISHED)
    # Records readers see plain numbers; everyone else the statistics rule.
    sees_records = user.has_role_in(municipality, *STAFF_ROLES)
    size = 0 if sees_records else None
    counts = dict.fromkeys(constants.Category.values, 0)
    for categories in published.values_list("categories", flat=True):
        for code in set(categories or []):
            if code in counts:
                counts[code] += 1
    labels = dict(constants.Category.choices)
    by_category = [
        (str(labels[code]), suppress_count(value, min_size=size)) for code, value in counts.items()
    ]
    found = dict(
        published.annotate(freshness=_freshness_annotation(today))
        .values("freshness")
        .annotate(n=Count("pk"))
        .values_list("freshness", "n")
    )
    freshness = breakdown(
        zero_filled(Freshness.values, found),
        labels=dict(Freshness.choices),
        min_size=size,
    )
    return DirectoryFigures(
        municipality=municipality,
        by_category=by_category,
        freshness=freshness,
        suppressed=not sees_records,
    )
