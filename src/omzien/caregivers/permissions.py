"""Who may do what with carer records. Views use these; querysets use visible_to() on the
consultants' pages and owned_by() on the carer's own pages."""

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, role_required, staff_required

CONSULTANT_ROLES = (Role.CONSULTANT,)

# View decorators: consultants (with a verified second factor) reach the carers of their
# municipality; a resident reaches their own registration as a carer.
consultant_required = staff_required(*CONSULTANT_ROLES)
carer_required = role_required(Role.RESIDENT, rule=ObjectRule.OWN)


def consultant_municipalities(user) -> list:
    return user.municipalities(CONSULTANT_ROLES)


# Campaign pages (awareness): the functional administrator and the consultants of the
# municipality write them.
CAMPAIGN_EDITOR_ROLES = (Role.MUNICIPALITY_ADMIN, Role.CONSULTANT)
campaign_editor_required = staff_required(*CAMPAIGN_EDITOR_ROLES)


def campaign_editor_municipalities(user) -> list:
    """The municipalities where ``user`` may write campaign pages, by name."""
    return user.municipalities(CAMPAIGN_EDITOR_ROLES)
