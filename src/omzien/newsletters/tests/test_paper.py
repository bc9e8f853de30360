"""The postal run: the print PDF and the address list sorted by postcode, both audited."""

import csv
import io

from openpyxl import load_workbook

from omzien.common.services import Actor
from omzien.newsletters import constants as c
from omzien.newsletters.services import paper
from omzien.newsletters.tests.access import png
from omzien.newsletters.tests.factories import DeliveryFactory, NewsletterFactory, SectionFactory
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent


def _post(newsletter, name, postcode, street="Dorpsstraat 1"):
    return DeliveryFactory(
        newsletter=newsletter,
        channel=c.Channel.POST,
        status=c.DeliveryStatus.QUEUED,
        email="",
        name=name,
        street_address=street,
        postcode=postcode,
        town="Heerde",
    )


def test_the_address_list_is_sorted_by_postcode(heerde, consultant):
    newsletter = NewsletterFactory(municipality=heerde, status=c.NewsletterStatus.SENT)
    _post(newsletter, "Zwart", "8181 AB", "Kerkweg 3")
    _post(newsletter, "Appel", "8196KA")
    _post(newsletter, "Mol", "8181 AB", "Bergweg 2")
    _post(newsletter, "=Formule", "8161 ZZ")
    DeliveryFactory(newsletter=newsletter)  # an e-mail recipient: not on the list
    actor = Actor(user=consultant)
    rows = list(
        csv.reader(
            io.StringIO(
                paper.address_list(newsletter=newsletter, actor=actor, file_format="csv").decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    assert rows[0] == list(paper.HEADER)
    assert [row[0] for row in rows[1:]] == ["'=Formule", "Mol", "Zwart", "Appel"]
    sheet = load_workbook(
        io.BytesIO(paper.address_list(newsletter=newsletter, actor=actor, file_format="xlsx"))
    ).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "8161 ZZ",
        "8181 AB",
        "8181 AB",
        "8196KA",
    ]
    assert (
        AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(newsletter.pk)).count()
        == 2
    )


def test_the_print_pdf_has_the_text_and_the_image(heerde, consultant):
    newsletter = NewsletterFactory(
        municipality=heerde, title="Nieuwsbrief maart", status=c.NewsletterStatus.SENT
    )
    SectionFactory(newsletter=newsletter, image=png(), image_alt="Een blauw vlak")
    content = paper.paper_pdf(newsletter=newsletter, actor=Actor(user=consultant))
    assert content.startswith(b"%PDF")
    assert b"/Subtype /Image" in content or b"/Image" in content
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, reason="newsletter print PDF"
    ).exists()
