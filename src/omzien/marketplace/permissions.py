"""Who reaches the beursvloer's pages (accounts.permissions; docs/marketplace.md)."""

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, role_required, staff_required

# The volunteer broker organises the event, pre-matches, records and follows up the deals.
broker_required = staff_required(Role.BROKER)
# The figures (aggregates): the brokers and the policy advisor.
figures_required = staff_required(Role.BROKER, Role.POLICY_ADVISOR)
# Members of a community organisation register its offers and requests.
member_required = role_required(Role.ORGANISATION_MEMBER, rule=ObjectRule.ORGANISATION)
