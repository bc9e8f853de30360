"""Demo rounds: the Heerde and Dalfsen rules of the reference (instruments.md §5), set up
through the services by each municipality's demo administrator, and a shop per municipality.

Heerde: EUR 100 for carers of 18 and over by bank transfer, 8 hours a week for 3 months, the
care recipient lives in Heerde, one per care recipient, applications all year, paid in
November; young carers (4-17) have their own compliment with a spring window. Dalfsen: EUR 100
for 18+, a EUR 25 voucher for 12-17, an activity under 12, at most EUR 200 per household, paid
as a local merchants' voucher (so the 18+ band is a voucher too).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.appreciation import constants as c
from omzien.appreciation.models import Round, Shop
from omzien.appreciation.services.rounds import create_round
from omzien.appreciation.services.shops import create_shop
from omzien.common.services import Actor
from omzien.demo.registry import register_loader
from omzien.tenants.models import Municipality

VOUCHER_ISSUER = "Dalfsen Cadeaubon van de ondernemersvereniging"


def _rounds(year: int) -> dict[str, list[tuple[dict, list[dict]]]]:
    heerde = {
        "year": year,
        "name": f"Mantelzorgwaardering {year}",
        "opens_on": datetime.date(year, 1, 1),
        "closes_on": datetime.date(year, 12, 31),
        "payment_on": datetime.date(year, 11, 15),
        "min_hours_per_week": Decimal("8"),
        "min_duration_months": 3,
        "residence_rule": c.ResidenceRule.RECIPIENT,
        "per_recipient": c.PerRecipient.ONE_CARER,
        "amount_mode": c.AmountMode.FIXED,
        "debtor_name": "Gemeente Heerde",
        "debtor_iban": "NL02ABNA0123456789",
        "debtor_bic": "ABNANL2A",
    }
    young = {
        **heerde,
        "name": f"Compliment jonge mantelzorgers {year}",
        "opens_on": datetime.date(year, 3, 1),
        "closes_on": datetime.date(year, 5, 31),
        "payment_on": datetime.date(year, 6, 15),
    }
    dalfsen = {
        **heerde,
        "name": f"Mantelzorgwaardering {year}",
        "household_cap": Decimal("200"),
        "debtor_name": "Gemeente Dalfsen",
    }
    adult_transfer = {
        "min_age": 18,
        "max_age": None,
        "form": c.AppreciationForm.BANK_TRANSFER,
        "amount": Decimal("100"),
    }
    young_voucher = {
        "min_age": 4,
        "max_age": 17,
        "form": c.AppreciationForm.VOUCHER,
        "amount": Decimal("25"),
        "description": "Demo: het bedrag van € 25 is een aanname; de bron noemt geen bedrag.",
    }
    return {
        "heerde": [(heerde, [adult_transfer]), (young, [young_voucher])],
        "dalfsen": [
            (
                dalfsen,
                [
                    {
                        "min_age": 0,
                        "max_age": 11,
                        "form": c.AppreciationForm.ACTIVITY,
                        "description": "Een uitje voor jonge mantelzorgers",
                    },
                    {
                        "min_age": 12,
                        "max_age": 17,
                        "form": c.AppreciationForm.VOUCHER,
                        "amount": Decimal("25"),
                        "description": VOUCHER_ISSUER,
                    },
                    {
                        "min_age": 18,
                        "max_age": None,
                        "form": c.AppreciationForm.VOUCHER,
                        "amount": Decimal("100"),
                        "description": VOUCHER_ISSUER,
                    },
                ],
            )
        ],
    }


SHOPS = {"heerde": "Boekhandel Heerde", "dalfsen": "Bloemenzaak Dalfsen"}


def load() -> dict[str, int]:
    """Idempotent: a round or shop that exists by its name is left alone."""
    year = timezone.localdate().year
    counts = {"rounds": 0, "shops": 0}
    for slug, rounds in _rounds(year).items():
        municipality = Municipality.objects.get(slug=slug)
        admin = (
            Membership.objects.filter(
                municipality=municipality, role=Role.MUNICIPALITY_ADMIN, is_active=True
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if admin is None:
            continue
        actor = Actor(user=admin.user)
        for data, bands in rounds:
            if Round.objects.filter(
                municipality=municipality, year=data["year"], name=data["name"]
            ).exists():
                continue
            create_round(municipality=municipality, data=data, bands=bands, actor=actor)
            counts["rounds"] += 1
        if not Shop.objects.filter(municipality=municipality, name=SHOPS[slug]).exists():
            create_shop(municipality=municipality, name=SHOPS[slug], actor=actor)
            counts["shops"] += 1
    return counts


register_loader("appreciation", load, after=["accounts", "caregivers"])
