"""The amounts of a round's granted applications at its close (issue 12, point 1 "how much").

``settle_round`` writes the final amount of every granted application once, after the
application window has closed, by the round's amount mode:

* ``FIXED``: each application keeps the amount of its age band fixed at the grant. With a
  budget and ``LOWER_AMOUNT``, when the granted total exceeds the budget every amount is lowered
  by the same share (amount × budget / total, rounded down to cents), so the total fits.
* ``BUDGET_DIVIDED`` (Roosendaal): the budget divided by the number of granted applications,
  rounded down to cents; the cents left over stay in the budget.
* ``BASE_RAISED`` (seed 002: EUR 70 raised up to EUR 200 within EUR 61,000): each application's
  base (its band's amount) raised to the budget's share when that is higher, up to
  ``max_amount``: ``min(max_amount, max(base, budget / n))`` rounded down to cents. **The base
  is guaranteed**: when more apply than the budget allows at the base (61,000 / 1,000 = 61 <
  70), everyone still gets the base and the total exceeds the budget (70,000); the round's
  figures show the overrun. A round that must stay within its budget uses ``BUDGET_DIVIDED``,
  or ``FIXED`` with ``LOWER_AMOUNT``.

With ``PerRecipient.DIVIDED`` (Epe) one amount goes out per care recipient: the units counted
and paid are the care recipients, and a recipient's amount is split among their granted carers
(rounded down to cents). A household cap then applies to the final amounts: a household whose
total exceeds it has each amount lowered by the same share, so the household gets the cap.
Activities (no amount) are not counted.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.appreciation import constants, rules
from omzien.appreciation.models import AgeBand, Application, Round
from omzien.appreciation.permissions import staff_of
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

CENT = Decimal("0.01")
ZERO = Decimal("0")


def cents_down(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_DOWN)


@dataclass(frozen=True)
class Claim:
    """One granted application as the amounts see it."""

    pk: int
    base: Decimal  # the amount of its age band, fixed at the grant
    recipient_key: str = ""
    household_key: str = ""


def _units(round_: Round, claims: list[Claim]) -> list[list[Claim]]:
    """The claims grouped by who is paid one amount: each application, or (DIVIDED) each care
    recipient. Claims without a recipient key are their own unit."""
    if round_.per_recipient != constants.PerRecipient.DIVIDED:
        return [[claim] for claim in claims]
    groups: dict[str, list[Claim]] = defaultdict(list)
    units = []
    for claim in sorted(claims, key=lambda claim: claim.pk):
        if not claim.recipient_key:
            units.append([claim])
        else:
            if claim.recipient_key not in groups:
                units.append(groups[claim.recipient_key])
            groups[claim.recipient_key].append(claim)
    return units


def unit_amounts(round_: Round, bases: list[Decimal]) -> list[Decimal]:
    """The amount for each unit (an application or a care recipient) with these bases."""
    total = sum(bases, ZERO)
    return [_unit_amount(round_, base, len(bases), total) for base in bases]


def _unit_amount(round_: Round, base: Decimal, n: int, total: Decimal) -> Decimal:
    """The amount of one unit with ``base`` among ``n`` units whose bases add up to ``total``."""
    mode = round_.amount_mode
    budget = round_.budget
    if mode == constants.AmountMode.BUDGET_DIVIDED:
        return cents_down(budget / n)
    if mode == constants.AmountMode.BASE_RAISED:
        if budget is None:
            return cents_down(base)
        amount = max(base, budget / n)
        if round_.max_amount is not None:
            amount = min(round_.max_amount, amount)
        # The base is guaranteed, also above max_amount or beyond the budget.
        return cents_down(max(amount, base))
    if (
        budget is not None
        and round_.when_budget_exhausted == constants.BudgetExhausted.LOWER_AMOUNT
        and total > budget
    ):
        return cents_down(base * budget / total)
    return cents_down(base)


def settled_band_amounts(round_: Round, claims: list["Claim"], bands) -> dict[int, Decimal]:
    """What one unit of each band (by band pk) gets at the settlement: the same formula with
    the same number of units and total as the granted ones. A grant after the settlement gets
    this amount, so a late carer is treated as those granted before (docs/appreciation.md)."""
    bases = [unit[0].base for unit in _units(round_, claims)]
    n, total = len(bases), sum(bases, ZERO)
    return {
        band.pk: _unit_amount(round_, band.amount, max(n, 1), total or band.amount)
        for band in bands
        if band.amount is not None
    }


def compute_amounts(round_: Round, claims: list[Claim]) -> dict[int, Decimal]:
    """The final amount per application pk, by the round's mode, per-recipient rule and
    household cap. Pure: reads only ``round_``'s settings."""
    units = _units(round_, claims)
    amounts: dict[int, Decimal] = {}
    for unit, amount in zip(units, unit_amounts(round_, [u[0].base for u in units]), strict=True):
        each = cents_down(amount / len(unit))
        for claim in unit:
            amounts[claim.pk] = each
    cap = round_.household_cap
    if cap is not None:
        households: dict[str, list[int]] = defaultdict(list)
        for claim in claims:
            if claim.household_key:
                households[claim.household_key].append(claim.pk)
        for pks in households.values():
            total = sum((amounts[pk] for pk in pks), ZERO)
            if total > cap:
                for pk in pks:
                    amounts[pk] = cents_down(amounts[pk] * cap / total)
    return amounts


