"""The reads of the jury's work: a member's own score sheet and the ranking (weighted totals)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Prefetch, Sum

from omzien.recognition import constants
from omzien.recognition.models import Criterion, JuryMember, Nomination, Review, Round, Score


@dataclass
class RankRow:
    nomination: Nomination
    total: int  # the sum over submitted members and criteria of score × weight
    average: Decimal  # the same on the 1–10 scale
    position: int = 0
    tied: bool = False

    @property
    def tie_key(self) -> tuple[int, int]:
        return (self.total, self.nomination.tie_break)


@dataclass
class Ranking:
    rows: list[RankRow] = field(default_factory=list)
    submitted: int = 0
    members: int = 0

    @property
    def complete(self) -> bool:
        return self.members > 0 and self.submitted == self.members

    @property
    def has_ties(self) -> bool:
        return any(row.tied for row in self.rows)


def order(rows: list[RankRow]) -> list[RankRow]:
    """Highest total first; among equal totals the chair's choice (``tie_break``) first; rows
    still equal on both share a position and are marked tied (the chair's choice is open)."""
    ordered = sorted(
        rows, key=lambda row: (-row.total, -row.nomination.tie_break, row.nomination.pk)
    )
    for index, row in enumerate(ordered):
        before = ordered[index - 1] if index else None
        after = ordered[index + 1] if index + 1 < len(ordered) else None
        row.tied = any(other and other.tie_key == row.tie_key for other in (before, after))
        row.position = before.position if before and before.tie_key == row.tie_key else index + 1
    return ordered


def ranking(*, round_: Round) -> Ranking:
    """The scored nominations of a round by weighted total, from the submitted members' scores
    (four queries, whatever the number of nominations and members)."""
    jury = list(JuryMember.objects.filter(round=round_).values_list("submitted_at", flat=True))
    submitted = sum(1 for at in jury if at is not None)
    weights = Criterion.objects.filter(round=round_).aggregate(total=Sum("weight"))["total"] or 0
    totals = dict(
        Score.objects.filter(
            review__juror__round=round_,
            review__juror__submitted_at__isnull=False,
            review__nomination__status__in=constants.SCORED,
        )
        .values_list("review__nomination")
        .annotate(total=Sum(F("value") * F("criterion__weight")))
        .values_list("review__nomination", "total")
    )
    nominations = Nomination.objects.filter(round=round_, status__in=constants.SCORED).order_by(
        "pk"
    )
    scale = submitted * weights
    rows = [
        RankRow(
            nomination=nomination,
            total=totals.get(nomination.pk, 0),
            average=(
                (Decimal(totals.get(nomination.pk, 0)) / scale).quantize(
                    Decimal("0.1"), rounding=ROUND_HALF_UP
                )
                if scale
                else Decimal(0)
            ),
        )
        for nomination in nominations
    ]
    return Ranking(rows=order(rows) if submitted else rows, submitted=submitted, members=len(jury))


def score_sheet(*, juror: JuryMember) -> list[dict]:
    """The member's own sheet: every nomination up for scoring with the member's review and
    scores (three queries). Nobody else's scores are read."""
    nominations = Nomination.objects.filter(
        round_id=juror.round_id, status__in=constants.SCORED
    ).order_by("nominee_name", "pk")
    reviews = {
        review.nomination_id: review
        for review in Review.objects.filter(juror=juror).prefetch_related(
            Prefetch("scores", queryset=Score.objects.order_by("criterion_id"))
        )
    }
    return [{"nomination": n, "review": reviews.get(n.pk)} for n in nominations]


def review_get(*, juror: JuryMember, nomination: Nomination) -> Review | None:
    """The member's own review of the nomination with its scores (two queries)."""
    return (
        Review.objects.filter(juror=juror, nomination=nomination).prefetch_related("scores").first()
    )
