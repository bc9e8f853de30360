"""Demo volunteering data: the organisations, vacancies and volunteers of a municipality in its
second year on the platform (seed 001, 3.3: Heerde's end-2024 target is 40 organisations,
100 profiles and 50 matches). Everything goes through the services, so reviews, state logs
and the audit trail are what the application itself writes. Responses and placements follow
when the volunteer platform gets them.
"""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.demo.names import FIRST_NAMES, LAST_NAMES
from omzien.demo.registry import register_loader
from omzien.tenants.models import Municipality
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Organisation, VolunteerProfile
from omzien.volunteering.services.organisations import organisation_approve, organisation_register
from omzien.volunteering.services.profiles import profile_create, profile_register_assisted
from omzien.volunteering.services.vacancies import vacancy_create, vacancy_transition

ORGANISATIONS = {
    "heerde": [
        (
            "Stichting Stip Heerde",
            volunteering_constants.OrganisationKind.CARE_WELFARE,
            [volunteering_constants.Domain.CARE_WELFARE, volunteering_constants.Domain.BUDDY],
        ),
        (
            "Voetbalvereniging Heerde",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [volunteering_constants.Domain.SPORT, volunteering_constants.Domain.EVENTS],
        ),
        (
            "IJsclub Wapenveld",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [volunteering_constants.Domain.SPORT],
        ),
        (
            "Bibliotheek Heerde",
            volunteering_constants.OrganisationKind.FOUNDATION,
            [
                volunteering_constants.Domain.LANGUAGE_INTEGRATION,
                volunteering_constants.Domain.CULTURE,
            ],
        ),
        (
            "Voedselbank Epe-Heerde",
            volunteering_constants.OrganisationKind.FOUNDATION,
            [volunteering_constants.Domain.POVERTY_DEBT],
        ),
        (
            "Zorgcentrum De Bongerd",
            volunteering_constants.OrganisationKind.CARE_WELFARE,
            [volunteering_constants.Domain.CARE_WELFARE],
        ),
        (
            "Natuurwerkgroep Veessen",
            volunteering_constants.OrganisationKind.INFORMAL_GROUP,
            [volunteering_constants.Domain.NATURE],
        ),
        (
            "Oranjevereniging Vorchten",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [volunteering_constants.Domain.EVENTS],
        ),
        (
            "Repair Café Heerde",
            volunteering_constants.OrganisationKind.INFORMAL_GROUP,
            [volunteering_constants.Domain.ODD_JOBS],
        ),
        (
            "Vluchtelingenwerk Heerde",
            volunteering_constants.OrganisationKind.FOUNDATION,
            [volunteering_constants.Domain.LANGUAGE_INTEGRATION],
        ),
        (
            "Muziekvereniging Wapenveld",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [volunteering_constants.Domain.CULTURE],
        ),
        (
            "Dierenweide Heerde",
            volunteering_constants.OrganisationKind.INFORMAL_GROUP,
            [volunteering_constants.Domain.ANIMALS],
        ),
    ],
    "dalfsen": [
        (
            "Stichting Welzijn Dalfsen",
            volunteering_constants.OrganisationKind.CARE_WELFARE,
            [volunteering_constants.Domain.CARE_WELFARE],
        ),
        (
            "Korfbalvereniging Nieuwleusen",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [volunteering_constants.Domain.SPORT],
        ),
        (
            "Historische Kring Lemelerveld",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [volunteering_constants.Domain.CULTURE],
        ),
        (
            "Taalhuis Dalfsen",
            volunteering_constants.OrganisationKind.FOUNDATION,
            [volunteering_constants.Domain.LANGUAGE_INTEGRATION],
        ),
    ],
}
VACANCIES = [
    (
        "Maatje voor een oudere in de buurt",
        volunteering_constants.Domain.BUDDY,
        volunteering_constants.VacancyKind.STRUCTURAL,
        ["tue_afternoon", "thu_afternoon"],
        "Een wekelijks bezoekje, samen koffie drinken of wandelen.",
    ),
    (
        "Chauffeur voor de buurtbus",
        volunteering_constants.Domain.TRANSPORT,
        volunteering_constants.VacancyKind.STRUCTURAL,
        ["mon_morning", "wed_morning", "fri_morning"],
        "Rijd bewoners naar de huisarts of de markt.",
    ),
    (
        "Trainer jeugdteam",
        volunteering_constants.Domain.SPORT,
        volunteering_constants.VacancyKind.STRUCTURAL,
        ["wed_afternoon", "sat_morning"],
        "Train een enthousiast team van 10-jarigen.",
    ),
    (
        "Taalmaatje",
        volunteering_constants.Domain.LANGUAGE_INTEGRATION,
        volunteering_constants.VacancyKind.SHORT_TERM,
        ["mon_evening", "thu_evening"],
        "Oefen een uur per week Nederlands met een nieuwkomer.",
    ),
    (
        "Respijtvrijwilliger bij een mantelzorger thuis",
        volunteering_constants.Domain.INFORMAL_CARE,
        volunteering_constants.VacancyKind.STRUCTURAL,
        ["wed_morning"],
        "Neem een ochtend de zorg over zodat de mantelzorger even vrij is.",
    ),
    (
        "Helpende hand bij de uitgifte",
        volunteering_constants.Domain.POVERTY_DEBT,
        volunteering_constants.VacancyKind.STRUCTURAL,
        ["fri_afternoon"],
        "Pakketten klaarzetten en klanten ontvangen.",
    ),
    (
        "Natuurbeheer op zaterdag",
        volunteering_constants.Domain.NATURE,
        volunteering_constants.VacancyKind.SHORT_TERM,
        ["sat_morning"],
        "Knotwilgen snoeien en paden onderhouden langs de IJssel.",
    ),
]


