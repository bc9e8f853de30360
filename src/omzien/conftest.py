"""Fixtures shared by every app's tests, and the Hypothesis profiles."""

import os

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from hypothesis import settings as hypothesis_settings

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from omzien.tenants.tests.factories import MunicipalityFactory, RegionFactory

# Hypothesis: a quick profile for local runs, the full number of examples in CI. CI=true (as
# .ci/run and most CI services set it) selects "ci"; HYPOTHESIS_PROFILE chooses explicitly.
hypothesis_settings.register_profile("dev", max_examples=20)
hypothesis_settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or (
    "ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "dev"
)
hypothesis_settings.load_profile(HYPOTHESIS_PROFILE)


def examples(count: int) -> int:
    """A test's own ``max_examples``, scaled like the profile (the count as written in "ci")."""
    scaled = count * hypothesis_settings.default.max_examples // 100
    return max(scaled, min(count, 5))


@pytest.fixture
def region(db):
    return RegionFactory(name="Heerde, Epe en Hattem", slug="heerde-epe-hattem")


@pytest.fixture
def heerde(region):
    return MunicipalityFactory(cbs_code="GM0246", name="Heerde", slug="heerde", region=region)


@pytest.fixture
def dalfsen(db):
    return MunicipalityFactory(cbs_code="GM0148", name="Dalfsen", slug="dalfsen")


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


def totp_token(user) -> str:
    device = user.totpdevice_set.get()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login_verified(client, user):
    """Log a user in as if through the two-factor login (password and TOTP)."""
    client.force_login(user)
    device = user.totpdevice_set.get()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


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
    See omzien.ui.testing for the marks."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop, sync ORM
    from playwright.sync_api import sync_playwright

    from omzien.ui.testing import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    tab = context.new_page()
    errors = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.csp_errors = errors
    yield tab
    context.close()


@pytest.fixture(autouse=True)
def fresh_matching_engine():
    """Each test starts with a new matching engine: ids are reused after a rollback."""
    from omzien.volunteering import suggestion_engine as adapter

    adapter.reset()
    yield
    adapter.reset()
