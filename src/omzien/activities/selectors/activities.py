"""Reads of the organiser's pages: their activities, one activity with its dates, one date
with its sign-ups (personal data: the read is audited).

An organiser is either an organisation (``Organiser.organisation``: its members' pages) or the
municipality's staff (``Organiser.organisation`` None: every activity of the municipalities
where the user is a broker or consultant, through ``visible_to``)."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from omzien.activities import constants
from omzien.activities.models import Activity, Occurrence, SignUp
from omzien.common.services import Actor
from omzien.privacy.audit import audit_read


@dataclass(frozen=True)
class Organiser:
    """Whose pages: an organisation's members (``organisation``) or municipality staff."""

    user: object
    organisation: object = None

    @property
    def is_staff(self) -> bool:
        return self.organisation is None

    def activities(self):
        if self.organisation is not None:
            return Activity.objects.filter(organisation=self.organisation)
        return Activity.objects.visible_to(self.user)


def activity_list(*, organiser: Organiser):
    now = timezone.now()
    return (
        organiser.activities()
        .select_related("locality", "organisation", "municipality")
        .annotate(
            coming=Count("occurrences", filter=Q(occurrences__starts_at__gte=now), distinct=True)
        )
        .order_by("title", "pk")
    )


def activity_get(*, organiser: Organiser, pk: int) -> Activity:
    activity = (
        organiser.activities()
        .select_related("locality", "organisation", "municipality")
        .prefetch_related("target_groups")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def activity_dates(activity: Activity, *, past: int = 6, coming: int = 24) -> list[Occurrence]:
    """The last ``past`` and the next ``coming`` dates with their counts (two queries)."""
    now = timezone.now()
    counts = {
        "confirmed": Count("signups", filter=Q(signups__status__in=constants.HOLDS_PLACE)),
        "waiting": Count("signups", filter=Q(signups__status=constants.SignUpStatus.WAITING)),
        "attended": Count("signups", filter=Q(signups__status=constants.SignUpStatus.ATTENDED)),
    }
    base = Occurrence.objects.filter(activity=activity).annotate(**counts)
    before = list(base.filter(starts_at__lt=now).order_by("-starts_at", "-pk")[:past])
    after = list(base.filter(starts_at__gte=now).order_by("starts_at", "pk")[:coming])
    return [*reversed(before), *after]


def occurrence_get(*, organiser: Organiser, activity: Activity, pk: int) -> Occurrence:
    occurrence = (
        Occurrence.objects.filter(activity=activity, pk=pk).select_related("activity").first()
    )
    if occurrence is None:
        raise Http404
    occurrence.activity = activity
    return occurrence


def signup_list(*, organiser: Organiser, occurrence: Occurrence, actor: Actor) -> list[SignUp]:
    """Everyone signed up for a date (the organiser's list): audited as a read."""
    qs = SignUp.objects.filter(occurrence=occurrence).select_related("user")
    if organiser.is_staff:
        qs = qs.filter(pk__in=SignUp.objects.visible_to(organiser.user).values("pk"))
    signups = list(qs.order_by("status", "created_at", "pk"))
    audit_read(
        actor,
        reason="activity sign-ups",
        shown=signups,
        municipalities=[occurrence.activity.municipality],
        extra={"occurrence": occurrence.pk},
    )
    return signups


def order_for_list(signups: list[SignUp]) -> dict[str, list[SignUp]]:
    """The list in the order an organiser works with it: places, then the waiting list."""
    groups: dict[str, list[SignUp]] = {"places": [], "waiting": [], "cancelled": []}
    for signup in signups:
        if signup.status in constants.HOLDS_PLACE:
            groups["places"].append(signup)
        elif signup.status == constants.SignUpStatus.WAITING:
            groups["waiting"].append(signup)
        else:
            groups["cancelled"].append(signup)
    return groups
