"""Retention and erasure of the contact persons (docs/privacy.md): a participant's contact
details are removed the event's ``contact_retention_months`` after the beursvloer (default
12); what was offered, asked and agreed stays for the figures, under the business's or
organisation's name."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from omzien.common.dates import add_months
from omzien.common.services import Actor
from omzien.marketplace.models import DealTransition, Event, Participant
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction


def _remove(participant: Participant) -> None:
    participant.contact_name = ""
    participant.contact_email = ""
    participant.contact_phone = ""
    participant.edit_token_hash = ""
    participant.contact_removed_at = timezone.now()
    participant.save(
        update_fields=[
            "contact_name",
            "contact_email",
            "contact_phone",
            "edit_token_hash",
            "contact_removed_at",
        ]
    )


@transaction.atomic
def participant_remove_contact(
    *, participant: Participant, actor: Actor, reason: str
) -> Participant:
    """Remove the contact person of one participant (an erasure request), and the broker's
    follow-up notes on its deals, which may name them."""
    participant = (
        Participant.objects.select_for_update().select_related("event").get(pk=participant.pk)
    )
    _remove(participant)
    DealTransition.objects.filter(
        Q(deal__giver=participant) | Q(deal__receiver=participant)
    ).update(note="")
    audit_by(AuditAction.UPDATE, participant, actor, reason=f"contact removed: {reason}")
    return participant


def marketplace_apply_retention(today: datetime.date | None = None) -> int:
    """The nightly rule (privacy.retention): the events held longer ago than their retention
    period lose the contact details of all their participants. Returns the participants."""
    today = today or timezone.localdate()
    handled = 0
    events = Event.objects.filter(contacts_removed_at__isnull=True, held_on__lt=today)
    for event in list(events.order_by("pk")):
        if add_months(event.held_on, event.contact_retention_months) > today:
            continue
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            if locked.contacts_removed_at is not None:
                continue
            for participant in Participant.objects.filter(
                event=locked, contact_removed_at__isnull=True
            ).select_related("event"):
                _remove(participant)
                audit_by(
                    AuditAction.UPDATE, participant, Actor(), reason="contact removed: retention"
                )
                handled += 1
            locked.contacts_removed_at = timezone.now()
            locked.save(update_fields=["contacts_removed_at"])
    return handled
