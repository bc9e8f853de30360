"""Who reaches the home visits' pages (accounts.permissions; docs/privacy.md)."""

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, role_required, staff_required

# Plans, imports, assignment, follow-ups: the welfare workers of the municipality.
worker_required = staff_required(Role.WELFARE_WORKER)
# A volunteer (a resident with a volunteer profile) sees the visits assigned to them only.
visitor_required = role_required(Role.RESIDENT, rule=ObjectRule.OWN)
figures_required = staff_required(Role.WELFARE_WORKER, Role.POLICY_ADVISOR)
