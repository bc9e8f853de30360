"""The main navigation: entries registered by the apps, shown to whom their view admits."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from omzien.accounts.constants import STAFF_ROLES, Role
from omzien.accounts.tests.factories import UserFactory
from omzien.ui import navigation
from omzien.ui.navigation import navigation_for

pytestmark = pytest.mark.django_db

COMMON = ["Volunteer work", "Organisations", "Social map", "Activity calendar"]
# The menu as each role sees it: labels and order are part of the look.
MENUS = {
    None: ["Home", *COMMON],
    Role.RESIDENT: [
        "Home",
        "My Omzien",
        "My carer registration",
        "My appreciation applications",
        "My volunteer profile",
        "My responses",
        "My hours",
        "My training",
        "My home visits",
        *COMMON,
        "Register an organisation",
        "Account",
    ],
    Role.ORGANISATION_MEMBER: [
        "Home",
        "My Omzien",
        *COMMON,
        "Our vacancies",
        "Our social map entries",
        "Hours to approve",
        "Beursvloer",
        "Training",
        "My organisation",
        "Account",
    ],
    Role.BROKER: [
        "Home",
        "My Omzien",
        "Newsletters",
        "Newsletter reach",
        "Activities (organiser)",
        "Activity figures",
        "Work queue",
        "Volunteering figures",
        "Volunteer hours",
        "VOG and certificates",
        "Volunteers",
        *COMMON,
        "Vacancies to review",
        "Campaigns",
        "Beursvloer",
        "Beursvloer figures",
        "Training academy",
        "Volunteer prize",
        "Trajectories",
        "Trajectory figures",
        "Buddy programmes",
        "Buddy figures",
        "Needs surveys",
        "Organisations to review",
        "Social map entries",
        "Social map review",
        "Social map figures",
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
        "Appreciation rounds",
        "Appreciation figures",
        "Newsletters",
        "Newsletter reach",
        "Campaign pages",
        "Activities (organiser)",
        "Activity figures",
        "Concerns",
        *COMMON,
        "Buddy programmes",
        "Buddy figures",
        "Needs surveys",
        "Social map entries",
        "Social map review",
        "Social map figures",
        "Account",
    ],
    Role.REFERRER: [
        "Home",
        "My Omzien",
        "Refer a carer",
        "My referrals",
        "Volunteer work",
        "Report a concern",
        "Concerns I reported",
        "Organisations",
        "Social map",
        "Activity calendar",
        "Refer to the volunteer centre",
        "My volunteer centre referrals",
        "Refer for welzijn op recept",
        "My welzijn op recept referrals",
        "Account",
    ],
    Role.POLICY_ADVISOR: [
        "Home",
        "My Omzien",
        "Carer figures",
        "Appreciation figures",
        "Newsletter reach",
        "Activity figures",
        "Volunteering figures",
        "Volunteer work",
        "Concern figures",
        "Home visit figures",
        "Organisations",
        "Social map",
        "Activity calendar",
        "Beursvloer figures",
        "Trajectory figures",
        "Buddy figures",
        "Effect on loneliness",
        "Needs surveys",
        "Social map figures",
        "Policy monitor",
        "Account",
    ],
    Role.MUNICIPALITY_ADMIN: [
        "Home",
        "My Omzien",
        "Appreciation rounds",
        "Appreciation figures",
        "Newsletter reach",
        "Carer settings",
        "Campaign pages",
        "Staff",
        "API keys",
        "Participating shops",
        "Newsletter settings",
        "Audit trail",
        "Volunteer work",
        "Concern settings",
        "Organisations",
        "Social map",
        "Activity calendar",
        "Volunteering settings",
        "Social map figures",
        "Social map settings",
        "Policy monitor",
        "Account",
    ],
    Role.PRIVACY_OFFICER: ["Home", "My Omzien", "Privacy requests", *COMMON, "Account"],
    Role.APPRECIATION_OFFICER: [
        "Home",
        "My Omzien",
        "Appreciation rounds",
        "Appreciation figures",
        *COMMON,
        "Account",
    ],
    Role.WELFARE_WORKER: [
        "Home",
        "My Omzien",
        "Concerns",
        "Volunteer work",
        "Concern figures",
        "Home visits",
        "Home visit figures",
        "Organisations",
        "Social map",
        "Activity calendar",
        "Wellbeing trajectories",
        "Effect on loneliness",
        "Needs surveys",
        "Account",
    ],
}


def labels(user) -> list[str]:
    with translation.override("en"):
        return [str(item["label"]) for item in navigation_for(user=user, current_path="/")]


@pytest.mark.parametrize("role", list(MENUS), ids=lambda role: role or "anonymous")
def test_each_role_sees_its_menu(make_member, heerde, role):
    user = AnonymousUser() if role is None else make_member(role, heerde)
    assert labels(user) == MENUS[role]


def test_a_superuser_sees_every_staff_entry_and_no_resident_or_member_entry():
    """ADR 0015: every staff role in every municipality, no resident's or member's role."""
    superuser = labels(UserFactory(is_superuser=True))
    staff_menus = {label for role in STAFF_ROLES for label in MENUS[role]}
    assert staff_menus <= set(superuser)
    own_pages = {*MENUS[Role.RESIDENT], *MENUS[Role.ORGANISATION_MEMBER]} - staff_menus
    assert {"My volunteer profile", "Our vacancies", "My organisation"} <= own_pages
    assert own_pages.isdisjoint(superuser)
    with translation.override("en"):
        staff_or_anyone = [
            str(item.label)
            for item in navigation.entries()
            if (roles := navigation.audience(item.url_name).roles) is None
            or not roles.isdisjoint(STAFF_ROLES)
        ]
    assert superuser == staff_or_anyone


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


def _groups(user):
    from omzien.ui.navigation import group_navigation

    with translation.override("en"):
        return [
            (str(entry["label"]), [str(item["label"]) for item in entry["items"] or []])
            for entry in group_navigation(navigation_for(user=user, current_path="/carers/"))
        ]


def test_staff_see_their_entries_by_task_group(make_member, heerde):
    consultant = make_member(Role.CONSULTANT, heerde)
    assert _groups(consultant) == [
        ("Home", []),
        ("My Omzien", []),
        (
            "Carer support",
            [
                "Carers",
                "Caseload",
                "Incoming referrals",
                "Carer figures",
                "Signals",
                "Appreciation rounds",
                "Appreciation figures",
                "Newsletters",
                "Newsletter reach",
                "Campaign pages",
            ],
        ),
        (
            "Management",
            [
                "Activities (organiser)",
                "Activity figures",
                "Needs surveys",
                "Social map entries",
                "Social map review",
                "Social map figures",
            ],
        ),
        ("Concerns", []),
        ("Volunteering", ["Volunteer work", "Organisations"]),
        ("Local offer", ["Social map", "Activity calendar"]),
        ("Buddies", ["Buddy programmes", "Buddy figures"]),
        ("Account", []),
    ]


def test_the_group_of_the_current_page_is_marked(make_member, heerde):
    from omzien.ui.navigation import group_navigation

    consultant = make_member(Role.CONSULTANT, heerde)
    groups = group_navigation(navigation_for(user=consultant, current_path="/carers/caseload/"))
    with translation.override("en"):
        assert [str(entry["label"]) for entry in groups if entry["current"]] == ["Carer support"]


def test_logged_in_people_get_a_grouped_menu_visitors_a_flat_one(client, make_member, heerde):
    from omzien.testing.login import login_verified

    body = client.get("/").content.decode()
    assert "omzien-nav__group" not in body
    assert 'class="omzien-nav__menu"' in body  # the Menu button for narrow screens
    client.force_login(make_member(Role.RESIDENT, heerde))
    body = client.get("/").content.decode()
    assert '<details class="omzien-nav__group" name="omzien-nav-group">' in body
    client.logout()
    login_verified(client, make_member(Role.CONSULTANT, heerde, totp=True))
    body = client.get("/").content.decode()
    assert '<details class="omzien-nav__group" name="omzien-nav-group">' in body


def test_only_the_closest_entry_is_current(make_member, heerde):
    """On the caseload (/carers/caseload/) the caseload is current, not also the registry
    (/carers/); Home only on the home page."""
    consultant = make_member(Role.CONSULTANT, heerde)
    with translation.override("en"):
        current = [
            str(item["label"])
            for item in navigation_for(user=consultant, current_path="/carers/caseload/")
            if item["current"]
        ]
    assert current == ["Caseload"]
