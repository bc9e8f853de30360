import datetime

import pytest
from django.utils import timezone

from omzien.common import indicators
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.statistics import YEAR, Period
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.tests.factories import VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def test_profiles_at_the_end_of_the_year_leave_out_later_and_anonymised_ones(heerde, dalfsen):
    def profile(day, municipality=heerde, **kwargs):
        made = VolunteerProfileFactory(municipality=municipality, **kwargs)
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 30)))
        VolunteerProfile.objects.filter(pk=made.pk).update(created_at=moment)

    profile(datetime.date(2024, 3, 1))
    profile(datetime.date(2025, 12, 31))  # the last evening of the year counts
    profile(datetime.date(2026, 1, 1))
    profile(datetime.date(2025, 6, 1), full_name=ANONYMOUS_NAME)
    profile(datetime.date(2025, 6, 1), municipality=dalfsen)
    values = indicators.compute(
        municipality=heerde, period=Period(2025, YEAR), codes=["volunteering.profiles"]
    )
    assert values["volunteering.profiles"].value == 2
