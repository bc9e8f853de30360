"""How the authorization walk (ui/tests/test_authorization.py) requests the appreciation URLs."""

from omzien.appreciation.tests.factories import AgeBandFactory, RoundFactory, ShopFactory
from omzien.ui.tests.access import Page


def build(side) -> None:
    side.appreciation_round = RoundFactory(municipality=side.municipality)
    AgeBandFactory(round=side.appreciation_round)
    side.shop = ShopFactory(municipality=side.municipality)


def _round(side) -> dict:
    return {"pk": side.appreciation_round.pk}


PAGES = {
    # The administrator and the appreciation staff (consultants, appreciation officers).
    "appreciation:round_list": Page(),
    "appreciation:round_detail": Page(_round),
    # The administrator.
    "appreciation:round_create": Page(),
    "appreciation:round_edit": Page(_round),
    "appreciation:round_copy": Page(_round),  # GET: the confirmation; POST copies
    "appreciation:shop_list": Page(),
    "appreciation:shop_create": Page(),  # the secret link only in the answer to the POST
    "appreciation:shop_deactivate": Page(lambda s: {"pk": s.shop.pk}),
}
