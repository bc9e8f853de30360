"""Dutch first: a package's own Dutch catalogue must not change the words of Django's forms.

Django looks a message up in LOCALE_PATHS, then in the installed apps in order, and only then in
its own catalogue, so an app such as Django REST framework that translates "This field is
required." differently ("Dit veld is vereist.") would change every form's error. Where the
translations differ, Omzien's catalogue pins Django's; this test finds a new one."""

import gettext
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.utils import translation

DJANGO = Path(django.__file__).parent


def _catalogue(path: Path) -> dict[str, str]:
    with path.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog  # noqa: SLF001 - read-only
    return {k: v for k, v in catalogue.items() if isinstance(k, str) and k and v}


def _django_messages() -> dict[str, str]:
    messages = {}
    for path in [DJANGO / "conf/locale/nl/LC_MESSAGES/django.mo"]:
        messages.update(_catalogue(path))
    return messages


def _other_apps() -> list[Path]:
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path) / "locale/nl/LC_MESSAGES/django.mo"
        if path.exists() and DJANGO not in path.parents and "omzien" not in config.name:
            found.append(path)
    return found


def test_no_installed_package_changes_the_dutch_of_djangos_own_messages():
    core = _django_messages()
    changed = []
    with translation.override("nl"):
        for path in _other_apps():
            for msgid in _catalogue(path).keys() & core.keys():
                if translation.gettext(msgid) != core[msgid]:
                    changed.append(f"{msgid!r}: {translation.gettext(msgid)!r} ({path.parts[-5]})")
    assert changed == []


@pytest.mark.parametrize(
    ("message", "dutch"),
    [
        ("This field is required.", "Dit veld is verplicht."),
        ("No file was submitted.", "Er is geen bestand verstuurd."),
    ],
)
def test_the_pinned_messages_read_as_django_writes_them(message, dutch):
    with translation.override("nl"):
        assert translation.gettext(message) == dutch
