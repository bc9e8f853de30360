"""When the demo's history took place. The services stamp what they write with the present
moment; a demo loader dates its records back to the day they belong to, at office hours."""

from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from omzien.notifications.models import Notification


def office_hours(day: date) -> datetime:
    """Ten in the morning of ``day``, in the municipality's time."""
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def date_notifications(key: str, came: datetime, *, read: datetime | None = None) -> int:
    """The notifications of one piece of work (``key``, and its rounds ``key:…``) came when
    the work did; those that were read, were read when it was done (``read``)."""
    found = Notification.objects.filter(Q(key=key) | Q(key__startswith=f"{key}:"))
    changed = found.update(created_at=came)
    if read is not None:
        found.filter(read_at__isnull=False).update(read_at=read)
    return changed
