"""Payment batches: every granted transfer paid exactly once, also under retried and
concurrent requests; sent, paid, failed and paid again in a new batch."""

import datetime
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application, Payment, PaymentBatch
from omzien.appreciation.services.payments import (
    create_batch,
    mark_paid,
    mark_sent,
    pay_again,
    record_failure,
)
from omzien.appreciation.tests.factories import ApplicationFactory, RoundFactory
from omzien.common.services import Actor, EditConflict
from omzien.common.tests.workflows import workflow_field_writes
from omzien.privacy.models import AuditEvent

PAID_ON = datetime.date(2026, 11, 20)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer at a time: two batches at once need PostgreSQL's row locks",
)


@pytest.fixture
def officer(make_member, heerde):
    """An appreciation officer of Heerde."""
    return make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)


@pytest.fixture
def staff(officer):
    return Actor(user=officer)


@pytest.fixture
def round_(heerde):
    return RoundFactory(municipality=heerde)


def granted(round_, **kwargs):
    kwargs.setdefault("amount", Decimal("100.00"))
    return ApplicationFactory(round=round_, status=ApplicationStatus.GRANTED, **kwargs)


@pytest.mark.django_db
def test_a_batch_takes_every_granted_transfer_and_nothing_else(round_, staff, heerde):
    paid_now = [granted(round_), granted(round_, amount=Decimal("75.50"))]
    granted(round_, amount=Decimal("0"))  # nothing to pay
    granted(round_, form=constants.AppreciationForm.VOUCHER, iban="")
    ApplicationFactory(round=round_, status=ApplicationStatus.SUBMITTED, amount=Decimal("100"))
    ApplicationFactory(round=round_, status=ApplicationStatus.REFUSED, amount=Decimal("100"))
    granted(RoundFactory(municipality=heerde))  # another round

    batch = create_batch(round=round_, actor=staff)

    assert (batch.number, batch.status, batch.count) == (1, constants.BatchStatus.DRAFT, 2)
    assert batch.total == Decimal("175.50")
    assert batch.message_id == f"OMZ-{heerde.pk}-{round_.pk}-1"
    payments = list(batch.payments.order_by("application_id"))
    assert [p.application for p in payments] == paid_now
    assert [p.iban for p in payments] == [a.iban for a in paid_now]
    assert [p.account_holder for p in payments] == [a.account_holder for a in paid_now]
    assert len({p.end_to_end_id for p in payments}) == 2
    assert AuditEvent.objects.filter(
        action="create", object_type="appreciation.paymentbatch", object_id=str(batch.pk)
    ).exists()

    with pytest.raises(ValidationError) as refused:
        create_batch(round=round_, actor=staff)
    assert refused.value.code == "nothing_to_pay"

    later = granted(round_)
    second = create_batch(round=round_, actor=staff)
    assert (second.number, second.count) == (2, 1)
    assert second.payments.get().application == later


@pytest.mark.django_db
def test_a_retried_request_gets_the_same_batch(round_, staff):
    granted(round_)
    first = create_batch(round=round_, actor=staff, request_key="k-1")
    granted(round_)
    again = create_batch(round=round_, actor=staff, request_key="k-1")
    assert again == first
    assert again.count == 1
    assert PaymentBatch.objects.count() == 1
    assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_payment_of_an_application(round_, staff):
    application = granted(round_)
    batch = create_batch(round=round_, actor=staff)
    other = PaymentBatch.objects.create(
        municipality=round_.municipality,
        round=round_,
        number=9,
        message_id="OMZ-X",
        execution_date=round_.payment_on,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            batch=other, application=application, amount=Decimal("1"), end_to_end_id="OMZ-Y"
        )
    assert Payment.objects.filter(application=application).count() == 1
    assert batch.payments.count() == 1


