"""Snapshots: each computed indicator a programme measures, kept per quarter.

``snapshot_period`` computes, through the indicator registry, every indicator code the
measures of a municipality use, for one period, and stores one ``Snapshot`` per code. A
snapshot computed after its period ended is **final**: no later run changes it, so a report of
a quarter stays as it was after later anonymisation or corrections. A snapshot computed while
its quarter was still running is provisional and the next run brings it up to date (the
nightly run does the current and the previous quarter, so each quarter is made final the night
after it ends). ``snapshot_recompute`` is the one explicit way to replace a final snapshot,
and it is written to the audit trail with the old and new values.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from omzien.common import indicators
from omzien.common.services import Actor
from omzien.monitor.models import Measure, Snapshot
from omzien.monitor.services.programmes import check_staff
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction
from omzien.privacy.statistics import QUARTER, Period


def measured_codes(municipality_id: int) -> list[str]:
    """The registered indicator codes the measures of the municipality use."""
    codes = (
        Measure.objects.filter(municipality_id=municipality_id)
        .exclude(indicator_code="")
        .values_list("indicator_code", flat=True)
        .distinct()
    )
    known = {ind.code for ind in indicators.indicators()}
    return sorted(code for code in set(codes) if code in known)


def _number(value):
    """A breakdown value as JSON stores it: an amount's Decimal (approved hours by domain)
    becomes an int when whole, else a float; JSON has no decimal type."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _fields(result: indicators.Result) -> dict:
    value = result.value
    parts = {
        key: {part: _number(number) for part, number in values.items()}
        for key, values in (result.parts or {}).items()
    }
    return {
        "value": None if value is None else Decimal(value),
        "numerator": result.numerator,
        "denominator": result.denominator,
        "parts": parts,
    }


def is_final(snapshot: Snapshot) -> bool:
    return timezone.localdate(snapshot.computed_at) > snapshot.period_end


@transaction.atomic
def snapshot_period(*, municipality, period: Period, actor: Actor | None = None) -> list[Snapshot]:
    """Store the period's value of every measured indicator that has no final snapshot yet
    (new ones, and provisional ones brought up to date); returns the snapshots written. Final
    snapshots stay as they are."""
    actor = actor or Actor()
    codes = measured_codes(municipality.pk)
    stored = {
        s.indicator_code: s
        for s in Snapshot.objects.select_for_update().filter(
            municipality=municipality,
            period_start=period.start,
            period_end=period.end,
            indicator_code__in=codes,
        )
    }
    wanted = [code for code in codes if code not in stored or not is_final(stored[code])]
    if not wanted:
        return []
    results = indicators.compute(municipality=municipality, period=period, codes=wanted)
    now = timezone.now()
    written = []
    for code in wanted:
        snapshot = stored.get(code) or Snapshot(
            municipality=municipality,
            indicator_code=code,
            period_start=period.start,
            period_end=period.end,
        )
        for name, value in _fields(results[code]).items():
            setattr(snapshot, name, value)
        snapshot.computed_at, snapshot.computed_by = now, actor.authenticated_user
        snapshot.save()
        written.append(snapshot)
    return written


@transaction.atomic
def snapshot_recompute(*, municipality, period: Period, actor: Actor) -> list[Snapshot]:
    """Compute the period's snapshots again and replace the stored values: the explicit,
    logged correction of a period (one audit event per changed snapshot, old and new)."""
    check_staff(actor, municipality.pk)
    codes = measured_codes(municipality.pk)
    stored = {
        s.indicator_code: s
        for s in Snapshot.objects.select_for_update().filter(
            municipality=municipality, period_start=period.start, period_end=period.end
        )
    }
    results = indicators.compute(municipality=municipality, period=period, codes=codes)
    now = timezone.now()
    kept = []
    for code in codes:
        fields = _fields(results[code])
        snapshot = stored.get(code)
        old = None if snapshot is None else snapshot.value
        if snapshot is None:
            snapshot = Snapshot(
                municipality=municipality,
                indicator_code=code,
                period_start=period.start,
                period_end=period.end,
            )
        for name, value in fields.items():
            setattr(snapshot, name, value)
        snapshot.computed_at, snapshot.computed_by = now, actor.authenticated_user
        snapshot.save()
        audit_log(
            action=AuditAction.UPDATE,
            actor=actor.user,
            obj=snapshot,
            request=actor.request,
            reason="snapshot recomputed",
            extra={
                "indicator": code,
                "period": period.code,
                "old": None if old is None else str(old),
                "new": None if snapshot.value is None else str(snapshot.value),
            },
        )
        kept.append(snapshot)
    return kept


def current_quarter(today) -> Period:
    return Period(today.year, QUARTER, (today.month - 1) // 3 + 1)
