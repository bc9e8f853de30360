"""Buddy programmes: the reads. Every queryset goes through ``visible_to(user)``; every read of
participants' personal data is audited."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from omzien.buddies import constants as buddies_constants
from omzien.buddies.models import BuddyCheckIn, BuddyPair, BuddyParticipant, BuddyProgramme
from omzien.common import indicators as _indicators
from omzien.common.dates import age_on, on_days
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction
from omzien.privacy.statistics import (
    YEAR,
    Figure,
    Period,
    per_period,
    suppress_count,
    suppress_over_periods,
)
from omzien.tenants.models import Locality
from omzien.tenants.query import get_visible_or_404
from omzien.volunteering.constants import DAY_PARTS, LANGUAGES, Domain

OPEN = (buddies_constants.PairStatus.PROPOSED, buddies_constants.PairStatus.CONFIRMED)


def _view(user, obj, request, reason: str = "") -> None:
    audit_log(
        action=AuditAction.VIEW,
        actor=user,
        obj=obj,
        municipality=obj.municipality,
        request=request,
        reason=reason,
    )


def programme_list(*, user):
    return (
        BuddyProgramme.objects.visible_to(user)
        .select_related("municipality")
        .annotate(
            count_a=Count(
                "participants",
                filter=Q(
                    participants__side=buddies_constants.Side.A, participants__left_on__isnull=True
                ),
                distinct=True,
            ),
            count_b=Count(
                "participants",
                filter=Q(
                    participants__side=buddies_constants.Side.B, participants__left_on__isnull=True
                ),
                distinct=True,
            ),
            count_confirmed=Count(
                "pairs",
                filter=Q(pairs__status=buddies_constants.PairStatus.CONFIRMED),
                distinct=True,
            ),
        )
        .order_by("-active", "name", "pk")
    )


def programme_get(*, user, pk: int) -> BuddyProgramme:
    return get_visible_or_404(BuddyProgramme.objects.select_related("municipality"), user, pk=pk)


def participant_get(*, user, pk: int, request=None) -> BuddyParticipant:
    participant = get_visible_or_404(
        BuddyParticipant.objects.select_related(
            "municipality", "programme", "locality", "volunteer_profile"
        ),
        user,
        pk=pk,
    )
    _view(user, participant, request)
    return participant


def pair_get(*, user, pk: int, request=None) -> BuddyPair:
    pair = get_visible_or_404(
        BuddyPair.objects.select_related(
            "municipality",
            "programme",
            "participant_a__locality",
            "participant_b__locality",
            "confirmed_by",
        ).prefetch_related(
            Prefetch("check_ins", queryset=BuddyCheckIn.objects.select_related("done_by"))
        ),
        user,
        pk=pk,
    )
    _view(user, pair, request)
    return pair


def _labels(codes, choices) -> list[str]:
    names = dict(choices)
    return [str(names[code]) for code in codes or [] if code in names]


def for_display(participants, *, today=None) -> list[BuddyParticipant]:
    """Add ``age``, ``language_labels``, ``interest_labels``, ``day_part_labels`` and
    ``wish_gender_labels`` for the pages."""
    today = today or timezone.localdate()
    participants = list(participants)
    for p in participants:
        p.age = age_on(p.date_of_birth, today) if p.date_of_birth else None
        p.language_labels = _labels(p.languages, LANGUAGES)
        p.wish_language_labels = _labels(p.wish_languages, LANGUAGES)
        p.interest_labels = _labels(p.interests, Domain.choices)
        p.day_part_labels = _labels(p.day_parts, DAY_PARTS)
        p.wish_gender_labels = _labels(p.wish_genders, buddies_constants.Gender.choices)
    return participants


def _resolve_run(run: dict, people: dict[int, BuddyParticipant]) -> dict | None:
    """The last run with names instead of ids, and reasons in words."""
    if not run:
        return None

    def pairs(rows):
        return [
            {"a": people.get(a), "b": people.get(b), "fit_a": fa, "fit_b": fb, "fit": fa + fb}
            for a, b, fa, fb in rows
        ]

    def unpaired(rows):
        return [
            {
                "side": side,
                "participant": people.get(pk),
                "reasons": [
                    str(buddies_constants.UNPAIRED_REASONS.get(code, code)) for code in codes
                ],
            }
            for side, pk, codes in rows
        ]

    return {
        "ran_at": run.get("ran_at"),
        "stable": pairs(run.get("stable", [])),
        "best": pairs(run.get("best", [])),
        "stable_total": run.get("stable_total", 0.0),
        "best_total": run.get("best_total", 0.0),
        "price": run.get("best_total", 0.0) - run.get("stable_total", 0.0),
        "unpaired": unpaired(run.get("unpaired", {}).get("stable", [])),
        "best_unpaired": unpaired(run.get("unpaired", {}).get("best", [])),
    }


def programme_page(*, user, programme: BuddyProgramme, request=None) -> dict:
    """Everything the programme page shows, in a fixed number of queries."""
    people = for_display(
        BuddyParticipant.objects.visible_to(user)
        .filter(programme=programme)
        .select_related("locality")
        .order_by("name", "pk")
    )
    by_id = {p.pk: p for p in people}
    pairs = list(
        BuddyPair.objects.visible_to(user)
        .filter(programme=programme, status__in=OPEN)
        .order_by("status", "participant_a__name", "pk")
    )
    paired = set()
    for pair in pairs:
        pair.a = by_id.get(pair.participant_a_id)
        pair.b = by_id.get(pair.participant_b_id)
        paired |= {pair.participant_a_id, pair.participant_b_id}
    for p in people:
        p.is_paired = p.pk in paired
    active = [p for p in people if p.left_on is None]
    free = [p for p in active if not p.is_paired]
    _view(user, programme, request, reason="buddy programme page")
    return {
        "group_a": [p for p in active if p.side == buddies_constants.Side.A],
        "group_b": [p for p in active if p.side == buddies_constants.Side.B],
        "left": [p for p in people if p.left_on is not None],
        "proposed": [p for p in pairs if p.status == buddies_constants.PairStatus.PROPOSED],
        "confirmed": [p for p in pairs if p.status == buddies_constants.PairStatus.CONFIRMED],
        "free_a": [p for p in free if p.side == buddies_constants.Side.A],
        "free_b": [p for p in free if p.side == buddies_constants.Side.B],
        "run": _resolve_run(programme.last_run, by_id),
    }


def programme_choices(*, municipality):
    """The active programmes of a municipality a resident may be proposed for (names only, no
    personal data): what a welfare worker chooses from on a concern."""
    return BuddyProgramme.objects.filter(municipality=municipality, active=True).order_by(
        "name", "pk"
    )


def locality_choices(*, municipality):
    return Locality.objects.filter(municipality=municipality).order_by("name", "pk")


# --- Indicators (common.indicators; definitions in docs/indicators.md) -------------------------

INDICATORS = (
    _indicators.Indicator("buddies.pairs_confirmed", gettext_lazy("Buddy pairs confirmed")),
    _indicators.Indicator(
        "buddies.pairs_running", gettext_lazy("Buddy pairs running"), measure=_indicators.STOCK
    ),
)


def buddy_indicators(*, municipality, period) -> dict:
    """Pairs confirmed in the period, and pairs running at its end (confirmed by then and not
    ended before it). One query."""
    counts = BuddyPair.objects.filter(municipality=municipality).aggregate(
        confirmed=Count(
            "pk",
            filter=Q(**on_days("confirmed_at", first=period.start, last=period.end)),
        ),
        running=Count(
            "pk",
            filter=Q(**on_days("confirmed_at", last=period.end))
            & (Q(ended_on__isnull=True) | Q(ended_on__gt=period.end)),
        ),
    )
    return {
        "buddies.pairs_confirmed": _indicators.Result(counts["confirmed"]),
        "buddies.pairs_running": _indicators.Result(counts["running"]),
    }


@dataclass(frozen=True)
class BuddyFigures:
    """The buddy figures of one municipality and period as a page may show them."""

    municipality: object
    period: Period
    pairs_confirmed: Figure
    pairs_running: Figure


def buddy_figures(*, municipality, period: Period) -> BuddyFigures:
    """The indicators (``buddy_indicators``) as a figures page shows them, under the statistics
    rule: pairs confirmed per month of the period's year, so that no month, quarter or year
    gives a small number away; pairs running at the end of the period, small ones hidden.
    Twelve queries."""
    by_month = {
        month.number: buddy_indicators(municipality=municipality, period=month)
        for month in Period(period.year, YEAR).month_periods()
    }
    confirmed = per_period(
        {n: values["buddies.pairs_confirmed"].value for n, values in by_month.items()},
        period.year,
    )
    # Running at the end of the period: at the end of its last month.
    running = by_month[period.months[1]]["buddies.pairs_running"].value
    return BuddyFigures(
        municipality=municipality,
        period=period,
        pairs_confirmed=suppress_over_periods(confirmed)[period],
        pairs_running=suppress_count(running),
    )
