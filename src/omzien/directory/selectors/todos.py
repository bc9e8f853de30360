"""What the social map asks of its users on their start page (ui.startpage): counts only."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.directory.constants import Freshness
from omzien.directory.models import STAFF_ROLES
from omzien.directory.selectors.entries import member_to_confirm_count, staff_counts
from omzien.ui.startpage import Section, Todo


def todos_for(user) -> list:
    sections = []
    if user.has_role(*STAFF_ROLES):
        counts = staff_counts(user=user)
        sections.append(
            Section(
                title=_("Social map"),
                order=160,
                todos=[
                    Todo(
                        label=_("Entries and changes awaiting review"),
                        url=reverse("directory:review_list"),
                        count=counts["review"],
                    ),
                    Todo(
                        label=_("Entries not confirmed in time"),
                        url=reverse("directory:entry_list") + f"?freshness={Freshness.OVERDUE}",
                        count=counts["unconfirmed"],
                        hint=_("Ask the provider whether the entry is still right."),
                    ),
                ],
            )
        )
    if user.has_role(Role.ORGANISATION_MEMBER):
        sections.append(
            Section(
                title=_("Our social map entries"),
                order=161,
                todos=[
                    Todo(
                        label=_("Entries to confirm"),
                        url=reverse("directory:mine"),
                        count=member_to_confirm_count(user=user),
                        hint=_("Check that each entry is still right and confirm it."),
                    )
                ],
            )
        )
    return sections
