"""Retention of the appreciation round (registered in apps.py as a privacy.retention rule).

Two periods, both settings of the round:

- ``personal_retention_months`` after payment (a paid application: its payment's ``paid_on``
  or the issue date of its voucher) or after the decision (refused or withdrawn: ``decided_at``,
  else the last change): the personal details go (:func:`erase_personal_details`): names,
  dates of birth, contact details, addresses, the care recipient's details, the IBAN and
  account holder (also on the payment rows), the texts staff or the applicant wrote, and the
  links to an account and a registration. What stays is the financial record and what the
  figures count: number, round, status, amount, dates, channel, locality, the payments' amount,
  date and batch, and the vouchers' code and value.
- ``financial_retention_years`` (the fiscal period, AWR art. 52) after the round's last payment
  or decision: the round's whole financial record goes at once — payments, vouchers,
  applications with their status logs, and batches — so a batch is never kept with part of its
  payments and its total no longer adds up. The round itself stays: its settings hold no
  personal data and next year's round may be a copy of it.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import (
    Application,
    ApplicationTransition,
    Payment,
    PaymentBatch,
    Round,
    Voucher,
)
from omzien.common.dates import months_ago, start_of_day
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by, audit_log
from omzien.privacy.constants import ANONYMOUS_NAME, AuditAction

# The personal fields of an application and what they become.
ERASED = {
    "first_name": ANONYMOUS_NAME,
    "last_name": "",
    "date_of_birth": None,
    "email": "",
    "phone": "",
    "street": "",
    "house_number": "",
    "postcode": "",
    "town": "",
    "helper_name": "",
    "recipient_initials": "",
    "recipient_date_of_birth": None,
    "recipient_postcode": "",
    "recipient_house_number": "",
    "iban": "",
    "account_holder": "",
    "objection": "",
    "decision_note": "",
    "payment_failure": "",
    "caregiver": None,
    "applicant": None,
}
# Statuses an application may still leave: its round's financial record is not complete.
OPEN = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.WAITING_LIST,
    ApplicationStatus.GRANTED,
    ApplicationStatus.OBJECTED,
    ApplicationStatus.PAYMENT_FAILED,
)


def erase_personal_details(application: Application, *, actor: Actor, reason: str) -> None:
    """Blank the personal details of a locked application, its payments and its status log
    (notes, and the applicant's own account as actor); keep the financial record."""
    ApplicationTransition.objects.filter(application=application).exclude(note="").update(note="")
    if application.applicant_id is not None:
        ApplicationTransition.objects.filter(
            application=application, actor_id=application.applicant_id
        ).update(actor=None)
    for name, value in ERASED.items():
        setattr(application, name, value)
    application.personal_data_removed_at = timezone.now()
    application.save(update_fields=[*ERASED, "personal_data_removed_at", "updated_at"])
    Payment.objects.filter(application=application).update(
        iban="", account_holder="", failure_reason=""
    )
    audit_by(AuditAction.DELETE, application, actor, reason=reason)


def personal_due(round: Round, today: datetime.date):
    """The applications of ``round`` whose personal details are past their period."""
    cutoff = months_ago(today, round.personal_retention_months)
    before = start_of_day(cutoff + datetime.timedelta(days=1))
    paid = Exists(
        Payment.objects.filter(
            application=OuterRef("pk"), status=constants.PaymentStatus.PAID, paid_on__lte=cutoff
        )
    ) | Exists(Voucher.objects.filter(application=OuterRef("pk"), issued_at__lt=before))
    return (
        Application.objects.filter(round=round, personal_data_removed_at__isnull=True)
        .annotate(decided=Coalesce("decided_at", "updated_at"))
        .filter(
            Q(status=ApplicationStatus.PAID, pk__in=Application.objects.filter(paid).values("pk"))
            | Q(
                status__in=(ApplicationStatus.REFUSED, ApplicationStatus.WITHDRAWN),
                decided__lt=before,
            )
        )
    )


def last_financial_day(round: Round) -> datetime.date:
    """The round's last payment, voucher or decision: its fiscal period runs from there."""
    days = [Payment.objects.filter(batch__round=round).aggregate(d=Max("paid_on"))["d"]]
    for value in (
        Voucher.objects.filter(application__round=round).aggregate(d=Max("issued_at"))["d"],
        Application.objects.filter(round=round).aggregate(d=Max("decided_at"))["d"],
    ):
        if value is not None:
            days.append(timezone.localtime(value).date())
    # A round where nothing was paid or decided (every application withdrawn): its close.
    return max((d for d in days if d is not None), default=round.closes_on)


def financial_due(round: Round, today: datetime.date) -> bool:
    if not Application.objects.filter(round=round).exists():
        return False
    if Application.objects.filter(round=round, status__in=OPEN).exists():
        return False
    if Payment.objects.filter(batch__round=round, status=constants.PaymentStatus.IN_BATCH).exists():
        return False
    return last_financial_day(round) <= months_ago(today, 12 * round.financial_retention_years)


def delete_financial_record(round: Round) -> int:
    """Delete the round's payments, vouchers, applications (with their logs) and batches
    together. Returns how many applications went."""
    with transaction.atomic():
        Round.objects.select_for_update().get(pk=round.pk)
        Payment.objects.filter(batch__round=round).delete()
        Voucher.objects.filter(application__round=round).delete()
        _total, per_model = Application.objects.filter(round=round).delete()
        deleted = per_model.get(Application._meta.label, 0)
        PaymentBatch.objects.filter(round=round).delete()
        audit_log(
            action=AuditAction.DELETE,
            obj=round,
            reason="retention: financial record",
            extra={"applications": deleted},
        )
    return deleted


def apply_retention(today: datetime.date | None = None) -> dict[str, int]:
    """Apply both periods to every round. Returns how many applications lost their personal
    details (``personal``) and how many were deleted with their financial record
    (``financial``)."""
    today = today or timezone.localdate()
    counts = {"personal": 0, "financial": 0}
    for round in Round.objects.order_by("pk"):
        if financial_due(round, today):
            counts["financial"] += delete_financial_record(round)
            continue
        due = personal_due(round, today)
        for pk in list(due.order_by("pk").values_list("pk", flat=True)):
            with transaction.atomic():
                # Checked again under the lock: staff may just have changed the application.
                application = due.select_for_update(of=("self",)).filter(pk=pk).first()
                if application is None:
                    continue
                erase_personal_details(application, actor=Actor(), reason="retention")
            counts["personal"] += 1
    return counts


def appreciation_apply_retention() -> int:
    """The privacy.retention rule: how many applications were handled."""
    return sum(apply_retention().values())
