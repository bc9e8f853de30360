"""The sentence per measure in a quarter's report, as the policy advisor rewrites it before
the report goes to the council. Without a rewritten sentence the report has the generated one
(``monitor.sentences``); going back to it removes the rewritten one. Each rewrite carries the
version the advisor started from (0: the generated sentence): a colleague's rewrite in the
meantime is never overwritten."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.services import Actor, EditConflict
from omzien.monitor.models import Measure, MeasureSentence
from omzien.monitor.services.programmes import check_staff
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.privacy.statistics import QUARTER, Period

MAX = 600


def _locked(measure: Measure, period: Period) -> MeasureSentence | None:
    if period.kind != QUARTER or period.end >= timezone.localdate():
        raise ValidationError(_("Choose a quarter that is over."), code="period_not_over")
    return (
        MeasureSentence.objects.select_for_update()
        .filter(measure=measure, period_start=period.start, period_end=period.end)
        .first()
    )


def _check(stored: MeasureSentence | None, version: int | None) -> None:
    if (stored.version if stored else 0) != version:
        raise EditConflict


@transaction.atomic
def sentence_set(
    *, measure: Measure, period: Period, text: str, version: int | None, actor: Actor
) -> MeasureSentence:
    check_staff(actor, measure.municipality_id)
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": ValidationError(_("Write the sentence."), code="required")})
    if len(text) > MAX:
        raise ValidationError(
            {
                "text": ValidationError(
                    _("The sentence may be at most 600 characters long."), code="too_long"
                )
            }
        )
    stored = _locked(measure, period)
    _check(stored, version)
    if stored is None:
        stored = MeasureSentence(
            municipality_id=measure.municipality_id,
            measure=measure,
            period_start=period.start,
            period_end=period.end,
            version=0,
        )
    stored.text, stored.edited_by, stored.edited_at = text, actor.authenticated_user, timezone.now()
    stored.version += 1
    stored.save()
    audit_by(AuditAction.UPDATE, measure, actor, reason="sentence", extra={"period": period.code})
    return stored


@transaction.atomic
def sentence_reset(*, measure: Measure, period: Period, version: int | None, actor: Actor) -> None:
    """Back to the generated sentence."""
    check_staff(actor, measure.municipality_id)
    stored = _locked(measure, period)
    _check(stored, version)
    if stored is not None:
        stored.delete()
        audit_by(
            AuditAction.UPDATE,
            measure,
            actor,
            reason="sentence reset",
            extra={"period": period.code},
        )
