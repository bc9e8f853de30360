"""The pain.001 file of a batch: valid against the schema, summing to the batch total, and the
same bytes every time it is made."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import timezone
from sepaxml.validation import ValidationError as SchemaError

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.sepa import payment_file_bytes
from omzien.appreciation.services.payments import (
    create_batch,
    mark_sent,
    payment_file,
    record_failure,
)
from omzien.appreciation.tests.factories import ApplicationFactory, RoundFactory
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_member, heerde):
    """An appreciation officer of Heerde."""
    return make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)


@pytest.fixture
def staff(officer):
    return Actor(user=officer)


def _ns(version):
    return {"p": f"urn:iso:std:iso:20022:tech:xsd:{version}"}


def _batch(heerde, staff, count, version, amounts=None):
    round_ = RoundFactory(municipality=heerde, pain_version=version)
    for i in range(count):
        amount = amounts[i % len(amounts)] if amounts else Decimal("100.00")
        ApplicationFactory(round=round_, status=constants.ApplicationStatus.GRANTED, amount=amount)
    return create_batch(round=round_, actor=staff)


@pytest.mark.parametrize("version", [constants.PainVersion.V03, constants.PainVersion.V09])
@pytest.mark.parametrize("count", [1, 250])
def test_the_file_validates_and_sums_to_the_batch_total(heerde, staff, version, count):
    amounts = [Decimal("100.00"), Decimal("25.50"), Decimal("0.99"), Decimal("1234.56")]
    batch = _batch(heerde, staff, count, version, amounts)
    content = payment_file_bytes(batch)  # validate=True: sepaxml checks it with the XSD
    root = ET.fromstring(content)  # noqa: S314 - the file we just made
    ns = _ns(version)
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", ns)
    assert header.find("p:MsgId", ns).text == batch.message_id
    assert Decimal(header.find("p:CtrlSum", ns).text) == batch.total
    assert int(header.find("p:NbOfTxs", ns).text) == batch.count == count
    transfers = root.findall(".//p:CdtTrfTxInf", ns)
    assert sum(Decimal(t.find("p:Amt/p:InstdAmt", ns).text) for t in transfers) == batch.total
    payments = list(batch.payments.select_related("application").order_by("pk"))
    first = transfers[0]
    assert first.find("p:PmtId/p:EndToEndId", ns).text == payments[0].end_to_end_id
    assert first.find("p:RmtInf/p:Ustrd", ns).text == (
        f"Mantelzorgwaardering {batch.round.year} {payments[0].application.number}"
    )
    assert first.find("p:CdtrAcct/p:Id/p:IBAN", ns).text == payments[0].iban
    assert len({t.find("p:PmtId/p:EndToEndId", ns).text for t in transfers}) == count
    debtor = root.find(".//p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", ns).text
    assert debtor == batch.round.debtor_iban
    date_path = "p:ReqdExctnDt" if version == constants.PainVersion.V03 else "p:ReqdExctnDt/p:Dt"
    execution = root.find(f".//p:PmtInf/{date_path}", ns).text
    assert execution == batch.execution_date.isoformat()


@pytest.mark.parametrize("version", [constants.PainVersion.V03, constants.PainVersion.V09])
def test_regenerating_gives_the_same_bytes(heerde, staff, version):
    batch = _batch(heerde, staff, 3, version)
    first = payment_file(batch, staff)
    batch.refresh_from_db()
    assert payment_file(batch, staff) == first
    created = timezone.localtime(batch.created_at).strftime("%Y-%m-%dT%H:%M:%S")
    assert f"<CreDtTm>{created}</CreDtTm>".encode() in first
    assert f"<PmtInfId>{batch.message_id}-1</PmtInfId>".encode() in first
    assert AuditEvent.objects.filter(action="export", object_id=str(batch.pk)).count() == 2


def test_a_file_the_schema_refuses_is_not_returned(heerde, staff):
    batch = _batch(heerde, staff, 1, constants.PainVersion.V03)
    batch.round.debtor_iban = "NOT AN IBAN"
    with pytest.raises(SchemaError):
        payment_file_bytes(batch)


def test_the_file_stays_what_was_sent_after_a_payment_fails(heerde, staff):
    batch = _batch(heerde, staff, 2, constants.PainVersion.V03)
    sent = payment_file(batch)
    mark_sent(batch=batch, actor=staff)
    record_failure(payment=batch.payments.first(), reason="IBAN onbekend", actor=staff)
    batch.refresh_from_db()
    assert payment_file(batch) == sent
