"""How the authorization walk (ui/tests/test_authorization.py) requests the newsletter URLs."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from omzien.newsletters import constants
from omzien.newsletters.services.sending import unsubscribe_token
from omzien.newsletters.services.subscribers import confirm_token
from omzien.newsletters.tests.factories import (
    DeliveryFactory,
    NewsletterFactory,
    SectionFactory,
    SubscriberFactory,
)
from omzien.ui.tests.access import Page, action


def png(width: int = 200, height: int = 120, name: str = "foto.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 160)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def build(side) -> None:
    side.newsletter = NewsletterFactory(municipality=side.municipality)
    side.newsletter_section = SectionFactory(
        newsletter=side.newsletter, image=png(), image_alt="Een blauw vlak"
    )
    side.sent_newsletter = NewsletterFactory(
        municipality=side.municipality, status=constants.NewsletterStatus.SENT
    )
    side.sent_section = SectionFactory(
        newsletter=side.sent_newsletter, image=png(), image_alt="Een blauw vlak"
    )
    side.delivery = DeliveryFactory(newsletter=side.sent_newsletter)
    DeliveryFactory(
        newsletter=side.sent_newsletter,
        channel=constants.Channel.POST,
        email="",
        name="J. de Vries",
        street_address="Dorpsstraat 1",
        postcode="8181 AB",
        town="Heerde",
    )
    side.pending_subscriber = SubscriberFactory(municipality=side.municipality, confirmed_at=None)


def _draft(side) -> dict:
    return {"pk": side.newsletter.pk}


def _sent(side) -> dict:
    return {"pk": side.sent_newsletter.pk}


def _section(side) -> dict:
    return {"pk": side.newsletter.pk, "section": side.newsletter_section.pk}


PAGES = {
    # The consultants and brokers of the municipality.
    "newsletters:newsletter_list": Page(),
    "newsletters:newsletter_create": Page(),
    "newsletters:newsletter_detail": Page(_draft),
    "newsletters:newsletter_edit": Page(_draft),
    "newsletters:newsletter_preview": Page(_draft),
    "newsletters:newsletter_preview_email": Page(_draft),
    "newsletters:section_add": Page(_draft),  # GET without a kind: the choice of kinds
    "newsletters:section_edit": Page(_section),
    "newsletters:section_delete": action(_section),
    "newsletters:section_move": action(_section, data=lambda s: {"direction": "down"}),
    "newsletters:section_image": Page(_section),
    "newsletters:newsletter_send": action(_draft),
    "newsletters:newsletter_resume": action(_sent),  # refused (already sent): back
    "newsletters:paper_pdf": Page(_sent),
    "newsletters:paper_addresses": Page(lambda s: {**_sent(s), "file_format": "csv"}),
    # The functional administrator.
    "newsletters:settings": Page(),
    # The figures: also the policy advisor and the administrator.
    "newsletters:figures": Page(),
    # Public.
    "newsletters_public:archive": Page(lambda s: {"municipality": s.municipality.slug}),
    # GET: back to the archive (the POST is rate-limited, tested in tests/views).
    "newsletters_public:subscribe": Page(
        lambda s: {"municipality": s.municipality.slug}, success=302
    ),
    "newsletters_public:issue": Page(
        lambda s: {"municipality": s.municipality.slug, "pk": s.sent_newsletter.pk}
    ),
    "newsletters_public:image": Page(lambda s: {"pk": s.sent_section.pk}),
    "newsletters_public:confirm": Page(lambda s: {"token": confirm_token(s.pending_subscriber)}),
    "newsletters_public:unsubscribe": Page(lambda s: {"token": unsubscribe_token(s.delivery.pk)}),
}
