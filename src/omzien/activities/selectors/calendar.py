"""Reads of the public calendar: the dates of a week or a month, by municipality, village and
target group; one date with its activity; the iCal feeds. Public data only (no sign-ups but
their counts). Each page runs a fixed number of queries whatever the number of dates."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from omzien.activities import constants
from omzien.activities.models import Activity, ActivityTargetGroup, Occurrence, SignUp
from omzien.directory.constants import TargetGroup
from omzien.tenants.models import Locality, Municipality
from omzien.volunteering.constants import OrganisationStatus


@dataclass(frozen=True)
class Window:
    start: datetime.datetime
    end: datetime.datetime
    first_day: datetime.date
    last_day: datetime.date


def window(period: str, day: datetime.date) -> Window:
    """The week (Monday to Sunday) or the calendar month around ``day``."""
    if period == constants.Period.MONTH:
        first = day.replace(day=1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    else:
        first = day - datetime.timedelta(days=day.weekday())
        last = first + datetime.timedelta(days=6)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min), tz)
    end = timezone.make_aware(
        datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min), tz
    )
    return Window(start=start, end=end, first_day=first, last_day=last)


def public_activities():
    """Activities the public sees: the municipality's own and those of approved organisations."""
    return Activity.objects.filter(
        Q(organisation__isnull=True) | Q(organisation__status=OrganisationStatus.APPROVED)
    )


def _groups():
    return Prefetch(
        "activity__target_groups", queryset=ActivityTargetGroup.objects.order_by("group")
    )


def _taken():
    """The places taken, as a subquery per row (not a GROUP BY over every date in range)."""
    return Coalesce(
        Subquery(
            SignUp.objects.filter(occurrence=OuterRef("pk"), status__in=constants.HOLDS_PLACE)
            .order_by()
            .values("occurrence")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def public_occurrences(*, with_taken: bool = True):
    qs = (
        Occurrence.objects.filter(activity__in=public_activities().values("pk"))
        .select_related("activity__locality", "activity__organisation", "activity__municipality")
        .prefetch_related(_groups())
        .order_by("starts_at", "pk")
    )
    return qs.annotate(taken=_taken()) if with_taken else qs


def occurrence_list(
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    municipality: Municipality | None = None,
    locality: Locality | None = None,
    target_group: str = "",
    limit: int = constants.CALENDAR_LIMIT,
) -> list[Occurrence]:
    """The dates from ``start`` to ``end`` (two queries: the dates, their target groups), each
    with its ``listing`` and ``is_full`` (:func:`_with_listing`). Only what the list shows is
    read: the activity and its village, not its municipality and organisation."""
    qs = (
        public_occurrences()
        .select_related(None)
        .select_related("activity__locality")
        .prefetch_related(None)
        .filter(starts_at__gte=start, starts_at__lt=end)
    )
    if municipality is not None:
        qs = qs.filter(activity__municipality=municipality)
    if locality is not None:
        qs = qs.filter(activity__locality=locality)
    if target_group:
        qs = qs.filter(
            activity__in=ActivityTargetGroup.objects.filter(group=target_group).values(
                "activity_id"
            )
        )
    return _with_listing(list(qs[:limit]))


@dataclass(frozen=True)
class Listing:
    """What the calendar shows of an activity beside each of its dates: worked out once per
    activity (a weekly activity has four or five dates in a month), not per date in the
    template."""

    kind: str
    place: str
    groups: str  # the target groups, lower case, separated by commas


def _with_listing(occurrences: list[Occurrence]) -> list[Occurrence]:
    """Sets ``listing`` (a :class:`Listing`), ``is_full``, ``starts_iso``, ``starts_hour`` and
    ``ends_hour`` on each date. One query: the target groups of the activities (as values, not
    rows)."""
    labels, kinds = dict(TargetGroup.choices), dict(constants.Kind.choices)  # not get_FOO_display()
    groups: dict[int, list[str]] = {}
    for activity_id, group in (
        ActivityTargetGroup.objects.filter(
            activity_id__in={occurrence.activity_id for occurrence in occurrences}
        )
        .order_by("group")
        .values_list("activity_id", "group")
    ):
        groups.setdefault(activity_id, []).append(str(labels.get(group, group)).lower())
    listings: dict[int, Listing] = {}
    for occurrence in occurrences:
        activity = occurrence.activity
        listing = listings.get(activity.pk)
        if listing is None:
            listing = listings[activity.pk] = Listing(
                kind=str(kinds.get(activity.kind, activity.kind)),
                place=activity.place,
                groups=", ".join(groups.get(activity.pk, [])),
            )
        occurrence.listing = listing
        occurrence.is_full = bool(activity.capacity) and occurrence.taken >= activity.capacity
        # The times as the list shows them (what the date and time filters would give, at a
        # tenth of their cost: a month page shows up to a hundred dates).
        starts = timezone.localtime(occurrence.starts_at)
        occurrence.starts_iso = starts.isoformat()
        occurrence.starts_hour = f"{starts:%H:%M}"
        occurrence.ends_hour = f"{timezone.localtime(occurrence.ends_at):%H:%M}"
    return occurrences


def by_day(occurrences) -> list[tuple[datetime.date, list[Occurrence]]]:
    days: dict[datetime.date, list[Occurrence]] = {}
    for occurrence in occurrences:
        days.setdefault(timezone.localdate(occurrence.starts_at), []).append(occurrence)
    return list(days.items())


def occurrence_public_get(*, pk: int) -> Occurrence:
    occurrence = public_occurrences().filter(pk=pk).first()
    if occurrence is None:
        raise Http404
    return occurrence


def activity_public_get(*, pk: int) -> Activity:
    activity = (
        public_activities()
        .filter(pk=pk)
        .select_related("locality", "organisation", "municipality")
        .prefetch_related("target_groups")
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def coming_dates(activity: Activity, *, limit: int = 12) -> list[Occurrence]:
    return list(
        public_occurrences().filter(activity=activity, starts_at__gte=timezone.now())[:limit]
    )


def feed_occurrences(
    *,
    municipality=None,
    organisation_id=None,
    activity=None,
    target_group="",
    days_back: int = 31,
):
    """The dates of a feed: from a month ago to half a year ahead, cancelled ones included (so
    a subscribed calendar drops them); calendar apps fetch a feed again every few hours."""
    now = timezone.now()
    qs = (
        Occurrence.objects.filter(
            activity__in=public_activities().values("pk"),
            starts_at__gte=now - datetime.timedelta(days=days_back),
            starts_at__lt=now + datetime.timedelta(days=constants.FEED_DAYS_AHEAD),
        )
        .select_related("activity__locality")
        .order_by("starts_at", "pk")
    )
    if municipality is not None:
        qs = qs.filter(activity__municipality=municipality)
    if organisation_id is not None:
        qs = qs.filter(activity__organisation_id=organisation_id)
    if activity is not None:
        qs = qs.filter(activity=activity)
    if target_group:
        qs = qs.filter(
            activity__in=ActivityTargetGroup.objects.filter(group=target_group).values(
                "activity_id"
            )
        )
    return qs[: constants.MAX_OCCURRENCES * 10]


def localities(municipality=None):
    qs = Locality.objects.select_related("municipality").order_by("municipality__name", "name")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs
