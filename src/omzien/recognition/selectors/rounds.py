"""The reads of rounds: the broker's list and one round, a jury member's rounds, the public
nomination form's round and the announced results."""

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from omzien.accounts.constants import STAFF_ROLES
from omzien.recognition import constants
from omzien.recognition.models import (
    VISIBLE_ROLES,
    Criterion,
    JuryMember,
    Nomination,
    Review,
    Round,
)


def round_list(*, user):
    """The broker's rounds, newest first, with their counts (one query)."""
    return (
        Round.objects.visible_to(user)
        .select_related("municipality")
        .annotate(
            nomination_count=Count("nominations", distinct=True),
            to_check=Count(
                "nominations",
                filter=Q(nominations__status=constants.NominationStatus.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("-year", "-pk")
    )


def round_get(*, user, pk: int) -> Round:
    """One round of the broker's municipalities (404 otherwise)."""
    return get_object_or_404(Round.objects.visible_to(user).select_related("municipality"), pk=pk)


def round_setup(*, round_: Round) -> dict:
    """The round's criteria and jury (two queries)."""
    return {
        "criteria": round_criteria(round_id=round_.pk),
        "jury": list(
            JuryMember.objects.filter(round=round_)
            .select_related("user")
            .order_by("-is_chair", "pk")
        ),
    }


def round_criteria(*, round_id: int) -> list[Criterion]:
    return list(Criterion.objects.filter(round_id=round_id).order_by("pk"))


def criterion_get(*, round_: Round, pk: int) -> Criterion:
    return get_object_or_404(Criterion, round=round_, pk=pk)


def round_juror_get(*, round_: Round, pk: int) -> JuryMember:
    return get_object_or_404(JuryMember.objects.select_related("round"), round=round_, pk=pk)


def juror_get(*, user, pk: int) -> JuryMember:
    """The user's place on the jury of round ``pk``, in a municipality where they still hold a
    staff role: anyone else (also a jury member of another round) gets 404."""
    return get_object_or_404(
        JuryMember.objects.filter(
            user=user,
            round__municipality_id__in=sorted(user.municipality_ids_for(STAFF_ROLES)),
        ).select_related("round__municipality", "user"),
        round_id=pk,
    )


def jury_rounds(*, user) -> list[JuryMember]:
    """The rounds the user is on the jury of, newest first (one query)."""
    return list(
        JuryMember.objects.filter(
            user=user, round__municipality_id__in=sorted(user.municipality_ids_for(STAFF_ROLES))
        )
        .select_related("round__municipality")
        .order_by("-round__year", "-pk")[:20]
    )


def public_round_get(*, pk: int) -> Round:
    return get_object_or_404(Round.objects.select_related("municipality"), pk=pk)


def announced_round_get(*, pk: int, today=None) -> Round:
    """A round whose announcement date has come (before it nothing is public: 404)."""
    today = today or timezone.localdate()
    return get_object_or_404(
        Round.objects.select_related("municipality").filter(announce_on__lte=today), pk=pk
    )


def public_rounds(*, today=None):
    """The rounds open for nominations now and the announced ones, newest first."""
    today = today or timezone.localdate()
    return (
        Round.objects.filter(
            Q(nominations_open__lte=today, nominations_close__gte=today) | Q(announce_on__lte=today)
        )
        .select_related("municipality")
        .order_by("-year", "municipality__name")
    )


def public_awards(*, round_: Round) -> dict:
    """The winner and the pluimen whose nominees agreed to publishing (one query). A nominee
    who did not agree is not shown at all."""
    awarded = list(
        Nomination.objects.filter(
            round=round_, status__in=constants.AWARDED, consent=constants.Consent.GIVEN
        )
        .only("nominee_name", "nominee_kind", "organisation_name", "motivation", "status")
        .order_by("nominee_name", "pk")
    )
    return {
        "winner": next((n for n in awarded if n.status == constants.NominationStatus.WINNER), None),
        "pluimen": [n for n in awarded if n.status == constants.NominationStatus.PLUIM],
    }


def todos(user) -> list:
    """The start-page section (ui.startpage): a jury member's nominations still to score, a
    broker's nominations still to check. One query for any staff member."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy

    from omzien.ui.startpage import Section, Todo

    if not user.is_authenticated or not user.is_staff_member:
        return []
    on_jury = Exists(
        JuryMember.objects.filter(round=OuterRef("round"), user=user, submitted_at__isnull=True)
    )
    reviewed = Exists(Review.objects.filter(nomination=OuterRef("pk"), juror__user=user))
    counts = Nomination.objects.filter(
        round__municipality_id__in=sorted(user.municipality_ids_for(STAFF_ROLES))
    ).aggregate(
        to_score=Count("pk", filter=Q(on_jury, status__in=constants.SCORED) & ~Q(reviewed)),
        to_check=Count(
            "pk",
            filter=Q(
                round__municipality_id__in=sorted(user.municipality_ids_for(VISIBLE_ROLES)),
                status=constants.NominationStatus.SUBMITTED,
            ),
        ),
    )
    found = []
    if counts["to_score"]:
        label = gettext_lazy("Nominations to score")
        found.append(Todo(label, reverse("recognition:jury_rounds"), counts["to_score"]))
    if counts["to_check"]:
        label = gettext_lazy("Nominations to check")
        found.append(Todo(label, reverse("recognition:rounds"), counts["to_check"]))
    if not found:
        return []
    return [Section(title=gettext_lazy("Volunteer prize"), order=48, todos=found)]
