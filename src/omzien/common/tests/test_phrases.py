"""A Phrase is stored once and read in each reader's language."""

import json

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from omzien.common.phrases import JSON_AS_TEXT, TEXT_AS_JSON, Phrase, PhraseField, phrase

ON = gettext_lazy("Intensive contact on")
TAKEN_ON = gettext_lazy("Taken on by a consultant")
NEWSLETTER = gettext_lazy("Newsletter: %(channel)s")


def _stored(value):
    """What the database gets (JSON), and the Phrase it gives back."""
    field = PhraseField()
    return field.from_db_value(json.dumps(field.get_prep_value(value)), None, None)


def test_a_text_written_in_dutch_is_read_in_english_and_in_dutch():
    with translation.override("nl"):
        stored = _stored(ON)
        assert str(stored) == "Intensief contact aan"
    assert stored.data == {"msgid": "Intensive contact on"}
    with translation.override("en"):
        assert str(stored) == "Intensive contact on"


def test_parts_and_lists_are_translated_each_in_the_readers_language():
    with translation.override("nl"):
        stored = _stored(phrase(NEWSLETTER, channel=[ON, TAKEN_ON, "#12"]))
        assert str(stored) == "Nieuwsbrief: Intensief contact aan, Opgepakt door een consulent, #12"
    with translation.override("en"):
        assert str(stored) == "Newsletter: Intensive contact on, Taken on by a consultant, #12"


def test_a_plain_text_is_shown_as_it_is_in_every_language():
    for text in ("EDIZ 7/9", "Telefoon", "100% zeker: %(geen)s"):
        for language in ("nl", "en"):
            with translation.override(language):
                assert str(_stored(text)) == text


def test_an_empty_phrase_is_false_and_a_phrase_compares_as_its_text():
    assert not _stored("") and not Phrase()
    assert _stored("#3") and _stored(ON)
    with translation.override("nl"):
        assert _stored(ON) == "Intensief contact aan"
        assert "contact" in _stored(ON)
    assert _stored(ON) == _stored(ON) and hash(_stored(ON)) == hash(_stored(ON))
    assert _stored(ON) != _stored(TAKEN_ON)


def test_a_value_not_written_as_a_phrase_is_shown_not_an_error():
    assert str(Phrase(["a", 1])) == '["a", 1]'
    assert str(Phrase({"msgid": "Unknown text %(x)s"})) == "Unknown text %(x)s"


@pytest.mark.django_db
def test_a_migration_to_a_phrase_keeps_each_old_text_as_it_was():
    """``copy_text_to_phrase`` moves a text into JSON (a string, which a Phrase shows as it is)
    with the database's own function, and back: nothing of an old text changes either way."""
    from django.db import connection

    as_json = TEXT_AS_JSON[connection.vendor].format("old_text")
    as_text = JSON_AS_TEXT[connection.vendor].format("new_phrase")
    jsonb = "::jsonb" if connection.vendor == "postgresql" else ""
    old = 'Telefoon: "bellen" na 17:00, 100% \\ é'
    # The SQL is the migration helper's own constants; the values go as parameters.
    forward = f"SELECT {as_json} FROM (SELECT %s AS old_text) AS old"  # noqa: S608
    backward = f"SELECT {as_text} FROM (SELECT %s{jsonb} AS new_phrase) AS new"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(forward, [old])
        (stored,) = cursor.fetchone()
        cursor.execute(backward, [stored])
        (back,) = cursor.fetchone()
    assert str(PhraseField().from_db_value(stored, None, connection)) == old
    assert back == old
