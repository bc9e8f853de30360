"""Suggestions in headless Chromium with axe-core: "Voor u" with "niet voor mij", suitable
volunteers for the organisation (invite) and for the broker (propose)."""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import HiddenSuggestion, SuggestionInvitation
from omzien.volunteering.tests.factories import OrganisationMemberFactory
from omzien.volunteering.tests.test_suggestions import make_profile, make_vacancy

pytestmark = BROWSER_MARKS


def test_volunteer_sees_suggestions_with_reasons_and_hides_one(
    live_server, page, heerde, wapenveld_village, nature_org
):
    vacancy = make_vacancy(nature_org)
    make_vacancy(nature_org, title="Rondleider in het bezoekerscentrum", domains=["culture"])
    profile = make_profile(heerde, wapenveld_village)
    log_in(page, live_server, profile.user, totp=False)
    page.goto(live_server.url + reverse("volunteering:profile_mine"))
    card = page.get_by_role("article").filter(has_text=vacancy.title)
    reasons = card.get_by_role("listitem").all_inner_texts()
    assert "Past bij uw interesse in Natuur en groen" in reasons
    # Both vacancies are equally far and on Tuesday morning: those reasons say nothing about
    # either card, so neither shows them.
    assert not any("km van Wapenveld" in r or "dinsdag" in r for r in reasons)
    assert axe_violations(page) == []
    card.get_by_role("button", name="Niet voor mij").click()
    expect(page.get_by_role("status")).to_contain_text("niet meer aan u voor")
    expect(page.get_by_role("article").filter(has_text=vacancy.title)).to_have_count(0)
    assert HiddenSuggestion.objects.filter(profile=profile, vacancy=vacancy).exists()
    assert axe_violations(page) == []


def test_organisation_invites_and_broker_proposes(
    live_server, page, make_member, broker, heerde, heerde_village, nature_org
):
    vacancy = make_vacancy(nature_org)
    volunteer = make_profile(heerde, heerde_village, full_name="Fenna Vindbaar")
    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=nature_org, user=member)
    log_in(page, live_server, member, totp=False)
    page.goto(live_server.url + reverse("volunteering:vacancy_volunteers", args=[vacancy.pk]))
    assert page.get_by_role("heading", name="Fenna · Heerde").count() == 1
    assert axe_violations(page) == []
    page.get_by_role("button", name="Uitnodigen om te reageren").click()
    page.get_by_text("Uitgenodigd om te reageren.").wait_for()
    assert SuggestionInvitation.objects.filter(vacancy=vacancy, profile=volunteer).exists()
    assert axe_violations(page) == []

    page.context.clear_cookies()
    log_in(page, live_server, broker)
    page.goto(live_server.url + reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk]))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Fenna Vindbaar").click()  # "Voorstellen: Fenna Vindbaar"
    page.get_by_role("heading", name="Fenna Vindbaar").last.wait_for()
    assert (
        vacancy.responses.get(profile=volunteer).status
        == volunteering_constants.ResponseStatus.PROPOSED
    )
