"""Hostile values in every form and address parameter of every page (``make fuzz``).

Not part of ``make test`` (the file name does not start with ``test_``; it takes about twenty
minutes in one process): a review tool to run before a release and after adding forms. It uses
the authorization walk's world (``ui/tests/access.py``: real records of two municipalities and
an account for every role) and, for every page a GET opens:

- ``test_every_form_field_survives_hostile_values``: as anonymous (public pages) and as up to
  two roles the page lets in, every field of every form on the page is sent with each value of
  ``HOSTILE`` in turn, the other fields as the page filled them in;
- ``test_every_address_parameter_survives_hostile_values``: the page is opened with each query
  parameter its links use (and the usual ``page``, ``q``, ``sort`` ...) set to each value.

Every request runs in a transaction that is rolled back. A failure is an answer of 500 or
more, or an exception; all are listed with the page, the role, the field and the value. Run it
on both databases: ``make fuzz`` and ``DATABASE_URL=postgres://… make fuzz`` (PostgreSQL refuses
what SQLite takes, such as a NUL in a text).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import resolve

from omzien.accounts.permissions import audience_of
from omzien.ui.tests.access import ANONYMOUS, all_pages, build_world, url_for

pytestmark = pytest.mark.django_db

HOSTILE = (
    "",
    "x" * 5000,
    "a\x00b",
    "a\r\nb",  # a line break where one line is meant (a header, a file name, a title)
    "-1",
    "99999999999999999999999",
    "2026-02-30",
    "1e400",
    "١٢",
    "<script>alert(1)</script>",
    "%",
    "NaN",
)
# Parameters many list pages read, whether or not a link on the page uses them.
USUAL_PARAMETERS = {"page", "q", "sort", "order", "status", "year", "period"}
ROLES_PER_PAGE = 2


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str | None]] = field(default_factory=list)  # (name, value sent)

    def defaults(self) -> dict:
        data = {}
        for name, value in self.fields:
            if value is not None:
                data.setdefault(name, value)
        return data

    def names(self) -> list[str]:
        return sorted({name for name, _value in self.fields} - {"csrfmiddlewaretoken"})


class PageParser(HTMLParser):
    """The forms of a page (each field with the value a browser would send) and the query
    parameters its links use."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.parameters: set[str] = set()
        self._form: Form | None = None
        self._select: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "a" and "?" in (a.get("href") or ""):
            query = a["href"].split("?", 1)[1]
            self.parameters.update(key for key, _value in parse_qsl(query, keep_blank_values=True))
        elif tag == "form":
            self._form = Form(a.get("action") or "", (a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is None or not (name or tag == "option"):
            return
        elif tag in ("input", "textarea", "button"):
            kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
            unticked = kind in ("checkbox", "radio") and "checked" not in a
            self._form.fields.append((name, None if unticked else a.get("value") or ""))
        elif tag == "select":
            self._select = [name, None]
            self._form.fields.append(self._select)
        elif (
            tag == "option"
            and self._select is not None
            and (self._select[1] is None or "selected" in a)
        ):
            self._select[1] = a.get("value", "")  # the first option, or the one selected

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def _client(world, who) -> Client:
    client = Client()
    if who != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[who]
    return client


def opened_pages(world) -> Iterator[tuple[str, str, Client, str, PageParser]]:
    """(URL name, who, their client, URL, the parsed page) of every page a GET opens."""
    for name, page in sorted(all_pages().items()):
        if page.method != "get":
            continue
        url = url_for(name, page, world.sides["own"])
        audience = audience_of(resolve(url).func)
        who = [ANONYMOUS] if audience.is_public else []
        who += [role for role, user in world.users.items() if audience.admits(user)]
        for role in who[: ROLES_PER_PAGE + audience.is_public]:
            client = _client(world, role)
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                parser = PageParser()
                parser.feed(response.content.decode())
                yield name, str(role), client, url, parser


def _failure(client, method: str, url: str, data: dict) -> str | None:
    """What went wrong with one request, or None (rolled back either way)."""
    with transaction.atomic():
        try:
            response = getattr(client, method)(url, data)
            if response.streaming:
                b"".join(response.streaming_content)
            failure = f"answered {response.status_code}" if response.status_code >= 500 else None
        except Exception as error:  # noqa: BLE001 - every exception is a finding
            failure = f"{type(error).__name__}: {error}"[:300]
        transaction.set_rollback(True)
    return failure


def test_every_form_field_survives_hostile_values(world):
    found = []
    for name, role, client, url, parsed in opened_pages(world):
        for form in parsed.forms:
            if urlsplit(form.action).netloc:
                continue  # another site's form
            action, defaults = form.action or url, form.defaults()
            for field_name in form.names():
                for value in HOSTILE:
                    data = {**defaults, field_name: value}
                    failure = _failure(client, form.method, action, data)
                    if failure:
                        found.append(
                            f"{name} as {role}: {form.method.upper()} {action} "
                            f"{field_name}={value[:20]!r}: {failure}"
                        )
    assert not found, "\n".join(found)


def test_every_address_parameter_survives_hostile_values(world):
    found = []
    for name, role, client, url, parsed in opened_pages(world):
        for parameter in sorted(parsed.parameters | USUAL_PARAMETERS):
            for value in HOSTILE:
                failure = _failure(client, "get", url, {parameter: value})
                if failure:
                    found.append(f"{name} as {role}: {url}?{parameter}={value[:20]!r}: {failure}")
    assert not found, "\n".join(found)
