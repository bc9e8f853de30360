"""Retention and erasure (docs/privacy.md): who attended which academy date is deleted
``ENROLMENT_RETENTION_MONTHS`` (24) after the date (the sign-up itself follows the calendar's
rule; a qualification made from it stays with the volunteer's profile); a training request's
free text and who made it are removed 24 months after it was made (the topic and the number
of people stay for the figures)."""

import datetime

from django.db import transaction
from django.utils import timezone

from omzien.academy import constants
from omzien.academy.models import Enrolment, TrainingRequest
from omzien.common.dates import months_ago, on_days
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction


@transaction.atomic
def enrolment_erase(*, enrolment: Enrolment, actor: Actor, reason: str) -> None:
    enrolment = Enrolment.objects.select_related("course").get(pk=enrolment.pk)
    audit_by(AuditAction.DELETE, enrolment, actor, reason=reason)
    enrolment.delete()


def academy_apply_retention(today: datetime.date | None = None) -> int:
    """The nightly rule (privacy.retention). Returns the rows deleted or cleared."""
    today = today or timezone.localdate()
    with transaction.atomic():
        old = Enrolment.objects.filter(
            **on_days(
                "signup__occurrence__starts_at",
                last=months_ago(today, constants.ENROLMENT_RETENTION_MONTHS),
            )
        )
        deleted, _by_model = old.delete()
        cleared = (
            TrainingRequest.objects.filter(
                **on_days("created_at", last=months_ago(today, constants.REQUEST_RETENTION_MONTHS))
            )
            .exclude(details="", requested_by=None)
            .update(details="", requested_by=None)
        )
        if deleted or cleared:
            audit_by(
                AuditAction.DELETE,
                None,
                Actor(),
                reason="retention",
                extra={"enrolments": deleted, "requests_cleared": cleared},
            )
    return deleted + cleared
