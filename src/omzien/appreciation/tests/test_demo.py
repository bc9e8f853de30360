"""The demo round as it stands some weeks after its payment day: decided, written to, paid (one
transfer back from the bank), vouchers issued and spent, and the recent work still waiting.

The round's dates are moved so that the payment day lies behind, whatever day the test runs."""

import datetime

import pytest
from django.utils import timezone

from omzien.accounts.constants import ContactChannel, Role
from omzien.appreciation import constants, demo
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application, Letter, PaymentBatch, Round, Voucher
from omzien.appreciation.selectors.applications import awaiting_letter, to_pay
from omzien.demo.moments import office_hours
from omzien.tenants.tests.factories import LocalityFactory, PostcodeFactory
from omzien.testing.demo import in_writing_order

pytestmark = pytest.mark.django_db

PAID_DAYS_AGO = 20


@pytest.fixture
def settled(heerde, dalfsen, make_member):
    """The demo rounds of both municipalities, opened 300 days ago and paid 20 days ago."""
    for municipality, pc4 in ((heerde, "8181"), (dalfsen, "7721")):
        for role in (Role.MUNICIPALITY_ADMIN, Role.CONSULTANT, Role.APPRECIATION_OFFICER):
            make_member(role, municipality)
        PostcodeFactory(
            code=pc4, locality=LocalityFactory(municipality=municipality, name=municipality.name)
        )
    demo.load()
    today = timezone.localdate()
    Round.objects.update(
        opens_on=today - datetime.timedelta(days=300),
        closes_on=today + datetime.timedelta(days=30),
        payment_on=today - datetime.timedelta(days=PAID_DAYS_AGO),
    )
    demo.load_applications()
    return today


def test_decisions_come_some_days_after_the_application_and_the_recent_ones_wait(settled):
    today = settled
    for application in Application.objects.prefetch_related("transitions"):
        log = in_writing_order(application.transitions.all())
        days = [timezone.localdate(row.created_at) for row in log]
        assert days == sorted(days) and days[-1] <= today, application.number
        assert days[0] == application.received_on
        waited = (today - application.received_on).days
        if application.status == ApplicationStatus.SUBMITTED and not application.sampled:
            assert waited <= demo.WAIT_DAYS
        elif application.decided_at:
            decided = timezone.localdate(application.decided_at)
            assert decided == days[1] and decided > application.received_on
            assert application.objection_until == decided + datetime.timedelta(
                days=application.round.objection_days
            )
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {ApplicationStatus.SUBMITTED, ApplicationStatus.REFUSED} <= statuses


def test_every_decision_has_its_letter_and_the_recent_paper_ones_wait_to_be_printed(settled):
    today = settled
    assert not Application.objects.filter(awaiting_letter()).exists()
    letters = Letter.objects.select_related("application")
    assert {letter.channel for letter in letters} == {ContactChannel.EMAIL, ContactChannel.POST}
    recent = office_hours(today - datetime.timedelta(days=demo.PRINT_DAYS))
    for letter in letters:
        assert letter.created_at == letter.decided_at == letter.application.decided_at
        if letter.channel == ContactChannel.POST:
            assert (letter.printed_at is None) == (letter.decided_at >= recent)
            if letter.printed_at:
                assert letter.printed_at == letter.decided_at + datetime.timedelta(days=1)


def test_the_payment_run_paid_what_was_granted_in_time_and_the_bank_returned_one(settled, heerde):
    today = settled
    payment_on = today - datetime.timedelta(days=PAID_DAYS_AGO)
    run_on = payment_on - datetime.timedelta(days=demo.BATCH_DAYS)
    batch = PaymentBatch.objects.get(municipality=heerde)
    assert (batch.status, batch.execution_date) == (constants.BatchStatus.PAID, payment_on)
    assert timezone.localdate(batch.created_at) == run_on
    assert timezone.localdate(batch.sent_at) == run_on + datetime.timedelta(days=1)
    assert timezone.localdate(batch.paid_at) == payment_on
    payments = list(batch.payments.select_related("application"))
    assert len(payments) == batch.count > 1
    returned = [p for p in payments if p.status == constants.PaymentStatus.FAILED]
    assert len(returned) == 1 and returned[0].failure_reason == demo.RETURNED
    assert returned[0].application.status == ApplicationStatus.PAYMENT_FAILED
    for payment in payments:
        assert timezone.localdate(payment.application.decided_at) <= run_on
        if payment.status == constants.PaymentStatus.PAID:
            assert payment.application.status == ApplicationStatus.PAID
            assert payment.paid_on == payment_on
    # What was granted after the run waits for the next one.
    waiting = Application.objects.filter(to_pay(), municipality=heerde)
    assert waiting.exists()
    assert all(timezone.localdate(a.decided_at) > run_on for a in waiting)


def test_vouchers_were_issued_before_the_payment_day_and_half_were_spent(settled, dalfsen):
    today = settled
    issued_on = today - datetime.timedelta(days=PAID_DAYS_AGO + demo.BATCH_DAYS)
    vouchers = list(Voucher.objects.select_related("application", "redeemed_at_shop"))
    assert vouchers
    assert {v.application.municipality_id for v in vouchers} == {dalfsen.pk}
    spent = [v for v in vouchers if v.redeemed_at]
    assert 0 < len(spent) < len(vouchers)
    for voucher in vouchers:
        assert timezone.localdate(voucher.issued_at) == issued_on
        assert voucher.application.status == ApplicationStatus.PAID
        assert timezone.localdate(voucher.application.decided_at) <= issued_on
    for voucher in spent:
        assert voucher.redeemed_at_shop.name == demo.SHOPS["dalfsen"]
        assert issued_on < timezone.localdate(voucher.redeemed_at) < today
    # Granted since: vouchers still to issue.
    assert Application.objects.filter(
        municipality=dalfsen,
        status=ApplicationStatus.GRANTED,
        form=constants.AppreciationForm.VOUCHER,
    ).exists()
