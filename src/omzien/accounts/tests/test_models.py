import pytest

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory, UserFactory
from omzien.tenants.tests.factories import MunicipalityFactory

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


def test_a_superuser_holds_every_staff_role_in_every_active_municipality(heerde, dalfsen):
    """ADR 0015: the pages that work in "the user's municipality" offer it every one."""
    closed = MunicipalityFactory(name="Opgeheven", is_active=False)
    superuser = UserFactory(is_superuser=True)
    assert superuser.has_role(Role.CONSULTANT)
    assert superuser.has_role(Role.RESIDENT, Role.MUNICIPALITY_ADMIN)
    assert superuser.municipalities((Role.CONSULTANT,)) == [dalfsen, heerde]
    assert superuser.municipality_ids_for((Role.BROKER,)) == {dalfsen.pk, heerde.pk}
    assert closed not in superuser.municipalities((Role.CONSULTANT,))


def test_a_superuser_is_no_resident_or_organisation_member_and_has_no_memberships(heerde):
    superuser = UserFactory(is_superuser=True)
    assert not superuser.has_role(Role.RESIDENT)
    assert not superuser.has_role(Role.ORGANISATION_MEMBER, Role.RESIDENT)
    assert superuser.municipalities((Role.RESIDENT,)) == []
    assert superuser.municipality_ids_for((Role.ORGANISATION_MEMBER,)) == set()
    assert not superuser.has_role_in(heerde, Role.RESIDENT)
    # Its memberships (the header's municipality, "My Omzien"): none.
    assert superuser.municipalities() == []
    assert superuser.roles == set()
