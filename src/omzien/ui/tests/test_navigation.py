"""The main navigation: entries registered by the apps, shown to whom their view admits."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import UserFactory
from omzien.ui import navigation
from omzien.ui.navigation import navigation_for

pytestmark = pytest.mark.django_db

COMMON = ["Volunteer work", "Organisations"]
# The menu as each role sees it: labels and order are part of the look.
MENUS = {
    None: ["Home", *COMMON],
    Role.RESIDENT: [
        "Home",
        "My Omzien",
        "My carer registration",
        "My volunteer profile",
        "My responses",
        *COMMON,
        "Register an organisation",
        "Account",
    ],
    Role.ORGANISATION_MEMBER: [
        "Home",
        "My Omzien",
        *COMMON,
        "Our vacancies",
        "My organisation",
        "Account",
    ],
    Role.BROKER: [
        "Home",
        "My Omzien",
        "Work queue",
        "Volunteering figures",
        "Volunteers",
        *COMMON,
        "Vacancies to review",
        "Campaigns",
        "Buddy programmes",
        "Organisations to review",
        "Account",
    ],
    Role.CONSULTANT: [
        "Home",
        "My Omzien",
        "Carers",
        "Caseload",
        "Incoming referrals",
        "Carer figures",
        "Signals",
        *COMMON,
        "Buddy programmes",
        "Account",
    ],
    Role.REFERRER: ["Home", "My Omzien", "Refer a carer", "My referrals", *COMMON, "Account"],
    Role.POLICY_ADVISOR: ["Home", "My Omzien", "Carer figures", *COMMON, "Account"],
    Role.MUNICIPALITY_ADMIN: [
        "Home",
        "My Omzien",
        "Carer settings",
        "Audit trail",
        *COMMON,
        "Account",
    ],
    Role.PRIVACY_OFFICER: ["Home", "My Omzien", "Privacy requests", *COMMON, "Account"],
}


def labels(user) -> list[str]:
    with translation.override("en"):
        return [str(item["label"]) for item in navigation_for(user=user, current_path="/")]


@pytest.mark.parametrize("role", list(MENUS), ids=lambda role: role or "anonymous")
def test_each_role_sees_its_menu(make_member, heerde, role):
    user = AnonymousUser() if role is None else make_member(role, heerde)
    assert labels(user) == MENUS[role]


def test_a_superuser_sees_every_entry():
    with translation.override("en"):
        everything = [str(item.label) for item in navigation.entries()]
    assert labels(UserFactory(is_superuser=True)) == everything


def test_the_roles_come_from_the_view(monkeypatch, make_member, heerde):
    """Registering a page shows it to whom its view admits; nothing else says who."""
    resident = make_member(Role.RESIDENT, heerde)
    monkeypatch.setattr(navigation, "_ENTRIES", dict(navigation._ENTRIES))
    navigation.register("Audit", "privacy:audit_list", order=1)
    navigation.register("Public", "volunteering:vacancy_search", order=2)
    assert [label for label in labels(resident) if label in ("Audit", "Public")] == ["Public"]
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    assert labels(admin)[:2] == ["Audit", "Public"]


def test_an_entry_whose_view_declares_no_audience_is_refused(monkeypatch, settings, heerde):
    settings.ROOT_URLCONF = "omzien.ui.tests.walk_urlconf"
    monkeypatch.setattr(navigation, "_ENTRIES", dict(navigation._ENTRIES))
    navigation.register("Undeclared", "walk_test_undeclared", order=1)
    monkeypatch.setattr(navigation, "reverse", lambda name: "/walk-test/undeclared/1/")
    with pytest.raises(ImproperlyConfigured, match="declares no audience"):
        navigation_for(user=AnonymousUser(), current_path="/")
