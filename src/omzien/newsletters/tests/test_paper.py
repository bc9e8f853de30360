"""The postal run: the print PDF and the address list sorted by postcode, both audited."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from omzien.accounts.constants import Role
from omzien.common.models import ExportJob
from omzien.common.services import Actor
from omzien.newsletters import constants
from omzien.newsletters.services import paper
from omzien.newsletters.tests.access import png
from omzien.newsletters.tests.factories import DeliveryFactory, NewsletterFactory, SectionFactory
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified


def _post(newsletter, name, postcode, street="Dorpsstraat 1"):
    return DeliveryFactory(
        newsletter=newsletter,
        channel=constants.Channel.POST,
        status=constants.DeliveryStatus.QUEUED,
        email="",
        name=name,
        street_address=street,
        postcode=postcode,
        town="Heerde",
    )


def test_the_address_list_is_sorted_by_postcode(heerde, consultant):
    newsletter = NewsletterFactory(municipality=heerde, status=constants.NewsletterStatus.SENT)
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
        municipality=heerde, title="Nieuwsbrief maart", status=constants.NewsletterStatus.SENT
    )
    SectionFactory(newsletter=newsletter, image=png(), image_alt="Een blauw vlak")
    content = paper.paper_pdf(newsletter=newsletter, actor=Actor(user=consultant))
    assert content.startswith(b"%PDF")
    assert b"/Subtype /Image" in content or b"/Image" in content
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, reason="newsletter print PDF"
    ).exists()


def test_a_long_address_list_is_made_in_the_background_for_who_asked(
    heerde,
    consultant_client,
    make_member,
    client,
    settings,
    django_capture_on_commit_callbacks,
):
    newsletter = NewsletterFactory(municipality=heerde, status=constants.NewsletterStatus.SENT)
    for number, postcode in enumerate(("8181 AB", "8161 ZZ", "8196 KA")):
        _post(newsletter, f"=Naam {number}", postcode)
    url = reverse("newsletters:paper_addresses", args=[newsletter.pk, "csv"])
    immediate = b"".join(consultant_client.get(url).streaming_content)
    settings.OMZIEN_EXPORT_BACKGROUND_ROWS = 2
    with django_capture_on_commit_callbacks(execute=True):
        answer = consultant_client.get(url)
    job = ExportJob.objects.get()
    assert answer["Location"] == reverse("common:export_job", args=[job.pk])
    page = consultant_client.get(answer["Location"]).content.decode()
    back = reverse("newsletters:newsletter_detail", args=[newsletter.pk])
    assert f'href="{back}">Terug naar de nieuwsbrief</a>' in page
    download = consultant_client.get(reverse("common:export_download", args=[job.pk]))
    assert b"".join(download.streaming_content) == immediate  # the same file, formulas defused
    reasons = AuditEvent.objects.filter(action=AuditAction.EXPORT).order_by("pk")
    assert [event.extra for event in reasons] == [
        {"rows": 3},
        {"rows": 3, "export_job": job.pk},
    ]
    # A colleague of the same municipality does not reach the list someone else asked for.
    colleague = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, colleague)
    assert client.get(reverse("common:export_download", args=[job.pk])).status_code == 404
