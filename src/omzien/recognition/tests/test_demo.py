import pytest
from django.utils import timezone

from omzien.demo import accounts
from omzien.recognition import constants, demo
from omzien.recognition.models import Nomination, Round
from omzien.recognition.selectors.rounds import public_awards
from omzien.recognition.selectors.scoring import ranking
from omzien.tenants.services import reference_data_load
from omzien.testing.demo import in_writing_order

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
        constants.NominationStatus.SUBMITTED,
        constants.NominationStatus.ACCEPTED,
        constants.NominationStatus.REJECTED,
    }
    assert Nomination.objects.filter(round=this, consent=constants.Consent.ASKED).count() == 2
    emails = set(this.jury.values_list("user__email", flat=True))
    assert emails == {"beleid.heerde@omzien.test", "welzijn.heerde@omzien.test"}
    # Nominated while the round was open, checked after, awarded at the announcement.
    for nomination in Nomination.objects.prefetch_related("transitions", "round"):
        round_ = nomination.round
        sent = timezone.localdate(nomination.created_at)
        assert round_.nominations_open <= sent <= min(today, round_.nominations_close)
        moments = [
            timezone.localdate(t.created_at) for t in in_writing_order(nomination.transitions.all())
        ]
        assert moments[0] == sent and moments == sorted(moments) and moments[-1] <= today
        if nomination.status in constants.AWARDED:
            assert moments[-1] == round_.announce_on
    assert demo.load() == {"recognition_nominations": 0}
