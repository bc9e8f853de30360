"""The jury's scoring: each member scores every accepted nomination per criterion with a short
motivation, then submits (no changes after that); the chair resolves ties in the ranking.

A member's rows are written under the lock of their ``JuryMember`` row, so a save racing the
submit either lands before it or is refused after it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.recognition import constants
from omzien.recognition.models import Criterion, JuryMember, Nomination, Review, Score
from omzien.recognition.selectors.scoring import ranking
from omzien.recognition.services._common import error


def _lock_juror(juror: JuryMember, actor: Actor) -> JuryMember:
    juror = JuryMember.objects.select_for_update().select_related("round").get(pk=juror.pk)
    if actor.authenticated_user is None or juror.user_id != actor.authenticated_user.pk:
        raise ValidationError(_("Only the jury member scores for themselves."), code="not_juror")
    if juror.submitted_at is not None:
        raise ValidationError(_("You have submitted your scores already."), code="submitted")
    return juror


@transaction.atomic
def review_save(
    *,
    juror: JuryMember,
    nomination: Nomination,
    scores: dict[int, int],
    motivation: str,
    actor: Actor,
) -> Review:
    """A member's scores of one nomination (``scores``: criterion pk -> score) and motivation;
    saving again replaces them, until the member submits."""
    juror = _lock_juror(juror, actor)
    nomination = Nomination.objects.filter(
        pk=nomination.pk, round_id=juror.round_id, status__in=constants.SCORED
    ).first()
    if nomination is None:
        raise ValidationError(_("This nomination is not up for scoring."), code="not_scored")
    criteria = list(Criterion.objects.filter(round_id=juror.round_id))
    errors = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None or not constants.SCORE_MIN <= value <= constants.SCORE_MAX:
            errors[f"criterion_{criterion.pk}"] = [
                ValidationError(
                    _("Give a score from %(min)s to %(max)s.")
                    % {"min": constants.SCORE_MIN, "max": constants.SCORE_MAX},
                    code="bad_score",
                )
            ]
    motivation = " ".join((motivation or "").split())
    if not motivation:
        errors["motivation"] = [ValidationError(_("Give a short motivation."), code="required")]
    if errors:
        raise ValidationError(errors)
    review, created = Review.objects.update_or_create(
        juror=juror, nomination=nomination, defaults={"motivation": motivation[:500]}
    )
    Score.objects.filter(review=review).delete()
    Score.objects.bulk_create(
        [
            Score(review=review, criterion=criterion, value=scores[criterion.pk])
            for criterion in criteria
        ]
    )
    audit_by(
        AuditAction.CREATE if created else AuditAction.UPDATE,
        review,
        actor,
        municipality=juror.round.municipality,
    )
    return review


@transaction.atomic
def jury_submit(*, juror: JuryMember, actor: Actor) -> JuryMember:
    """The member's scores are final: every accepted nomination scored on every criterion."""
    juror = _lock_juror(juror, actor)
    criteria = Criterion.objects.filter(round_id=juror.round_id).count()
    nominations = Nomination.objects.filter(
        round_id=juror.round_id, status__in=constants.SCORED
    ).count()
    if not criteria or not nominations:
        raise ValidationError(_("There is nothing to score yet."), code="nothing_to_score")
    scored = Score.objects.filter(
        review__juror=juror, review__nomination__status__in=constants.SCORED
    ).count()
    if scored != criteria * nominations:
        raise ValidationError(
            _("Score every nomination on every criterion before you submit."), code="incomplete"
        )
    juror.submitted_at = timezone.now()
    juror.save(update_fields=["submitted_at"])
    audit_by(AuditAction.UPDATE, juror, actor, reason="scores submitted")
    return juror


@transaction.atomic
def tie_resolve(*, juror: JuryMember, first: int, actor: Actor) -> Nomination:
    """The chair chooses which of nominations with the same weighted total ranks first."""
    juror = JuryMember.objects.select_for_update().select_related("round").get(pk=juror.pk)
    user = actor.authenticated_user
    if not juror.is_chair or user is None or juror.user_id != user.pk:
        raise ValidationError(_("Only the chair of the jury resolves ties."), code="not_chair")
    result = ranking(round_=juror.round)
    if not result.complete:
        raise ValidationError(
            _("Every jury member must submit their scores first."), code="jury_not_done"
        )
    row = next((row for row in result.rows if row.nomination.pk == first), None)
    group = [other for other in result.rows if row and other.tie_key == row.tie_key]
    if row is None or len(group) < 2:
        raise error("first", _("Choose one of the tied nominations."), "not_tied")
    nomination = Nomination.objects.select_for_update().get(pk=first)
    nomination.tie_break = max(other.nomination.tie_break for other in group) + 1
    nomination.save(update_fields=["tie_break", "updated_at"])
    audit_by(
        AuditAction.UPDATE,
        nomination,
        actor,
        municipality=juror.round.municipality,
        reason="tie resolved by the chair",
    )
    return nomination
