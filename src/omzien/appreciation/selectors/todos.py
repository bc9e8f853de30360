"""What the appreciation round asks of staff on their start page (``ui.startpage``): per round
that is open or has work left, the applications to decide, the sampled ones to check, the
granted transfers not yet in a batch, and (for consultants) the applicants to add to the carer
registry. Counts only; one query per user, whatever the number of applications."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import STAFF_ROLES, Application, Payment
from omzien.appreciation.selectors.applications import OFFERED
from omzien.ui.startpage import Section, Todo


def todos_for(user) -> list[Section]:
    if not user.has_role(*STAFF_ROLES):
        return []
    consultant_of = set(user.municipality_ids_for((Role.CONSULTANT,)))
    in_batch = Payment.objects.exclude(status=constants.PaymentStatus.FAILED).values(
        "application_id"
    )
    rows = (
        Application.objects.visible_to(user)
        .values("round_id", "round__name", "round__municipality_id", "round__municipality__name")
        .annotate(
            to_decide=Count(
                "pk", filter=Q(status__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.OBJECTED))
            ),
            to_check=Count(
                "pk",
                filter=Q(
                    status=ApplicationStatus.SUBMITTED, sampled=True, sample_checked_at__isnull=True
                ),
            ),
            to_pay=Count(
                "pk",
                filter=Q(
                    status=ApplicationStatus.GRANTED,
                    form=constants.AppreciationForm.BANK_TRANSFER,
                    amount__gt=0,
                )
                & ~Q(pk__in=in_batch),
            ),
            offered=Count("pk", filter=Q(**OFFERED)),
        )
        .filter(Q(to_decide__gt=0) | Q(to_check__gt=0) | Q(to_pay__gt=0) | Q(offered__gt=0))
        .order_by("round__name", "round_id")
    )
    rows = list(rows)
    # Rounds of several municipalities often share a name ("Mantelzorgwaardering 2026").
    several = len({row["round__municipality_id"] for row in rows}) > 1
    todos = []
    for row in rows:
        queue = reverse("appreciation:application_list", args=[row["round_id"]])
        name = row["round__name"]
        if several:
            name = f"{row['round__municipality__name']}: {name}"
        if row["to_decide"]:
            todos.append(
                Todo(
                    _("%(round)s: applications to decide") % {"round": name},
                    f"{queue}?status={ApplicationStatus.SUBMITTED}",
                    row["to_decide"],
                )
            )
        if row["to_check"]:
            todos.append(
                Todo(
                    _("%(round)s: sampled applications to check") % {"round": name},
                    f"{queue}?status={ApplicationStatus.SUBMITTED}",
                    row["to_check"],
                    gettext_lazy("Check the documents before granting."),
                )
            )
        if row["to_pay"]:
            todos.append(
                Todo(
                    _("%(round)s: granted transfers not yet in a payment batch") % {"round": name},
                    reverse("appreciation:payment_list", args=[row["round_id"]]),
                    row["to_pay"],
                )
            )
        if row["offered"] and row["round__municipality_id"] in consultant_of:
            todos.append(
                Todo(
                    _("%(round)s: applicants to add to the carer registry") % {"round": name},
                    f"{queue}?offered=1",
                    row["offered"],
                )
            )
    if not todos:
        return []
    return [Section(title=gettext_lazy("Carer appreciation"), todos=todos, order=20)]
