"""The social map's indicators (``common.indicators``); definitions in docs/indicators.md."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from omzien.common.dates import months_ago, on_days
from omzien.common.indicators import STOCK, Indicator, Result
from omzien.directory.constants import CONFIRM_MONTHS_DEFAULT, RESPITE_CATEGORIES, EntryStatus
from omzien.directory.models import DirectorySettings, Entry
from omzien.privacy.statistics import Period

INDICATORS = (
    Indicator("directory.entries", _("Entries on the social map"), measure=STOCK, people=False),
    Indicator(
        "directory.entries_confirmed",
        _("Social map entries confirmed in time"),
        measure=STOCK,
        people=False,
    ),
    Indicator(
        "directory.respite_entries",
        _("Respite-care offers on the social map"),
        measure=STOCK,
        people=False,
    ),
)


def directory_indicators(*, municipality, period: Period) -> dict[str, Result]:
    """Two queries: the entries on the map at the end of the period (published then and
    still now), those among them confirmed within the confirmation interval before that day,
    and those offering a form of respite care."""
    months = (
        DirectorySettings.objects.filter(municipality=municipality)
        .values_list("confirm_months", flat=True)
        .first()
        or CONFIRM_MONTHS_DEFAULT
    )
    on_map = Entry.objects.filter(
        municipality=municipality,
        status=EntryStatus.PUBLISHED,
        **on_days("first_published_at", last=period.end),
    )
    counts = on_map.aggregate(
        entries=Count("pk"),
        confirmed=Count(
            "pk",
            filter=Q(
                last_confirmed_on__gt=months_ago(period.end, months),
                last_confirmed_on__lte=period.end,
            ),
        ),
    )
    respite = sum(
        1
        for categories in on_map.values_list("categories", flat=True)
        if RESPITE_CATEGORIES & set(categories or [])
    )
    return {
        "directory.entries": Result(counts["entries"]),
        "directory.entries_confirmed": Result(counts["confirmed"]),
        "directory.respite_entries": Result(respite),
    }
