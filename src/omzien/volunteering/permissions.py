"""Who may do what on the volunteer platform. Views use these; querysets use visible_to() on
the brokers' pages and the owner's lookups (owned_by(), member_organisation) on the pages of
one's own records."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, role_required, staff_required
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Organisation, OrganisationMember

BROKER_ROLES = (Role.BROKER,)

# View decorators. Brokers (with a verified second factor) reach their municipality's records,
# organisation members their organisation's, residents their own.
broker_required = staff_required(*BROKER_ROLES)
member_required = role_required(Role.ORGANISATION_MEMBER, rule=ObjectRule.ORGANISATION)
resident_required = role_required(Role.RESIDENT, rule=ObjectRule.OWN)
# The figures (aggregates, never a record): the brokers and the policy advisor.
FIGURES_ROLES = (*BROKER_ROLES, Role.POLICY_ADVISOR)
figures_required = staff_required(*FIGURES_ROLES)


def member_organisation(user, pk: int, *, admin: bool = False) -> Organisation:
    """The organisation ``pk`` if the user is a member (an administrator when ``admin``).

    404 for an organisation the user is not a member of, as for one that does not exist. A
    member who is not an administrator gets 403: they know the organisation.
    """
    organisation = get_object_or_404(
        Organisation.objects.select_related("municipality"), pk=pk, members__user=user
    )
    if (
        admin
        and not OrganisationMember.objects.filter(
            organisation=organisation, user=user, role=volunteering_constants.MemberRole.ADMIN
        ).exists()
    ):
        raise PermissionDenied
    return organisation


def is_member(user, organisation_id: int) -> bool:
    """Whether the user is a member (any role) of the organisation."""
    if user is None or not user.is_authenticated:
        return False
    return OrganisationMember.objects.filter(organisation_id=organisation_id, user=user).exists()
