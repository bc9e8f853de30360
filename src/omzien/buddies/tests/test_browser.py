"""Buddy programme pages in headless Chromium with axe-core: the programme page after a run and
the participant form with errors (with its day-part grid)."""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.buddies.models import BuddyParticipant
from omzien.buddies.services import pairing_run, pairing_take
from omzien.buddies.tests.factories import PairFactory
from omzien.common.services import Actor
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in

pytestmark = BROWSER_MARKS


def test_programme_page_and_participant_form(live_server, page, broker, programme, person):
    person("a", "Anna"), person("b", "Bea")
    person("a", "Lonely", wish_languages=["ar"])
    PairFactory(participant_a=person("a", "Aad"), participant_b=person("b", "Bas"))
    confirmed = PairFactory(
        participant_a=person("a", "Coby"), participant_b=person("b", "Cees"), status="confirmed"
    )
    pairing_run(programme=programme, actor=Actor(broker))
    pairing_take(programme=programme, choice="stable", actor=Actor(broker))
    pairing_run(programme=programme, actor=Actor(broker))
    log_in(page, live_server, broker)

    page.goto(live_server.url + reverse("buddies:programme_detail", args=[programme.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(programme.name)
    assert "Lonely" in page.locator("#unpaired").inner_text()
    assert "Anna" in page.locator("#proposed-pairs").inner_text()
    assert axe_violations(page) == []

    for url in (
        reverse("buddies:programme_list"),
        reverse("buddies:pair_detail", args=[confirmed.pk]),
        reverse("buddies:programme_edit", args=[programme.pk]),
    ):
        page.goto(live_server.url + url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert axe_violations(page) == [], url

    page.goto(live_server.url + reverse("buddies:participant_create", args=[programme.pk]))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert axe_violations(page) == []
    assert BuddyParticipant.objects.count() == 7  # nothing saved
