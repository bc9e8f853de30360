import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.accounts.tests.factories import UserFactory
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.tenants.query import get_owned_or_404, get_visible_or_404

pytestmark = pytest.mark.django_db


def test_admin_sees_memberships_of_own_municipality_only(make_member, heerde, dalfsen):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    in_heerde = make_member(Role.RESIDENT, heerde)
    in_dalfsen = make_member(Role.RESIDENT, dalfsen)
    visible_users = set(Membership.objects.visible_to(admin).values_list("user_id", flat=True))
    assert in_heerde.pk in visible_users
    assert admin.pk in visible_users
    assert in_dalfsen.pk not in visible_users


def test_resident_owns_only_own_memberships(make_member, heerde):
    resident = make_member(Role.RESIDENT, heerde)
    make_member(Role.RESIDENT, heerde)
    assert list(Membership.objects.owned_by(resident).values_list("user_id", flat=True)) == [
        resident.pk
    ]
    assert not Membership.objects.visible_to(resident).exists()


@pytest.mark.parametrize(
    "role",
    [
        Role.RESIDENT,
        Role.ORGANISATION_MEMBER,
        Role.BROKER,
        Role.CONSULTANT,
        Role.REFERRER,
        Role.POLICY_ADVISOR,
    ],
)
def test_other_roles_see_no_audit_events(make_member, heerde, role):
    user = make_member(role, heerde)
    audit_log(action=AuditAction.VIEW, actor=user, municipality=heerde)
    assert not AuditEvent.objects.visible_to(user).exists()


def test_anonymous_and_inactive_see_nothing(make_member, heerde):
    audit_log(action=AuditAction.VIEW, municipality=heerde)
    assert not AuditEvent.objects.visible_to(AnonymousUser()).exists()
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    admin.is_active = False
    assert not AuditEvent.objects.visible_to(admin).exists()


def test_superuser_sees_everything(heerde, dalfsen):
    audit_log(action=AuditAction.VIEW, municipality=heerde)
    audit_log(action=AuditAction.VIEW, municipality=dalfsen)
    root = UserFactory(is_superuser=True)
    assert AuditEvent.objects.visible_to(root).count() == 2


def test_inactive_membership_gives_no_access(make_member, heerde):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    Membership.objects.filter(user=admin).update(is_active=False)
    audit_log(action=AuditAction.VIEW, municipality=heerde)
    admin.refresh_from_db()
    assert not AuditEvent.objects.visible_to(admin).exists()


def test_rows_owned_through_a_relation_appear_once(make_member, heerde):
    from omzien.volunteering.models import Organisation
    from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory

    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    organisation = OrganisationFactory(municipality=heerde)
    OrganisationMemberFactory(organisation=organisation, user=member)
    for _ in range(3):
        OrganisationMemberFactory(organisation=organisation)
    assert list(Organisation.objects.owned_by(member)) == [organisation]


def test_the_staff_rule_never_adds_what_the_user_owns(make_member, heerde, dalfsen):
    """A broker of Heerde who is a member of an organisation in Dalfsen: the broker's pages
    see Heerde's organisations only, the member's pages their own organisation only."""
    from omzien.volunteering.models import Organisation
    from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory

    broker = make_member(Role.BROKER, heerde)
    in_heerde = OrganisationFactory(municipality=heerde)
    elsewhere = OrganisationFactory(municipality=dalfsen)
    OrganisationMemberFactory(organisation=elsewhere, user=broker)
    assert list(Organisation.objects.visible_to(broker)) == [in_heerde]
    assert list(Organisation.objects.owned_by(broker)) == [elsewhere]
    with pytest.raises(Http404):
        get_visible_or_404(Organisation, broker, pk=elsewhere.pk)
    assert get_owned_or_404(Organisation, broker, pk=elsewhere.pk) == elsewhere
    with pytest.raises(Http404):
        get_owned_or_404(Organisation, broker, pk=in_heerde.pk)


def test_a_superuser_owns_only_what_is_theirs(heerde):
    from omzien.volunteering.models import Organisation
    from omzien.volunteering.tests.factories import OrganisationFactory

    OrganisationFactory(municipality=heerde)
    root = UserFactory(is_superuser=True)
    assert Organisation.objects.visible_to(root).count() == 1
    assert not Organisation.objects.owned_by(root).exists()


def test_get_visible_or_404_answers_404_for_missing_and_forbidden(make_member, heerde, dalfsen):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    mine = Membership.objects.get(user=admin)
    elsewhere = Membership.objects.get(user=make_member(Role.RESIDENT, dalfsen))
    assert get_visible_or_404(Membership, admin, pk=mine.pk) == mine
    assert get_visible_or_404(
        Membership.objects.filter(role=Role.MUNICIPALITY_ADMIN), admin, pk=mine.pk
    )
    for pk in (elsewhere.pk, 10**6):
        with pytest.raises(Http404):
            get_visible_or_404(Membership, admin, pk=pk)
    with pytest.raises(Http404):  # the queryset's own filter still applies
        get_visible_or_404(Membership.objects.filter(role=Role.RESIDENT), admin, pk=mine.pk)
