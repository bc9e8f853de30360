"""Deterministic synthetic data at a chosen scale, for benchmarks.

The same seed and scale always give the same rows. Each app adds its generator from its own
``synthetic.py`` (see :mod:`omzien.demo.registry`); each takes ``rng`` and ``scale`` and
returns counts.
"""

import random

from django.contrib.auth import get_user_model
from django.db import transaction

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.demo.names import FIRST_NAMES, LAST_NAMES
from omzien.demo.registry import generators
from omzien.tenants.models import Municipality

SYNTHETIC_DOMAIN = "synthetic.omzien.test"
USERS_PER_SCALE = 100


def residents(*, rng: random.Random, scale: int) -> dict[str, int]:
    User = get_user_model()
    municipalities = list(Municipality.objects.order_by("cbs_code"))
    # A fixed unusable hash: synthetic accounts cannot log in and hashing stays cheap.
    users = [
        User(
            email=f"resident{i:07d}@{SYNTHETIC_DOMAIN}",
            full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            password="!synthetic",  # noqa: S106 - an unusable hash, not a password
        )
        for i in range(scale * USERS_PER_SCALE)
    ]
    User.objects.bulk_create(users, batch_size=2000)
    saved = User.objects.filter(email__endswith=f"@{SYNTHETIC_DOMAIN}").order_by("email")
    memberships = [
        Membership(user=user, municipality=rng.choice(municipalities), role=Role.RESIDENT)
        for user in saved.only("pk")
    ]
    Membership.objects.bulk_create(memberships, batch_size=2000)
    return {"users": len(users), "memberships": len(memberships)}


@transaction.atomic
def generate(*, scale: int, seed: int = 20261123) -> dict[str, int]:
    """Replace earlier synthetic rows with a fresh, deterministic set."""
    get_user_model().objects.filter(email__endswith=f"@{SYNTHETIC_DOMAIN}").delete()
    rng = random.Random(seed)  # noqa: S311 - deterministic test data, not security
    totals: dict[str, int] = {}
    for generator in generators.ordered():
        totals.update(generator.run(rng=rng, scale=scale))
    return totals
