"""Who may do what on the volunteer platform. Querysets use visible_to(); views use these."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from omzien.accounts.constants import Role
from omzien.accounts.permissions import staff_required
from omzien.volunteering import constants as c
from omzien.volunteering.models import Organisation, OrganisationMember

BROKER_ROLES = (Role.BROKER,)

# View decorator: volunteer brokers (with a verified second factor) only.
broker_required = staff_required(*BROKER_ROLES)


def is_broker_for(user, municipality) -> bool:
    return user.is_superuser or municipality.pk in user.municipality_ids_for(BROKER_ROLES)


def member_organisation(user, pk: int, *, admin: bool = False) -> Organisation:
    """The organisation ``pk`` if the user is a member (an administrator when ``admin``)."""
    organisation = get_object_or_404(Organisation.objects.select_related("municipality"), pk=pk)
    membership = OrganisationMember.objects.filter(organisation=organisation, user=user).first()
    if membership is None or (admin and membership.role != c.MemberRole.ADMIN):
        raise PermissionDenied
    return organisation


def is_member(user, organisation_id: int) -> bool:
    """Whether the user is a member (any role) of the organisation."""
    if user is None or not user.is_authenticated:
        return False
    return OrganisationMember.objects.filter(organisation_id=organisation_id, user=user).exists()
