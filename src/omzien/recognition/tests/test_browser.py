"""The volunteer prize in headless Chromium with axe-core: a resident nominates a volunteer on
a phone (form errors first), the broker accepts the nomination, the jury chair scores it (form
errors first) and submits, the broker marks the winner and asks the nominee's consent, the
nominee agrees through the link on a phone, and after the announcement the public page shows
the winner."""

import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.recognition.constants import Consent, NominationStatus
from omzien.recognition.models import Nomination, Round
from omzien.testing.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
)

pytestmark = BROWSER_MARKS


def test_a_nomination_goes_through_the_jury_to_the_public_page(
    live_server, page, round_, criteria, chair, broker
):
    # A resident on a phone: the public form, errors first.
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("recognition:nominate", args=[round_.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Voordragen voor Vrijwilligersprijs {round_.year} Heerde"
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Voordracht versturen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert page.locator("[aria-invalid=true]").count() >= 5
    assert axe_violations(page) == []
    assert_fits_a_phone(page, "nomination form with errors")
    page.get_by_label("Een vrijwilliger", exact=True).check()
    page.get_by_label("Naam van de vrijwilliger of de groep").fill("Gerda Jansen")
    page.get_by_label("Organisatie waarvoor zij vrijwilligerswerk doen").fill("Voedselbank Heerde")
    page.get_by_label("Waarom verdienen zij de prijs?").fill(
        "Gerda staat al twintig jaar elke zaterdag klaar om pakketten uit te delen."
    )
    page.get_by_label("Uw naam").fill("Piet de Vries")
    page.get_by_label("Uw e-mailadres").fill("piet@example.org")
    page.get_by_role("button", name="Voordracht versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw voordracht")
    assert axe_violations(page) == []
    nomination = Nomination.objects.get()

    # The broker accepts it.
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, broker)
    page.goto(live_server.url + reverse("recognition:round", args=[round_.pk]))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Gerda Jansen").click()
    page.get_by_label("Ja: naar de jury").check()
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("De beoordeling is vastgelegd.")).to_be_visible()
    assert axe_violations(page) == []
    page.context.clear_cookies()

    # The chair scores it: errors first, then the scores, then submits.
    log_in(page, live_server, chair.user)
    page.goto(live_server.url + reverse("recognition:jury", args=[round_.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Jury: Vrijwilligersprijs {round_.year} Heerde"
    )
    assert axe_violations(page) == []
    page.get_by_role("link", name="Gerda Jansen").click()
    page.get_by_role("button", name="Mijn cijfers opslaan").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Inzet").fill("9")
    page.get_by_label("Betekenis voor anderen").fill("8")
    page.get_by_label("Motivatie").fill("Twintig jaar trouw, voor iedereen die het nodig heeft.")
    page.get_by_role("button", name="Mijn cijfers opslaan").click()
    expect(page.get_by_text("Uw cijfers zijn opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Mijn cijfers indienen").click()
    expect(page.get_by_text("Uw cijfers zijn ingediend.")).to_be_visible()
    expect(page.get_by_role("table", name="Rangorde op gewogen cijfer")).to_contain_text("8,7")
    assert axe_violations(page) == []
    page.context.clear_cookies()

    # The broker marks the winner and asks the nominee's consent.
    log_in(page, live_server, broker)
    page.goto(live_server.url + reverse("recognition:nomination", args=[nomination.pk]))
    page.get_by_label("Winnaar van de Vrijwilligersprijs").check()
    page.get_by_role("button", name="Toekenning opslaan").click()
    expect(page.get_by_text("De toekenning is vastgelegd.")).to_be_visible()
    page.get_by_label("E-mailadres van de genomineerde").fill("gerda@example.org")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(
        page.get_by_text("De genomineerde is per e-mail om toestemming gevraagd.")
    ).to_be_visible()
    assert axe_violations(page) == []
    page.context.clear_cookies()
    [message] = [m for m in mail.outbox if m.to == ["gerda@example.org"]]
    link = re.search(r"https?://\S+/toestemming/\S+/", message.body).group(0)

    # The nominee agrees on a phone.
    page.set_viewport_size(PHONE)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mogen wij uw voordracht publiceren?")
    assert axe_violations(page) == []
    page.get_by_label("Ja, u mag dit publiceren").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoord")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.consent) == (NominationStatus.WINNER, Consent.GIVEN)

    # After the announcement date: the public page.
    Round.objects.filter(pk=round_.pk).update(announce_on=timezone.localdate())
    page.goto(live_server.url + reverse("recognition:results", args=[round_.pk]))
    expect(page.get_by_role("heading", name="De winnaar")).to_be_visible()
    expect(page.get_by_text("Gerda Jansen")).to_be_visible()
    assert axe_violations(page) == []
    assert_fits_a_phone(page, "public page")
