"""What the privacy officer finds on their start page (``ui.startpage``)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.privacy.models import SubjectRequest
from omzien.ui.startpage import Section, Todo

NEAR_DAYS = 7  # a deadline within a week is near (as on the request list)


def todos_for(user) -> list[Section]:
    if not user.has_role(Role.PRIVACY_OFFICER):
        return []
    today = timezone.localdate()
    counts = (
        SubjectRequest.objects.visible_to(user)
        .filter(closed_at__isnull=True)
        .aggregate(
            open=Count("pk"),
            near=Count("pk", filter=Q(deadline_on__lte=today + timedelta(days=NEAR_DAYS))),
        )
    )
    requests = reverse("privacy:request_list")
    return [
        Section(
            title=_("Privacy"),
            order=80,
            todos=[
                Todo(_("Open privacy requests"), requests, counts["open"]),
                Todo(
                    _("Requests to answer within a week"),
                    requests,
                    counts["near"],
                    _("The law gives a month to answer (AVG art. 12(3))."),
                ),
            ],
        )
    ]