@pytest.mark.django_db
def test_only_staff_of_the_municipality_make_and_handle_batches(
    round_, staff, make_member, heerde, dalfsen
):
    granted(round_)
    others = [
        Actor(user=make_member(Role.APPRECIATION_OFFICER, dalfsen)),
        Actor(user=make_member(Role.MUNICIPALITY_ADMIN, heerde)),
        Actor(),
    ]
    for actor in others:
        with pytest.raises(PermissionDenied):
            create_batch(round=round_, actor=actor)
    assert not PaymentBatch.objects.exists()
    batch = create_batch(round=round_, actor=Actor(user=make_member(Role.CONSULTANT, heerde)))
    for actor in others:
        with pytest.raises(PermissionDenied):
            mark_sent(batch=batch, actor=actor)
        with pytest.raises(PermissionDenied):
            record_failure(payment=batch.payments.get(), reason="IBAN onjuist", actor=actor)
    batch.refresh_from_db()
    assert batch.status == constants.BatchStatus.DRAFT


@pytest.mark.django_db
def test_sent_then_paid_pays_every_payment_and_application(round_, staff):
    applications = [granted(round_) for _ in range(3)]
    batch = create_batch(round=round_, actor=staff)
    with pytest.raises(ValidationError) as early:
        mark_paid(batch=batch, actor=staff, paid_on=PAID_ON)
    assert early.value.code == "batch_not_sent"

    mark_sent(batch=batch, actor=staff)
    with pytest.raises(ValidationError) as twice:
        mark_sent(batch=batch, actor=staff)
    assert twice.value.code == "batch_not_draft"
    batch = mark_paid(batch=batch, actor=staff, paid_on=PAID_ON)

    assert batch.status == constants.BatchStatus.PAID and batch.sent_at and batch.paid_at
    assert set(batch.payments.values_list("status", "paid_on")) == {
        (constants.PaymentStatus.PAID, PAID_ON)
    }
    for application in applications:
        application.refresh_from_db()
        assert application.status == ApplicationStatus.PAID
        last = application.transitions.last()
        assert (last.from_status, last.to_status, last.actor) == (
            ApplicationStatus.GRANTED,
            ApplicationStatus.PAID,
            staff.user,
        )
    assert AuditEvent.objects.filter(
        object_type="appreciation.paymentbatch", reason="status sent -> paid"
    ).exists()


@pytest.mark.django_db
def test_a_failed_payment_goes_back_and_is_paid_in_a_new_batch(round_, staff):
    application = granted(round_)
    kept = granted(round_)
    batch = create_batch(round=round_, actor=staff)
    payment = batch.payments.get(application=application)
    with pytest.raises(ValidationError) as draft:
        record_failure(payment=payment, reason="IBAN onbekend", actor=staff)
    assert draft.value.code == "batch_not_sent"
    mark_sent(batch=batch, actor=staff)
    with pytest.raises(ValidationError):
        record_failure(payment=payment, reason="  ", actor=staff)

    record_failure(payment=payment, reason="IBAN onbekend bij de bank", actor=staff)

    payment.refresh_from_db()
    application.refresh_from_db()
    assert (payment.status, payment.failure_reason) == (
        constants.PaymentStatus.FAILED,
        "IBAN onbekend bij de bank",
    )
    assert application.status == ApplicationStatus.PAYMENT_FAILED
    assert application.payment_failure == "IBAN onbekend bij de bank"
    assert application.transitions.last().note == "IBAN onbekend bij de bank"
    with pytest.raises(ValidationError) as again:
        record_failure(payment=payment, reason="nogmaals", actor=staff)
    assert again.value.code == "already_failed"

    mark_paid(batch=batch, actor=staff, paid_on=PAID_ON)
    payment.refresh_from_db()
    assert payment.status == constants.PaymentStatus.FAILED  # a failed payment stays failed
    kept.refresh_from_db()
    assert kept.status == ApplicationStatus.PAID

    # Staff correct the account and pay again: the same decision goes into a new batch.
    application = Application.objects.get(pk=application.pk)
    decided_at = application.decided_at
    with pytest.raises(ValidationError) as paid:
        pay_again(application=kept, actor=staff, version=kept.version)
    assert paid.value.code == "stale"  # only a returned payment is paid again
    with pytest.raises(EditConflict):
        pay_again(application=application, actor=staff, version=application.version - 1)
    Application.objects.filter(pk=application.pk).update(iban="NL20INGB0001234567")
    pay_again(application=application, actor=staff, version=application.version)
    application.refresh_from_db()
    assert (application.status, application.payment_failure) == (ApplicationStatus.GRANTED, "")
    assert application.decided_at == decided_at
    last = application.transitions.last()
    assert (last.from_status, last.to_status) == (
        ApplicationStatus.PAYMENT_FAILED,
        ApplicationStatus.GRANTED,
    )
    second = create_batch(round=round_, actor=staff)
    new_payment = second.payments.get()
    assert new_payment.application == application
    assert new_payment.iban == "NL20INGB0001234567"
    assert new_payment.end_to_end_id != payment.end_to_end_id
    assert Payment.objects.filter(application=application).count() == 2


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_batches_at_once_pay_each_application_once(heerde, officer):
    round_ = RoundFactory(municipality=heerde)
    applications = [granted(round_) for _ in range(20)]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def make():
        try:
            barrier.wait(timeout=10)
            results.append(create_batch(round=round_, actor=Actor(user=officer)))
        except ValidationError as error:
            errors.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=make) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(results) == 1
    assert errors == ["nothing_to_pay"]
    assert Payment.objects.count() == len(applications)
    assert sorted(Payment.objects.values_list("application_id", flat=True)) == sorted(
        a.pk for a in applications
    )


