"""The academy's pages: bounded queries whatever the number of rows, the certificate as a PDF
for its volunteer only, and a training request through the member's form."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.academy.models import TrainingRequest
from omzien.academy.tests.factories import (
    BookingFactory,
    BudgetFactory,
    EnrolmentFactory,
    TrainingRequestFactory,
    held_date,
)
from omzien.accounts.constants import Role
from omzien.activities.tests.factories import SignUpFactory
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.tests.factories import VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def _grow(course, heerde, n):
    occurrence = held_date(course, days_ago=n + 1)
    for _ in range(n):
        EnrolmentFactory(
            course=course,
            signup__occurrence=occurrence,
            profile=VolunteerProfileFactory(municipality=heerde),
        )
    budget = BudgetFactory(municipality=heerde, year=2020 + n)
    for _ in range(n):
        BookingFactory(budget=budget, amount=Decimal("10"))
        TrainingRequestFactory(municipality=heerde)
    return budget


@pytest.mark.parametrize("url", ["course", "budget", "requests"])
def test_the_brokers_pages_run_a_fixed_number_of_queries(
    broker_client, course, heerde, url, django_assert_max_num_queries
):
    def get(budget):
        target = {
            "course": reverse("academy:course", args=[course.pk]),
            "budget": reverse("academy:budget") + f"?jaar={budget.year}",
            "requests": reverse("academy:requests"),
        }[url]
        return broker_client.get(target)

    small = _grow(course, heerde, 1)
    with django_assert_max_num_queries(25) as few:
        assert get(small).status_code == 200
    large = _grow(course, heerde, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert get(large).status_code == 200


def test_a_volunteer_downloads_their_certificate_and_no_one_elses(
    client, course, volunteer, heerde, make_member
):
    profile = VolunteerProfile.objects.get(user=volunteer)
    occurrence = held_date(course)
    mine = EnrolmentFactory(
        course=course,
        profile=profile,
        signup=SignUpFactory(occurrence=occurrence, user=volunteer, name="Vera Vrijwilliger"),
        attended_at=timezone.now(),
    )
    client.force_login(volunteer)
    page = client.get(reverse("academy:mine"))
    assert reverse("academy:certificate", args=[mine.pk]) in page.content.decode()
    response = client.get(reverse("academy:certificate", args=[mine.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

    other = make_member(Role.RESIDENT, heerde)
    theirs = EnrolmentFactory(
        course=course,
        profile=VolunteerProfileFactory(municipality=heerde, user=other),
        signup=SignUpFactory(occurrence=occurrence, user=other),
        attended_at=timezone.now(),
    )
    assert client.get(reverse("academy:certificate", args=[theirs.pk])).status_code == 404
    absent = EnrolmentFactory(
        course=course,
        profile=profile,
        signup=SignUpFactory(occurrence=held_date(course, days_ago=9)),
    )
    assert client.get(reverse("academy:certificate", args=[absent.pk])).status_code == 404


def test_a_member_asks_for_training(client, member, organisation):
    client.force_login(member)
    url = reverse("academy:organisation_request", args=[organisation.pk])
    response = client.post(url, {"topic": "first_aid", "people": "6", "details": "Herhaling"})
    assert response.status_code == 302
    made = TrainingRequest.objects.get()
    assert (made.organisation, made.people, made.requested_by) == (organisation, 6, member)
    assert made.created_at.date() <= timezone.localdate() + datetime.timedelta(days=1)


def test_a_member_signs_up_people_of_the_organisation_one_a_line(
    client, member, organisation, course
):
    from omzien.academy.models import Enrolment
    from omzien.activities.tests.factories import OccurrenceFactory

    date = OccurrenceFactory(activity=course.activity)
    client.force_login(member)
    url = reverse("academy:organisation_enrol", args=[organisation.pk, date.pk])
    refused = client.post(url, {"people": "Anna de Vries, anna@example.org\nHenk Jansen"})
    assert refused.status_code == 200
    assert "Regel 2: geef een naam, een komma en een e-mailadres." in refused.content.decode()
    assert not Enrolment.objects.exists()
    people = "Anna de Vries, anna@example.org\n\nHenk Jansen, henk@example.org\n"
    assert client.post(url, {"people": people}).status_code == 302
    assert sorted(Enrolment.objects.values_list("signup__name", "organisation")) == [
        ("Anna de Vries", organisation.pk),
        ("Henk Jansen", organisation.pk),
    ]


def test_the_budget_page_links_the_other_years_and_next_years_to_set_in_time(broker_client, heerde):
    this_year = timezone.localdate().year
    BudgetFactory(municipality=heerde, year=this_year - 2)
    BudgetFactory(municipality=heerde, year=this_year)
    page = broker_client.get(reverse("academy:budget")).content.decode()
    linked = [int(year) for year in re.findall(r'href="\?jaar=(\d+)&amp;', page)]
    assert linked == [this_year + 1, this_year - 2]


def test_the_budget_page_says_when_each_training_was_booked(broker_client, heerde):
    budget = BudgetFactory(municipality=heerde, year=timezone.localdate().year)
    booking = BookingFactory(budget=budget, amount=Decimal("250"))
    booked = timezone.localtime() - datetime.timedelta(days=40)
    type(booking).objects.filter(pk=booking.pk).update(created_at=booked)
    page = broker_client.get(reverse("academy:budget")).content.decode()
    assert f"{booked:%d-%m-%Y}" in page


def test_a_budget_changed_meanwhile_is_not_overwritten_from_the_form(broker_client, heerde):
    budget = BudgetFactory(municipality=heerde, year=2027, amount=Decimal("5000"))
    url = reverse("academy:budget_set") + f"?jaar=2027&municipality={heerde.pk}"
    form = broker_client.get(url).content.decode()
    assert f'name="version" value="{budget.version}"' in form
    type(budget).objects.filter(pk=budget.pk).update(amount=Decimal("6000"), version=2)
    answer = broker_client.post(url, {"amount": "7000", "version": "1"}, follow=True)
    assert answer.redirect_chain[-1][0] == url
    budget.refresh_from_db()
    assert budget.amount == Decimal("6000")
    assert 'value="6000.00"' in answer.content.decode()
