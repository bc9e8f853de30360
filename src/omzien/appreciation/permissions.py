"""Who may do what in the appreciation round. Applications are special personal data: the
consultants and the appreciation officers of the municipality see them; the functional
administrator sets up rounds and shops; an applicant with an account sees their own."""

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, role_required, staff_required
from omzien.appreciation.models import STAFF_ROLES

ADMIN_ROLES = (Role.MUNICIPALITY_ADMIN,)

# View decorators (with a verified second factor for staff).
appreciation_staff_required = staff_required(*STAFF_ROLES)
round_admin_required = staff_required(*ADMIN_ROLES)
applicant_required = role_required(Role.RESIDENT, rule=ObjectRule.OWN)


def staff_of(municipality_id: int, user) -> bool:
    """A consultant or appreciation officer of the municipality, or a platform superuser."""
    return user.has_role_in(municipality_id, *STAFF_ROLES)


# The figures of a round: the staff, the policy advisor and the functional administrator.
figures_required = staff_required(*STAFF_ROLES, Role.POLICY_ADVISOR, Role.MUNICIPALITY_ADMIN)
