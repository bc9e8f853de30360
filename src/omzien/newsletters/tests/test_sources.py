"""The sources registry: a capability offers items to newsletter sections without newsletters
importing it. Tested with a source defined here."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from omzien.common.services import Actor
from omzien.newsletters import constants, sources
from omzien.newsletters.selectors.rendering import newsletter_parts, staff_image_url
from omzien.newsletters.services.newsletters import section_add
from omzien.newsletters.tests.factories import NewsletterFactory

CALLS = []


def _choices(municipality):
    return [("1", "Lotgenotenbijeenkomst"), ("2", "Alzheimercafé"), ("3", "Wandelgroep")]


def _items(municipality, ids):
    CALLS.append(list(ids))
    known = {
        "1": sources.Item("Lotgenotenbijeenkomst", "di 3 maart 19:30", "Dorpshuis", "", "/a/1/"),
        "2": sources.Item("Alzheimercafé", "wo 4 maart", "Bibliotheek", "Over geheugen", ""),
    }
    return [known[i] for i in ids if i in known]


@pytest.fixture
def calendar():
    source = sources.Source(
        key="test_calendar", label="Activiteiten", choices=_choices, items=_items
    )
    sources.register_source(source)
    CALLS.clear()
    yield source
    sources.unregister_source("test_calendar")


def test_a_registered_source_is_found_and_listed(calendar):
    assert sources.source("test_calendar") is calendar
    assert calendar in sources.sources()
    assert sources.source("missing") is None


def test_a_key_must_be_a_slug():
    with pytest.raises(ImproperlyConfigured):
        sources.register_source(
            sources.Source(key="no spaces", label="x", choices=_choices, items=_items)
        )


def test_a_source_section_renders_its_items_with_one_call(calendar, heerde, consultant):
    newsletter = NewsletterFactory(municipality=heerde)
    actor = Actor(user=consultant)
    section_add(
        newsletter=newsletter,
        kind=constants.SectionKind.SOURCE,
        data={"heading": "Agenda", "source_key": "test_calendar", "source_ids": ["2", "1"]},
        actor=actor,
    )
    section_add(
        newsletter=newsletter,
        kind=constants.SectionKind.SOURCE,
        data={"heading": "Meer", "source_key": "test_calendar", "source_ids": ["1"]},
        actor=actor,
    )
    parts = newsletter_parts(newsletter=newsletter, image_url=staff_image_url, absolute=True)
    assert CALLS == [["2", "1"], ["1"]]  # one call per section, the chosen ids in order
    assert [i.title for i in parts[0].items] == ["Alzheimercafé", "Lotgenotenbijeenkomst"]
    assert parts[0].items[1].url.startswith("http") and parts[0].items[1].url.endswith("/a/1/")


def test_a_section_only_takes_items_the_source_offers(calendar, heerde, consultant):
    newsletter = NewsletterFactory(municipality=heerde)
    with pytest.raises(ValidationError) as refused:
        section_add(
            newsletter=newsletter,
            kind=constants.SectionKind.SOURCE,
            data={"source_key": "test_calendar", "source_ids": ["99"]},
            actor=Actor(user=consultant),
        )
    assert "source_ids" in refused.value.message_dict


def test_a_section_whose_source_left_renders_nothing(calendar, heerde, consultant):
    newsletter = NewsletterFactory(municipality=heerde)
    section_add(
        newsletter=newsletter,
        kind=constants.SectionKind.SOURCE,
        data={"source_key": "test_calendar", "source_ids": ["1"]},
        actor=Actor(user=consultant),
    )
    sources.unregister_source("test_calendar")
    assert newsletter_parts(newsletter=newsletter, image_url=staff_image_url) == []
