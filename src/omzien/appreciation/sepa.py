"""The SEPA credit transfer file (pain.001) of a payment batch, made with sepaxml.

The file is made from the batch's rows as stored: the message id and creation time of the
batch, one payment information block with the batch's execution date, and one transfer per
payment with its own end-to-end id. sepaxml fills the message id, the creation time and the
payment information id with the clock and random strings; :class:`_StoredTransfer` puts the
batch's own values in their place, so regenerating a batch gives the same bytes. Every payment
of the batch is in the file, also one that failed later: the file is what was sent to the bank.
"""

from decimal import Decimal

from django.utils import timezone
from sepaxml import SepaTransfer

from omzien.appreciation.models import Payment, PaymentBatch

CENT = Decimal("0.01")


def cents(amount: Decimal) -> int:
    """Euros as a whole number of cents (sepaxml takes cents), never through a float."""
    return int(amount.quantize(CENT) * 100)


def remittance(batch: PaymentBatch, payment: Payment) -> str:
    return f"Mantelzorgwaardering {batch.round.year} {payment.application.number}"


class _StoredTransfer(SepaTransfer):
    """sepaxml's transfer with the batch's message id, creation time and payment information
    id instead of the clock and random strings."""

    def __init__(self, config, *, schema: str, message_id: str, created: str):
        self._stored_message_id = message_id
        self._stored_created = created
        super().__init__(config, schema=schema)

    def _create_header(self):
        super()._create_header()
        header = self._xml.find(self.root_el).find("GrpHdr")
        header.find("MsgId").text = self._stored_message_id
        header.find("CreDtTm").text = self._stored_created
        self.msg_id = self._stored_message_id

    def _finalize_batch(self):
        super()._finalize_batch()
        for number, block in enumerate(self._xml.find(self.root_el).iter("PmtInf"), start=1):
            block.find("PmtInfId").text = f"{self._stored_message_id}-{number}"


def payment_file_bytes(batch: PaymentBatch, *, validate: bool = True) -> bytes:
    """The pain.001 file of ``batch`` in the round's version, checked against its XSD
    (``validate``; sepaxml raises its ValidationError on a file the schema refuses)."""
    round_ = batch.round
    created = timezone.localtime(batch.created_at).strftime("%Y-%m-%dT%H:%M:%S")
    config = {
        "name": round_.debtor_name,
        "IBAN": round_.debtor_iban.replace(" ", "").upper(),
        "currency": "EUR",
        "batch": True,
    }
    if round_.debtor_bic:
        config["BIC"] = round_.debtor_bic.replace(" ", "").upper()
    transfer = _StoredTransfer(
        config, schema=round_.pain_version, message_id=batch.message_id, created=created
    )
    payments = batch.payments.select_related("application").order_by("pk")
    for payment in payments.iterator(chunk_size=1000):
        transfer.add_payment(
            {
                "name": payment.account_holder,
                "IBAN": payment.iban,
                "amount": cents(payment.amount),
                "execution_date": batch.execution_date,
                "description": remittance(batch, payment),
                "endtoend_id": payment.end_to_end_id,
            }
        )
    return transfer.export(validate=validate)
