"""What the social map puts on the start page: counts for staff and for organisation members."""

import pytest
from django.utils import translation

from omzien.accounts.constants import Role
from omzien.directory.constants import ChangeStatus, EntryStatus
from omzien.directory.selectors.todos import todos_for
from omzien.directory.tests.factories import EntryFactory, confirmed_days_ago
from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db


def _counts(user) -> dict[str, int]:
    with translation.override("en"):
        return {str(todo.label): todo.count for s in todos_for(user) for todo in s.todos}


def test_staff_see_what_awaits_review_and_what_is_unconfirmed(make_member, heerde, dalfsen):
    EntryFactory(municipality=heerde, status=EntryStatus.AWAITING_REVIEW)
    EntryFactory(municipality=heerde, change_status=ChangeStatus.AWAITING_REVIEW)
    EntryFactory(municipality=dalfsen, status=EntryStatus.AWAITING_REVIEW)
    confirmed_days_ago(190, municipality=heerde)
    confirmed_days_ago(190, municipality=dalfsen)
    broker = make_member(Role.BROKER, heerde)
    assert _counts(broker) == {
        "Entries and changes awaiting review": 2,
        "Entries not confirmed in time": 1,
    }
    assert _counts(make_member(Role.RESIDENT, heerde)) == {}


def test_members_see_their_entries_to_confirm(make_member, heerde):
    organisation = OrganisationFactory(municipality=heerde)
    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=member)
    confirmed_days_ago(190, municipality=heerde, organisation=organisation)
    EntryFactory(municipality=heerde, organisation=organisation)
    confirmed_days_ago(
        190, municipality=heerde, organisation=OrganisationFactory(municipality=heerde)
    )
    assert _counts(member) == {"Entries to confirm": 1}
