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


def test_approved_hours_per_domain_of_the_year(heerde, dalfsen):
    from decimal import Decimal

    from omzien.volunteering import constants
    from omzien.volunteering.selectors.hours import hours_figures
    from omzien.volunteering.tests.factories import HoursEntryFactory

    def hours(amount, day, status=constants.HoursStatus.APPROVED, municipality=heerde, **kw):
        return HoursEntryFactory(
            placement__response__vacancy__organisation__municipality=municipality,
            date=day,
            hours=Decimal(amount),
            status=status,
            **kw,
        )

    in_year = datetime.date(2025, 5, 1)
    for _n in range(5):
        hours(2, in_year, placement__response__vacancy__domains=["sport"])
    hours(3, in_year, placement__response__vacancy__domains=["care_welfare", "sport"])
    hours(4, in_year, status=constants.HoursStatus.CORRECTED, corrected_hours=Decimal("1.5"))
    hours(7, in_year, status=constants.HoursStatus.SUBMITTED)
    hours(7, in_year, status=constants.HoursStatus.REJECTED)
    hours(7, datetime.date(2026, 1, 1))
    hours(7, in_year, municipality=dalfsen)
    period = Period(2025, YEAR)
    values = indicators.compute(
        municipality=heerde,
        period=period,
        codes=["volunteering.approved_hours", "volunteering.volunteers_with_hours"],
    )
    approved = values["volunteering.approved_hours"]
    assert approved.value == Decimal("14.5")  # 5 × 2 + 3 + 1.5 (the correction)
    assert approved.parts["domain"] == {"sport": Decimal("14.5"), "care_welfare": Decimal(3)}
    assert values["volunteering.volunteers_with_hours"].value == 7
    assert values["volunteering.volunteers_with_hours"].parts["domain"] == {
        "sport": 7,
        "care_welfare": 1,
    }
    # As the broker's page shows them: care is one volunteer, hidden with its hours.
    shown = hours_figures(municipality=heerde, period=period)
    assert shown["hours"] == Decimal("14.5")
    rows = {row["code"]: row for row in shown["domains"]}
    assert rows["care_welfare"]["hours"] is None and rows["care_welfare"]["volunteers"].suppressed
    assert rows["sport"]["hours"] == Decimal("14.5")
