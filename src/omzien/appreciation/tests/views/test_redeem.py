"""The shop's redemption page: public, with the shop's secret in the address."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from omzien.appreciation.models import Shop
from omzien.appreciation.services.shops import create_shop
from omzien.appreciation.tests.factories import ApplicationFactory, VoucherFactory
from omzien.common.services import Actor
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shop_and_url(heerde, admin_heerde):
    shop, token = create_shop(municipality=heerde, name="Boekhandel", actor=Actor(admin_heerde))
    return shop, reverse("appreciation:shop_redeem", args=[token])


def voucher(municipality, code="ABCDEFGHJKMN"):
    application = ApplicationFactory(
        round__municipality=municipality, form="voucher", status="paid", amount=Decimal("25")
    )
    return VoucherFactory(application=application, code=code, value=Decimal("25.00"))


def test_a_voucher_is_taken_once(client, shop_and_url, heerde):
    shop, url = shop_and_url
    taken = voucher(heerde)
    page = client.get(url)
    assert page.status_code == 200
    assert "Waardebon innemen bij Boekhandel" in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    done = client.post(url, {"code": "abcd-efgh jkmn"}, follow=True)
    assert "Waardebon ABCD-EFGH-JKMN is geldig en is ingenomen: €\u00a025,00." in (
        done.content.decode()
    )
    taken.refresh_from_db()
    assert taken.redeemed_at_shop == shop
    again = client.post(url, {"code": "ABCD-EFGH-JKMN"})
    assert "Deze waardebon is al ingewisseld op" in again.content.decode()


def test_an_unknown_code_and_one_of_another_municipality_are_refused(client, shop_and_url, dalfsen):
    _shop, url = shop_and_url
    assert "Deze code is niet bekend" in client.post(url, {"code": "ZZZZ"}).content.decode()
    other = voucher(dalfsen, code="PQRSTUVWXYZA")
    response = client.post(url, {"code": other.code})
    assert "van een andere gemeente" in response.content.decode()
    other.refresh_from_db()
    assert other.redeemed_at is None


def test_an_unknown_or_deactivated_link_is_not_found(client, shop_and_url):
    shop, url = shop_and_url
    assert client.get(reverse("appreciation:shop_redeem", args=["nope"])).status_code == 404
    Shop.objects.filter(pk=shop.pk).update(active=False)
    assert client.get(url).status_code == 404


@override_settings(OMZIEN_RATE_LIMITS={"voucher_redeem": {"ip": 2, "address": 2}})
def test_too_many_codes_are_refused(client, shop_and_url):
    _shop, url = shop_and_url
    for _ in range(2):
        assert client.post(url, {"code": "ZZZZ"}).status_code == 200
    response = client.post(url, {"code": "ZZZZ"})
    assert response.status_code == 429
    assert "Retry-After" in response


def test_the_new_shop_shows_its_full_link(client, admin_heerde, heerde):
    login_verified(client, admin_heerde)
    response = client.post(reverse("appreciation:shop_create"), {"name": "Bakker"})
    token = response.context["token"]
    link = "http://testserver" + reverse("appreciation:shop_redeem", args=[token])
    assert response.context["link"] == link
    assert f'value="{link}"' in response.content.decode()
    assert "Geheime link van de winkel" in response.content.decode()
