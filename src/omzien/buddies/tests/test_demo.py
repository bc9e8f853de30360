import pytest
from django.utils import timezone

from omzien.buddies import constants, demo
from omzien.buddies.models import BuddyPair, BuddyProgramme
from omzien.demo import accounts
from omzien.tenants.services import reference_data_load
from omzien.testing.demo import in_writing_order

pytestmark = pytest.mark.django_db


def test_demo_programme_loads_once_with_confirmed_pairs():
    reference_data_load()
    accounts.load()
    assert demo.load()["buddy_programmes"] == 1
    programme = BuddyProgramme.objects.get(name=demo.NAME)
    assert (programme.label_a, programme.label_b) == ("Deelnemers", "Maatjes")
    assert programme.participants.filter(side="a").count() == demo.PER_GROUP
    assert programme.participants.filter(side="b").count() == demo.PER_GROUP
    confirmed = BuddyPair.objects.filter(programme=programme, status=constants.PairStatus.CONFIRMED)
    assert confirmed.count() == 2
    assert all(pair.check_ins.count() == 2 for pair in confirmed)
    # Confirmed weeks ago, before its first check-in, after the pairing proposed it.
    for pair in confirmed:
        first_check_in = pair.check_ins.order_by("due_on").first().due_on
        assert pair.created_at < pair.confirmed_at < timezone.now()
        assert timezone.localdate(pair.confirmed_at) < first_check_in
        moments = [t.created_at for t in in_writing_order(pair.transitions.all())]
        assert moments[-1] == pair.confirmed_at and moments == sorted(moments)
    assert programme.last_run["stable"]  # a fresh proposal waits for the broker
    assert demo.load() == {"buddy_programmes": 0}
    assert BuddyProgramme.objects.count() == 1
