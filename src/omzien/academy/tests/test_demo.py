from decimal import Decimal

import pytest
from django.utils import timezone

from omzien.academy import demo
from omzien.academy.models import Booking, Budget, Course, Enrolment, TrainingRequest
from omzien.academy.selectors.budget import budget_totals
from omzien.testing.demo import demo_loaded_for_class, in_writing_order

pytestmark = pytest.mark.django_db

loaded_demo = demo_loaded_for_class("academy")


@pytest.mark.usefixtures("loaded_demo")
class TestAcademyDemo:
    def test_heerde_has_ten_academy_meetings_and_dalfsen_a_budget_of_15000(self):
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
        assert Booking.objects.filter(budget=budget).count() == len(demo.BOOKINGS)
        assert TrainingRequest.objects.filter(municipality__slug="dalfsen").exists()
        assert demo.load() == {"academy_courses": 0, "academy_bookings": 0}

    def test_the_academy_was_planned_ahead_and_training_asked_for_before_it_was_bought(self):
        now = timezone.now()
        courses = Course.objects.filter(municipality__slug="heerde").select_related("activity")
        for course in courses:
            assert course.created_at == course.activity.created_at < course.activity.starts_at
        for enrolment in Enrolment.objects.select_related("course", "signup__occurrence"):
            assert enrolment.course.created_at < enrolment.created_at == enrolment.signup.created_at
            assert enrolment.created_at < min(now, enrolment.signup.occurrence.starts_at)
        asked = TrainingRequest.objects.filter(municipality__slug="dalfsen").select_related(
            "booking"
        )
        assert asked.filter(booking__isnull=True).exists() and asked.filter(booking__isnull=False)
        for training_request in asked:
            assert training_request.created_at <= now
            if training_request.booking is not None:
                assert training_request.created_at < training_request.booking.created_at
        for booking in Booking.objects.filter(budget__municipality__slug="dalfsen"):
            moments = [t.created_at for t in in_writing_order(booking.transitions.all())]
            assert moments[0] == booking.created_at <= now
            assert moments == sorted(moments)
