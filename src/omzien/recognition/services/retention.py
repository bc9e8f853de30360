"""Retention of the nominations (docs/privacy.md): once a round has been announced the
nominators' contact details and the nominees' e-mail addresses are removed (their purpose, a
question about the nomination or the consent, has ended) and the nominations found not
eligible are deleted. What the jury and the public page need (the nominee, the organisation,
the motivation, the scores and the awards) stays."""

import datetime

from django.db import transaction
from django.utils import timezone

from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.recognition import constants
from omzien.recognition.models import Nomination, Round

CONTACT_FIELDS = {
    "nominator_name": "",
    "nominator_email": "",
    "nominator_phone": "",
    "consent_email": "",
    "consent_token_hash": "",
}


NOMINATOR_FIELDS = {"nominator_name": "", "nominator_email": "", "nominator_phone": ""}


def nomination_remove_contact(
    *, nomination: Nomination, actor: Actor, reason: str, nominator_only: bool = False
) -> None:
    """Blank the nominator's and the nominee's contact details of one nomination (only the
    nominator's for the nominator's erasure request)."""
    fields = NOMINATOR_FIELDS if nominator_only else CONTACT_FIELDS
    Nomination.objects.filter(pk=nomination.pk).update(**fields, contact_removed_at=timezone.now())
    audit_by(AuditAction.UPDATE, nomination, actor, reason=f"contact removed: {reason}")


@transaction.atomic
def nomination_erase(*, nomination: Nomination, actor: Actor, reason: str) -> None:
    """The nominee's erasure request: the nomination goes, with its jury reviews and log."""
    audit_by(AuditAction.DELETE, nomination, actor, reason=f"erased: {reason}")
    nomination.delete()


def recognition_apply_retention(today: datetime.date | None = None) -> int:
    """The nightly rule (privacy.retention): the rounds announced before ``today`` lose their
    contact details and their rejected nominations. Returns the nominations handled."""
    today = today or timezone.localdate()
    handled = 0
    for round_ in list(
        Round.objects.filter(contacts_removed_at__isnull=True, announce_on__lt=today).order_by("pk")
    ):
        with transaction.atomic():
            locked = (
                Round.objects.select_for_update().select_related("municipality").get(pk=round_.pk)
            )
            if locked.contacts_removed_at is not None:
                continue
            rows = Nomination.objects.filter(round=locked).select_related("round__municipality")
            for nomination in rows.filter(status=constants.NominationStatus.REJECTED):
                audit_by(AuditAction.DELETE, nomination, Actor(), reason="retention: not eligible")
                nomination.delete()
                handled += 1
            for nomination in rows.filter(contact_removed_at__isnull=True):
                nomination_remove_contact(nomination=nomination, actor=Actor(), reason="retention")
                handled += 1
            locked.contacts_removed_at = timezone.now()
            locked.save(update_fields=["contacts_removed_at"])
    return handled
