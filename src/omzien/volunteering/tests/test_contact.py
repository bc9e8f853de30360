"""The vacancy page and the public organisation page show the contact person as chosen."""

import pytest
from django.urls import reverse

from omzien.common.phone import PhoneField
from omzien.common.services import Actor
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.forms.organisations import OrganisationForm
from omzien.volunteering.forms.vacancies import VacancyForm
from omzien.volunteering.selectors.organisations import public_contact
from omzien.volunteering.services import vacancies as vacancy_services
from omzien.volunteering.tests.factories import OrganisationFactory, VacancyFactory
from omzien.volunteering.tests.test_vacancies import valid_data

pytestmark = pytest.mark.django_db
Public = volunteering_constants.ContactPublic


def organisation_with(heerde, public):
    return OrganisationFactory(
        municipality=heerde,
        contact_name="Piet Pietersen",
        contact_email="piet@vereniging.example.org",
        contact_phone="0578 123 456",
        contact_public=public,
    )


@pytest.mark.parametrize(
    ("public", "shown", "hidden"),
    [
        (Public.NONE, [], ["Piet Pietersen", "piet@", "0578 123 456"]),
        (Public.EMAIL, ["Piet Pietersen", "mailto:piet@vereniging.example.org"], ["0578"]),
        (Public.PHONE, ["Piet Pietersen", 'href="tel:0578123456"'], ["piet@"]),
        (Public.BOTH, ["Piet Pietersen", "mailto:piet@", "tel:0578123456"], []),
    ],
)
def test_public_pages_show_what_the_organisation_chose(client, heerde, public, shown, hidden):
    organisation = organisation_with(heerde, public)
    vacancy = VacancyFactory(organisation=organisation, title="Trainer")
    for url in (
        reverse("volunteering:organisation_public", args=[organisation.pk]),
        reverse("volunteering:vacancy_detail", args=[vacancy.pk]),
    ):
        html = client.get(url).content.decode()
        for text in shown:
            assert text in html, (url, text)
        for text in hidden:
            assert text not in html, (url, text)


def test_vacancy_without_public_contact_says_how_to_respond(client, heerde):
    vacancy = VacancyFactory(organisation=organisation_with(heerde, Public.NONE))
    html = client.get(reverse("volunteering:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "ontvangt uw reactie en neemt contact met u op" in html


def test_a_vacancy_has_its_own_contact_person_and_choice(heerde):
    organisation = organisation_with(heerde, Public.NONE)
    vacancy = VacancyFactory(
        organisation=organisation,
        contact_name="Anna Trainer",
        contact_email="anna@example.org",
        contact_phone="06 12345678",
        contact_public=Public.PHONE,
    )
    assert public_contact(organisation, vacancy) == {
        "name": "Anna Trainer",
        "email": "",
        "phone": "06 12345678",
    }
    # No choice of its own: as the organisation chose (nothing public).
    vacancy.contact_public = ""
    assert public_contact(organisation, vacancy) is None


def test_vacancy_service_keeps_the_contact(organisation, org_admin):
    vacancy = vacancy_services.vacancy_create(
        organisation=organisation,
        data=valid_data(
            contact_name="Anna Trainer",
            contact_email="anna@example.org",
            contact_phone="06 12345678",
            contact_public=Public.EMAIL,
        ),
        actor=Actor(user=org_admin),
    )
    vacancy.refresh_from_db()
    assert (vacancy.contact_name, vacancy.contact_public) == ("Anna Trainer", Public.EMAIL)


def test_the_forms_edit_the_contact_with_a_phone_field(organisation):
    form = OrganisationForm(instance=organisation)
    assert "contact_public" in form.fields
    assert isinstance(form.fields["contact_phone"], PhoneField)
    vacancy_form = VacancyForm(organisation=organisation)
    for name in ("contact_name", "contact_email", "contact_phone", "contact_public"):
        assert name in vacancy_form.fields
    assert isinstance(vacancy_form.fields["contact_phone"], PhoneField)
    assert vacancy_form.fields["contact_phone"].clean("0578-123456") == "0578 123 456"
