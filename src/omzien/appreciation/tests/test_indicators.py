import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from omzien.appreciation import constants
from omzien.appreciation.tests.factories import ApplicationFactory, ApplicationTransitionFactory
from omzien.common import indicators
from omzien.privacy.statistics import QUARTER, Period

pytestmark = pytest.mark.django_db

Q2 = Period(2026, QUARTER, 2)
CODES = ["appreciation.applications", "appreciation.granted", "appreciation.amount_paid"]


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_an_application_granted_again_after_an_objection_counts_once(heerde):
    early = ApplicationFactory(round__municipality=heerde, received_on=datetime.date(2026, 4, 2))
    late = ApplicationFactory(round=early.round, received_on=datetime.date(2026, 3, 30))
    for application, day in ((early, datetime.date(2026, 5, 1)), (late, datetime.date(2026, 6, 1))):
        ApplicationTransitionFactory(
            application=application,
            to_status=constants.ApplicationStatus.GRANTED,
            created_at=_at(day),
        )
    # Granted again after an objection, later in the quarter and after it.
    for day in (datetime.date(2026, 6, 20), datetime.date(2026, 7, 3)):
        ApplicationTransitionFactory(
            application=early, to_status=constants.ApplicationStatus.GRANTED, created_at=_at(day)
        )
    # First granted in Q1: not granted in Q2, though granted again in it.
    before = ApplicationFactory(round=early.round, received_on=datetime.date(2026, 1, 5))
    for day in (datetime.date(2026, 2, 1), datetime.date(2026, 4, 20)):
        ApplicationTransitionFactory(
            application=before, to_status=constants.ApplicationStatus.GRANTED, created_at=_at(day)
        )
    values = indicators.compute(municipality=heerde, period=Q2, codes=CODES)
    assert values["appreciation.applications"].value == 1  # received in the quarter
    assert values["appreciation.granted"].value == 2
    assert values["appreciation.amount_paid"].value == Decimal("0")
