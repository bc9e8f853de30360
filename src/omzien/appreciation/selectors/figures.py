"""Figures of an appreciation round, for consultants, appreciation officers, the policy advisor
and the functional administrator: aggregates only, with the statistics rule of
``privacy.statistics`` (groups of 1-4 hidden, with complementary suppression), and the same
figures for the round's predecessor to compare with. Definitions: docs/indicators.md,
"Appreciation round".

A round is not a calendar period: its figures are those of the round as it stands (while it is
open they grow). Money sums are shown only where the number of applications behind them is shown.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from omzien.appreciation import constants
from omzien.appreciation.models import Application, Round
from omzien.caregivers.constants import AgeGroup, age_group_of
from omzien.common.dates import age_on
from omzien.common.money import euro
from omzien.common.spreadsheets import xlsx_row
from omzien.privacy.statistics import Breakdown, Figure, breakdown, suppress_count, zero_filled

# Granted, whether paid yet or not: a payment the bank returned stays granted (it is paid again).
GRANTED = (
    constants.ApplicationStatus.GRANTED,
    constants.ApplicationStatus.PAID,
    constants.ApplicationStatus.PAYMENT_FAILED,
)
DECIDED_OR_OPEN = ~Q(status=constants.ApplicationStatus.WITHDRAWN)
YOUNG_AGE = 18  # a young carer: younger than 18 when the application came in


@dataclass(frozen=True)
class Money:
    """A sum or an average in euros, or None when the count behind it is hidden."""

    value: Decimal | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.value is None:
            return _("hidden")
        return euro(self.value)


@dataclass
class RoundFigures:
    round: Round
    applications: Figure
    by_status: Breakdown
    by_channel: Breakdown
    refused_by_reason: Breakdown
    by_locality: Breakdown
    young_carers: Figure
    newly_found: Breakdown
    newly_found_by_age: Breakdown
    granted: Figure
    committed: Money
    paid: Money
    average: Money
    budget: Decimal | None
    previous: "RoundFigures | None" = field(default=None)


def previous_round(round: Round) -> Round | None:
    """The round this one was copied from, else the municipality's only round of the year
    before with the same first age band (the young carers' round compares with its own)."""
    if round.copied_from_id:
        return round.copied_from
    candidates = list(
        Round.objects.filter(municipality_id=round.municipality_id, year=round.year - 1)
    )
    if len(candidates) == 1:
        return candidates[0]
    first = round.age_bands.order_by("min_age").first()
    if first is None:
        return None
    same = [r for r in candidates if r.age_bands.filter(min_age=first.min_age).exists()]
    return same[0] if len(same) == 1 else None


def _money(amount, count: Figure) -> Money:
    if count.suppressed:
        return Money(None)
    return Money((amount or Decimal("0")).quantize(Decimal("0.01")))


def round_figures(round: Round, *, compare: bool = True) -> RoundFigures:
    """The figures of one round (and, with ``compare``, of its predecessor)."""
    rows = Application.objects.filter(round=round).filter(DECIDED_OR_OPEN)
    total = rows.count()

    status_counts = dict(rows.values_list("status").annotate(n=Count("pk")).order_by())
    statuses = [
        s for s in constants.ApplicationStatus if s != constants.ApplicationStatus.WITHDRAWN
    ]
    by_status = breakdown(
        zero_filled(statuses, status_counts), labels=dict(constants.ApplicationStatus.choices)
    )
    channel_counts = dict(rows.values_list("channel").annotate(n=Count("pk")).order_by())
    by_channel = breakdown(
        zero_filled(list(constants.Channel), channel_counts), labels=dict(constants.Channel.choices)
    )
    refused = rows.filter(status=constants.ApplicationStatus.REFUSED)
    reason_counts = dict(refused.values_list("refusal_reason").annotate(n=Count("pk")).order_by())
    refused_by_reason = breakdown(
        zero_filled(list(constants.Check), reason_counts), labels=dict(constants.Check.choices)
    )
    locality_counts = dict(rows.values_list("locality__name").annotate(n=Count("pk")).order_by())
    unknown = _("Unknown or elsewhere")
    localities = sorted(k for k in locality_counts if k)
    by_locality = breakdown(
        {**{k: locality_counts[k] for k in localities}, unknown: locality_counts.get(None, 0)}
    )

    ages = [
        (age_on(born, received), offered)
        for born, received, offered in rows.exclude(date_of_birth=None).values_list(
            "date_of_birth", "received_on", "registration_offered"
        )
    ]
    young = sum(1 for age, _offered in ages if age < YOUNG_AGE)
    found_ages = Counter(age_group_of(age) for age, offered in ages if offered)
    found = rows.filter(registration_offered=True)
    found_counts = dict(found.values_list("locality__name").annotate(n=Count("pk")).order_by())
    newly_found = breakdown(
        {
            **{k: found_counts[k] for k in sorted(k for k in found_counts if k)},
            unknown: found_counts.get(None, 0),
        }
    )

    granted_rows = rows.filter(status__in=GRANTED)
    sums = granted_rows.aggregate(
        n=Count("pk"),
        committed=Sum("amount"),
        paid_n=Count("pk", filter=Q(status=constants.ApplicationStatus.PAID)),
        paid=Sum("amount", filter=Q(status=constants.ApplicationStatus.PAID)),
        with_amount=Count("pk", filter=Q(amount__gt=0)),
    )
    granted = suppress_count(sums["n"])
    paid_count = suppress_count(sums["paid_n"])
    with_amount = suppress_count(sums["with_amount"])
    average = Money(None)
    if not with_amount.suppressed and sums["with_amount"]:
        average = Money(
            (sums["committed"] / sums["with_amount"]).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        )
    figures = RoundFigures(
        round=round,
        applications=suppress_count(total),
        by_status=by_status,
        by_channel=by_channel,
        refused_by_reason=refused_by_reason,
        by_locality=by_locality,
        young_carers=suppress_count(young),
        newly_found=newly_found,
        # Applicants without a date of birth (a paper form left it empty) are in the total,
        # as an unshown rest.
        newly_found_by_age=breakdown(
            zero_filled(list(AgeGroup), found_ages),
            labels=dict(AgeGroup.choices),
            total=found.count(),
        ),
        granted=granted,
        committed=_money(sums["committed"], granted),
        paid=_money(sums["paid"], paid_count),
        average=average if sums["with_amount"] else Money(Decimal("0.00")),
        budget=round.budget,
    )
    if compare:
        before = previous_round(round)
        if before is not None:
            figures.previous = round_figures(before, compare=False)
    return figures


def figures_xlsx(figures: RoundFigures) -> bytes:
    """The same figures as an Excel workbook: one sheet, label and value columns, hidden
    figures as the word shown on the page."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    bold = Font(bold=True)
    before = figures.previous

    def value(figure):
        if isinstance(figure, Money):
            return str(figure) if figure.suppressed else float(figure.value)
        return str(figure) if figure.suppressed else figure.value

    header = [figures.round.name, str(before.round.name) if before else ""]
    sheet.append(xlsx_row(sheet, [_("Figure"), *header]))
    for cell in sheet[1]:
        cell.font = bold

    def line(label, this, that=None):
        sheet.append(xlsx_row(sheet, [label, value(this), value(that) if that is not None else ""]))

    line(_("Applications"), figures.applications, before and before.applications)
    line(_("Granted"), figures.granted, before and before.granted)
    line(_("Amount granted"), figures.committed, before and before.committed)
    line(_("Amount paid"), figures.paid, before and before.paid)
    line(_("Average amount"), figures.average, before and before.average)
    line(_("Young carers"), figures.young_carers, before and before.young_carers)
    for title, mine, theirs in (
        (_("By status"), figures.by_status, before and before.by_status),
        (_("By channel"), figures.by_channel, before and before.by_channel),
        (_("Refused, by reason"), figures.refused_by_reason, before and before.refused_by_reason),
        (_("By locality"), figures.by_locality, before and before.by_locality),
        (_("Newly found carers, by locality"), figures.newly_found, before and before.newly_found),
        (
            _("Newly found carers, by age group"),
            figures.newly_found_by_age,
            before and before.newly_found_by_age,
        ),
    ):
        sheet.append([])
        sheet.append(xlsx_row(sheet, [title]))
        sheet.cell(row=sheet.max_row, column=1).font = bold
        other = dict(theirs.rows) if theirs else {}
        for label, figure in mine.rows:
            line(label, figure, other.get(label))
        line(_("Total"), mine.total, theirs.total if theirs else None)
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["C"].width = 24
    out = BytesIO()
    book.save(out)
    return out.getvalue()
