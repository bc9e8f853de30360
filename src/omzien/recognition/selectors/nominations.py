"""The reads of nominations by the broker and the jury; each read is audited."""

from django.shortcuts import get_object_or_404

from omzien.common.services import Actor
from omzien.privacy.audit import audit_by, audit_read
from omzien.privacy.constants import AuditAction
from omzien.recognition import constants
from omzien.recognition.models import Nomination, NominationTransition, Round


def nomination_list(*, actor: Actor, round_: Round, status: str = "") -> list[Nomination]:
    """The round's nominations (one query), the read audited with the rows shown."""
    rows = Nomination.objects.visible_to(actor.user).filter(round=round_)
    if status in constants.NominationStatus.values:
        rows = rows.filter(status=status)
    found = list(rows.order_by("status", "created_at", "pk")[:500])
    audit_read(
        actor,
        reason="volunteer prize nominations",
        shown=found,
        municipalities=[round_.municipality],
        extra={"round": round_.pk},
    )
    return found


def nomination_get(*, actor: Actor, pk: int) -> Nomination:
    """One nomination of the broker's municipalities (404 otherwise); the read is audited."""
    nomination = get_object_or_404(
        Nomination.objects.visible_to(actor.user).select_related("round__municipality"), pk=pk
    )
    audit_by(AuditAction.VIEW, nomination, actor, reason="volunteer prize nomination")
    return nomination


def nomination_history(*, nomination: Nomination) -> list[NominationTransition]:
    return list(nomination.transitions.select_related("actor").order_by("created_at", "pk"))


def jury_nomination_get(*, juror, pk: int) -> Nomination:
    """A nomination the jury member scores (404 for any other); the read is audited."""
    nomination = get_object_or_404(
        Nomination.objects.select_related("round__municipality"),
        pk=pk,
        round_id=juror.round_id,
        status__in=constants.SCORED,
    )
    return nomination


def audit_jury_read(*, actor: Actor, juror, shown) -> None:
    audit_read(
        actor,
        reason="volunteer prize jury",
        shown=shown,
        municipalities=[juror.round.municipality],
        extra={"round": juror.round_id},
    )
