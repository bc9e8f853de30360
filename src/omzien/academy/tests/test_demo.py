from decimal import Decimal

import pytest
from django.utils import timezone

from omzien.academy import demo
from omzien.academy.models import Budget, Course, Enrolment, TrainingRequest
from omzien.academy.selectors.budget import budget_totals
from omzien.demo import accounts
from omzien.tenants.services import reference_data_load
from omzien.volunteering import demo as volunteering_demo

pytestmark = pytest.mark.django_db


def test_heerde_has_ten_academy_meetings_and_dalfsen_a_budget_of_15000():
    reference_data_load()
    accounts.load()
    volunteering_demo.load()
    assert demo.load() == {"academy_courses": 10, "academy_bookings": len(demo.BOOKINGS)}
    year = timezone.localdate().year
    heerde = Course.objects.filter(municipality__slug="heerde")
    assert heerde.filter(activity__starts_at__year=year).count() == 10
    if timezone.localdate().month > 1:  # a meeting has been held: who came has certificates
        assert Enrolment.objects.filter(attended_at__isnull=False).exists()
    budget = Budget.objects.get(municipality__slug="dalfsen", year=year)
    totals = budget_totals(budget)
    assert totals["amount"] == Decimal("15000")
    assert totals["spent"] > 0 and totals["committed"] > 0
    assert totals["left"] == totals["amount"] - totals["spent"] - totals["committed"]
    assert TrainingRequest.objects.filter(municipality__slug="dalfsen").exists()
    assert demo.load() == {"academy_courses": 0, "academy_bookings": 0}
