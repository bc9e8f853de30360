"""Who reaches the academy's pages (accounts.permissions; docs/volunteering.md)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, role_required, staff_required
from omzien.ui.municipality import working_municipality
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.models import Organisation

# The volunteer broker runs the academy, sees the requests and manages the budget.
broker_required = staff_required(Role.BROKER)
# Members of an organisation sign their people up and ask for training.
member_required = role_required(Role.ORGANISATION_MEMBER, rule=ObjectRule.ORGANISATION)
# A volunteer (a resident with a volunteer profile) signs up and downloads certificates.
volunteer_required = role_required(Role.RESIDENT, rule=ObjectRule.OWN)


def member_organisation(user, pk: int):
    """An approved organisation the user is a member of; 404 for any other."""
    organisation = get_object_or_404(Organisation.objects.owned_by(user), pk=pk)
    if organisation.status != OrganisationStatus.APPROVED:
        raise Http404
    return organisation


def broker_municipality(request) -> tuple:
    """(the municipality a broker's academy page works in, the choice): the one
    ``?municipality=`` names among those where the user is a broker, else the first by name."""
    municipalities = request.user.municipalities((Role.BROKER,))
    return working_municipality(request, municipalities), municipalities
