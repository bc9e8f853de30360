"""Fixtures shared by every app's tests, and the Hypothesis profiles."""

import os

import pytest

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from omzien.tenants.tests.factories import MunicipalityFactory, RegionFactory
from omzien.testing.hypothesis import HYPOTHESIS_PROFILE, examples  # noqa: F401 - loads the profile
from omzien.testing.login import login_verified


@pytest.fixture
def region(db):
    return RegionFactory(name="Heerde, Epe en Hattem", slug="heerde-epe-hattem")


@pytest.fixture
def heerde(region):
    return MunicipalityFactory(cbs_code="GM0246", name="Heerde", slug="heerde", region=region)


@pytest.fixture
def dalfsen(db):
    return MunicipalityFactory(cbs_code="GM0148", name="Dalfsen", slug="dalfsen")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, built from the models (``TEST["MIGRATE"]`` is off in
    ``conf/test.py``), with what only the migrations add (omzien.testing.schema)."""
    from omzien.testing.schema import complete_test_database

    with django_db_blocker.unblock():
        complete_test_database()


@pytest.fixture
def make_member(db):
    """make_member(role, municipality, totp=False) -> user with that role."""

    def make(role, municipality, *, totp: bool = False, **user_kwargs):
        user = UserFactory(**user_kwargs)
        MembershipFactory(user=user, municipality=municipality, role=role)
        if totp:
            TOTPDeviceFactory(user=user)
        return user

    return make


@pytest.fixture
def admin_heerde(make_member, heerde):
    return make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True, email="beheer@heerde.test")


@pytest.fixture
def admin_client(client, admin_heerde):
    return login_verified(client, admin_heerde)


@pytest.fixture
def concurrent_save():
    """concurrent_save(Model, save): ``save()`` runs once, right before the next save of a
    Model.

    A concurrent request that stores the same row between a service's own check and its
    save: the check runs for real and finds nothing, and the database's unique constraint
    decides. (The other request's row is written in the same transaction here, so it is
    rolled back with the service's savepoint.)
    """
    from django.db.models.signals import pre_save

    armed = []

    def arm(model, save):
        def receiver(sender, **kwargs):
            pre_save.disconnect(receiver, sender=model)
            save()

        pre_save.connect(receiver, sender=model, weak=False)
        armed.append((receiver, model))

    yield arm
    for receiver, model in armed:
        pre_save.disconnect(receiver, sender=model)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (the Debian package), started once per test process (per xdist
    worker): starting it takes seconds. Every test gets a fresh context (``page``) with its own
    cookies and storage. Browser tests are transactional, so pytest-django runs them after the
    others; Playwright's event loop stays the thread's running loop until the session ends.
    See omzien.testing.browser for the marks."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop, sync ORM
    from playwright.sync_api import sync_playwright

    from omzien.testing.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    from omzien.testing.browser import close_contexts, new_context

    context = new_context(browser, locale="nl-NL")
    tab = context.new_page()
    errors = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.csp_errors = errors
    yield tab
    close_contexts()  # this one and any other the test opened


@pytest.fixture(autouse=True)
def fresh_matching_engine():
    """Each test starts with a new matching engine: ids are reused after a rollback."""
    from omzien.volunteering import suggestion_engine as adapter

    adapter.reset()
    yield
    adapter.reset()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: the rate limits' counters do not carry over."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
