import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import path

from omzien.accounts.constants import Role
from omzien.urls import urlpatterns as project_urls


def boom(request):
    raise RuntimeError("secret internal detail")


def ok(request):
    return HttpResponse("ok")


def database_gone(request):
    raise OperationalError("could not connect to server: Connection refused")


urlpatterns = [path("boom/", boom), path("database-gone/", database_gone), *project_urls]
handler403 = "omzien.ui.views.error_403"
handler404 = "omzien.ui.views.error_404"
handler500 = "omzien.ui.views.error_500"

pytestmark = pytest.mark.django_db


def test_home_is_dutch_by_default(client, heerde):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert "Naar de inhoud" in html  # skip link
    assert 'href="#main"' in html and 'id="main"' in html
    assert "Heerde" in html
    # Carers find the registration and the yearly appreciation from here.
    assert 'href="/mantelzorg/aanmelden/"' in html
    assert 'href="/mantelzorg/waardering/"' in html


def test_dutch_even_when_the_browser_asks_for_english(client, heerde):
    html = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="nl"' in html


def test_language_switch_to_english_and_back(client, heerde):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/"}, follow=True)
    assert '<html lang="nl"' in response.content.decode()


def test_a_logged_in_users_switch_is_their_accounts_language_on_a_new_device_too(
    client, make_member, heerde
):
    """The switch in the header keeps the choice for the account (notifications and mails
    come in it); a device that has no choice of its own starts in it, a visitor in Dutch."""
    user = make_member(Role.RESIDENT, heerde)
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"
    other_device = Client()
    other_device.force_login(user)
    assert '<html lang="en"' in other_device.get("/").content.decode()
    # A choice on this device goes before the account's.
    other_device.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert '<html lang="nl"' in other_device.get("/").content.decode()
    user.refresh_from_db()
    assert user.preferred_language == "nl"
    assert '<html lang="nl"' in Client().get("/").content.decode()


def test_a_visitor_without_a_login_costs_the_language_no_query(
    client, heerde, django_assert_num_queries
):
    from omzien.ui.middleware import DutchFirstLocaleMiddleware

    request = RequestFactory().get("/")
    request.session = SessionStore()
    with django_assert_num_queries(0):
        DutchFirstLocaleMiddleware(lambda r: HttpResponse()).process_request(request)
    assert request.LANGUAGE_CODE == "nl"


def test_csp_nonce_on_header_matches_script(client, heerde):
    response = client.get("/")
    header = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", header).group(1)
    assert f'nonce="{nonce}"' in response.content.decode()
    assert "'unsafe-inline'" not in header
    assert "frame-ancestors 'none'" in header


def test_no_inline_script_or_style_without_nonce(client, heerde):
    html = client.get("/account/sign-up/").content.decode()
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        assert "nonce=" in tag, tag
    assert " style=" not in html


def test_custom_404_in_dutch(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_500_shows_no_stack_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in html
    assert "secret internal detail" not in html
    assert "Traceback" not in html


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_database_that_cannot_answer_gives_503_with_retry_after():
    client = Client(raise_request_exception=False)
    response = client.get("/database-gone/")
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "Even niet bereikbaar" in html and "niet verloren" in html
    assert "Connection refused" not in html and "Traceback" not in html


@override_settings(DEBUG=False)
def test_a_database_outage_in_the_middleware_also_gives_503(monkeypatch, make_member, heerde):
    """The session is read before any view: a database that went away there is temporary
    too, and the page for it needs no database."""
    from django.contrib.sessions.backends.db import SessionStore

    from omzien.accounts.constants import Role

    client = Client(raise_request_exception=False)
    client.force_login(make_member(Role.RESIDENT, heerde))

    def gone(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", gone)
    response = client.get("/")
    assert response.status_code == 503 and "Even niet bereikbaar" in response.content.decode()


def test_csrf_failure_page_is_friendly(heerde):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/sign-up/", {})
    assert response.status_code == 403
    assert "verlopen" in response.content.decode()


def test_navigation_depends_on_role(client, make_member, heerde):
    from omzien.accounts.constants import Role
    from omzien.testing.login import login_verified

    assert "Audittrail" not in client.get("/").content.decode()
    resident = make_member(Role.RESIDENT, heerde)
    client.force_login(resident)
    html = client.get("/").content.decode()
    assert "Mijn Omzien" in html and "Audittrail" not in html
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    login_verified(client, admin)
    html = client.get("/").content.decode()
    assert "Audittrail" in html
    assert "Gemeente Heerde" in html  # header shows the municipality


def test_choice_widgets_render_one_utrecht_field_per_option():
    from django import forms

    class Choices(forms.Form):
        one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
        many = forms.MultipleChoiceField(
            choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
        )

    html = str(Choices())
    assert html.count("utrecht-form-field--radio") == 2
    assert html.count("utrecht-form-field--checkbox") == 2
    assert html.count('class="omzien-choice-list"') == 2  # the wrapper has no input classes
    assert html.count('class="utrecht-radio-button utrecht-radio-button--html-input"') == 2
    assert "<legend" in html


def test_home_shows_the_blocks_capabilities_register_in_their_order(client, heerde):
    from omzien.ui import homepage

    homepage.register(
        "test_late",
        lambda request: homepage.Block("ui/tests/home_block.html", {"text": "second"}, order=2),
    )
    homepage.register(
        "test_early",
        lambda request: homepage.Block("ui/tests/home_block.html", {"text": "first"}, order=1),
    )
    homepage.register("test_nothing", lambda request: None)
    try:
        html = client.get("/").content.decode()
    finally:
        for name in ("test_late", "test_early", "test_nothing"):
            homepage._providers.pop(name)
    assert html.index(">first<") < html.index(">second<")
