import pytest
from django.utils import timezone

from omzien.demo import accounts
from omzien.marketplace import demo
from omzien.marketplace.constants import DealStatus, Direction, PartyKind
from omzien.marketplace.models import Deal, Entry, Event, Participant
from omzien.marketplace.services.entries import registration_open
from omzien.tenants.services import reference_data_load
from omzien.testing.demo import in_writing_order
from omzien.volunteering import demo as volunteering_demo

pytestmark = pytest.mark.django_db


def test_dalfsen_has_a_held_beursvloer_with_deals_and_one_open_for_registration():
    reference_data_load()
    accounts.load()
    volunteering_demo.load()
    assert demo.load() == {"marketplace_deals": len(demo.DEALS)}
    held, upcoming = Event.objects.filter(municipality__slug="dalfsen").order_by("held_on")
    today = timezone.localdate()
    assert held.held_on < today < upcoming.held_on
    assert registration_open(upcoming) and not registration_open(held)
    kinds = set(Participant.objects.filter(event=held).values_list("kind", flat=True))
    assert kinds == {PartyKind.BUSINESS, PartyKind.ORGANISATION}
    directions = set(
        Entry.objects.filter(participant__event=held).values_list("direction", flat=True)
    )
    assert directions == {Direction.OFFER, Direction.REQUEST}
    statuses = set(Deal.objects.filter(event=held).values_list("status", flat=True))
    assert statuses == set(DealStatus.values)
    # Work for the broker's start page: agreed deals whose date has passed.
    assert Deal.objects.filter(status=DealStatus.AGREED, due_on__lt=today).exists()
    # Made at the beursvloer, followed up after it, not all on the day the demo loaded.
    for deal in Deal.objects.filter(event=held).prefetch_related("transitions"):
        assert timezone.localdate(deal.created_at) == held.held_on
        moments = [
            timezone.localdate(t.created_at) for t in in_writing_order(deal.transitions.all())
        ]
        assert moments[0] == held.held_on and moments == sorted(moments)
        if deal.followed_up_on:
            assert held.held_on < deal.followed_up_on < today
            assert moments[-1] == deal.followed_up_on
    assert Participant.objects.filter(event=upcoming).count() == 3
    assert demo.load() == {"marketplace_deals": 0}
