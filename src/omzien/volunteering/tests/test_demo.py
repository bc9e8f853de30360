"""The volunteering demo is what municipalities see first: a broker must find nothing odd in it
(issue 10.24). The rules are checked on the loaded demo."""

import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.test.utils import override_settings

from omzien.volunteering import constants
from omzien.volunteering.models import Organisation, Placement, Vacancy

pytestmark = pytest.mark.django_db

DRIVING = re.compile(r"chauffeur|\brijd(t|en)?\b|bus\b|\bvervoer", re.IGNORECASE)
YOUTH = re.compile(r"jeugd|kinderen|jongeren|\d+-jarigen|peuters|scholieren", re.IGNORECASE)
FOOD_BANK = re.compile(r"voedsel|uitgifte|pakketten", re.IGNORECASE)
# Dutch postcodes never use these letters, nor the letter pairs SA, SD and SS.
POSTCODE = re.compile(r"^[1-9]\d{3} [A-EGHJ-NPRSTV-XZ]{2}$")
NEVER_ISSUED = {"SA", "SD", "SS"}


@pytest.fixture(scope="class")
def loaded_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("load_demo", verbosity=0)
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

    def test_postcodes_are_ones_that_are_issued(self):
        """Every postcode of every model in the demo (organisations, carers, referrals ...)."""
        seen = 0
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.name != "postcode" or not isinstance(field, models.CharField):
                    continue
                for value in model._default_manager.exclude(postcode="").values_list(
                    "postcode", flat=True
                ):
                    seen += 1
                    if len(value) == 4:
                        continue  # only the digits
                    assert POSTCODE.match(value), (model.__name__, value)
                    assert value[-2:] not in NEVER_ISSUED, (model.__name__, value)
        assert seen > 50
