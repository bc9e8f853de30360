"""The beursvloer in headless Chromium with axe-core: a business registers an offer through the
public form on a phone (form errors first), an organisation's member registers a request, the
broker pre-matches the two, records the deal on a phone and follows it up as done."""

import datetime
import re

from django.urls import reverse
from playwright.sync_api import expect

from omzien.marketplace.constants import DealStatus
from omzien.marketplace.models import Deal, Participant, PreMatch
from omzien.testing.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
)

pytestmark = BROWSER_MARKS


def test_a_business_and_a_club_meet_on_the_beursvloer(
    live_server, page, event, organisation, member, broker
):
    # A business on a phone: the public form, errors first.
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("marketplace:register", args=[event.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Aanmelden voor Beursvloer {event.year} Heerde"
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Bedrijf aanmelden").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert page.locator("[aria-invalid=true]").count() >= 3
    assert axe_violations(page) == []
    assert_fits_a_phone(page, "registration form with errors")
    page.get_by_label("Naam van het bedrijf").fill("Installatiebedrijf Vechtdal")
    page.get_by_label("Contactpersoon").fill("Jan Koster")
    page.get_by_label("E-mailadres").fill("jan@vechtdal.example.org")
    page.get_by_label("Aanbod", exact=True).check()
    page.get_by_label("Kennis en vaardigheden").check()
    page.get_by_label("Titel").fill("Advies over energiebesparing")
    page.get_by_label("Beschrijving").fill(
        "Een adviseur kijkt een middag mee hoe het clubhuis energie kan besparen."
    )
    page.get_by_label("Geschatte waarde in uren").fill("4")
    page.get_by_role("button", name="Bedrijf aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw aanmelding")
    assert axe_violations(page) == []
    business = Participant.objects.get(name="Installatiebedrijf Vechtdal")

    # The club's member registers a request through the account.
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, member, totp=False)
    page.goto(live_server.url + reverse("marketplace:organisation_mine"))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Korfbalvereniging Heerde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Beursvloer: Korfbalvereniging Heerde"
    )
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("Aanbod of vraag toevoegen")).click()
    page.get_by_label("Vraag", exact=True).check()
    page.get_by_label("Kennis en vaardigheden").check()
    page.get_by_label("Titel").fill("Energie besparen in het clubhuis")
    page.get_by_label("Beschrijving").fill("Wie helpt ons energie te besparen in het clubhuis?")
    page.get_by_label("Geschatte waarde in uren").fill("4")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Energie besparen in het clubhuis")).to_be_visible()
    assert axe_violations(page) == []
    page.context.clear_cookies()

    # The broker pre-matches the two.
    log_in(page, live_server, broker)
    page.goto(live_server.url + reverse("marketplace:event", args=[event.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Beursvloer {event.year}")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="Vooraf matchen").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile("Bevestigen.*Installatiebedrijf Vechtdal")).click()
    expect(page.get_by_text("De voorlopige match staat op de lijst")).to_be_visible()
    assert PreMatch.objects.count() == 1

    # At the event, on a phone: the deal from the pre-match.
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("marketplace:event", args=[event.pk]))
    assert_fits_a_phone(page, "event page")
    page.get_by_role("link", name=re.compile("Match vastleggen.*Advies")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Match vastleggen")
    assert axe_violations(page) == []
    assert_fits_a_phone(page, "deal form")
    page.get_by_role("button", name="Match opslaan").click()  # no date yet
    expect(page.get_by_role("alert").first).to_be_visible()
    assert axe_violations(page) == []
    due = event.held_on + datetime.timedelta(days=14)
    page.get_by_label("Uiterlijk op").fill(due.isoformat())
    page.get_by_role("button", name="Match opslaan").click()
    expect(page.get_by_text("De match is vastgelegd.")).to_be_visible()
    deal = Deal.objects.get()
    assert (deal.giver, deal.receiver.organisation, deal.hours) == (business, organisation, 4)

    # After the event: the follow-up.
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("marketplace:deals", args=[event.pk]))
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="Advies over energiebesparing").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Uitkomst opslaan").click()  # nothing chosen
    expect(page.get_by_role("alert").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Uitgevoerd", exact=True).check()
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_text("De uitkomst is vastgelegd.")).to_be_visible()
    assert axe_violations(page) == []
    deal.refresh_from_db()
    assert deal.status == DealStatus.DONE
    page.goto(live_server.url + reverse("marketplace:figures"))
    assert axe_violations(page) == []
