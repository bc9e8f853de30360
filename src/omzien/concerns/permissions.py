"""Who reaches the concerns' pages (accounts.permissions; docs/privacy.md)."""

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, staff_required

# The contact point: welfare workers, and carer consultants for carer overload (the records
# they reach are narrowed by query.ConcernQuerySet).
worker_required = staff_required(Role.WELFARE_WORKER, Role.CONSULTANT)
# Recording a concern the team came across: welfare workers only.
welfare_worker_required = staff_required(Role.WELFARE_WORKER)
# Professionals report and follow only what they sent themselves.
referrer_required = staff_required(Role.REFERRER, rule=ObjectRule.OWN)
figures_required = staff_required(Role.WELFARE_WORKER, Role.POLICY_ADVISOR)
settings_required = staff_required(Role.MUNICIPALITY_ADMIN)
