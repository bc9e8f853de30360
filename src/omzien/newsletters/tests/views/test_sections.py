"""Changing a section: its text, its image replaced or removed; a stale newsletter refuses."""

from django.core.files.storage import default_storage
from django.urls import reverse

from omzien.newsletters import constants as c
from omzien.newsletters.models import Section
from omzien.newsletters.tests.access import png
from omzien.newsletters.tests.factories import NewsletterFactory, SectionFactory


def test_change_and_remove_the_image(consultant_client, heerde, django_capture_on_commit_callbacks):
    newsletter = NewsletterFactory(municipality=heerde)
    section = SectionFactory(newsletter=newsletter, image=png(), image_alt="Oud")
    old = section.image.name
    url = reverse("newsletters:section_edit", args=[newsletter.pk, section.pk])
    page = consultant_client.get(url)
    assert "Afbeelding verwijderen" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        consultant_client.post(
            url,
            {
                "heading": "Nieuw",
                "body": "Andere tekst.",
                "image": png(300, 200),
                "image_alt": "Nieuw",
            },
        )
    section.refresh_from_db()
    assert section.heading == "Nieuw" and section.image.name != old
    assert not default_storage.exists(old)
    with django_capture_on_commit_callbacks(execute=True):
        consultant_client.post(
            url, {"body": "Zonder plaatje.", "remove_image": "on", "image_alt": ""}
        )
    section.refresh_from_db()
    assert not section.image and section.body == "Zonder plaatje."


def test_sections_of_a_sent_newsletter_cannot_change(consultant_client, heerde):
    newsletter = NewsletterFactory(municipality=heerde, status=c.NewsletterStatus.SENT)
    section = SectionFactory(newsletter=newsletter)
    consultant_client.post(reverse("newsletters:section_delete", args=[newsletter.pk, section.pk]))
    assert Section.objects.filter(pk=section.pk).exists()


def test_a_section_of_another_municipality_is_not_found(consultant_client, dalfsen):
    section = SectionFactory(newsletter__municipality=dalfsen)
    response = consultant_client.get(
        reverse("newsletters:section_edit", args=[section.newsletter_id, section.pk])
    )
    assert response.status_code == 404