def _user(email: str, name: str, municipality, role: str):
    from omzien.accounts.models import Membership

    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, full_name=name)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, municipality=municipality, role=role)
    return user


def _load_municipality(municipality, rng: random.Random, today: date) -> dict[str, int]:
    broker = (
        get_user_model()
        .objects.filter(
            memberships__municipality=municipality,
            memberships__role=Role.BROKER,
            email__startswith="makelaar.",
        )
        .first()
    )
    demo_member = (
        get_user_model()
        .objects.filter(email=f"organisatie.{municipality.slug}@omzien.test")
        .first()
    )
    localities = list(municipality.localities.all())
    counts = {"organisations": 0, "vacancies": 0, "volunteer_profiles": 0}
    for index, (name, kind, domains) in enumerate(ORGANISATIONS[municipality.slug]):
        # The demo organisation account runs the first organisation; the others have their own.
        admin = (
            demo_member
            if index == 0 and demo_member
            else _user(
                f"org{index}.{municipality.slug}@voorbeeld.test",
                f"Contact {name}",
                municipality,
                Role.RESIDENT,
            )
        )
        organisation = organisation_register(
            municipality=municipality,
            data={
                "name": name,
                "kind": kind,
                "domains": domains,
                "locality": rng.choice(localities) if localities else None,
                "description": f"{name} zet zich in voor de inwoners van {municipality.name}.",
                "contact_name": admin.full_name,
                "contact_email": admin.email,
                "free_vog": kind == volunteering_constants.OrganisationKind.CARE_WELFARE,
            },
            actor=Actor(user=admin),
        )
        counts["organisations"] += 1
        if index == len(ORGANISATIONS[municipality.slug]) - 1:
            continue  # the last one still awaits review: the broker's queue is not empty
        organisation_approve(organisation=organisation, actor=Actor(user=broker))
        for title, domain, vkind, parts, text in rng.sample(VACANCIES, k=rng.randint(1, 3)):
            vacancy = vacancy_create(
                organisation=organisation,
                data={
                    "title": title,
                    "description": text,
                    "domains": [domain],
                    "kind": vkind,
                    "day_parts": parts,
                    "hours_per_week": rng.choice([2, 3, 4, 6]),
                    "places": rng.randint(1, 4),
                    "location_kind": volunteering_constants.LocationKind.ADDRESS,
                    "locality": organisation.locality,
                    "address": organisation.address,
                    "vog_required": domain
                    in (
                        volunteering_constants.Domain.BUDDY,
                        volunteering_constants.Domain.INFORMAL_CARE,
                    ),
                    "suitable_young": domain
                    in (volunteering_constants.Domain.SPORT, volunteering_constants.Domain.NATURE),
                    "guidance_offered": rng.random() < 0.5,
                    "target_groups": [volunteering_constants.TargetGroup.OLDER_PEOPLE]
                    if domain
                    in (
                        volunteering_constants.Domain.BUDDY,
                        volunteering_constants.Domain.TRANSPORT,
                    )
                    else [volunteering_constants.TargetGroup.EVERYONE],
                    "publish_from": today - timedelta(days=rng.randint(1, 120)),
                    "publish_until": today + timedelta(days=rng.randint(30, 240)),
                },
                actor=Actor(user=admin),
            )
            vacancy_transition(
                vacancy=vacancy,
                to_status=volunteering_constants.VacancyStatus.AWAITING_REVIEW,
                actor=Actor(user=admin),
            )
            if rng.random() < 0.85:
                vacancy_transition(
                    vacancy=vacancy,
                    to_status=volunteering_constants.VacancyStatus.PUBLISHED,
                    actor=Actor(user=broker),
                )
            counts["vacancies"] += 1
    counts["volunteer_profiles"] += _profiles(municipality, broker, localities, rng, today)
    counts["placements"] = _responses_and_placements(municipality, broker, rng, today)
    return counts


