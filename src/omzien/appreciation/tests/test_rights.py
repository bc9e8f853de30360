"""The appreciation round's rights provider (privacy.rights): find, export and erase a person;
the financial record of a payment stays."""

import datetime
from decimal import Decimal

import pytest

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.models import (
    AgeBand,
    CheckRun,
    Payment,
    PaymentBatch,
    Round,
    Shop,
    Voucher,
)
from omzien.appreciation.rights import AppreciationProvider
from omzien.appreciation.tests.factories import (
    ApplicationFactory,
    ApplicationTransitionFactory,
    InvitationFactory,
    LetterFactory,
    PaymentFactory,
    RoundFactory,
    VoucherFactory,
)
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent
from omzien.privacy.rights import PersonQuery
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers

MARKER = "Zwaluwstaart"
EMAIL = "marja.zwaluwstaart@example.test"
PHONE = "0612345678"
DOB = datetime.date(1961, 4, 3)
IBAN = "NL20INGB0001234567"
MARKERS = [MARKER, EMAIL, PHONE, DOB.isoformat(), IBAN, "Kievitlaan"]

EXCLUDED = {
    Round: "a round's settings: no person in it",
    AgeBand: "a round's rules: no person in it",
    PaymentBatch: "a batch's totals and dates; the person's transfer is a Payment",
    Shop: "a participating business, not a person",
    CheckRun: "staff's run of a round's checks: counts and the staff member who asked",
}

pytestmark = pytest.mark.django_db


def person(round_, **kwargs):
    return ApplicationFactory(
        round=round_,
        first_name="Marja",
        last_name=MARKER,
        date_of_birth=DOB,
        email=EMAIL,
        phone=PHONE,
        street="Kievitlaan",
        house_number="12",
        postcode="8181 AB",
        objection=f"{MARKER} maakt bezwaar",
        decision_note=f"gebeld met {MARKER}",
        **kwargs,
    )


def plant(municipality):
    """The person in every model the provider covers: a paid transfer in one round, a voucher
    from an invitation in another."""
    paid = person(
        RoundFactory(municipality=municipality),
        status=constants.ApplicationStatus.PAID,
        amount=Decimal("100.00"),
        iban=IBAN,
        account_holder=f"M. {MARKER}",
    )
    ApplicationTransitionFactory(application=paid, to_status="granted", note=f"{MARKER} ok")
    PaymentFactory(
        batch__round=paid.round,
        batch__municipality=municipality,
        application=paid,
        iban=IBAN,
        account_holder=f"M. {MARKER}",
        failure_reason=f"rekening van {MARKER} onbekend",
        status=constants.PaymentStatus.PAID,
        paid_on=datetime.date(2026, 11, 20),
    )
    voucher_round = RoundFactory(municipality=municipality)
    with_voucher = person(
        voucher_round,
        status=constants.ApplicationStatus.PAID,
        form=constants.AppreciationForm.VOUCHER,
        amount=Decimal("25.00"),
        iban="",
        account_holder="",
        channel=constants.Channel.INVITATION,
    )
    VoucherFactory(application=with_voucher)
    InvitationFactory(round=voucher_round, used_by=with_voucher)
    LetterFactory(
        application=paid,
        decided_at=paid.decided_at or datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
    )
    return paid, with_voucher


@pytest.fixture
def privacy_officer(make_member, heerde):
    return make_member(Role.PRIVACY_OFFICER, heerde, totp=True)


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    # Registered by apps.py (H3's file) at the merge; until then the provider itself.
    assert_covers_app(AppreciationProvider(), "appreciation", EXCLUDED)


def test_export_finds_every_planted_row_and_erasure_leaves_none(heerde, dalfsen, privacy_officer):
    paid, with_voucher = plant(heerde)
    provider = AppreciationProvider()
    ApplicationFactory(round=RoundFactory(municipality=heerde))  # someone else
    query = PersonQuery(name=f"marja  {MARKER.upper()}", date_of_birth=DOB)
    matches = find_all(provider, heerde, query)
    assert [m.key for m in matches] == [
        f"application:{paid.pk}",
        f"application:{with_voucher.pk}",
    ]
    assert [m.key for m in find_all(provider, heerde, PersonQuery(email=EMAIL))] == [
        m.key for m in matches
    ]
    assert find_all(provider, dalfsen, query) == []
    assert exported_models(provider, matches) == {m._meta.label_lower for m in provider.models}
    assert leftovers(provider.models, MARKERS)

    erasures = [provider.erase(match, Actor(user=privacy_officer)) for match in matches]

    assert leftovers(provider.models, MARKERS) == []
    assert [len(e.holds) for e in erasures] == [1, 1]  # the financial record stays
    payment = Payment.objects.get(application=paid)
    assert (payment.amount, payment.paid_on, payment.status) == (
        Decimal("100.00"),
        datetime.date(2026, 11, 20),
        constants.PaymentStatus.PAID,
    )
    assert Voucher.objects.get(application=with_voucher).value == Decimal("25.00")
    paid.refresh_from_db()
    assert (paid.amount, paid.status, paid.personal_data_removed_at is not None) == (
        Decimal("100.00"),
        constants.ApplicationStatus.PAID,
        True,
    )
    assert AuditEvent.objects.filter(
        action="delete", object_id=str(paid.pk), reason="removal on request"
    ).exists()
    assert find_all(provider, heerde, PersonQuery(email=EMAIL, phone=PHONE)) == []


def test_an_application_without_payment_is_erased_without_a_hold(heerde, privacy_officer):
    application = person(RoundFactory(municipality=heerde))
    provider = AppreciationProvider()
    (match,) = find_all(provider, heerde, PersonQuery(phone=PHONE))
    erasure = provider.erase(match, Actor(user=privacy_officer))
    assert erasure.holds == []
    application.refresh_from_db()
    assert (application.last_name, application.email) == ("", "")
