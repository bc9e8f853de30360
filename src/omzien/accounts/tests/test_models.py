import pytest

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_has_role_in_is_per_municipality(make_member, heerde, dalfsen):
    broker = make_member(Role.BROKER, heerde)
    assert broker.has_role_in(heerde, Role.BROKER)
    assert broker.has_role_in(heerde.pk, Role.CONSULTANT, Role.BROKER)
    assert not broker.has_role_in(heerde, Role.CONSULTANT)
    assert not broker.has_role_in(dalfsen, Role.BROKER)


def test_has_role_in_ignores_inactive_memberships(heerde):
    membership = MembershipFactory(municipality=heerde, role=Role.BROKER, is_active=False)
    assert not membership.user.has_role_in(heerde, Role.BROKER)


def test_superusers_pass_has_role_in_everywhere(dalfsen):
    assert UserFactory(is_superuser=True).has_role_in(dalfsen, Role.CONSULTANT)
