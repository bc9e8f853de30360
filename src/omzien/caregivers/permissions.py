"""Who may do what with carer records. Views use these; querysets use visible_to()."""

from omzien.accounts.constants import Role
from omzien.accounts.permissions import staff_required

CONSULTANT_ROLES = (Role.CONSULTANT,)

# View decorator: consultants (with a verified second factor) only.
consultant_required = staff_required(*CONSULTANT_ROLES)


def consultant_municipalities(user) -> list:
    return [m.municipality for m in user.active_memberships if m.role == Role.CONSULTANT]
