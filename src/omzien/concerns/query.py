"""The staff rule of the concerns: welfare workers see their municipality's concerns, carer
consultants only the concerns about carer overload (tenants.query, narrowed by kind)."""

from django.db.models import Q

from omzien.accounts.constants import Role
from omzien.concerns.constants import Kind
from omzien.tenants.query import TenantQuerySet


def visible_q(user, prefix: str = "") -> Q | None:
    """The rows ``user`` may see by the staff rule; None for everything (superuser)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    workers = sorted(user.municipality_ids_for((Role.WELFARE_WORKER,)))
    consultants = sorted(user.municipality_ids_for((Role.CONSULTANT,)))
    condition = Q(pk__in=[])
    if workers:
        condition |= Q(**{f"{prefix}municipality_id__in": workers})
    if consultants:
        condition |= Q(
            **{f"{prefix}municipality_id__in": consultants, f"{prefix}kind": Kind.CARER_OVERLOAD}
        )
    return condition


class ConcernQuerySet(TenantQuerySet):
    def visible_to(self, user) -> "ConcernQuerySet":
        condition = visible_q(user)
        return self if condition is None else self.filter(condition)

    def open(self) -> "ConcernQuerySet":
        from omzien.concerns.constants import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)


class ConcernChildQuerySet(TenantQuerySet):
    """Rows of a concern: visible where the concern is."""

    def visible_to(self, user) -> "ConcernChildQuerySet":
        condition = visible_q(user, prefix="concern__")
        return self if condition is None else self.filter(condition)
