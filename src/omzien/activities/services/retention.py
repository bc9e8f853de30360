"""Retention of sign-ups (docs/privacy.md): a sign-up without an account is anonymised
``OMZIEN_ACTIVITY_SIGNUP_RETENTION_DAYS`` (default 90) days after its date. Its status stays
for the figures (held, attended, waiting list); name, e-mail address and phone number go."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from omzien.activities import constants
from omzien.activities.models import SignUp
from omzien.common.services import Actor
from omzien.privacy.audit import audit_many
from omzien.privacy.constants import AuditAction


def retention_days() -> int:
    return getattr(
        settings, "OMZIEN_ACTIVITY_SIGNUP_RETENTION_DAYS", constants.DEFAULT_SIGNUP_RETENTION_DAYS
    )


def anonymise(signups: list[SignUp], *, actor: Actor, reason: str) -> int:
    """Blank the personal details of ``signups`` (locked by the caller)."""
    if not signups:
        return 0
    now = timezone.now()
    SignUp.objects.filter(pk__in=[s.pk for s in signups]).update(
        name="", email="", phone="", anonymised_at=now
    )
    audit_many(AuditAction.UPDATE, signups, actor, reason=reason)
    return len(signups)


def signups_apply_retention() -> int:
    cutoff = timezone.now() - datetime.timedelta(days=retention_days())
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                SignUp.objects.select_for_update(of=("self",))
                .filter(
                    user__isnull=True,
                    anonymised_at__isnull=True,
                    occurrence__starts_at__lt=cutoff,
                )
                .select_related("occurrence__activity")
                .order_by("pk")[:500]
            )
            done += anonymise(batch, actor=Actor(), reason="retention")
        if len(batch) < 500:
            return done
