"""The volunteering demo is what municipalities see first: a broker must find nothing odd in it
(issue 10.24). The rules are checked on the loaded demo."""

import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from omzien.volunteering import constants
from omzien.volunteering.models import Organisation, Placement, Vacancy

pytestmark = pytest.mark.django_db

DRIVING = re.compile(r"chauffeur|\brijd(t|en)?\b|bus\b|\bvervoer", re.IGNORECASE)
YOUTH = re.compile(r"jeugd|kinderen|jongeren|\d+-jarigen|peuters|scholieren", re.IGNORECASE)
FOOD_BANK = re.compile(r"voedsel|uitgifte|pakketten", re.IGNORECASE)


@pytest.fixture(scope="class")
def loaded_demo(django_db_setup, django_db_blocker):
    """The volunteering part of the demo (with the accounts it needs), loaded once for the
    class; the postcodes of the whole demo are checked in omzien/demo/tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("load_demo", "--only", "volunteering", verbosity=0)
        yield
        transaction.set_rollback(True)


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
