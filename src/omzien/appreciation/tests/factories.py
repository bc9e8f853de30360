import datetime
import hashlib
from decimal import Decimal

import factory
from django.utils import timezone

from omzien.appreciation import constants
from omzien.appreciation.models import (
    AgeBand,
    Application,
    ApplicationTransition,
    CheckRun,
    Invitation,
    Letter,
    Payment,
    PaymentBatch,
    Round,
    Shop,
    Voucher,
)
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.tenants.tests.factories import MunicipalityFactory

# A valid Dutch IBAN (mod-97 checksum holds) of a test bank account.
TEST_IBAN = "NL91ABNA0417164300"


class RoundFactory(factory.django.DjangoModelFactory):
    """Heerde's rules by default: 18+, EUR 100 by bank transfer, 8 hours a week for 3 months,
    the care recipient lives in the municipality, one carer per care recipient."""

    class Meta:
        model = Round

    municipality = factory.SubFactory(MunicipalityFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    name = factory.Sequence(lambda n: f"Mantelzorgwaardering {n}")
    opens_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    closes_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))
    payment_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 11, 15))
    debtor_name = "Gemeente Heerde"
    debtor_iban = "NL02ABNA0123456789"
    debtor_bic = "ABNANL2A"


class AgeBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgeBand

    round = factory.SubFactory(RoundFactory)
    min_age = 18
    max_age = None
    form = constants.AppreciationForm.BANK_TRANSFER
    amount = Decimal("100.00")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    round = factory.SubFactory(RoundFactory)
    municipality = factory.SelfAttribute("round.municipality")
    number = factory.Sequence(lambda n: f"{constants.NUMBER_PREFIX}-2026-{n + 1:05d}")
    channel = constants.Channel.ONLINE
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=25, maximum_age=85)
    email = factory.Sequence(lambda n: f"aanvrager{n}@example.org")
    street = "Dorpsstraat"
    house_number = factory.Sequence(lambda n: str(n + 1))
    postcode = "8181 AB"
    town = "Heerde"
    recipient_initials = "J."
    recipient_date_of_birth = datetime.date(1940, 5, 1)
    recipient_postcode = "8181 AC"
    recipient_house_number = factory.Sequence(lambda n: str(n + 1))
    relationship = constants.Relationship.CHILD
    hours_per_week = Decimal("10")
    care_since = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    form = constants.AppreciationForm.BANK_TRANSFER
    iban = TEST_IBAN
    account_holder = factory.LazyAttribute(lambda o: f"{o.first_name} {o.last_name}"[:70])


class ApplicationTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationTransition

    application = factory.SubFactory(ApplicationFactory)
    to_status = constants.ApplicationStatus.SUBMITTED


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    round = factory.SubFactory(RoundFactory)
    caregiver = factory.SubFactory(
        CaregiverFactory, municipality=factory.SelfAttribute("..round.municipality")
    )
    code_hash = factory.Sequence(lambda n: hashlib.sha256(f"code-{n}".encode()).hexdigest())


class PaymentBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentBatch

    round = factory.SubFactory(RoundFactory)
    municipality = factory.SelfAttribute("round.municipality")
    number = factory.Sequence(lambda n: n + 1)
    message_id = factory.Sequence(lambda n: f"OMZIEN-TEST-{n + 1}")
    execution_date = factory.LazyAttribute(lambda o: o.round.payment_on)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    batch = factory.SubFactory(PaymentBatchFactory)
    application = factory.SubFactory(
        ApplicationFactory,
        round=factory.SelfAttribute("..batch.round"),
        status=constants.ApplicationStatus.GRANTED,
        amount=Decimal("100.00"),
    )
    amount = Decimal("100.00")
    iban = TEST_IBAN
    account_holder = "J. Jansen"
    end_to_end_id = factory.Sequence(lambda n: f"OMZIEN-TEST-E2E-{n + 1}")


class ShopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shop

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Winkel {n + 1}")
    token_hash = factory.Sequence(lambda n: hashlib.sha256(f"shop-{n}".encode()).hexdigest())


class VoucherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Voucher

    application = factory.SubFactory(
        ApplicationFactory,
        form=constants.AppreciationForm.VOUCHER,
        status=constants.ApplicationStatus.GRANTED,
        amount=Decimal("25.00"),
        iban="",
        account_holder="",
    )
    code = factory.Sequence(lambda n: f"TEST{n + 1:08d}")
    value = Decimal("25.00")


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letter

    application = factory.SubFactory(
        ApplicationFactory,
        status=constants.ApplicationStatus.GRANTED,
        amount=Decimal("100.00"),
        decided_at=factory.LazyFunction(timezone.now),
    )
    kind = constants.LetterKind.GRANT
    channel = "post"
    decided_at = factory.SelfAttribute("application.decided_at")


class CheckRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckRun

    round = factory.SubFactory(RoundFactory)
