"""Retention: the personal details go after the round's period after payment or decision; the
financial record (amount, date, batch) stays for the fiscal period, then goes as a whole."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application, Payment, PaymentBatch, Round, Voucher
from omzien.appreciation.services.payments import create_batch, mark_paid, mark_sent
from omzien.appreciation.services.retention import (
    apply_retention,
    appreciation_apply_retention,
)
from omzien.appreciation.services.vouchers import issue_vouchers
from omzien.appreciation.tests.factories import ApplicationFactory, RoundFactory
from omzien.common.dates import add_months, start_of_day
from omzien.common.services import Actor
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db
PAID_ON = datetime.date(2026, 11, 20)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def staff(make_member, heerde):
    return Actor(user=make_member(Role.APPRECIATION_OFFICER, heerde, totp=True))


def paid_round(heerde, staff, **round_kwargs):
    round_ = RoundFactory(municipality=heerde, **round_kwargs)
    application = ApplicationFactory(
        round=round_,
        status=ApplicationStatus.GRANTED,
        amount=Decimal("100.00"),
        first_name="Truus",
        last_name="Zwaluw",
        phone="0612345678",
        objection="Ik wil meer",
        decision_note="Gebeld met Truus",
    )
    batch = create_batch(round=round_, actor=staff)
    mark_sent(batch=batch, actor=staff)
    mark_paid(batch=batch, actor=staff, paid_on=PAID_ON)
    application.refresh_from_db()
    return round_, application, batch


def test_personal_details_go_after_the_period_and_the_financial_record_stays(heerde, staff):
    round_, application, batch = paid_round(heerde, staff, personal_retention_months=12)
    decided = start_of_day(datetime.date(2026, 3, 1))
    refused = ApplicationFactory(round=round_, status=ApplicationStatus.REFUSED, decided_at=decided)
    waiting = ApplicationFactory(round=round_, status=ApplicationStatus.SUBMITTED)
    before = {a.pk: (a.first_name, a.iban) for a in (application, waiting)}
    due_on = add_months(PAID_ON, 12)

    assert apply_retention(today=due_on - DAY) == {"personal": 1, "financial": 0}
    refused.refresh_from_db()
    assert refused.personal_data_removed_at is not None  # decided in March: due earlier
    application.refresh_from_db()
    assert (application.first_name, application.iban) == before[application.pk]
    assert application.personal_data_removed_at is None

    assert apply_retention(today=due_on) == {"personal": 1, "financial": 0}

    application.refresh_from_db()
    assert application.personal_data_removed_at is not None
    assert (application.first_name, application.last_name) == (ANONYMOUS_NAME, "")
    assert application.date_of_birth is None and application.recipient_date_of_birth is None
    for field in ("email", "phone", "street", "postcode", "iban", "account_holder"):
        assert getattr(application, field) == "", field
    assert (application.objection, application.decision_note) == ("", "")
    # The financial record stays.
    assert (application.status, application.amount) == (ApplicationStatus.PAID, Decimal("100.00"))
    assert application.number.startswith("MW-")
    payment = Payment.objects.get(application=application)
    assert (payment.iban, payment.account_holder) == ("", "")
    assert (payment.amount, payment.paid_on, payment.batch) == (Decimal("100.00"), PAID_ON, batch)
    assert application.transitions.filter(to_status=ApplicationStatus.PAID).exists()
    waiting.refresh_from_db()
    assert (waiting.first_name, waiting.iban) == before[waiting.pk]
    assert AuditEvent.objects.filter(
        action="delete", object_id=str(application.pk), reason="retention"
    ).exists()
    assert apply_retention(today=due_on) == {"personal": 0, "financial": 0}


def test_a_voucher_counts_from_its_issue_date(heerde, staff):
    round_ = RoundFactory(municipality=heerde, personal_retention_months=6)
    application = ApplicationFactory(
        round=round_,
        status=ApplicationStatus.GRANTED,
        form=constants.AppreciationForm.VOUCHER,
        amount=Decimal("25"),
        iban="",
    )
    issue_vouchers(round=round_, actor=staff)
    issued = timezone.localdate(Voucher.objects.get().issued_at)
    due = add_months(issued, 6)
    assert apply_retention(today=due - DAY)["personal"] == 0
    # From a month's last days six months on is a short month's end (31 Aug: 28 Feb), and the
    # rule counts back from today (28 Feb: 28 Aug): then it is the day after.
    assert apply_retention(today=due if issued.day <= 28 else due + DAY)["personal"] == 1
    application.refresh_from_db()
    assert application.personal_data_removed_at is not None
    assert Voucher.objects.get().value == Decimal("25.00")


def test_the_financial_record_goes_as_a_whole_after_the_fiscal_period(heerde, staff):
    round_, application, batch = paid_round(heerde, staff, financial_retention_years=7)
    other, kept, _batch = paid_round(heerde, staff, financial_retention_years=10)
    due_on = add_months(PAID_ON, 7 * 12)

    assert apply_retention(today=due_on - DAY)["financial"] == 0
    assert Application.objects.filter(pk=application.pk).exists()

    assert apply_retention(today=due_on)["financial"] == 1

    assert not Application.objects.filter(round=round_).exists()
    assert not Payment.objects.filter(batch__round=round_).exists()
    assert not PaymentBatch.objects.filter(round=round_).exists()
    assert Round.objects.filter(pk=round_.pk).exists()  # the settings stay
    assert Application.objects.filter(pk=kept.pk).exists()  # ten years for this round
    assert PaymentBatch.objects.filter(round=other).exists()


def test_an_open_application_keeps_the_round_financial_record(heerde, staff):
    round_, application, _batch = paid_round(heerde, staff)
    ApplicationFactory(round=round_, status=ApplicationStatus.OBJECTED)
    assert apply_retention(today=add_months(PAID_ON, 20 * 12))["financial"] == 0
    assert Application.objects.filter(pk=application.pk).exists()


def test_the_rule_counts_what_it_handled(heerde, staff):
    paid_round(heerde, staff, personal_retention_months=1)
    # The rule runs on today's date: the payment in November 2026 is not due yet today.
    expected = 1 if timezone.localdate() >= add_months(PAID_ON, 1) else 0
    assert appreciation_apply_retention() == expected
