"""What newsletters ask of staff on their start page (``ui.startpage``): drafts to finish and
sends with failed or unknown e-mails. Counts only, two queries per user."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.newsletters import constants
from omzien.newsletters.models import STAFF_ROLES, Delivery, Newsletter
from omzien.ui.startpage import Section, Todo


def todos_for(user) -> list[Section]:
    if not user.has_role(*STAFF_ROLES):
        return []
    newsletters = Newsletter.objects.visible_to(user)
    drafts = newsletters.filter(status=constants.NewsletterStatus.DRAFT).count()
    problems = (
        Delivery.objects.filter(
            newsletter__in=newsletters.values("pk"),
            status__in=(constants.DeliveryStatus.FAILED, constants.DeliveryStatus.UNKNOWN),
        )
        .values("newsletter")
        .distinct()
        .count()
    )
    url = reverse("newsletters:newsletter_list")
    return [
        Section(
            title=_("Newsletters"),
            todos=[
                Todo(
                    _("Newsletter drafts"),
                    f"{url}?status={constants.NewsletterStatus.DRAFT}",
                    drafts,
                ),
                Todo(
                    _("Newsletters with e-mails that failed or whose sending is unknown"),
                    f"{url}?problems=1",
                    problems,
                ),
            ],
            order=170,
        )
    ]
