"""The calendar as a source of newsletter sections (``newsletters.sources``): the coming
dates of the municipality's public activities, chosen by staff and shown with date, place and
the sign-up page."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from omzien.activities.selectors.calendar import public_occurrences

CHOICE_DAYS = 92  # what a monthly newsletter can announce: the coming three months
CHOICE_LIMIT = 200


def _coming(municipality):
    now = timezone.now()
    return (
        public_occurrences(with_taken=False)
        .filter(
            activity__municipality=municipality,
            cancelled_at__isnull=True,
            starts_at__gte=now,
            starts_at__lt=now + datetime.timedelta(days=CHOICE_DAYS),
        )
        .select_related("activity__locality")
        .order_by("starts_at", "pk")
    )


def _when(occurrence) -> str:
    return date_format(timezone.localtime(occurrence.starts_at), "DATETIME_FORMAT")


def _where(activity) -> str:
    if activity.address and activity.locality_id:
        return f"{activity.address}, {activity.locality.name}"
    if activity.address or activity.locality_id:
        return activity.address or activity.locality.name
    return str(_("Online")) if activity.online_url else ""


def activity_choices(municipality) -> list[tuple[str, str]]:
    return [
        (str(occurrence.pk), f"{occurrence.activity.title}, {_when(occurrence)}")
        for occurrence in _coming(municipality)[:CHOICE_LIMIT]
    ]


def activity_items(municipality, ids: list[str]):
    from omzien.newsletters.sources import Item

    wanted = [int(pk) for pk in ids if str(pk).isdigit()]
    found = {
        occurrence.pk: occurrence
        for occurrence in public_occurrences(with_taken=False)
        .filter(activity__municipality=municipality, pk__in=wanted, cancelled_at__isnull=True)
        .select_related("activity__locality")
    }
    return [
        Item(
            title=found[pk].activity.title,
            when=_when(found[pk]),
            where=_where(found[pk].activity),
            text=found[pk].activity.description[:300],
            url=reverse("activities_public:activity", args=[found[pk].activity_id]),
        )
        for pk in wanted
        if pk in found
    ]
