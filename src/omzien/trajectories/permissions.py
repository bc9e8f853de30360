"""Who reaches the trajectories' pages (accounts.permissions; docs/volunteering.md)."""

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, staff_required

# Only the brokers of the municipality keep and see trajectories and incoming referrals.
broker_required = staff_required(Role.BROKER)
# The figures (aggregates, small numbers hidden): the brokers and the policy advisor.
figures_required = staff_required(Role.BROKER, Role.POLICY_ADVISOR)
# The client manager (referrer role) refers and follows only what they sent.
referrer_required = staff_required(Role.REFERRER, rule=ObjectRule.OWN)
