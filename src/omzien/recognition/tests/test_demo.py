import pytest
from django.utils import timezone

from omzien.demo import accounts
from omzien.recognition import constants as c
from omzien.recognition import demo
from omzien.recognition.models import Nomination, Round
from omzien.recognition.selectors.rounds import public_awards
from omzien.recognition.selectors.scoring import ranking
from omzien.tenants.services import reference_data_load

pytestmark = pytest.mark.django_db


def test_heerde_has_this_years_round_and_last_years_announced_winners():
    reference_data_load()
    accounts.load()
    assert demo.load() == {"recognition_nominations": len(demo.THIS_YEAR) + len(demo.LAST_YEAR)}
    today = timezone.localdate()
    last, this = Round.objects.filter(municipality__slug="heerde").order_by("year")
    assert (last.year, this.year) == (today.year - 1, today.year)
    assert last.announce_on < today < this.announce_on
    awards = public_awards(round_=last)
    assert awards["winner"].nominee_name == "Wilma Brouwer"
    assert [n.nominee_name for n in awards["pluimen"]] == [
        "Ahmed Yilmaz",
        "Vrijwilligers van de Kringloop",
    ]
    assert ranking(round_=last).complete
    statuses = set(Nomination.objects.filter(round=this).values_list("status", flat=True))
    assert statuses == {
        c.NominationStatus.SUBMITTED,
        c.NominationStatus.ACCEPTED,
        c.NominationStatus.REJECTED,
    }
    assert Nomination.objects.filter(round=this, consent=c.Consent.ASKED).count() == 2
    emails = set(this.jury.values_list("user__email", flat=True))
    assert emails == {"beleid.heerde@omzien.test", "welzijn.heerde@omzien.test"}
    assert demo.load() == {"recognition_nominations": 0}
