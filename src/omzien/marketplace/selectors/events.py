"""The reads of events: the broker's list and one event, the public list of events open for
registration, and an organisation's events."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from omzien.marketplace import constants
from omzien.marketplace.models import Event, PreMatch


def event_list(*, user):
    """The broker's events, newest first, with their counts (one query)."""
    return (
        Event.objects.visible_to(user)
        .select_related("municipality")
        .annotate(
            participant_count=Count("participants", distinct=True),
            deal_count=Count("deals", distinct=True),
        )
        .order_by("-held_on", "-pk")
    )


def event_get(*, user, pk: int) -> Event:
    """One event of the broker's municipalities (404 otherwise)."""
    return get_object_or_404(Event.objects.visible_to(user).select_related("municipality"), pk=pk)


def event_summary(*, event: Event) -> dict:
    """The counts on the event's page and its confirmed pre-matches (two queries)."""
    counts = Event.objects.filter(pk=event.pk).aggregate(
        offers=Count(
            "participants__entries",
            filter=Q(participants__entries__direction=constants.Direction.OFFER),
        ),
        requests=Count(
            "participants__entries",
            filter=Q(participants__entries__direction=constants.Direction.REQUEST),
        ),
    )
    prematches = list(
        PreMatch.objects.filter(event=event)
        .select_related("offer__participant", "request__participant")
        .annotate(deal_count=Count("deals"))
        .order_by("pk")
    )
    return {**counts, "prematches": prematches}


def public_events(*, today=None):
    """The events anyone may register for now, soonest first."""
    today = today or timezone.localdate()
    return (
        Event.objects.filter(registration_opens__lte=today, registration_closes__gte=today)
        .select_related("municipality")
        .order_by("held_on", "pk")
    )


def public_event_get(*, pk: int) -> Event:
    return get_object_or_404(Event.objects.select_related("municipality"), pk=pk)


def events_for_organisation(*, organisation):
    """The events of the organisation's municipality that are open or still coming, and the
    ones it took part in (its entries may no longer change there)."""
    today = timezone.localdate()
    return (
        Event.objects.filter(municipality_id=organisation.municipality_id)
        .filter(
            Q(registration_opens__lte=today, held_on__gte=today)
            | Q(participants__organisation=organisation)
        )
        .distinct()
        .order_by("-held_on", "-pk")
    )
