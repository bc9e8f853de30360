"""When the demo's history took place. The services stamp what they write with the present
moment; a demo loader dates its records back to the day they belong to, at office hours."""

from datetime import date, datetime, time

from django.utils import timezone


def office_hours(day: date) -> datetime:
    """Ten in the morning of ``day``, in the municipality's time."""
    return timezone.make_aware(datetime.combine(day, time(10, 0)))