def _claims(round_: Round) -> list[Claim]:
    bands = list(round_.age_bands.all())
    claims = []
    rows = (
        Application.objects.filter(round=round_, status=constants.ApplicationStatus.GRANTED)
        .exclude(form=constants.AppreciationForm.ACTIVITY)
        .order_by("pk")
    )
    for application in rows:
        base = application.amount
        if base is None:
            band = rules.band_for(bands, application.date_of_birth, application.received_on)
            base = band.amount if band else None
        if base is None:
            continue
        claims.append(
            Claim(
                pk=application.pk,
                base=base,
                recipient_key=application.recipient_key,
                household_key=application.household_key,
            )
        )
    return claims


@transaction.atomic
def settle_round(*, round: Round, actor: Actor) -> dict[int, Decimal]:  # noqa: A002
    """Write the final amounts of the round's granted applications, once, after its window
    closed; returns them by application pk. The round's row is locked, so two settles at once
    cannot both write; the second is refused (``already_settled``), as is a settle while the
    window is still open (``round_open``) or a budget mode without a budget (``no_budget``)."""
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if actor.user is not None and not staff_of(locked.municipality_id, actor.user):
        raise PermissionDenied
    if locked.closed_at is not None:
        raise ValidationError(
            _("The amounts of this round were already set."), code="already_settled"
        )
    if timezone.localdate() <= locked.closes_on:
        raise ValidationError(
            _("The application period has not ended yet: the amounts are set after it."),
            code="round_open",
        )
    if locked.budget is None and locked.amount_mode == constants.AmountMode.BUDGET_DIVIDED:
        raise ValidationError(
            _("Set the round's budget before the amounts are divided."), code="no_budget"
        )
    claims = _claims(locked)
    amounts = compute_amounts(locked, claims)
    bands = list(locked.age_bands.all())
    settled = settled_band_amounts(locked, claims, bands)
    for band in bands:
        band.settled_amount = settled.get(band.pk)
    AgeBand.objects.bulk_update(bands, ["settled_amount"])
    now = timezone.now()
    changed = [Application(pk=pk, amount=amount, updated_at=now) for pk, amount in amounts.items()]
    Application.objects.bulk_update(changed, ["amount", "updated_at"], batch_size=500)
    locked.closed_at = now
    locked.version += 1
    locked.save(update_fields=["closed_at", "version", "updated_at"])
    audit_by(
        AuditAction.UPDATE,
        locked,
        actor,
        reason="appreciation round settled",
        extra={"applications": len(amounts), "total": str(sum(amounts.values(), ZERO))},
    )
    round.closed_at = locked.closed_at
    round.version = locked.version
    return amounts
