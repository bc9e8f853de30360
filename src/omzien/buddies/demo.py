"""Demo buddy programme: Heerde's maatjesproject (lonely residents and buddy volunteers, about
ten new pairs a year), loaded through the services so the audit trail is what the application
itself writes."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.buddies import services
from omzien.buddies.constants import PairStatus
from omzien.buddies.models import BuddyPair, BuddyPairTransition, BuddyProgramme
from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.demo.names import FIRST_NAMES, LAST_NAMES
from omzien.demo.registry import register_loader
from omzien.tenants.models import Locality, Municipality
from omzien.volunteering.constants import ConsentHow, Domain

NAME = "Maatjesproject Heerde"
BROKER = "makelaar.heerde@omzien.test"
PER_GROUP = 12
DAY_PARTS = [
    "mon_morning",
    "tue_afternoon",
    "wed_morning",
    "thu_afternoon",
    "fri_morning",
    "sat_afternoon",
    "sun_afternoon",
    "wed_evening",
]
INTERESTS = [
    Domain.NATURE,
    Domain.CULTURE,
    Domain.SPORT,
    Domain.ANIMALS,
    Domain.CHURCH_COMMUNITY,
    Domain.ODD_JOBS,
]


def _person(rng: random.Random, side: str, localities, today: date) -> dict:
    age = rng.randint(70, 92) if side == "a" else rng.randint(22, 68)
    gender = rng.choice(["f", "f", "m"])
    data = {
        "side": side,
        "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        "phone": f"06{rng.randint(10000000, 69999999)}",  # 06-7… and 06-9… are not issued
        "gender": gender,
        "date_of_birth": today - timedelta(days=age * 365 + rng.randint(0, 300)),
        "languages": ["nl"] + (["de"] if rng.random() < 0.2 else []),
        "interests": rng.sample(INTERESTS, rng.randint(1, 3)),
        "locality": rng.choice(localities),
        "travel_km": 10 if side == "a" else rng.choice([5, 10, 15]),
        "day_parts": rng.sample(DAY_PARTS, rng.randint(2, 4)),
        "consent_how": ConsentHow.IN_PERSON,
        "consent_given_on": today - timedelta(days=rng.randint(10, 300)),
    }
    if side == "a" and rng.random() < 0.4:
        data["wish_genders"] = [gender]
    if side == "b" and rng.random() < 0.2:
        data["wish_age_min"] = 65
    return data


def load() -> dict[str, int]:
    """Idempotent: nothing happens when the programme exists already."""
    municipality = Municipality.objects.filter(slug="heerde").first()
    broker = get_user_model().objects.filter(email=BROKER).first()
    if municipality is None or broker is None:
        return {"buddy_programmes": 0}
    if BuddyProgramme.objects.filter(municipality=municipality, name=NAME).exists():
        return {"buddy_programmes": 0}
    rng = random.Random(246)  # noqa: S311 - deterministic demo data
    today = timezone.localdate()
    actor = Actor(user=broker)
    localities = list(Locality.objects.filter(municipality=municipality).order_by("name"))
    programme = services.programme_create(
        municipality=municipality,
        data={
            "name": NAME,
            "description": (
                "Inwoners die zich eenzaam voelen krijgen een vrijwillig maatje voor een "
                "wekelijks bezoek, een wandeling of een kop koffie. Doel: tien koppelingen "
                "per jaar."
            ),
            "label_a": "Deelnemers",
            "label_b": "Maatjes",
            "active": True,
        },
        actor=actor,
    )
    people = {"a": [], "b": []}
    for side in ("a", "b"):
        for _ in range(PER_GROUP):
            person = services.participant_create(
                programme=programme, data=_person(rng, side, localities, today), actor=actor
            )
            people[side].append(person)
    # Two pairs that already run, then a fresh proposal for the broker to review.
    services.pairing_run(programme=programme, actor=actor)
    pairs = services.pairing_take(programme=programme, choice="stable", actor=actor)
    confirmed_on = today - timedelta(days=40)
    for pair in pairs[:2]:
        services.pair_confirm(pair=pair, version=1, actor=actor, today=confirmed_on)
        # Proposed by the pairing five days before both agreed (the services stamp today).
        proposed = office_hours(confirmed_on - timedelta(days=5))
        BuddyPair.objects.filter(pk=pair.pk).update(
            created_at=proposed, confirmed_at=office_hours(confirmed_on)
        )
        changes = BuddyPairTransition.objects.filter(pair=pair)
        changes.update(created_at=proposed)
        changes.filter(to_status=PairStatus.CONFIRMED).update(created_at=office_hours(confirmed_on))
    for pair in pairs[2:]:
        services.pair_dissolve(pair=pair, version=None, actor=actor)
    programme.refresh_from_db()
    services.pairing_run(programme=programme, actor=actor)
    return {"buddy_programmes": 1, "buddy_participants": 2 * PER_GROUP, "buddy_pairs": 2}


register_loader("buddies", load, after=["accounts"])
