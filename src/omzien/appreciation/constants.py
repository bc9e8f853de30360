"""Choices of the appreciation round (mantelzorgwaardering). The rules differ per municipality,
so they are fields of a round (``models.Round``), never code; see docs/appreciation.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The number of a round's application is "<prefix>-<year>-<serial>", e.g. "MW-2026-00042".
NUMBER_PREFIX = "MW"

# Bounds a functional administrator can set.
MAX_AGE = 120
MAX_SAMPLE_PERCENTAGE = 100
DEFAULT_OBJECTION_DAYS = 42  # six weeks, as the Awb gives for objections (art. 6:7)
DEFAULT_PERSONAL_RETENTION_MONTHS = 12
DEFAULT_FINANCIAL_RETENTION_YEARS = 7  # the fiscal retention period (AWR art. 52)


class AmountMode(models.TextChoices):
    # Each age band's amount, as is.
    FIXED = "fixed", _("A fixed amount per age band")
    # Roosendaal: the budget divided by the number of granted applications at the close.
    BUDGET_DIVIDED = "budget_divided", _("The budget divided by the granted applications")
    # Seed 002 (Dalfsen 2015): EUR 70, raised up to EUR 200 while the EUR 61,000 budget allows.
    BASE_RAISED = "base_raised", _("A base amount, raised up to a maximum within the budget")


class BudgetExhausted(models.TextChoices):
    WAITING_LIST = "waiting_list", _("Put further applications on a waiting list")
    LOWER_AMOUNT = "lower_amount", _("Lower the amount so that everyone granted is paid")


class AppreciationForm(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    VOUCHER = "voucher", _("Voucher")
    ACTIVITY = "activity", _("Activity")


class ResidenceRule(models.TextChoices):
    RECIPIENT = "recipient", _("The care recipient lives in the municipality")
    CARER = "carer", _("The carer lives in the municipality")
    EITHER = "either", _("The carer or the care recipient lives in the municipality")
    NONE = "none", _("No residence rule")


class PerRecipient(models.TextChoices):
    # Heerde: one carer per care recipient.
    ONE_CARER = "one_carer", _("One appreciation per care recipient")
    # Epe: paid to the care recipient, who divides it among the carers: several carers may apply,
    # one amount goes out per care recipient.
    DIVIDED = "divided", _("One appreciation per care recipient, divided among the carers")
    ANY = "any", _("Every carer of the care recipient may apply")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online form")
    CONSULTANT = "consultant", _("By a consultant, from the registry")
    PAPER = "paper", _("Paper form")
    INVITATION = "invitation", _("Personal invitation code")


class FilledInBy(models.TextChoices):
    CARER = "carer", _("The carer")
    CARE_RECIPIENT = "care_recipient", _("The care recipient")
    PROFESSIONAL = "professional", _("A professional, with the carer")
    STAFF = "staff", _("Municipality or welfare staff")


class Relationship(models.TextChoices):
    PARTNER = "partner", _("Partner")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    OTHER_FAMILY = "family", _("Other family")
    FRIEND = "friend", _("Friend or neighbour")
    OTHER = "other", _("Other")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    WAITING_LIST = "waiting_list", _("On the waiting list")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    OBJECTED = "objected", _("Objection lodged")
    PAID = "paid", _("Paid")
    PAYMENT_FAILED = "payment_failed", _("Payment failed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Check(models.TextChoices):
    """Each rule an application is checked against, and the refusal reason it gives."""

    OUTSIDE_WINDOW = "outside_window", _("Received outside the application period")
    AGE = "age", _("The carer's age is outside the round's age bands")
    HOURS = "hours", _("Fewer hours of care a week than the round requires")
    DURATION = "duration", _("Care for a shorter period than the round requires")
    RESIDENCE = "residence", _("Does not meet the residence rule")
    NOT_REGISTERED = "not_registered", _("The carer is not in the carer registry")
    USUAL_CARE = "usual_care", _("Usual care (gebruikelijke zorg) does not count")
    PAID_CARE = "paid_care", _("Paid care for the same help does not count")
    DUPLICATE_CARER = "duplicate_carer", _("This carer already applied in this round")
    DUPLICATE_RECIPIENT = (
        "duplicate_recipient",
        _("An appreciation for this care recipient was already applied for"),
    )
    HOUSEHOLD_CAP = "household_cap", _("The household has reached the round's maximum")
    IBAN = "iban", _("The bank account number is not valid")
    BUDGET = "budget", _("The budget of the round has run out")
    OTHER = "other", _("Other reason")


class LetterKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    REFUSAL = "refusal", _("Refusal")


# The statuses whose latest decision has a letter, and the letter it has.
LETTER_FOR_STATUS = {
    ApplicationStatus.GRANTED: LetterKind.GRANT,
    ApplicationStatus.PAID: LetterKind.GRANT,
    ApplicationStatus.REFUSED: LetterKind.REFUSAL,
}


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Prepared")
    SENT = "sent", _("Sent to the bank")
    PAID = "paid", _("Paid")


class PaymentStatus(models.TextChoices):
    IN_BATCH = "in_batch", _("In a batch")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")


class PainVersion(models.TextChoices):
    V03 = "pain.001.001.03", "pain.001.001.03"
    V09 = "pain.001.001.09", "pain.001.001.09"
