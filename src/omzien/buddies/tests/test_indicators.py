import datetime

import pytest
from django.utils import timezone

from omzien.buddies import constants
from omzien.buddies.tests.factories import PairFactory, ProgrammeFactory
from omzien.common import indicators
from omzien.privacy.statistics import QUARTER, Period

pytestmark = pytest.mark.django_db

Q3 = Period(2026, QUARTER, 3)


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_pairs_confirmed_in_the_quarter_and_running_at_its_end(heerde, dalfsen):
    programme = ProgrammeFactory(municipality=heerde)

    def pair(confirmed_on, ended_on=None, municipality_programme=programme):
        PairFactory(
            participant_a__programme=municipality_programme,
            participant_b__programme=municipality_programme,
            programme=municipality_programme,
            status=constants.PairStatus.CONFIRMED,
            confirmed_at=_at(confirmed_on),
            ended_on=ended_on,
        )

    pair(datetime.date(2026, 7, 1))
    pair(datetime.date(2026, 9, 30), ended_on=datetime.date(2026, 10, 5))
    pair(datetime.date(2026, 6, 30), ended_on=datetime.date(2026, 9, 30))  # ended within Q3
    pair(datetime.date(2026, 10, 1))  # after the quarter
    pair(datetime.date(2026, 8, 1), municipality_programme=ProgrammeFactory(municipality=dalfsen))
    values = indicators.compute(
        municipality=heerde, period=Q3, codes=["buddies.pairs_confirmed", "buddies.pairs_running"]
    )
    assert values["buddies.pairs_confirmed"].value == 2
    assert values["buddies.pairs_running"].value == 2
