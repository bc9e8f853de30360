import pytest

from omzien.buddies import constants, demo
from omzien.buddies.models import BuddyPair, BuddyProgramme
from omzien.demo import accounts
from omzien.tenants.services import reference_data_load

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
    assert programme.last_run["stable"]  # a fresh proposal waits for the broker
    assert demo.load() == {"buddy_programmes": 0}
    assert BuddyProgramme.objects.count() == 1
