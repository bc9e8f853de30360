"""Texts written once and read in each reader's language.

A record that many people read (a carer's timeline, read by every consultant of the team) cannot
store a sentence in the language of whoever caused it: a consultant who works in English would
read the Dutch of a colleague. A :class:`PhraseField` stores the untranslated text (the
``gettext`` message id) with its parts, and each reading renders it in the active language::

    event.summary = phrase(_("Newsletter: %(channel)s"), channel=Newsletter.EMAIL.label)
    event.summary = [Reason.FEAR.label, Reason.OVERLOAD.label]  # "Fear, Overload" / "Angst, …"
    event.summary = "EDIZ 7/9"                                   # the same in every language

Stored as JSON: a string is shown as it is (older rows, numbers, codes); ``{"msgid": …,
"params": {…}}`` is translated and filled in; ``{"join": […]}`` lists its parts. Translatable
parts are ``gettext_lazy`` texts (choice labels, verbose names); their message ids are read by
rendering them with translation switched off.
"""

import json

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext


def _freeze(value):
    """The JSON form of ``value`` (a Phrase, a lazy text, a list of parts or a plain value)."""
    if isinstance(value, Phrase):
        return value.data
    if isinstance(value, Promise):
        with translation.override(None):
            return {"msgid": str(value)}
    if isinstance(value, list | tuple):
        return {"join": [_freeze(part) for part in value]}
    return "" if value is None else str(value)


def _render(data) -> str:
    if isinstance(data, str):
        return data
    if not isinstance(data, dict):  # not written by this module: shown, never an error
        return json.dumps(data, ensure_ascii=False)
    if "join" in data:
        return ", ".join(_render(part) for part in data["join"])
    text = gettext(data.get("msgid", ""))
    params = data.get("params")
    return text % {name: _render(part) for name, part in params.items()} if params else text


class Phrase:
    """A stored text that renders in the active language each time it is shown."""

    __slots__ = ("data",)

    def __init__(self, data=""):
        self.data = data

    def __str__(self) -> str:
        return _render(self.data)

    def __repr__(self) -> str:
        return f"Phrase({self.data!r})"

    def __bool__(self) -> bool:
        return self.data not in ("", None, {}, [])

    def __eq__(self, other) -> bool:
        if isinstance(other, Phrase):
            return self.data == other.data
        if isinstance(other, str):
            return str(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(json.dumps(self.data, sort_keys=True))

    def __contains__(self, part: str) -> bool:
        return part in str(self)


def phrase(text: Promise, **params) -> Phrase:
    """``text`` (a ``gettext_lazy`` text with ``%(name)s`` placeholders) with its ``params``
    (each a lazy text, a list of them, a Phrase or a plain value), rendered when shown."""
    data = _freeze(text)
    if params:
        data["params"] = {name: _freeze(value) for name, value in params.items()}
    return Phrase(data)


def choice_label(obj, field: str):
    """The translatable (lazy) label of the choice in ``obj.<field>``: for a Phrase, where
    ``get_<field>_display()`` would give the text in the writer's language."""
    value = getattr(obj, field)
    return dict(obj._meta.get_field(field).flatchoices).get(value, value)


class PhraseField(models.JSONField):
    """A JSON column holding a :class:`Phrase`: assign a Phrase, a lazy text, a list of lazy
    texts or a plain string; read a Phrase."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", str)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return Phrase(super().from_db_value(value, expression, connection))

    def to_python(self, value):
        return value if isinstance(value, Phrase) else Phrase(_freeze(value))

    def get_prep_value(self, value):
        return super().get_prep_value(_freeze(value))

    def validate(self, value, model_instance):
        super().validate(_freeze(value), model_instance)


# For a migration that turns a text column into a PhraseField: a text column cannot be cast to
# JSON in place (plain text is not valid JSON), so the text moves to a new JSON column as a JSON
# string (which a Phrase shows as it is), per database; going back, a JSON value as text.
TEXT_AS_JSON = {"postgresql": "to_jsonb({})", "sqlite": "json_quote({})"}
JSON_AS_TEXT = {"postgresql": "{} #>> '{{}}'", "sqlite": "json_extract({}, '$')"}


def copy_text_to_phrase(table: str, text_column: str, phrase_column: str, max_length: int):
    """The ``RunPython`` operation of such a migration: copy ``text_column`` into the new
    ``phrase_column`` of ``table``, and back (cut to ``max_length``) when reversed."""
    from django.db import migrations

    def forward(apps, schema_editor):
        value = TEXT_AS_JSON[schema_editor.connection.vendor].format(text_column)
        schema_editor.execute(f"UPDATE {table} SET {phrase_column} = {value}")  # noqa: S608 (names from the migration)

    def backward(apps, schema_editor):
        value = JSON_AS_TEXT[schema_editor.connection.vendor].format(phrase_column)
        schema_editor.execute(
            f"UPDATE {table} SET {text_column} = substr({value}, 1, {int(max_length)})"  # noqa: S608 (names from the migration)
        )

    return migrations.RunPython(forward, backward, elidable=True)
