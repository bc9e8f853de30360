"""Newsletter reach by channel, per newsletter, as counts (a staff page section; the policy
monitor registers indicators later). Counts of deliveries, not of people's data: no
suppression of small numbers is needed, as nobody can be singled out from a mailing total."""

from django.db.models import Count, Q

from omzien.accounts.constants import Role
from omzien.newsletters import constants
from omzien.newsletters.constants import DeliveryStatus
from omzien.newsletters.models import STAFF_ROLES, Newsletter

FIGURE_ROLES = (*STAFF_ROLES, Role.POLICY_ADVISOR, Role.MUNICIPALITY_ADMIN)


def reach_list(*, user, limit: int = 24) -> list[Newsletter]:
    """The last sent newsletters with e-mail sent / failed / unknown and post: one query."""
    email = Q(deliveries__channel=constants.Channel.EMAIL)
    newsletters = Newsletter.objects.filter(
        municipality__in=sorted(user.municipality_ids_for(FIGURE_ROLES))
    )
    return list(
        newsletters.filter(
            status__in=(constants.NewsletterStatus.SENDING, constants.NewsletterStatus.SENT)
        )
        .select_related("municipality")
        .annotate(
            email_sent=Count(
                "deliveries", filter=email & Q(deliveries__status=DeliveryStatus.SENT)
            ),
            email_failed=Count(
                "deliveries", filter=email & Q(deliveries__status=DeliveryStatus.FAILED)
            ),
            email_unknown=Count(
                "deliveries", filter=email & Q(deliveries__status=DeliveryStatus.UNKNOWN)
            ),
            email_waiting=Count(
                "deliveries",
                filter=email
                & Q(deliveries__status__in=(DeliveryStatus.QUEUED, DeliveryStatus.SENDING)),
            ),
            post=Count("deliveries", filter=Q(deliveries__channel=constants.Channel.POST)),
        )
        .order_by("-issue_date", "-pk")[:limit]
    )
