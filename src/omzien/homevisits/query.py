"""The tenancy rule of the home visits (tenants.query): welfare workers see their
municipality's visits; the visitor owns the visits assigned to them."""

from omzien.tenants.query import TenantQuerySet


class VisitQuerySet(TenantQuerySet):
    def open(self) -> "VisitQuerySet":
        from omzien.homevisits.constants import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)


class VisitChildQuerySet(TenantQuerySet):
    """Rows of a visit: visible where the visit is."""
