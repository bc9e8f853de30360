"""The broker's work queue and volunteer page, the second response, the contact person and
the vacancy search's village select in headless Chromium with axe-core (issue 11)."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.tenants.tests.factories import LocalityFactory
from omzien.testing.browser import (
    BROWSER_MARKS,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
)
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import VacancyResponse
from omzien.volunteering.tests.factories import (
    CheckInFactory,
    OrganisationFactory,
    PlacementFactory,
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = BROWSER_MARKS


def fits_375(page) -> bool:
    """No sideways scrolling at 375 px wide."""
    page.set_viewport_size({"width": 375, "height": 800})
    return page.evaluate("document.documentElement.scrollWidth") <= 375


def test_broker_works_off_the_queue(live_server, page, broker, heerde, wapenveld):
    newcomer = VolunteerProfileFactory(
        municipality=heerde, user=None, full_name="Nieuwe Nel", locality=wapenveld
    )
    placement = PlacementFactory(
        response__vacancy__organisation__municipality=heerde,
        response__profile__full_name="Gerrit Plaatsing",
        response__profile__user=None,
        status=volunteering_constants.PlacementStatus.RUNNING,
    )
    CheckInFactory(placement=placement, due_on=timezone.localdate() - datetime.timedelta(days=1))
    log_in(page, live_server, broker)
    page.goto(live_server.url + reverse("volunteering:work_queue"))
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile(r"^Verwelkomd\W+Nieuwe Nel$")).click()
    # htmx: the row turns into the message, in place (no new page, the list stays).
    expect(page.get_by_role("status").filter(has_text="verwelkomd genoteerd")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Verwelkomd\W+Nieuwe Nel$"))).to_have_count(
        0
    )
    page.get_by_label("Aantekeningen van het contactmoment").fill("Gebeld, gaat goed.")
    page.get_by_role(
        "button", name=re.compile(r"^Contactmoment vastleggen\W+Gerrit Plaatsing$")
    ).click()
    expect(
        page.get_by_role("status").filter(has_text="Het contactmoment is vastgelegd.")
    ).to_be_visible()
    page.reload()
    expect(page.get_by_text("Klaar: er zijn geen evaluatiemomenten nodig.")).to_be_visible()
    assert axe_violations(page) == []
    assert fits_375(page)

    # The volunteer page shows the placement with its check-in.
    page.goto(
        live_server.url + reverse("volunteering:volunteer_detail", args=[placement.profile_id])
    )
    expect(page.get_by_text("Gebeld, gaat goed.")).to_be_visible()
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations(page) == []
    assert fits_375(page)
    newcomer.refresh_from_db()
    assert newcomer.welcomed_at is not None


def test_broker_picks_a_volunteer_by_typing_and_proposes_them(live_server, page, broker, heerde):
    """The propose form's picker: typing finds the volunteers (two Jan Brouwers told apart by
    village and birth year), one is ticked and proposed; axe-clean, also on a phone."""
    vacancy = VacancyFactory(organisation__municipality=heerde, title="Voorlezen")
    for village, year in (("Wapenveld", 1950), ("Vorchten", 1988)):
        VolunteerProfileFactory(
            municipality=heerde,
            user=None,
            full_name="Jan Brouwer",
            locality=LocalityFactory(municipality=heerde, name=village),
            date_of_birth=datetime.date(year, 1, 1),
        )
    VolunteerProfileFactory(municipality=heerde, user=None, full_name="Piet Pieters")
    ResponseFactory(vacancy=vacancy)
    log_in(page, live_server, broker)
    page.goto(live_server.url + reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk]))
    assert page.locator("select[name=profile]").count() == 0
    page.get_by_label("Zoeken op naam").press_sequentially("brouw", delay=30)
    choice = page.get_by_label("Jan Brouwer (Vorchten, geboren 1988)")
    expect(choice).to_be_visible()
    expect(page.get_by_label("Jan Brouwer (Wapenveld, geboren 1950)")).to_be_visible()
    assert page.get_by_text("Piet Pieters").count() == 0
    assert axe_violations(page) == []
    choice.check()
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, "the propose form with the matches")
    page.get_by_role("button", name="Voorstellen", exact=True).click()
    page.get_by_role("heading", level=1).wait_for()
    response = VacancyResponse.objects.get(vacancy=vacancy, profile__full_name="Jan Brouwer")
    assert response.profile.locality.name == "Vorchten"
    assert response.status == volunteering_constants.ResponseStatus.PROPOSED
    assert page.csp_errors == []


def test_second_response_shows_the_first(live_server, page, make_member, heerde):
    resident = make_member(Role.RESIDENT, heerde, full_name="Vera de Vries")
    profile = VolunteerProfileFactory(municipality=heerde, user=resident)
    vacancy = VacancyFactory(organisation__municipality=heerde, title="Trainer")
    ResponseFactory(vacancy=vacancy, profile=profile)
    log_in(page, live_server, resident, totp=False)
    page.goto(live_server.url + reverse("volunteering:response_create", args=[vacancy.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("U heeft al gereageerd")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Bekijk uw reactie onder “Mijn reacties”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn reacties")
    assert axe_violations(page) == []


def test_contact_person_and_village_select(live_server, page, heerde, dalfsen):
    organisation = OrganisationFactory(
        municipality=heerde,
        name="Sportclub",
        contact_name="Piet Pietersen",
        contact_email="piet@example.org",
        contact_public=volunteering_constants.ContactPublic.EMAIL,
    )
    vacancy = VacancyFactory(organisation=organisation, title="Trainer")
    LocalityFactory(municipality=heerde, name="Vorchten")
    LocalityFactory(municipality=dalfsen, name="Lemelerveld")
    page.goto(live_server.url + reverse("volunteering:vacancy_detail", args=[vacancy.pk]))
    expect(page.get_by_role("link", name="piet@example.org")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("volunteering:organisation_public", args=[organisation.pk]))
    expect(page.get_by_role("link", name="piet@example.org")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(live_server.url + reverse("volunteering:vacancy_search"))
    page.get_by_label("Gemeente").select_option(label="Dalfsen")
    # htmx reloads the village select with Dalfsen's villages only.
    expect(page.locator("#id_locality option", has_text="Lemelerveld")).to_have_count(1)
    expect(page.locator("#id_locality option", has_text="Vorchten")).to_have_count(0)
    assert axe_violations(page) == []
    assert fits_375(page)
    assert page.csp_errors == []
