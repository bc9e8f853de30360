"""Synthetic volunteering data for benchmarks: bulk rows, deterministic, no services."""

import random
from datetime import timedelta

from django.utils import timezone

from omzien.demo.names import FIRST_NAMES, LAST_NAMES
from omzien.demo.registry import register_generator
from omzien.tenants.models import Municipality
from omzien.volunteering import constants
from omzien.volunteering.models import Organisation, Vacancy, VolunteerProfile

ORGANISATIONS_PER_SCALE = 5  # per municipality
VACANCIES_PER_ORGANISATION = 5
PROFILES_PER_SCALE = 125  # per municipality
SYNTHETIC_MARK = "[synthetisch]"
DAY_PART_CODES = sorted(constants.DAY_PART_CODES)


def volunteering(*, rng: random.Random, scale: int) -> dict[str, int]:
    Organisation.objects.filter(name__startswith=SYNTHETIC_MARK).delete()
    VolunteerProfile.objects.filter(full_name__startswith=SYNTHETIC_MARK).delete()
    today = timezone.localdate()
    now = timezone.now()
    municipalities = list(Municipality.objects.order_by("cbs_code").prefetch_related("localities"))
    organisations = [
        Organisation(
            municipality=municipality,
            name=f"{SYNTHETIC_MARK} organisatie {municipality.slug} {i}",
            kind=rng.choice(list(constants.OrganisationKind.values)),
            domains=rng.sample(list(constants.Domain.values), k=2),
            description="Synthetisch.",
            contact_name="Contact",
            contact_email=f"org{i}.{municipality.slug}@synthetic.omzien.test",
            status=constants.OrganisationStatus.APPROVED,
        )
        for municipality in municipalities
        for i in range(scale * ORGANISATIONS_PER_SCALE)
    ]
    Organisation.objects.bulk_create(organisations, batch_size=2000)
    saved = list(Organisation.objects.filter(name__startswith=SYNTHETIC_MARK).order_by("pk"))
    vacancies = []
    for organisation in saved:
        localities = list(organisation.municipality.localities.all())
        for i in range(VACANCIES_PER_ORGANISATION):
            vacancies.append(
                Vacancy(
                    organisation=organisation,
                    municipality_id=organisation.municipality_id,
                    title=f"Vrijwilliger {i}",
                    description="Synthetische vacature.",
                    domains=[rng.choice(list(constants.Domain.values))],
                    kind=constants.VacancyKind.STRUCTURAL,
                    day_parts=rng.sample(DAY_PART_CODES, k=rng.randint(1, 4)),
                    hours_per_week=rng.randint(1, 8),
                    places=rng.randint(1, 3),
                    locality=rng.choice(localities) if localities else None,
                    address="Dorpsstraat 1",
                    status=constants.VacancyStatus.PUBLISHED,
                    first_published_at=now,
                    publish_from=today - timedelta(days=rng.randint(0, 60)),
                )
            )
    Vacancy.objects.bulk_create(vacancies, batch_size=2000)
    profiles = []
    for municipality in municipalities:
        localities = list(municipality.localities.all())
        for _n in range(scale * PROFILES_PER_SCALE):
            profiles.append(
                VolunteerProfile(
                    municipality=municipality,
                    full_name=" ".join(
                        (SYNTHETIC_MARK, rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
                    ),
                    interests=rng.sample(list(constants.Domain.values), k=rng.randint(1, 3)),
                    availability=rng.sample(DAY_PART_CODES, k=rng.randint(2, 8)),
                    commitments=[rng.choice(list(constants.VacancyKind.values))],
                    locality=rng.choice(localities) if localities else None,
                    travel_km=rng.choice([5, 10, 20]),
                    date_of_birth=today - timedelta(days=rng.randint(16 * 365, 80 * 365)),
                    consent_how=constants.ConsentHow.IN_PERSON,
                )
            )
    VolunteerProfile.objects.bulk_create(profiles, batch_size=2000)
    return {
        "organisations": len(organisations),
        "vacancies": len(vacancies),
        "volunteer_profiles": len(profiles),
    }


register_generator("volunteering", volunteering)
