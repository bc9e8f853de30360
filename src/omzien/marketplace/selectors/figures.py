"""The beursvloer's figures per event and its indicators for the policy monitor.

Counts of participants (businesses and organisations) follow the statistics rule
(``privacy.statistics``): small groups are hidden. Offers, requests, deals and hours count
things, not people, and are shown as they are."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy

from omzien.common import indicators as _indicators
from omzien.marketplace import constants
from omzien.marketplace.models import Deal, Entry, Event, Participant
from omzien.privacy.statistics import suppress_count

OFFER = Q(direction=constants.Direction.OFFER)
REQUEST = Q(direction=constants.Direction.REQUEST)
COMPLETED = Q(status__in=constants.COMPLETED)


def _by_event(queryset, key: str, **aggregates) -> dict:
    return {row[key]: row for row in queryset.order_by().values(key).annotate(**aggregates)}


def event_figures(*, user) -> list[dict]:
    """One row per event of the user's municipalities, newest first (four queries)."""
    events = list(
        Event.objects.visible_to(user)
        .select_related("municipality")
        .order_by("-held_on", "-pk")[:50]
    )
    ids = [event.pk for event in events]
    parties = _by_event(
        Participant.objects.filter(event__in=ids),
        "event_id",
        businesses=Count("pk", filter=Q(kind=constants.PartyKind.BUSINESS)),
        organisations=Count("pk", filter=Q(kind=constants.PartyKind.ORGANISATION)),
    )
    entries = _by_event(
        Entry.objects.filter(participant__event__in=ids),
        "participant__event_id",
        offers=Count("pk", filter=OFFER),
        requests=Count("pk", filter=REQUEST),
    )
    deals = _by_event(
        Deal.objects.filter(event__in=ids),
        "event_id",
        deals=Count("pk"),
        completed=Count("pk", filter=COMPLETED),
        hours_agreed=Sum("hours"),
        hours_completed=Sum("hours", filter=COMPLETED),
    )
    rows = []
    for event in events:
        p = parties.get(event.pk, {})
        e = entries.get(event.pk, {})
        d = deals.get(event.pk, {})
        rows.append(
            {
                "event": event,
                "businesses": suppress_count(p.get("businesses", 0)),
                "organisations": suppress_count(p.get("organisations", 0)),
                "offers": e.get("offers", 0),
                "requests": e.get("requests", 0),
                "deals": d.get("deals", 0),
                "completed": d.get("completed", 0),
                "hours": d.get("hours_agreed") or 0,
                "hours_completed": d.get("hours_completed") or 0,
            }
        )
    return rows


INDICATORS = (
    _indicators.Indicator(
        "marketplace.participants", gettext_lazy("Beursvloer participants"), people=True
    ),
    _indicators.Indicator("marketplace.offers", gettext_lazy("Beursvloer offers"), people=False),
    _indicators.Indicator(
        "marketplace.requests", gettext_lazy("Beursvloer requests"), people=False
    ),
    _indicators.Indicator("marketplace.deals", gettext_lazy("Beursvloer deals"), people=False),
    _indicators.Indicator(
        "marketplace.deals_completed", gettext_lazy("Beursvloer deals completed"), people=False
    ),
    _indicators.Indicator(
        "marketplace.hours",
        gettext_lazy("Value of completed beursvloer deals in hours"),
        people=False,
    ),
)


def marketplace_indicators(*, municipality, period) -> dict:
    """The indicators of the events held in ``period`` (three queries)."""
    held = Event.objects.filter(
        municipality=municipality, held_on__gte=period.start, held_on__lte=period.end
    )
    ids = list(held.values_list("pk", flat=True))
    participants = Participant.objects.filter(event__in=ids).count()
    entries = Entry.objects.filter(participant__event__in=ids).aggregate(
        offers=Count("pk", filter=OFFER), requests=Count("pk", filter=REQUEST)
    )
    deals = Deal.objects.filter(event__in=ids).aggregate(
        deals=Count("pk"),
        completed=Count("pk", filter=COMPLETED),
        hours_completed=Sum("hours", filter=COMPLETED),
    )
    return {
        "marketplace.participants": _indicators.Result(participants),
        "marketplace.offers": _indicators.Result(entries["offers"]),
        "marketplace.requests": _indicators.Result(entries["requests"]),
        "marketplace.deals": _indicators.Result(deals["deals"]),
        "marketplace.deals_completed": _indicators.Result(deals["completed"]),
        "marketplace.hours": _indicators.Result(deals["hours_completed"] or 0),
    }