def test_only_the_workflows_write_a_status():
    """Application, batch and payment statuses change through workflows.py only."""
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {"status"}) == []


@pytest.mark.django_db
def test_an_application_whose_details_were_removed_is_not_paid(round_, staff):
    granted(round_, iban="", account_holder="", personal_data_removed_at=timezone.now())
    with pytest.raises(ValidationError) as refused:
        create_batch(round=round_, actor=staff)
    assert refused.value.code == "nothing_to_pay"


@pytest.mark.django_db
def test_paying_a_batch_takes_the_same_queries_for_five_times_the_payments(
    round_, staff, monkeypatch
):
    """Marking a batch paid is done in bulk: chunks of rows, not a query per payment; with the
    chunks larger than the batch, the same number of queries at 3 and at 15 payments."""
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    from omzien.appreciation.services import payments as service

    monkeypatch.setattr(service, "CHUNK", 1000)

    def pay(n: int) -> int:
        fresh = RoundFactory(municipality=round_.municipality)
        for _ in range(n):
            granted(fresh)
        batch = create_batch(round=fresh, actor=staff)
        mark_sent(batch=batch, actor=staff)
        with CaptureQueriesContext(db) as ctx:
            mark_paid(batch=batch, actor=staff, paid_on=PAID_ON)
        assert set(batch.payments.values_list("status", flat=True)) == {
            constants.PaymentStatus.PAID
        }
        assert Application.objects.filter(round=fresh, status=ApplicationStatus.PAID).count() == n
        return len(ctx.captured_queries)

    assert pay(3) == pay(15)
    # Each application's step is logged and audited, the batch once, the payments not singly.
    assert AuditEvent.objects.filter(reason="status granted -> paid").count() == 18


@pytest.mark.django_db
def test_a_repeated_paid_click_marks_nothing_twice(round_, staff):
    granted(round_)
    batch = create_batch(round=round_, actor=staff)
    mark_sent(batch=batch, actor=staff)
    mark_paid(batch=batch, actor=staff, paid_on=PAID_ON)
    with pytest.raises(ValidationError) as again:
        mark_paid(batch=batch, actor=staff, paid_on=PAID_ON)
    assert again.value.code == "batch_not_sent"
    application = Application.objects.get(round=round_)
    assert application.transitions.filter(to_status=ApplicationStatus.PAID).count() == 1


@pytest.mark.django_db
def test_paying_refuses_the_whole_batch_when_an_application_cannot_be_paid(round_, staff):
    first, objected = granted(round_), granted(round_)
    batch = create_batch(round=round_, actor=staff)
    mark_sent(batch=batch, actor=staff)
    Application.objects.filter(pk=objected.pk).update(status=ApplicationStatus.OBJECTED)
    with pytest.raises(ValidationError) as refused:
        mark_paid(batch=batch, actor=staff, paid_on=PAID_ON)
    assert refused.value.code == "not_allowed"
    first.refresh_from_db()
    assert first.status == ApplicationStatus.GRANTED
    assert set(batch.payments.values_list("status", flat=True)) == {
        constants.PaymentStatus.IN_BATCH
    }
