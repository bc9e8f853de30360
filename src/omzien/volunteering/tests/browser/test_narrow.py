"""The public volunteering pages at 375 px wide (a phone): no sideways scrolling, no axe
violations, even with a title of one long word."""

from django.urls import reverse

from omzien.testing.browser import BROWSER_MARKS, PHONE, assert_fits_a_phone
from omzien.volunteering.tests.factories import OrganisationFactory, VacancyFactory

pytestmark = BROWSER_MARKS


def test_vacancy_search_and_page_fit_a_phone(live_server, page, heerde):
    page.set_viewport_size(PHONE)
    vacancy = VacancyFactory(
        organisation=OrganisationFactory(municipality=heerde, name="Natuurvereniging"),
        title="Snoeien in de boomgaard: vrijwilligersonkostenvergoedingsregelingsformulieren",
    )
    page.goto(live_server.url + reverse("volunteering:vacancy_search"))
    assert_fits_a_phone(page, "vacancy search")
    page.goto(live_server.url + reverse("volunteering:vacancy_detail", args=[vacancy.pk]))
    assert_fits_a_phone(page, "vacancy")
