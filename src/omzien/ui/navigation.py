"""The main navigation: which links a user sees depends on their roles.

Later capabilities add their entries here, with the roles that may see them.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # None: everyone; "authenticated": any logged-in user; otherwise a set of roles.
    audience: object = None


NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Home"), "ui:home"),
    NavItem(_("My Omzien"), "ui:dashboard", "authenticated"),
    NavItem(_("Carers"), "caregivers:registry", frozenset({Role.CONSULTANT})),
    NavItem(_("Caseload"), "caregivers:caseload", frozenset({Role.CONSULTANT})),
    NavItem(_("Incoming referrals"), "caregivers:incoming_list", frozenset({Role.CONSULTANT})),
    NavItem(_("Refer a carer"), "caregivers:refer", frozenset({Role.REFERRER})),
    NavItem(_("My referrals"), "caregivers:my_referrals", frozenset({Role.REFERRER})),
    NavItem(
        _("Carer figures"),
        "caregivers:figures",
        frozenset({Role.CONSULTANT, Role.POLICY_ADVISOR}),
    ),
    NavItem(_("Signals"), "caregivers:alerts", frozenset({Role.CONSULTANT})),
    NavItem(_("Carer settings"), "caregivers:settings", frozenset({Role.MUNICIPALITY_ADMIN})),
    NavItem(_("Audit trail"), "privacy:audit_list", frozenset({Role.MUNICIPALITY_ADMIN})),
    NavItem(_("My carer registration"), "carer:mine", frozenset({Role.RESIDENT})),
    NavItem(_("My volunteer profile"), "volunteering:profile_mine", frozenset({Role.RESIDENT})),
    NavItem(_("My responses"), "volunteering:response_mine", frozenset({Role.RESIDENT})),
    NavItem(_("Work queue"), "volunteering:work_queue", frozenset({Role.BROKER})),
    NavItem(_("Volunteering figures"), "volunteering:figures", frozenset({Role.BROKER})),
    NavItem(_("Volunteers"), "volunteering:volunteer_list", frozenset({Role.BROKER})),
    NavItem(_("Volunteer work"), "volunteering:vacancy_search"),
    NavItem(_("Organisations"), "volunteering:organisation_public_list"),
    NavItem(_("Our vacancies"), "volunteering:vacancy_mine", frozenset({Role.ORGANISATION_MEMBER})),
    NavItem(_("Vacancies to review"), "volunteering:vacancy_review_list", frozenset({Role.BROKER})),
    NavItem(_("Campaigns"), "volunteering:campaign_list", frozenset({Role.BROKER})),
    NavItem(
        _("Buddy programmes"), "buddies:programme_list", frozenset({Role.BROKER, Role.CONSULTANT})
    ),
    NavItem(
        _("My organisation"),
        "volunteering:organisation_mine",
        frozenset({Role.ORGANISATION_MEMBER}),
    ),
    NavItem(
        _("Register an organisation"),
        "volunteering:organisation_register",
        frozenset({Role.RESIDENT}),
    ),
    NavItem(
        _("Organisations to review"),
        "volunteering:organisation_review_list",
        frozenset({Role.BROKER}),
    ),
    NavItem(_("Account"), "accounts:settings", "authenticated"),
)


def _visible(item: NavItem, user) -> bool:
    if item.audience is None:
        return True
    if not user.is_authenticated:
        return False
    if item.audience == "authenticated":
        return True
    return user.is_superuser or user.has_role(*item.audience)


def navigation_for(*, user, current_path: str) -> list[dict]:
    items = []
    for item in NAVIGATION:
        if not _visible(item, user):
            continue
        url = reverse(item.url_name)
        current = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "current": current})
    return items
