"""Vouchers: unguessable codes issued once, redeemed once at a shop of the municipality."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Voucher
from omzien.appreciation.services import vouchers
from omzien.appreciation.services.vouchers import (
    ALPHABET,
    display_code,
    issue_vouchers,
    redeem,
    voucher_list,
)
from omzien.appreciation.tests.factories import ApplicationFactory, RoundFactory, ShopFactory
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)


@pytest.fixture
def staff(officer):
    return Actor(user=officer)


@pytest.fixture
def round_(heerde):
    return RoundFactory(municipality=heerde)


def voucher_application(round_, **kwargs):
    kwargs.setdefault("status", ApplicationStatus.GRANTED)
    kwargs.setdefault("amount", Decimal("25.00"))
    return ApplicationFactory(
        round=round_, form=constants.AppreciationForm.VOUCHER, iban="", account_holder="", **kwargs
    )


def code_of(application) -> str:
    return Voucher.objects.get(application=application).code


def test_issuing_gives_each_granted_voucher_application_one_code_once(round_, staff):
    applications = [voucher_application(round_) for _ in range(3)]
    voucher_application(round_, status=ApplicationStatus.SUBMITTED)
    ApplicationFactory(
        round=round_, status=ApplicationStatus.GRANTED, amount=Decimal("100")
    )  # a transfer

    assert issue_vouchers(round=round_, actor=staff) == 3
    assert issue_vouchers(round=round_, actor=staff) == 0

    issued = list(Voucher.objects.order_by("application_id"))
    assert [v.application for v in issued] == applications
    assert [v.value for v in issued] == [Decimal("25.00")] * 3
    for voucher in issued:
        assert len(voucher.code) == 12
        assert set(voucher.code) <= set(ALPHABET)
        assert not set(voucher.code) & set("01OIL")
        voucher.application.refresh_from_db()
        assert voucher.application.status == ApplicationStatus.PAID
    assert len({v.code for v in issued}) == 3
    assert AuditEvent.objects.filter(reason="voucher issued").count() == 3


def test_a_code_already_taken_is_drawn_again(round_, staff, monkeypatch):
    taken = voucher_application(round_)
    issue_vouchers(round=round_, actor=staff)
    draws = iter([code_of(taken), "ABCDEFGHJKMN"])
    monkeypatch.setattr(vouchers, "new_code", lambda: next(draws))
    fresh = voucher_application(round_)
    assert issue_vouchers(round=round_, actor=staff) == 1
    assert code_of(fresh) == "ABCDEFGHJKMN"


def test_only_staff_of_the_municipality_issue_vouchers(round_, make_member, dalfsen):
    voucher_application(round_)
    for actor in (Actor(user=make_member(Role.CONSULTANT, dalfsen)), Actor()):
        with pytest.raises(PermissionDenied):
            issue_vouchers(round=round_, actor=actor)
    assert not Voucher.objects.exists()


def test_the_codes_are_shown_in_groups_of_four():
    assert display_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"


def _refusal(shop, code) -> str:
    with pytest.raises(ValidationError) as refused:
        redeem(shop=shop, code=code)
    return refused.value.error_dict["code"][0].code


def test_a_shop_redeems_a_typed_code_once(round_, staff, heerde, dalfsen):
    application = voucher_application(round_)
    issue_vouchers(round=round_, actor=staff)
    code = code_of(application)
    shop = ShopFactory(municipality=heerde)
    typed = f" {display_code(code).lower()} ".replace("-", " - ")

    assert _refusal(ShopFactory(municipality=dalfsen), code) == "other_municipality"
    assert _refusal(ShopFactory(municipality=heerde, active=False), code) == "shop_inactive"
    assert _refusal(shop, "ABCD-EFGH-JKMP") == "unknown_code"
    assert _refusal(shop, "hallo") == "unknown_code"

    voucher = redeem(shop=shop, code=typed)

    assert voucher.redeemed_at is not None and voucher.redeemed_at_shop == shop
    assert _refusal(shop, code) == "already_redeemed"
    assert _refusal(ShopFactory(municipality=heerde), code) == "already_redeemed"
    voucher.refresh_from_db()
    assert voucher.redeemed_at_shop == shop
    assert (
        AuditEvent.objects.filter(reason="voucher redeemed", object_id=str(voucher.pk)).count() == 1
    )


def test_the_issuer_lists_code_value_name_and_redemption(round_, staff, heerde):
    first = voucher_application(round_, first_name="Ans", last_name="Bos")
    second = voucher_application(round_, first_name="Bert", last_name="Kok")
    voucher_application(RoundFactory(municipality=heerde))
    issue_vouchers(round=round_, actor=staff)
    shop = ShopFactory(municipality=heerde, name="Bakker Jansen")
    redeem(shop=shop, code=code_of(second))

    rows = voucher_list(round=round_, actor=staff)

    assert [(r.name, r.value, r.shop) for r in rows] == [
        ("Ans Bos", Decimal("25.00"), ""),
        ("Bert Kok", Decimal("25.00"), "Bakker Jansen"),
    ]
    assert rows[0].code == display_code(code_of(first)) and rows[0].redeemed_at is None
    assert rows[1].redeemed_at is not None
    event = AuditEvent.objects.get(reason="voucher list")
    assert event.extra["shown"] == [
        f"appreciation.application:{first.pk}",
        f"appreciation.application:{second.pk}",
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer at a time: two tills at once need PostgreSQL's row locks",
)
@pytest.mark.django_db(transaction=True)
def test_two_tills_entering_one_code_at_once_redeem_it_once(heerde, make_member):
    round_ = RoundFactory(municipality=heerde)
    staff = Actor(user=make_member(Role.APPRECIATION_OFFICER, heerde))
    application = voucher_application(round_)
    issue_vouchers(round=round_, actor=staff)
    code = code_of(application)
    shops = [ShopFactory(municipality=heerde) for _ in range(2)]
    barrier = threading.Barrier(2)
    redeemed, refused = [], []

    def till(shop):
        try:
            barrier.wait(timeout=10)
            redeemed.append(redeem(shop=shop, code=code).redeemed_at_shop)
        except ValidationError as error:
            refused.append(error.error_dict["code"][0].code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=till, args=(shop,)) for shop in shops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert refused == ["already_redeemed"]
    assert Voucher.objects.get().redeemed_at_shop == redeemed[0]
