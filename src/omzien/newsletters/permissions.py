"""Who may do what with newsletters: the consultants and brokers of the municipality compose
and send them; the functional administrator sets the sender and the sending rate; the figures
are also for the policy advisor and the administrator."""

from omzien.accounts.constants import Role
from omzien.accounts.permissions import staff_required
from omzien.newsletters.models import STAFF_ROLES

ADMIN_ROLES = (Role.MUNICIPALITY_ADMIN,)

newsletter_staff_required = staff_required(*STAFF_ROLES)
settings_required = staff_required(*ADMIN_ROLES)
figures_required = staff_required(*STAFF_ROLES, Role.POLICY_ADVISOR, Role.MUNICIPALITY_ADMIN)


def staff_of(municipality_id: int, user) -> bool:
    """A consultant or broker of the municipality, or a platform superuser."""
    return user.has_role_in(municipality_id, *STAFF_ROLES)
