"""Who may organise activities and see their sign-ups.

Two kinds of organiser, with their own pages (``views.activities``): members of an approved
organisation manage that organisation's activities (object rule *organisation*), and the
municipality's brokers and consultants manage every activity in their municipality (object
rule *municipality*, with a verified second factor). The figures are also the policy
advisor's. A resident with an account sees and cancels their own sign-ups.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, role_required, staff_required
from omzien.activities.models import FIGURES_ROLES, ORGANISER_ROLES, Activity
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.models import Organisation, OrganisationMember

member_required = role_required(Role.ORGANISATION_MEMBER, rule=ObjectRule.ORGANISATION)
organiser_staff_required = staff_required(*ORGANISER_ROLES)
figures_required = staff_required(*FIGURES_ROLES)
participant_required = role_required(Role.RESIDENT, rule=ObjectRule.OWN)


def staff_of(municipality_id: int, user) -> bool:
    return user.has_role_in(municipality_id, *ORGANISER_ROLES)


def is_member(user, organisation_id: int | None) -> bool:
    if organisation_id is None or not user.is_authenticated:
        return False
    return OrganisationMember.objects.filter(organisation_id=organisation_id, user=user).exists()


def may_organise(activity: Activity, user) -> bool:
    """Staff of the activity's municipality, or a member of its organisation."""
    return staff_of(activity.municipality_id, user) or is_member(user, activity.organisation_id)


def member_organisation(user, pk: int) -> Organisation:
    """An approved organisation the user is a member of; 404 for any other."""
    organisation = get_object_or_404(Organisation.objects.owned_by(user), pk=pk)
    if organisation.status != OrganisationStatus.APPROVED:
        raise Http404
    return organisation
