"""The volunteering demo is what municipalities see first: a broker must find nothing odd in it
(issue 10.24). The rules are checked on the loaded demo."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from omzien.notifications.models import Notification
from omzien.testing.demo import demo_loaded_for_class
from omzien.volunteering import constants
from omzien.volunteering.models import (
    Organisation,
    Placement,
    Vacancy,
    VacancyResponse,
    VacancyTransition,
    VolunteerProfile,
)
from omzien.volunteering.selectors.queue import UNANSWERED_DAYS

pytestmark = pytest.mark.django_db

DRIVING = re.compile(r"chauffeur|\brijd(t|en)?\b|bus\b|\bvervoer", re.IGNORECASE)
YOUTH = re.compile(r"jeugd|kinderen|jongeren|\d+-jarigen|peuters|scholieren", re.IGNORECASE)
FOOD_BANK = re.compile(r"voedsel|uitgifte|pakketten", re.IGNORECASE)


loaded_demo = demo_loaded_for_class("volunteering")


def _text(vacancy: Vacancy) -> str:
    return f"{vacancy.title} {vacancy.description} {vacancy.tasks}"


@pytest.mark.usefixtures("loaded_demo")
class TestVolunteeringDemo:
    def test_every_vacancy_fits_its_organisation(self):
        vacancies = list(Vacancy.objects.select_related("organisation"))
        assert len(vacancies) >= 15
        misplaced = [
            (v.title, v.organisation.name)
            for v in vacancies
            if not set(v.domains) & set(v.organisation.domains)
        ]
        assert misplaced == []

    def test_food_bank_work_is_at_the_food_bank(self):
        food_banks = {
            o.pk for o in Organisation.objects.all() if constants.Domain.POVERTY_DEBT in o.domains
        }
        assert food_banks
        for vacancy in Vacancy.objects.select_related("organisation"):
            if FOOD_BANK.search(_text(vacancy)):
                assert vacancy.organisation_id in food_banks, vacancy.title

    def test_driving_needs_a_driving_licence(self):
        drivers = [v for v in Vacancy.objects.all() if DRIVING.search(_text(v))]
        assert drivers
        assert [v.title for v in drivers if not v.driving_licence] == []
        # Nobody drives for a placement without one.
        assert not Placement.objects.filter(
            vacancy__driving_licence=True, profile__driving_licence=False
        ).exists()

    def test_youth_work_needs_a_vog(self):
        youth = [v for v in Vacancy.objects.all() if YOUTH.search(_text(v))]
        assert youth
        assert [v.title for v in youth if not v.vog_required] == []

    def test_responses_were_sent_before_the_work_started(self):
        placements = list(
            Placement.objects.filter(start_date__isnull=False).select_related("response")
        )
        assert placements
        for placement in placements:
            sent = timezone.localdate(placement.response.created_at)
            answered = timezone.localdate(placement.response.answered_at)
            assert sent < answered <= placement.start_date, placement.pk
            first_change = placement.transitions.order_by("created_at").first().created_at
            assert timezone.localdate(first_change) >= answered

    def test_some_responses_wait_on_the_brokers_work_queue(self):
        waiting = VacancyResponse.objects.filter(status=constants.ResponseStatus.OPEN)
        limit = timezone.now() - timedelta(days=UNANSWERED_DAYS)
        assert waiting.filter(created_at__lt=limit).exists()

    def test_volunteers_registered_over_the_past_months_and_most_were_welcomed(self):
        profiles = list(VolunteerProfile.objects.all())
        days = {(timezone.now() - p.created_at).days for p in profiles}
        assert max(days) > 90
        # By day, as the broker works: whatever the time of day the tests run.
        today = timezone.localdate()
        new = [p for p in profiles if (today - timezone.localdate(p.created_at)).days <= 21]
        assert [p.pk for p in new if p.welcomed_at] == []
        assert 0 < len(new) < len(profiles) / 3
        older = [p for p in profiles if p not in new]
        assert all(p.welcomed_at and p.welcomed_at > p.created_at for p in older)
        # Each gave consent the day they registered, the online ones too.
        assert all(p.consent_given_on == timezone.localdate(p.created_at) for p in profiles)

    def test_the_history_runs_in_order_organisation_vacancy_response_start(self):
        """The figures of past quarters are not empty, because the demo's history lies in
        the past in the order it happens: an organisation is approved, writes a vacancy
        that is published, a volunteer reacts, the placement starts."""
        for response in VacancyResponse.objects.select_related("vacancy__organisation"):
            vacancy, organisation = response.vacancy, response.vacancy.organisation
            assert organisation.reviewed_at < vacancy.created_at < vacancy.first_published_at
            assert vacancy.first_published_at < response.created_at, vacancy.title
            assert timezone.localdate(vacancy.first_published_at) == vacancy.publish_from
        for placement in Placement.objects.filter(started_confirmed_at__isnull=False):
            assert timezone.localdate(placement.started_confirmed_at) >= placement.start_date
        assert VacancyTransition.objects.filter(created_at__lt=timezone.now() - timedelta(days=60))

    def test_review_and_response_notifications_came_with_the_work(self):
        kinds = ("organisation_review", "vacancy_review", "vacancy_response")
        notifications = Notification.objects.filter(kind__in=kinds)
        assert set(notifications.values_list("kind", flat=True)) == set(kinds)
        assert not notifications.filter(created_at__date=timezone.localdate()).exists()
        read = notifications.filter(read_at__isnull=False)
        assert read.exists()
        assert all(n.created_at < n.read_at < timezone.now() for n in read)

    def test_vacancies_awaiting_review_were_sent_this_week(self):
        waiting = Vacancy.objects.filter(status=constants.VacancyStatus.AWAITING_REVIEW)
        assert waiting.exists()
        week_ago = timezone.now() - timedelta(days=7)
        for vacancy in waiting:
            sent = vacancy.transitions.get(to_status=constants.VacancyStatus.AWAITING_REVIEW)
            assert week_ago < sent.created_at <= timezone.now()

    def test_each_municipality_has_a_coming_klusdag_with_tasks_and_sign_ups(self):
        from omzien.volunteering.models import Campaign
        from omzien.volunteering.selectors.vacancies import public_vacancies

        today = timezone.localdate()
        campaigns = list(Campaign.objects.select_related("municipality"))
        assert sorted(c.municipality.slug for c in campaigns) == ["dalfsen", "heerde"]
        for campaign in campaigns:
            assert campaign.is_public and today < campaign.starts_on == campaign.ends_on
            assert campaign.starts_on.weekday() == 5  # a Saturday, not in the Christmas holidays
            assert (1, 3) < (campaign.starts_on.month, campaign.starts_on.day) < (12, 20)
            tasks = list(public_vacancies().filter(campaign=campaign))
            assert len(tasks) >= 2
            for task in tasks:
                assert timezone.localtime(task.starts_at).date() == campaign.starts_on
                assert 0 < task.signups.count() < task.places

    def test_the_first_organisation_waits_for_one_vog_and_received_another(self):
        from omzien.volunteering.models import VogRequest

        for slug in ("heerde", "dalfsen"):
            requests = VogRequest.objects.filter(
                municipality__slug=slug,
                response__vacancy__organisation__members__user__email=(
                    f"organisatie.{slug}@omzien.test"
                ),
            ).select_related("response__vacancy", "profile__vog")
            assert sorted(r.status for r in requests) == ["received", "requested"]
            for request in requests:
                assert request.response.vacancy.vog_required
                assert request.response.answered_at < request.created_at < timezone.now()
                if request.status == "received":
                    vog = request.profile.vog
                    assert request.created_at.date() <= vog.issued_on == request.received_on
                    assert vog.issued_on < timezone.localdate()

    def test_the_first_organisation_paid_its_running_volunteers_monthly(self):
        from omzien.volunteering.models import Allowance

        allowances = Allowance.objects.filter(
            placement__vacancy__organisation__members__user__email="organisatie.heerde@omzien.test"
        ).select_related("placement")
        assert allowances.filter(kind=constants.AllowanceKind.ALLOWANCE).exists()
        assert allowances.filter(kind=constants.AllowanceKind.EXPENSES).exists()
        today = timezone.localdate()
        for allowance in allowances:
            assert allowance.placement.start_date <= allowance.date < today
            assert allowance.date <= timezone.localdate(allowance.created_at) < today

    def test_volunteers_have_certificates_one_running_out_and_one_expired(self):
        from omzien.volunteering.models import Qualification

        today = timezone.localdate()
        found = Qualification.objects.filter(municipality__slug="heerde")
        kinds = set(found.values_list("kind", flat=True))
        assert {"first_aid", "driving_licence", "food_hygiene"} <= kinds
        resident = found.get(profile__user__email="inwoner.heerde@omzien.test")
        assert today < resident.expires_on <= today + timedelta(days=60)
        assert found.filter(expires_on__lt=today).exists()
        assert all(q.created_at < timezone.now() - timedelta(days=30) for q in found)
