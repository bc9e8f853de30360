"""The staff pages: compose, preview, send, follow, download the postal run."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.caregivers.constants import Newsletter as CarerChannel
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.newsletters import constants
from omzien.newsletters.models import Delivery, Newsletter, NewsletterSettings, Section
from omzien.newsletters.tests.access import png
from omzien.newsletters.tests.factories import (
    DeliveryFactory,
    NewsletterFactory,
    SectionFactory,
)
from omzien.testing.files import png_declaring
from omzien.testing.login import login_verified


def test_compose_preview_and_send(consultant_client, heerde, django_capture_on_commit_callbacks):
    CaregiverFactory(municipality=heerde, newsletter=CarerChannel.EMAIL, email="m@example.org")
    CaregiverFactory(municipality=heerde, newsletter=CarerChannel.POST)
    response = consultant_client.post(
        reverse("newsletters:newsletter_create"),
        {
            "title": "Nieuwsbrief maart",
            "issue_date": timezone.localdate().isoformat(),
            "segments": ["carers"],
        },
    )
    newsletter = Newsletter.objects.get()
    assert response["Location"] == reverse("newsletters:newsletter_detail", args=[newsletter.pk])
    add = reverse("newsletters:section_add", args=[newsletter.pk])
    # An image without a description, then a file that is no image: Dutch errors, nothing saved.
    response = consultant_client.post(
        f"{add}?kind=text", {"heading": "Welkom", "body": "Tekst.", "image": png()}
    )
    assert response.status_code == 200
    assert "Beschrijf de afbeelding" in response.text
    response = consultant_client.post(
        f"{add}?kind=text",
        {
            "body": "Tekst.",
            "image": png(name="x.png").__class__("x.png", b"not an image"),
            "image_alt": "iets",
        },
    )
    assert "JPEG- of PNG-bestand" in response.text
    response = consultant_client.post(
        f"{add}?kind=text", {"body": "Tekst.", "image": png(50, 50), "image_alt": "klein"}
    )
    assert "100" in response.text and "50 × 50" in response.text
    # A PNG declaring 100,000 × 100,000 pixels: refused before it is decoded, in Dutch.
    bomb = SimpleUploadedFile("groot.png", png_declaring(100_000, 100_000))
    response = consultant_client.post(
        f"{add}?kind=text", {"body": "Tekst.", "image": bomb, "image_alt": "groot"}
    )
    assert response.status_code == 200 and "hoogstens 4000 pixels" in response.text
    assert not Section.objects.exists()
    response = consultant_client.post(
        f"{add}?kind=text",
        {"heading": "Welkom", "body": "Eén.\n\nTwee.", "image": png(), "image_alt": "Een vlak"},
    )
    assert response.status_code == 302
    consultant_client.post(f"{add}?kind=news", {"heading": "Nieuws", "body": "Kort nieuws."})
    first, second = Section.objects.order_by("position")
    consultant_client.post(
        reverse("newsletters:section_move", args=[newsletter.pk, second.pk]), {"direction": "up"}
    )
    assert list(Section.objects.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    detail = consultant_client.get(reverse("newsletters:newsletter_detail", args=[newsletter.pk]))
    assert "1 per post" in detail.text or "per post" in detail.text
    preview = consultant_client.get(reverse("newsletters:newsletter_preview", args=[newsletter.pk]))
    assert "Twee." in preview.text and 'alt="Een vlak"' in preview.text
    image = consultant_client.get(
        reverse("newsletters:section_image", args=[newsletter.pk, first.pk])
    )
    assert image["Content-Type"] == "image/png"
    email = consultant_client.get(
        reverse("newsletters:newsletter_preview_email", args=[newsletter.pk])
    )
    assert "Kort nieuws." in email.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = consultant_client.post(
            reverse("newsletters:newsletter_send", args=[newsletter.pk]), {"expected": "draft"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["m@example.org"]]
    # A second click (an old tab): refused, nobody twice.
    consultant_client.post(
        reverse("newsletters:newsletter_send", args=[newsletter.pk]), {"expected": "draft"}
    )
    assert len(mail.outbox) == 1 and Delivery.objects.count() == 2
    page = consultant_client.get(reverse("newsletters:newsletter_detail", args=[newsletter.pk]))
    assert "1 van 1 e-mails verstuurd" in page.text
    pdf = consultant_client.get(reverse("newsletters:paper_pdf", args=[newsletter.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    xlsx = consultant_client.get(
        reverse("newsletters:paper_addresses", args=[newsletter.pk, "xlsx"])
    )
    assert xlsx.status_code == 200 and b"".join(xlsx.streaming_content)[:2] == b"PK"
    # No longer a draft: no changes.
    response = consultant_client.post(f"{add}?kind=news", {"heading": "Laat", "body": "Te laat."})
    assert response.status_code == 302 and Section.objects.count() == 2


def test_the_progress_polling_answers_a_part_and_refreshes_when_done(consultant_client, heerde):
    sending = NewsletterFactory(municipality=heerde, status=constants.NewsletterStatus.SENDING)
    DeliveryFactory(newsletter=sending, status=constants.DeliveryStatus.QUEUED)
    url = reverse("newsletters:newsletter_detail", args=[sending.pk])
    part = consultant_client.get(url, headers={"HX-Request": "true"})
    assert part.status_code == 200 and 'id="newsletter-progress"' in part.text
    assert "<html" not in part.text
    sent = NewsletterFactory(municipality=heerde, status=constants.NewsletterStatus.SENT)
    done = consultant_client.get(
        reverse("newsletters:newsletter_detail", args=[sent.pk]), headers={"HX-Request": "true"}
    )
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def _data(heerde, n):
    for _ in range(n):
        newsletter = NewsletterFactory(municipality=heerde, status=constants.NewsletterStatus.SENT)
        DeliveryFactory(newsletter=newsletter)
        DeliveryFactory(newsletter=newsletter, status=constants.DeliveryStatus.FAILED)
        DeliveryFactory(newsletter=newsletter, channel=constants.Channel.POST)


@pytest.mark.parametrize("url_name", ["newsletters:newsletter_list", "newsletters:figures"])
def test_list_pages_run_the_same_queries_at_1x_and_5x(
    consultant_client, heerde, url_name, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(url_name)
    _data(heerde, 2)
    consultant_client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as small:
        assert consultant_client.get(url).status_code == 200
    _data(heerde, 8)
    with CaptureQueriesContext(connection) as large:
        response = consultant_client.get(url)
    assert len(large) == len(small)
    assert response.text.count("Nieuwsbrief") >= 10


def test_the_archive_runs_the_same_queries_at_1x_and_5x(client, heerde):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("newsletters_public:archive", args=["heerde"])
    _data(heerde, 2)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _data(heerde, 8)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(large) == len(small)
    assert response.text.count("/nieuwsbrief/heerde/") >= 10


def test_drafts_are_not_public(client, heerde):
    draft = NewsletterFactory(municipality=heerde)
    section = SectionFactory(newsletter=draft, image=png(), image_alt="x")
    assert (
        client.get(reverse("newsletters_public:issue", args=["heerde", draft.pk])).status_code
        == 404
    )
    assert client.get(reverse("newsletters_public:image", args=[section.pk])).status_code == 404


def test_the_administrator_sets_the_sender(client, make_member, heerde):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    login_verified(client, admin)
    url = reverse("newsletters:settings")
    response = client.post(
        url,
        {"sender_name": "Gemeente Heerde", "sender_email": "geen-adres", "per_minute": "0"},
    )
    assert response.status_code == 200 and "geldig e-mailadres" in response.text
    client.post(
        url,
        {
            "sender_name": "Gemeente Heerde",
            "sender_email": "nieuws@heerde.nl",
            "per_minute": "300",
        },
    )
    found = NewsletterSettings.objects.get(municipality=heerde)
    assert (found.sender_email, found.per_minute) == ("nieuws@heerde.nl", 300)
    # A second administrator's form still shows version 1: saving it changes nothing.
    assert 'name="version" value="1"' in client.get(url).text
    client.post(url, {"sender_name": "Heerde", "sender_email": "a@heerde.nl", "per_minute": "60"})
    stale = client.post(
        url,
        {
            "sender_name": "Heerde",
            "sender_email": "b@heerde.nl",
            "per_minute": "60",
            "version": "1",
        },
        follow=True,
    )
    assert "Iemand anders heeft dit gewijzigd terwijl u ermee bezig was." in stale.text
    found.refresh_from_db()
    assert (found.sender_email, found.version) == ("a@heerde.nl", 2)


def test_start_page_todos_count_drafts_and_problem_sends(consultant, heerde):
    from omzien.newsletters.selectors.todos import todos_for

    NewsletterFactory(municipality=heerde)
    troubled = NewsletterFactory(municipality=heerde, status=constants.NewsletterStatus.SENT)
    DeliveryFactory(newsletter=troubled, status=constants.DeliveryStatus.UNKNOWN)
    DeliveryFactory(newsletter=troubled, status=constants.DeliveryStatus.FAILED)
    (section,) = todos_for(consultant)
    assert [todo.count for todo in section.todos] == [1, 1]
