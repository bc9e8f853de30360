"""A consultant composes a newsletter, sends it to the carers and downloads the postal run,
in headless Chromium with axe-core at desktop and 375 px; screenshots in var/screenshots/."""

import datetime
import io
from pathlib import Path

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.caregivers.constants import Newsletter as CarerChannel
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.newsletters.models import Delivery, Newsletter
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in

pytestmark = BROWSER_MARKS

SHOTS = Path(__file__).resolve().parents[5] / "var" / "screenshots" / "newsletters"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def _image(tmp_path) -> Path:
    path = tmp_path / "markt.png"
    out = io.BytesIO()
    Image.new("RGB", (640, 360), (0, 110, 150)).save(out, format="PNG")
    path.write_bytes(out.getvalue())
    return path


def test_a_consultant_composes_sends_and_prints_the_postal_run(
    live_server, page, make_member, heerde, tmp_path
):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    for n in range(2):
        CaregiverFactory(
            municipality=heerde, newsletter=CarerChannel.EMAIL, email=f"mz{n}@example.org"
        )
    CaregiverFactory(municipality=heerde, newsletter=CarerChannel.POST, postcode="8181 AB")
    CaregiverFactory(municipality=heerde, newsletter=CarerChannel.POST, postcode="8161 AA")
    log_in(page, live_server, consultant)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("newsletters:newsletter_create"))
    assert axe_violations(page) == []
    page.get_by_label("Titel").fill("Nieuwsbrief december")
    issue = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Datum van uitgave").fill(issue.isoformat())
    page.get_by_label("Mantelzorgers in het register die de nieuwsbrief willen").check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name="Onderdeel toevoegen").wait_for()
    newsletter = Newsletter.objects.get()
    # A text section: first without a description of the image (the error summary), then right.
    page.get_by_role("link", name="Onderdeel toevoegen").click()
    page.get_by_role("link", name="Tekst, eventueel met een afbeelding").click()
    page.get_by_label("Kop").fill("Dag van de mantelzorg")
    page.get_by_label("Tekst", exact=True).fill(
        "Op 10 november zetten we u in het zonnetje.\n\nU bent welkom!"
    )
    page.locator("#id_image").set_input_files(str(_image(tmp_path)))
    page.get_by_role("button", name="Onderdeel opslaan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Beschrijf de afbeelding")
    assert axe_violations(page) == []
    _shot(page, "section-error")
    page.locator("#id_image").set_input_files(str(_image(tmp_path)))
    page.get_by_label("Beschrijving van de afbeelding").fill("Mantelzorgers op de markt")
    page.get_by_role("button", name="Onderdeel opslaan").click()
    page.get_by_text("Het onderdeel is toegevoegd.").wait_for()
    assert axe_violations(page) == []
    _shot(page, "draft")
    page.get_by_role("link", name="Voorbeeld").click()
    page.get_by_role("img", name="Mantelzorgers op de markt").wait_for(state="visible")
    assert axe_violations(page) == []
    _shot(page, "preview")
    page.get_by_role("link", name="Terug naar de nieuwsbrief").click()
    page.get_by_role("button", name="Nieuwsbrief versturen").click()
    page.get_by_text("2 van 2 e-mails verstuurd.").wait_for()
    assert sorted(m.to[0] for m in mail.outbox) == ["mz0@example.org", "mz1@example.org"]
    assert axe_violations(page) == []
    _shot(page, "sent")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="De nieuwsbrief om te drukken (pdf)").click()
    assert pdf.value.path().read_bytes().startswith(b"%PDF")
    with page.expect_download() as xlsx:
        page.get_by_role(
            "link", name="Adressenlijst voor het postverwerkingsbedrijf, op postcode (Excel)"
        ).click()
    assert xlsx.value.suggested_filename.endswith(".xlsx")
    assert Delivery.objects.filter(newsletter=newsletter, channel="post").count() == 2
    # The same pages, and the public archive, at 375 px.
    page.set_viewport_size({"width": 375, "height": 800})
    for name, url in (
        ("sent", reverse("newsletters:newsletter_detail", args=[newsletter.pk])),
        ("list", reverse("newsletters:newsletter_list")),
        ("preview", reverse("newsletters:newsletter_preview", args=[newsletter.pk])),
        ("figures", reverse("newsletters:figures")),
        ("archive", reverse("newsletters_public:archive", args=["heerde"])),
        ("issue", reverse("newsletters_public:issue", args=["heerde", newsletter.pk])),
    ):
        page.goto(live_server.url + url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert axe_violations(page) == [], url
        _shot(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})
    for name in ("archive", "figures", "list"):
        url = {
            "archive": reverse("newsletters_public:archive", args=["heerde"]),
            "figures": reverse("newsletters:figures"),
            "list": reverse("newsletters:newsletter_list"),
        }[name]
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
        _shot(page, name)


def test_the_public_unsubscribe_and_subscribe_pages_are_accessible(live_server, page, heerde):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + reverse("newsletters_public:archive", args=["heerde"]))
    page.get_by_role("button", name="Aanmelden voor de nieuwsbrief").click()
    # The answer with the error is loaded before axe reads it.
    expect(page.get_by_label("Uw e-mailadres")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []
    page.get_by_label("Uw e-mailadres").fill("lezer@example.org")
    page.get_by_role("button", name="Aanmelden voor de nieuwsbrief").click()
    page.get_by_role("heading", name="Kijk in uw e-mail").wait_for()
    assert axe_violations(page) == []
    _shot(page, "subscribed")
    (message,) = mail.outbox
    link = next(word for word in message.body.split() if "/nieuwsbrief/bevestigen/" in word)
    page.goto(live_server.url + link[link.index("/nieuwsbrief/") :])
    page.get_by_role("button", name="Ja, stuur mij de nieuwsbrief").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, stuur mij de nieuwsbrief").click()
    page.get_by_role("heading", name="U bent aangemeld").wait_for()
    assert axe_violations(page) == []
    _shot(page, "confirmed")
