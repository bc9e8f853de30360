"""The round and shop pages as the administrator (the walk covers the other roles)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.models import Round, Shop
from omzien.appreciation.services.shops import shop_for_token
from omzien.appreciation.tests.factories import AgeBandFactory, RoundFactory, ShopFactory
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_heerde):
    return login_verified(client, admin_heerde)


def round_post(**changes) -> dict:
    data = {
        "year": "2026",
        "name": "Mantelzorgwaardering 2026",
        "opens_on": "2026-01-01",
        "closes_on": "2026-12-31",
        "payment_on": "2026-11-15",
        "min_hours_per_week": "8",
        "min_duration_months": "3",
        "residence_rule": constants.ResidenceRule.RECIPIENT,
        "excludes_usual_care": "on",
        "excludes_paid_care": "on",
        "per_recipient": constants.PerRecipient.ONE_CARER,
        "amount_mode": constants.AmountMode.FIXED,
        "when_budget_exhausted": constants.BudgetExhausted.WAITING_LIST,
        "sample_percentage": "0",
        "objection_days": "42",
        "personal_retention_months": "12",
        "financial_retention_years": "7",
        "debtor_iban": "NL91ABNA0417164300",
        "pain_version": constants.PainVersion.V03,
        "bands-TOTAL_FORMS": "2",
        "bands-INITIAL_FORMS": "0",
        "bands-MIN_NUM_FORMS": "0",
        "bands-MAX_NUM_FORMS": "10",
        "bands-0-min_age": "18",
        "bands-0-form": constants.AppreciationForm.BANK_TRANSFER,
        "bands-0-amount": "100",
        "bands-1-form": constants.AppreciationForm.BANK_TRANSFER,
    }
    return {**data, **changes}


def test_round_list_shows_the_municipalitys_rounds_with_their_rules(admin_client, heerde, dalfsen):
    own = RoundFactory(municipality=heerde, name="Waardering Heerde")
    AgeBandFactory(round=own)
    RoundFactory(municipality=dalfsen, name="Waardering Dalfsen")
    page = admin_client.get(reverse("appreciation:round_list")).content.decode()
    assert "Waardering Heerde" in page
    assert "18 jaar en ouder: €\u00a0100 per bankoverschrijving" in page
    assert "Waardering Dalfsen" not in page


def test_round_list_queries_do_not_grow_with_the_rounds(admin_client, heerde):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(reverse("appreciation:round_list")).status_code == 200
        return len(queries)

    AgeBandFactory(round=RoundFactory(municipality=heerde))
    few = count()
    for _ in range(5):
        AgeBandFactory(round=RoundFactory(municipality=heerde))
    assert count() == few


def test_appreciation_officer_sees_the_list_and_rules_but_cannot_change(
    client, heerde, make_member
):
    officer = make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)
    round_ = RoundFactory(municipality=heerde)
    AgeBandFactory(round=round_)
    login_verified(client, officer)
    assert client.get(reverse("appreciation:round_list")).status_code == 200
    page = client.get(reverse("appreciation:round_detail", args=[round_.pk])).content.decode()
    assert "Minimaal 8 uur per week, minimaal 3 maanden" in page
    assert reverse("appreciation:round_edit", args=[round_.pk]) not in page
    assert client.get(reverse("appreciation:round_edit", args=[round_.pk])).status_code == 403


def test_create_a_round_with_its_bands(admin_client, heerde):
    response = admin_client.post(reverse("appreciation:round_create"), round_post())
    made = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("appreciation:round_detail", args=[made.pk])
    assert made.municipality == heerde
    assert list(made.age_bands.values_list("min_age", "amount")) == [(18, Decimal("100.00"))]


def test_a_refused_round_shows_why_and_saves_nothing(admin_client):
    response = admin_client.post(
        reverse("appreciation:round_create"),
        round_post(**{"payment_on": "2025-12-01", "bands-1-min_age": "60", "bands-1-amount": "50"}),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "De uitbetaaldatum ligt vóór het begin van de aanvraagperiode." in page
    assert "De leeftijdsgroepen 18 en 60 overlappen." in page
    assert not Round.objects.exists()


def test_edit_keeps_bands_deletes_marked_ones_and_refuses_a_stale_version(admin_client, heerde):
    round_ = RoundFactory(municipality=heerde, name="Waardering 2026", year=2026)
    AgeBandFactory(round=round_, min_age=18)
    AgeBandFactory(
        round=round_,
        min_age=4,
        max_age=17,
        form=constants.AppreciationForm.VOUCHER,
        amount=Decimal("25"),
    )
    url = reverse("appreciation:round_edit", args=[round_.pk])
    data = round_post(
        name="Waardering 2026",
        household_cap="200",
        version="1",
        **{
            "bands-TOTAL_FORMS": "3",
            "bands-INITIAL_FORMS": "2",
            "bands-0-min_age": "4",
            "bands-0-max_age": "17",
            "bands-0-form": constants.AppreciationForm.VOUCHER,
            "bands-0-amount": "25",
            "bands-0-DELETE": "on",
            "bands-1-min_age": "18",
            "bands-1-form": constants.AppreciationForm.BANK_TRANSFER,
            "bands-1-amount": "100",
            "bands-2-form": constants.AppreciationForm.BANK_TRANSFER,
        },
    )
    assert admin_client.post(url, data).status_code == 302
    round_.refresh_from_db()
    assert (round_.version, round_.household_cap) == (2, Decimal("200"))
    assert list(round_.age_bands.values_list("min_age", flat=True)) == [18]
    stale = admin_client.post(url, {**data, "household_cap": "150"}, follow=True)
    assert "Iemand anders heeft deze ronde gewijzigd" in stale.content.decode()
    round_.refresh_from_db()
    assert round_.household_cap == Decimal("200")


def test_copy_asks_first_then_copies(admin_client, heerde):
    round_ = RoundFactory(
        municipality=heerde,
        year=2026,
        name="Waardering 2026",
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2026, 12, 31),
    )
    AgeBandFactory(round=round_)
    url = reverse("appreciation:round_copy", args=[round_.pk])
    assert "Waardering 2027" in admin_client.get(url).content.decode()
    assert Round.objects.count() == 1
    response = admin_client.post(url)
    copy = Round.objects.get(year=2027)
    assert response["Location"] == reverse("appreciation:round_edit", args=[copy.pk])
    again = admin_client.post(url, follow=True)
    assert "al een ronde met deze naam" in again.content.decode()
    assert Round.objects.count() == 2


def test_a_round_of_another_municipality_is_not_found(admin_client, dalfsen):
    other = RoundFactory(municipality=dalfsen)
    for name in ("round_detail", "round_edit", "round_copy"):
        assert admin_client.get(reverse(f"appreciation:{name}", args=[other.pk])).status_code == 404


def test_shop_secret_is_shown_once_and_works(admin_client, heerde):
    response = admin_client.post(reverse("appreciation:shop_create"), {"name": "Boekhandel"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shop = Shop.objects.get()
    token = response.context["token"]
    assert token in response.content.decode()
    assert shop_for_token(token) == shop
    listing = admin_client.get(reverse("appreciation:shop_list")).content.decode()
    assert "Boekhandel" in listing
    assert token not in listing


def test_deactivate_a_shop(admin_client, heerde, dalfsen):
    shop = ShopFactory(municipality=heerde)
    url = reverse("appreciation:shop_deactivate", args=[shop.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url)["Location"] == reverse("appreciation:shop_list")
    shop.refresh_from_db()
    assert not shop.active
    other = ShopFactory(municipality=dalfsen)
    assert (
        admin_client.post(reverse("appreciation:shop_deactivate", args=[other.pk])).status_code
        == 404
    )
    other.refresh_from_db()
    assert other.active
