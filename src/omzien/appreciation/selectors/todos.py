"""What the appreciation round asks of staff on their start page (``ui.startpage``): per round
that is open or has work left, the applications to decide, the sampled ones to check, the
granted transfers not yet in a batch, the payments the bank returned, the vouchers to issue,
the decisions without a letter and the paper letters to print, and (for consultants) the
applicants to add to the carer registry. Counts only; one query per user, whatever the number
of applications."""

import operator
from functools import reduce
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import STAFF_ROLES, Application
from omzien.appreciation.selectors.applications import (
    OFFERED,
    TO_CHECK,
    awaiting_letter,
    to_pay,
    unprinted_letters,
    vouchers_to_issue,
)
from omzien.ui.startpage import Section, Todo


def _queue(**filters):
    return lambda pk: f"{reverse('appreciation:application_list', args=[pk])}?{urlencode(filters)}"


def _page(name: str):
    return lambda pk: reverse(name, args=[pk])


# The work counted per round, in the order the start page shows it: the count's name, the
# to-do, where it is done (from the round's key) and a hint.
WORK = (
    (
        "to_decide",
        gettext_lazy("%(round)s: applications to decide"),
        _queue(status=ApplicationStatus.SUBMITTED),
        "",
    ),
    (
        "objections",
        gettext_lazy("%(round)s: objections to decide"),
        _queue(status=ApplicationStatus.OBJECTED),
        "",
    ),
    (
        "to_check",
        gettext_lazy("%(round)s: sampled applications to check"),
        _queue(sample=1),
        gettext_lazy("Check the documents before granting."),
    ),
    (
        "to_pay",
        gettext_lazy("%(round)s: granted transfers not yet in a payment batch"),
        _page("appreciation:payment_list"),
        "",
    ),
    (
        "failed",
        gettext_lazy("%(round)s: payments the bank returned"),
        _queue(status=ApplicationStatus.PAYMENT_FAILED),
        gettext_lazy("Correct the account number with the carer, then pay again."),
    ),
    (
        "vouchers",
        gettext_lazy("%(round)s: granted vouchers not yet issued"),
        _page("appreciation:voucher_list"),
        "",
    ),
    (
        "to_letter",
        gettext_lazy("%(round)s: decisions without a letter"),
        _page("appreciation:letter_list"),
        "",
    ),
    (
        "to_print",
        gettext_lazy("%(round)s: decision letters to print"),
        _page("appreciation:letter_list"),
        "",
    ),
    (
        "offered",
        gettext_lazy("%(round)s: applicants to add to the carer registry"),
        _queue(offered=1),
        "",
    ),
)


def todos_for(user) -> list[Section]:
    if not user.has_role(*STAFF_ROLES):
        return []
    consultant_of = set(user.municipality_ids_for((Role.CONSULTANT,)))
    unprinted = unprinted_letters().filter(application=OuterRef("pk"))
    rows = (
        Application.objects.visible_to(user)
        .values("round_id", "round__name", "round__municipality_id", "round__municipality__name")
        .annotate(
            to_decide=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
            objections=Count("pk", filter=Q(status=ApplicationStatus.OBJECTED)),
            to_check=Count("pk", filter=Q(**TO_CHECK)),
            to_pay=Count("pk", filter=to_pay()),
            failed=Count("pk", filter=Q(status=ApplicationStatus.PAYMENT_FAILED)),
            vouchers=Count("pk", filter=vouchers_to_issue()),
            to_letter=Count("pk", filter=awaiting_letter()),
            to_print=Count("pk", filter=Q(Exists(unprinted))),
            offered=Count("pk", filter=Q(**OFFERED)),
        )
        .filter(reduce(operator.or_, (Q(**{f"{key}__gt": 0}) for key, *_rest in WORK)))
        .order_by("round__name", "round_id")
    )
    rows = list(rows)
    # Rounds of several municipalities often share a name ("Mantelzorgwaardering 2026").
    several = len({row["round__municipality_id"] for row in rows}) > 1
    todos = []
    for row in rows:
        name = row["round__name"]
        if several:
            name = f"{row['round__municipality__name']}: {name}"
        for key, label, where, hint in WORK:
            if not row[key]:
                continue
            if key == "offered" and row["round__municipality_id"] not in consultant_of:
                continue  # consultants register carers
            todos.append(Todo(label % {"round": name}, where(row["round_id"]), row[key], hint))
    if not todos:
        return []
    return [Section(title=gettext_lazy("Carer appreciation"), todos=todos, order=20)]