def _responses_and_placements(municipality, broker, rng, today) -> int:
    """Broker proposals agreed for residents without an account, accepted by the organisation
    and started: the placements and matches of the platform's second year."""
    from omzien.volunteering.models import Vacancy
    from omzien.volunteering.services.responses import (
        placement_confirm_start,
        placement_set_start,
        response_propose,
    )
    from omzien.volunteering.services.responses import response_transition as transition

    vacancies = list(
        Vacancy.objects.filter(
            municipality=municipality, status=volunteering_constants.VacancyStatus.PUBLISHED
        )
        .select_related("organisation")
        .order_by("pk")
    )
    profiles = list(
        VolunteerProfile.objects.filter(
            municipality=municipality, user__isnull=True, vog_valid_until__isnull=True
        ).order_by("pk")
    )
    placed = 0
    for vacancy, profile in zip(vacancies, profiles, strict=False):
        if vacancy.vog_required or vacancy.min_age:
            continue
        member = vacancy.organisation.members.select_related("user").first().user
        response = response_propose(
            vacancy=vacancy,
            profile=profile,
            message="Past goed bij deze vrijwilliger.",
            actor=Actor(user=broker),
        )
        response = transition(
            response=response,
            to_status=volunteering_constants.ResponseStatus.OPEN,
            actor=Actor(user=broker),
        )
        if rng.random() < 0.25:
            continue  # still waiting for the organisation's answer
        response = transition(
            response=response,
            to_status=volunteering_constants.ResponseStatus.ACCEPTED,
            actor=Actor(user=member),
        )
        placement = response.placement
        start = today - timedelta(days=rng.randint(10, 200))
        placement = placement_set_start(
            placement=placement, start_date=start, actor=Actor(user=member)
        )
        placement_confirm_start(placement=placement, actor=Actor(user=member))
        placed += 1
    return placed


def _profiles(municipality, broker, localities, rng, today) -> int:
    created = 0
    resident = (
        get_user_model().objects.filter(email=f"inwoner.{municipality.slug}@omzien.test").first()
    )
    for index in range(40 if municipality.slug == "heerde" else 15):
        data = {
            "interests": rng.sample(
                list(volunteering_constants.Domain.values), k=rng.randint(1, 3)
            ),
            "availability": rng.sample(
                [code for code, _label in volunteering_constants.DAY_PARTS], k=rng.randint(2, 6)
            ),
            "hours_per_week": rng.choice([2, 4, 6, 8]),
            "commitments": rng.sample(
                list(volunteering_constants.VacancyKind.values), k=rng.randint(1, 2)
            ),
            "locality": rng.choice(localities) if localities else None,
            "travel_km": rng.choice([5, 10, 15, 25]),
            "date_of_birth": today
            - timedelta(days=365 * rng.randint(16, 80) + rng.randint(0, 364)),
            "languages": ["nl"],
            "wants_guidance": rng.random() < 0.2,
            "motivation": "Ik wil graag iets betekenen voor het dorp.",
            "findable_by": rng.choice(list(volunteering_constants.Findable.values)),
        }
        if index == 0 and resident is not None:
            profile_create(
                municipality=municipality,
                user=resident,
                data=data,
                consent=True,
                actor=Actor(user=resident),
            )
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            profile_register_assisted(
                municipality=municipality,
                data={
                    **data,
                    "full_name": name,
                    "phone": f"0578-{rng.randint(100000, 999999)}",
                    "consent_how": rng.choice(
                        [
                            volunteering_constants.ConsentHow.IN_PERSON,
                            volunteering_constants.ConsentHow.PHONE,
                        ]
                    ),
                    "consent_given_on": today - timedelta(days=rng.randint(0, 300)),
                },
                actor=Actor(user=broker),
            )
        created += 1
    return created


def load() -> dict[str, int]:
    """Idempotent: a municipality that has organisations already is left alone."""
    rng = random.Random(2024)  # noqa: S311 - deterministic demo data
    today = timezone.localdate()
    totals = {"organisations": 0, "vacancies": 0, "volunteer_profiles": 0, "placements": 0}
    for slug in ORGANISATIONS:
        municipality = Municipality.objects.get(slug=slug)
        if Organisation.objects.filter(municipality=municipality).exists():
            continue
        if VolunteerProfile.objects.filter(municipality=municipality).exists():
            continue
        for key, value in _load_municipality(municipality, rng, today).items():
            totals[key] += value
    return totals


register_loader("volunteering", load, after=["accounts"])
