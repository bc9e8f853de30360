"""Who may do what on the social map. Entries are no personal records, but who maintains them
is: organisation members keep their organisation's entries, brokers and consultants of the
municipality review and maintain all of its entries, the functional administrator sets how
often entries are confirmed, the policy advisor sees the figures."""

from django.shortcuts import get_object_or_404

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, role_required, staff_required
from omzien.directory.models import STAFF_ROLES
from omzien.volunteering.models import Organisation, OrganisationMember

# View decorators (staff with a verified second factor).
directory_staff_required = staff_required(*STAFF_ROLES)
member_required = role_required(Role.ORGANISATION_MEMBER, rule=ObjectRule.ORGANISATION)
settings_admin_required = staff_required(Role.MUNICIPALITY_ADMIN)
figures_required = staff_required(*STAFF_ROLES, Role.POLICY_ADVISOR, Role.MUNICIPALITY_ADMIN)
import_required = staff_required(*STAFF_ROLES)


def staff_of(municipality_id: int, user) -> bool:
    """A broker or consultant of the municipality, or a platform superuser."""
    return user.has_role_in(municipality_id, *STAFF_ROLES)


def member_of(organisation_id: int | None, user) -> bool:
    if organisation_id is None or user is None or not user.is_authenticated:
        return False
    return OrganisationMember.objects.filter(organisation_id=organisation_id, user=user).exists()


def member_organisation(user, pk: int) -> Organisation:
    """The organisation ``pk`` if the user is one of its members (else 404)."""
    return get_object_or_404(
        Organisation.objects.select_related("municipality"), pk=pk, members__user=user
    )
