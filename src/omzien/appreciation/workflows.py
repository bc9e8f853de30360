"""The status workflows of an application, a payment batch and a payment, on the shared
workflow abstraction.

Staff (consultants and appreciation officers of the municipality) decide; the applicant may
withdraw an open application and object to a decision within the round's period; the system
moves granted applications to paid when their batch is paid, and a waiting-list application to
granted when budget comes free. A failed payment goes back to staff, who correct the account
and grant again, so it can go into a new batch.
"""

from django.utils.translation import gettext_lazy as _

from omzien.appreciation.constants import ApplicationStatus, BatchStatus, PaymentStatus
from omzien.appreciation.models import Application, ApplicationTransition, Payment, PaymentBatch
from omzien.appreciation.permissions import staff_of
from omzien.common.workflow import SYSTEM, Step, Workflow

STAFF = "staff"  # a consultant or appreciation officer of the application's municipality
APPLICANT = "applicant"  # the resident whose account applied

__all__ = ["APPLICANT", "APPLICATION", "BATCH", "PAYMENT", "STAFF", "SYSTEM"]


def _staff_of_application(application: Application, user) -> bool:
    return staff_of(application.municipality_id, user)


def _applicant(application: Application, user) -> bool:
    return application.applicant_id is not None and application.applicant_id == user.pk


APPLICATION = Workflow(
    model=Application,
    log=ApplicationTransition,
    parties={STAFF: _staff_of_application, APPLICANT: _applicant},
    steps=[
        Step(ApplicationStatus.SUBMITTED, ApplicationStatus.GRANTED, (STAFF, SYSTEM), _("Grant")),
        Step(ApplicationStatus.SUBMITTED, ApplicationStatus.REFUSED, STAFF, _("Refuse")),
        Step(
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.WAITING_LIST,
            (STAFF, SYSTEM),
            _("Put on the waiting list"),
        ),
        Step(
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.WITHDRAWN,
            (STAFF, APPLICANT),
            _("Withdraw"),
        ),
        Step(
            ApplicationStatus.WAITING_LIST, ApplicationStatus.GRANTED, (STAFF, SYSTEM), _("Grant")
        ),
        Step(ApplicationStatus.WAITING_LIST, ApplicationStatus.REFUSED, STAFF, _("Refuse")),
        Step(
            ApplicationStatus.WAITING_LIST,
            ApplicationStatus.WITHDRAWN,
            (STAFF, APPLICANT),
            _("Withdraw"),
        ),
        Step(
            ApplicationStatus.GRANTED,
            ApplicationStatus.OBJECTED,
            (STAFF, APPLICANT),
            _("Lodge an objection"),
        ),
        Step(
            ApplicationStatus.REFUSED,
            ApplicationStatus.OBJECTED,
            (STAFF, APPLICANT),
            _("Lodge an objection"),
        ),
        Step(
            ApplicationStatus.OBJECTED,
            ApplicationStatus.GRANTED,
            STAFF,
            _("Grant after objection"),
            note_required=True,
        ),
        Step(
            ApplicationStatus.OBJECTED,
            ApplicationStatus.REFUSED,
            STAFF,
            _("Uphold the refusal"),
            note_required=True,
        ),
        Step(ApplicationStatus.GRANTED, ApplicationStatus.PAID, (STAFF, SYSTEM), _("Mark paid")),
        Step(
            ApplicationStatus.GRANTED,
            ApplicationStatus.PAYMENT_FAILED,
            STAFF,
            _("Payment failed"),
            note_required=True,
        ),
        Step(
            ApplicationStatus.PAID,
            ApplicationStatus.PAYMENT_FAILED,
            STAFF,
            _("Payment failed"),
            note_required=True,
        ),
        Step(ApplicationStatus.PAYMENT_FAILED, ApplicationStatus.GRANTED, STAFF, _("Pay again")),
    ],
    refused=_("An application that is “%(from)s” cannot become “%(to)s”."),
    stale=_(
        "Someone else already decided this application: it is now “%(status)s”. "
        "Nothing was changed."
    ),
)


# A batch is prepared, sent to the bank and paid; its payments are paid with it or fail one by
# one when the bank returns them. Only staff of the municipality handle money. The application
# log and the audit trail record these steps; batches and payments keep no log of their own.
BATCH = Workflow(
    model=PaymentBatch,
    parties={STAFF: lambda batch, user: staff_of(batch.municipality_id, user)},
    steps=[
        Step(BatchStatus.DRAFT, BatchStatus.SENT, STAFF, _("Mark sent to the bank")),
        Step(BatchStatus.SENT, BatchStatus.PAID, STAFF, _("Mark paid")),
    ],
    refused=_("A payment batch that is “%(from)s” cannot become “%(to)s”."),
)

PAYMENT = Workflow(
    model=Payment,
    parties={STAFF: lambda payment, user: staff_of(payment.batch.municipality_id, user)},
    steps=[
        Step(PaymentStatus.IN_BATCH, PaymentStatus.PAID, STAFF, _("Mark paid")),
        Step(
            PaymentStatus.IN_BATCH,
            PaymentStatus.FAILED,
            STAFF,
            _("Payment failed"),
            note_required=True,
        ),
        Step(
            PaymentStatus.PAID, PaymentStatus.FAILED, STAFF, _("Payment failed"), note_required=True
        ),
    ],
    refused=_("A payment that is “%(from)s” cannot become “%(to)s”."),
)
