"""The tenancy rule of the home visits (tenants.query): welfare workers see their
municipality's visits; the visitor owns the visits assigned to them."""

from omzien.tenants.query import TenantQuerySet


class VisitQuerySet(TenantQuerySet):
    def open(self) -> "VisitQuerySet":
        from omzien.homevisits.constants import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)

    def not_followed_up(self) -> "VisitQuerySet":
        """Visits whose follow-up was not made (no concern, carer registration or referral)."""
        return self.filter(
            concern__isnull=True, caregiver__isnull=True, incoming_referral__isnull=True
        )


class VisitChildQuerySet(TenantQuerySet):
    """Rows of a visit: visible where the visit is."""
