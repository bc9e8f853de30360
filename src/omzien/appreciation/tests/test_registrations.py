"""Finding carers: an applicant who consented is registered from the application in one step,
or linked to the carer who turns out to be registered; only by a consultant."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from omzien.accounts.constants import Role
from omzien.appreciation.selectors.applications import application_list
from omzien.appreciation.services.registrations import link_applicant, register_applicant
from omzien.appreciation.tests.factories import ApplicationFactory, RoundFactory
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.services.caregivers import DuplicateCaregiver
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.services import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(make_member, heerde):
    return make_member(Role.CONSULTANT, heerde, totp=True)


@pytest.fixture
def offered(heerde):
    return ApplicationFactory(
        round=RoundFactory(municipality=heerde),
        first_name="Fenna",
        last_name="Bosch",
        date_of_birth=datetime.date(1970, 3, 4),
        postcode="8181 AB",
        consent_registry=True,
        registration_offered=True,
    )


def test_register_the_applicant_from_the_application(offered, consultant):
    assert list(application_list(round=offered.round, user=consultant, offered=True)) == [offered]
    carer = register_applicant(application=offered, actor=Actor(consultant))
    assert (carer.first_name, carer.last_name, carer.date_of_birth) == (
        "Fenna",
        "Bosch",
        datetime.date(1970, 3, 4),
    )
    assert carer.source == caregivers_constants.Source.APPRECIATION
    assert carer.consent_given_on == offered.received_on
    offered.refresh_from_db()
    assert offered.caregiver == carer
    assert list(application_list(round=offered.round, user=consultant, offered=True)) == []
    with pytest.raises(ValidationError) as twice:
        register_applicant(application=offered, actor=Actor(consultant))
    assert twice.value.code == "linked"


def test_a_registered_namesake_is_linked_not_registered_again(offered, consultant, heerde):
    existing = CaregiverFactory(
        municipality=heerde,
        first_name="Fenna",
        last_name="Bosch",
        date_of_birth=datetime.date(1970, 3, 4),
        postcode="8181 AB",
    )
    with pytest.raises(DuplicateCaregiver) as found:
        register_applicant(application=offered, actor=Actor(consultant))
    assert found.value.existing == [existing]
    link_applicant(application=offered, caregiver=existing, actor=Actor(consultant))
    offered.refresh_from_db()
    assert offered.caregiver == existing


def test_only_with_consent_and_only_by_a_consultant_of_the_municipality(
    offered, make_member, heerde, dalfsen
):
    officer = make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)
    with pytest.raises(PermissionDenied):
        register_applicant(application=offered, actor=Actor(officer))
    with pytest.raises(PermissionDenied):
        register_applicant(
            application=offered, actor=Actor(make_member(Role.CONSULTANT, dalfsen, totp=True))
        )
    offered.consent_registry = False
    offered.save()
    with pytest.raises(ValidationError) as refused:
        register_applicant(
            application=offered, actor=Actor(make_member(Role.CONSULTANT, heerde, totp=True))
        )
    assert refused.value.code == "no_consent"
    other = CaregiverFactory(municipality=dalfsen)
    offered.consent_registry = True
    offered.save()
    with pytest.raises(ValidationError) as elsewhere:
        link_applicant(
            application=offered,
            caregiver=other,
            actor=Actor(make_member(Role.CONSULTANT, heerde, totp=True)),
        )
    assert elsewhere.value.code == "other_carer"
