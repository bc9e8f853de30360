"""Payment batches: granted bank transfers paid exactly once.

``create_batch`` takes every granted bank-transfer application of a round that is not in a
payment that has not failed, and puts it in a new batch in one transaction. Two requests at
once are serialised by the lock on the round: the second finds the applications already in
the first one's batch and has nothing to pay. The partial unique constraint on ``Payment``
(an application in at most one payment that has not failed) is the last guard: should a
write ever pass the lock, the database refuses the second payment and nothing of that batch
is stored. A retried request carries the same ``request_key`` and gets the batch it made.

A batch goes draft -> sent -> paid. When it is paid every payment in it is paid and its
application moves to paid through the application workflow. A payment the bank returns
(a wrong IBAN) fails: its application goes back to staff as "payment failed" with the reason;
granted again, it goes into a new batch (its failed payment no longer counts).
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application, Payment, PaymentBatch, Round
from omzien.appreciation.permissions import staff_of
from omzien.appreciation.selectors.applications import to_pay
from omzien.appreciation.sepa import payment_file_bytes
from omzien.appreciation.workflows import APPLICATION, BATCH, PAYMENT
from omzien.common.services import Actor, check_version
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

# Rows locked and read per query when a batch of thousands is paid.
CHUNK = 500


def require_staff(municipality_id: int, actor: Actor) -> None:
    """Only a consultant or appreciation officer of the municipality handles its money."""
    user = actor.authenticated_user
    if user is None or not staff_of(municipality_id, user):
        raise PermissionDenied


def unpaid_applications(round: Round):
    """The round's granted bank transfers with an amount that are in no payment that has
    not failed: what the next batch pays."""
    return Application.objects.filter(to_pay(), round=round)


def create_batch(*, round: Round, actor: Actor, request_key: str = "") -> PaymentBatch:
    """A new batch of every application of ``round`` that is still to be paid.

    Raises ValidationError ``nothing_to_pay`` when there is none, ``already_in_batch`` when the
    database refuses a payment (an application is already in another batch)."""
    require_staff(round.municipality_id, actor)
    request_key = (request_key or "").strip()[:64]
    try:
        with transaction.atomic():
            locked = Round.objects.select_for_update().get(pk=round.pk)
            if request_key:
                existing = PaymentBatch.objects.filter(
                    round=locked, request_key=request_key
                ).first()
                if existing is not None:
                    return existing
            applications = list(
                unpaid_applications(locked).select_for_update(of=("self",)).order_by("pk")
            )
            if not applications:
                raise ValidationError(
                    _("There is nothing to pay: every granted transfer is already in a batch."),
                    code="nothing_to_pay",
                )
            last = PaymentBatch.objects.filter(round=locked).aggregate(last=Max("number"))
            number = (last["last"] or 0) + 1
            batch = PaymentBatch.objects.create(
                municipality_id=locked.municipality_id,
                round=locked,
                number=number,
                message_id=f"OMZ-{locked.municipality_id}-{locked.pk}-{number}",
                execution_date=max(locked.payment_on, timezone.localdate()),
                created_by=actor.authenticated_user,
                request_key=request_key,
                total=sum(a.amount for a in applications),
                count=len(applications),
            )
            Payment.objects.bulk_create(
                [
                    Payment(
                        batch=batch,
                        application=application,
                        amount=application.amount,
                        iban=application.iban.replace(" ", "").upper(),
                        account_holder=(application.account_holder or application.full_name)[:70],
                        end_to_end_id=f"OMZ-{batch.pk}-{application.pk}",
                    )
                    for application in applications
                ],
                batch_size=1000,
            )
            audit_by(
                AuditAction.CREATE,
                batch,
                actor,
                reason="payment batch",
                extra={"count": batch.count, "total": str(batch.total)},
            )
            return batch
    except IntegrityError as error:
        raise ValidationError(
            _(
                "Another payment batch was made at the same time with some of these "
                "applications. Nothing was changed; look at the batches and try again."
            ),
            code="already_in_batch",
        ) from error


def payment_file(batch: PaymentBatch, actor: Actor | None = None) -> bytes:
    """The pain.001 file of the batch, the same bytes every time; a staff download
    (``actor``) is audited, as the file holds the account numbers."""
    if actor is not None:
        require_staff(batch.municipality_id, actor)
    content = payment_file_bytes(batch)
    if actor is not None:
        audit_by(AuditAction.EXPORT, batch, actor, reason="payment file")
    return content


def _lock_batch(batch: PaymentBatch) -> PaymentBatch:
    return PaymentBatch.objects.select_for_update().select_related("round").get(pk=batch.pk)


def mark_sent(*, batch: PaymentBatch, actor: Actor) -> PaymentBatch:
    """The file went to the bank: a prepared batch becomes sent."""
    require_staff(batch.municipality_id, actor)
    with transaction.atomic():
        locked = _lock_batch(batch)
        if locked.status != constants.BatchStatus.DRAFT:
            raise ValidationError(
                _("Only a prepared batch can be marked as sent to the bank."),
                code="batch_not_draft",
            )
        step, _note = BATCH.check(locked, target=constants.BatchStatus.SENT, actor=actor)
        locked.sent_at = timezone.now()
        BATCH.record(locked, step=step, actor=actor, fields=["sent_at"])
    return locked


def mark_paid(*, batch: PaymentBatch, actor: Actor, paid_on: date) -> PaymentBatch:
    """The bank paid the batch: a sent batch, its payments (on ``paid_on``) and their
    applications become paid. A payment that already failed stays failed.

    In bulk, for a batch of thousands: the payments and their applications are locked and read
    in chunks, every application's step checked, then one update per chunk of each (through
    ``record_many``), the applications' log rows and audit events inserted together, and one
    audit event for the batch. A repeated click finds the batch paid and is refused; nothing is
    marked twice."""
    require_staff(batch.municipality_id, actor)
    with transaction.atomic():
        locked = _lock_batch(batch)
        if locked.status != constants.BatchStatus.SENT:
            raise ValidationError(
                _("Only a batch sent to the bank can be marked as paid."),
                code="batch_not_sent",
            )
        batch_step, _note = BATCH.check(locked, target=constants.BatchStatus.PAID, actor=actor)
        payments = list(
            locked.payments.filter(status=constants.PaymentStatus.IN_BATCH)
            .select_for_update(of=("self",))
            .only("pk", "status", "application_id", "batch_id")
            .order_by("pk")
        )
        ids = [payment.application_id for payment in payments]
        applications = []
        for start in range(0, len(ids), CHUNK):
            applications += (
                Application.objects.select_for_update()
                .filter(pk__in=ids[start : start + CHUNK])
                .only("pk", "status", "municipality_id", "applicant_id")
                .order_by("pk")
            )
        paid_step = APPLICATION.step(ApplicationStatus.GRANTED, ApplicationStatus.PAID)
        for application in applications:
            if application.status != ApplicationStatus.GRANTED or not APPLICATION.may(
                paid_step, application, actor.user
            ):
                APPLICATION.check(
                    application, target=ApplicationStatus.PAID, actor=actor
                )  # raises its refusal
        if payments:
            payment_step, _note = PAYMENT.check(
                _in_batch(payments[0], locked), target=constants.PaymentStatus.PAID, actor=actor
            )
            now = timezone.now()
            APPLICATION.record_many(
                applications, step=paid_step, actor=actor, values={"updated_at": now}
            )
            # One audit event for the batch below; the applications' steps are audited.
            PAYMENT.record_many(
                payments, step=payment_step, actor=actor, values={"paid_on": paid_on}, audit=False
            )
        locked.paid_at = timezone.now()
        BATCH.record(locked, step=batch_step, actor=actor, fields=["paid_at"], audit=False)
        audit_by(
            AuditAction.UPDATE,
            locked,
            actor,
            reason="status sent -> paid",
            extra={"paid_on": paid_on.isoformat(), "payments": len(payments)},
        )
    return locked


def _in_batch(payment: Payment, batch: PaymentBatch) -> Payment:
    payment.batch = batch  # the workflow's party check reads the batch's municipality
    return payment


def record_failure(*, payment: Payment, reason: str, actor: Actor) -> Payment:
    """The bank returned the payment (a wrong IBAN, a closed account): the payment fails with
    the reason and its application goes back to staff as "payment failed". Staff correct the
    account and grant again; the application then goes into a new batch."""
    batch = payment.batch
    require_staff(batch.municipality_id, actor)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            {"reason": [ValidationError(_("Give the reason."), code="reason_required")]}
        )
    with transaction.atomic():
        locked = (
            Payment.objects.select_for_update(of=("self",))
            .select_related("batch")
            .get(pk=payment.pk)
        )
        if locked.batch.status == constants.BatchStatus.DRAFT:
            raise ValidationError(
                _("A payment can only fail once its batch was sent to the bank."),
                code="batch_not_sent",
            )
        if locked.status == constants.PaymentStatus.FAILED:
            raise ValidationError(
                _("This payment was already recorded as failed."), code="already_failed"
            )
        application = Application.objects.select_for_update().get(pk=locked.application_id)
        payment_step, note = PAYMENT.check(
            locked, target=constants.PaymentStatus.FAILED, actor=actor, note=reason
        )
        step, note = APPLICATION.check(
            application, target=ApplicationStatus.PAYMENT_FAILED, actor=actor, note=reason
        )
        locked.failure_reason = note
        PAYMENT.record(
            locked, step=payment_step, actor=actor, fields=["failure_reason"], audit=False
        )
        application.payment_failure = note
        APPLICATION.record(
            application,
            step=step,
            actor=actor,
            note=note,
            fields=["payment_failure", "updated_at"],
        )
        audit_by(
            AuditAction.UPDATE,
            locked,
            actor,
            municipality=locked.batch.municipality,
            reason="status -> failed",
        )
    return locked


def pay_again(*, application: Application, actor: Actor, version: int | None) -> Application:
    """After the bank returned its payment (and staff corrected the account number), the
    application is granted again as it was and goes into the next batch. It is the same
    decision: no new letter and no new objection period. Refused for an application whose
    payment did not fail, and for an edit that started from another version."""
    require_staff(application.municipality_id, actor)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        check_version(locked, version)
        step, _note = APPLICATION.check(
            locked,
            target=ApplicationStatus.GRANTED,
            actor=actor,
            expected=ApplicationStatus.PAYMENT_FAILED,
        )
        locked.payment_failure = ""
        locked.version += 1
        APPLICATION.record(
            locked, step=step, actor=actor, fields=["payment_failure", "updated_at", "version"]
        )
    return locked
