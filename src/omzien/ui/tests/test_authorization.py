"""Every URL × every role, proven: the walk of ``get_resolver()`` against what each view declares.

The records and the users are built once for the module (``world``); every request runs in a
transaction that is rolled back, so one page's POST never changes what the next one sees.
How the walk works, and how to add a URL: ``omzien/ui/tests/access.py``.
"""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.ui.tests.access import (
    Page,
    all_pages,
    build_world,
    coverage_problems,
    forbidden_targets,
    walk_problems,
)

pytestmark = pytest.mark.django_db

PAGES = all_pages()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def test_every_url_name_is_known_and_declares_its_audience(world):
    assert coverage_problems(world) == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_url_answers_every_role_as_its_view_declares(world, name):
    problems = walk_problems(world, name, PAGES[name])
    assert not problems, "\n".join(problems)


# --- The walk fails when it should ------------------------------------------------------------


@pytest.fixture
def extra_urls(settings):
    """The project's URLs plus an undeclared and a leaky view (``walk_urlconf``)."""
    settings.ROOT_URLCONF = "omzien.ui.tests.walk_urlconf"


def test_a_url_without_an_expectation_fails_the_walk(world, extra_urls):
    problems = coverage_problems(world)
    assert problems == [
        "walk_test_undeclared: no expectation (add it to its app's tests/access.py)",
        "walk_test_leaky: no expectation (add it to its app's tests/access.py)",
    ]


def test_a_view_without_an_audience_fails_the_walk(world, extra_urls):
    by_municipality = Page(lambda s: {"pk": s.municipality.pk})
    pages = {**PAGES, "walk_test_undeclared": by_municipality, "walk_test_leaky": by_municipality}
    assert coverage_problems(world, pages) == [
        "walk_test_undeclared: its view declares no audience"
    ]


def test_a_page_that_shows_another_municipality_fails_the_walk(world, extra_urls):
    problems = walk_problems(world, "walk_test_leaky", Page(lambda s: {"pk": s.municipality.pk}))
    assert problems == [
        "walk_test_leaky as consultant with dalfsen's records: 200, expected 404",
        "walk_test_leaky as staff_owner with owned_by_staff's records: 200, expected 404",
    ]


def test_a_link_or_form_to_a_page_its_user_may_not_open_fails_the_walk(world):
    audit, home = reverse("privacy:audit_list"), reverse("ui:home")
    page = HttpResponse(
        f'<a class="utrecht-link" href="{audit}?page=2">Audit</a><a href="{home}">Home</a>'
        f'<form method="post" action="{audit}"></form><img src="/static/omzien/favicon.svg">'
        '<a href="/static/omzien/omzien.css">CSS</a>'
    )
    assert forbidden_targets(page, world.users[Role.RESIDENT]) == [audit]
    assert forbidden_targets(page, world.users[Role.MUNICIPALITY_ADMIN]) == []
