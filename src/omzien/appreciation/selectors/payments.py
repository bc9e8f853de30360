"""Reading a round's payment batches and payments for the staff who pay them. The pages name
applicants, so each page of payments read is audited with the applications it shows."""

from django.core.paginator import Page, Paginator
from django.shortcuts import get_object_or_404

from omzien.appreciation import constants
from omzien.appreciation.models import Payment, PaymentBatch, Round
from omzien.appreciation.services.payments import unpaid_applications
from omzien.common.services import Actor
from omzien.privacy.audit import audit_read


def masked(iban: str) -> str:
    """An account number with all but the country code and the last four characters hidden
    (as ``Application.masked_iban``): the payment's own, which is what was paid."""
    if not iban:
        return ""
    return f"{iban[:2]}{'•' * 2} {'•' * 4} … {iban[-4:]}"


def batch_list(round: Round):
    return PaymentBatch.objects.filter(round=round).order_by("-number")


def batch_get(round: Round, number: int) -> PaymentBatch:
    """A batch of ``round`` (already checked to be the user's) by its number, or 404."""
    return get_object_or_404(
        PaymentBatch.objects.select_related("round"), round=round, number=number
    )


def payment_page(*, batch: PaymentBatch, actor: Actor, page_number, per_page: int) -> Page:
    """One page of the batch's payments, in the order of the file; the read is audited."""
    payments = batch.payments.select_related("application").order_by("pk")
    page = Paginator(payments, per_page).get_page(page_number)
    for payment in page.object_list:
        payment.masked_iban = masked(payment.iban)
    audit_read(
        actor,
        reason="payment batch",
        shown=[p.application for p in page.object_list],
        municipalities=[batch.municipality],
        extra={"batch": batch.pk, "page": page.number},
    )
    return page


def payment_get(batch: PaymentBatch, pk: int) -> Payment:
    return get_object_or_404(batch.payments.select_related("application"), pk=pk)


def not_paid(*, round: Round, actor: Actor) -> list[Payment]:
    """The round's payments the bank returned whose application was not paid since: who, and
    why. The read is audited."""
    failed = list(
        Payment.objects.filter(
            batch__round=round,
            status=constants.PaymentStatus.FAILED,
            application__status=constants.ApplicationStatus.PAYMENT_FAILED,
        )
        .select_related("application", "batch")
        .order_by("application__number", "pk")
    )
    if failed:
        audit_read(
            actor,
            reason="payments not made",
            shown=[p.application for p in failed],
            municipalities=[round.municipality],
        )
    return failed


def waiting_count(round: Round) -> int:
    """How many granted transfers the next batch pays."""
    return unpaid_applications(round).count()
