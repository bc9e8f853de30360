"""iCalendar (RFC 5545) files of the calendar, made with ``icalendar``: one VEVENT per
occurrence (a cancelled one with STATUS:CANCELLED, so subscribed calendars drop it), with a
stable UID so a calendar app updates rather than duplicates an event."""

import datetime

import icalendar
from django.conf import settings
from django.utils import timezone

PRODID = "-//Omzien//Activiteitenkalender//NL"
UID_DOMAIN = "omzien.nl"


def _uid(occurrence) -> str:
    return f"activity-{occurrence.activity_id}-occurrence-{occurrence.pk}@{UID_DOMAIN}"


def calendar_for(occurrences, *, name: str, link=None) -> bytes:
    """The VCALENDAR of ``occurrences`` (with their activity and locality selected).

    ``link(occurrence)`` gives the full address of an occurrence's page."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for occurrence in occurrences:
        activity = occurrence.activity
        event = icalendar.Event()
        event.add("uid", _uid(occurrence))
        event.add("dtstamp", stamp)
        event.add("dtstart", occurrence.starts_at.astimezone(datetime.UTC))
        event.add("dtend", occurrence.ends_at.astimezone(datetime.UTC))
        event.add("summary", activity.title)
        description = activity.description
        if occurrence.is_cancelled and occurrence.cancel_message:
            description = f"{occurrence.cancel_message}\n\n{description}"
        event.add("description", description)
        location = activity.place or activity.online_url
        if location:
            event.add("location", location)
        if link is not None:
            event.add("url", link(occurrence))
        event.add("status", "CANCELLED" if occurrence.is_cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
