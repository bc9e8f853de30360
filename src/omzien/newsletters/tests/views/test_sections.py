"""Changing a section: its text, its image replaced or removed; a stale newsletter refuses."""

from django.core.files.storage import default_storage
from django.urls import reverse

from omzien.newsletters import constants
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


def test_an_image_is_stored_by_what_it_is(consultant_client, heerde):
    """A PNG named .jpg is kept (and served) as a PNG."""
    newsletter = NewsletterFactory(municipality=heerde)
    section = SectionFactory(newsletter=newsletter)
    url = reverse("newsletters:section_edit", args=[newsletter.pk, section.pk])
    consultant_client.post(
        url, {"body": "Tekst.", "image": png(name="foto.jpg"), "image_alt": "Een blauw vlak"}
    )
    section.refresh_from_db()
    assert section.image.name.endswith(".png")
    image = consultant_client.get(
        reverse("newsletters:section_image", args=[newsletter.pk, section.pk])
    )
    assert image["Content-Type"] == "image/png"


def test_sections_of_a_sent_newsletter_cannot_change(consultant_client, heerde):
    newsletter = NewsletterFactory(municipality=heerde, status=constants.NewsletterStatus.SENT)
    section = SectionFactory(newsletter=newsletter)
    consultant_client.post(reverse("newsletters:section_delete", args=[newsletter.pk, section.pk]))
    assert Section.objects.filter(pk=section.pk).exists()


def test_a_section_of_another_municipality_is_not_found(consultant_client, dalfsen):
    section = SectionFactory(newsletter__municipality=dalfsen)
    response = consultant_client.get(
        reverse("newsletters:section_edit", args=[section.newsletter_id, section.pk])
    )
    assert response.status_code == 404


def test_a_section_with_items_from_a_source(consultant_client, heerde):
    from omzien.newsletters import sources
    from omzien.newsletters.tests.test_sources import _choices, _items

    sources.register_source(
        sources.Source(
            key="test_view_calendar", label="Activiteiten", choices=_choices, items=_items
        )
    )
    try:
        newsletter = NewsletterFactory(municipality=heerde)
        add = reverse("newsletters:section_add", args=[newsletter.pk])
        choose = consultant_client.get(add)
        assert "?kind=source:test_view_calendar" in choose.text and "Activiteiten" in choose.text
        form = consultant_client.get(f"{add}?kind=source:test_view_calendar")
        assert "Alzheimercafé" in form.text
        response = consultant_client.post(f"{add}?kind=source:test_view_calendar", {})
        assert response.status_code == 200 and "Dit veld is verplicht" in response.text
        consultant_client.post(
            f"{add}?kind=source:test_view_calendar", {"heading": "Agenda", "source_ids": ["2"]}
        )
        section = Section.objects.get()
        assert (section.kind, section.source_key, section.source_ids) == (
            constants.SectionKind.SOURCE,
            "test_view_calendar",
            ["2"],
        )
        preview = consultant_client.get(
            reverse("newsletters:newsletter_preview", args=[newsletter.pk])
        )
        assert "Alzheimercafé" in preview.text and "Over geheugen" in preview.text
    finally:
        sources.unregister_source("test_view_calendar")


def test_a_stale_section_form_saves_nothing(consultant_client, heerde):
    newsletter = NewsletterFactory(municipality=heerde)
    section = SectionFactory(newsletter=newsletter, heading="Eerste")
    url = reverse("newsletters:section_edit", args=[newsletter.pk, section.pk])
    assert 'name="version" value="1"' in consultant_client.get(url).text
    consultant_client.post(url, {"heading": "Tweede", "body": "Tekst.", "version": "1"})
    stale = consultant_client.post(
        url, {"heading": "Derde", "body": "Tekst.", "version": "1"}, follow=True
    )
    assert "Iemand anders heeft dit gewijzigd terwijl u ermee bezig was." in stale.text
    section.refresh_from_db()
    assert (section.heading, section.version) == ("Tweede", 2)
