"""Retention of the social map (docs/privacy.md). Entries hold no special personal data, but a
named contact person (``contact_name``) and a phone number or e-mail address may be a person's:
an entry removed from the map is deleted, with its history, a year after it was removed."""

import datetime

from django.db import transaction
from django.utils import timezone

from omzien.common.services import Actor
from omzien.directory.constants import EntryStatus
from omzien.directory.models import Entry
from omzien.privacy.audit import audit_many
from omzien.privacy.constants import AuditAction

REMOVED_DAYS = 365


@transaction.atomic
def directory_apply_retention(*, now: datetime.datetime | None = None) -> int:
    """Delete the entries removed from the map (archived) more than ``REMOVED_DAYS`` ago."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=REMOVED_DAYS)
    old = list(Entry.objects.filter(status=EntryStatus.ARCHIVED, updated_at__lt=cutoff))
    if not old:
        return 0
    audit_many(AuditAction.DELETE, old, Actor(), reason="retention")
    Entry.objects.filter(pk__in=[entry.pk for entry in old]).delete()
    return len(old)
