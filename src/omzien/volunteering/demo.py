"""Demo volunteering data: the organisations, vacancies and volunteers of a municipality in its
second year on the platform (seed 001, 3.3: Heerde's end-2024 target is 40 organisations,
100 profiles and 50 matches). It is what a municipality sees first, so a broker must find it
believable: each organisation offers its own kind of work, driving needs a driving licence and
work with children a VOG (``tests/test_demo.py`` checks these on the loaded demo). Everything
goes through the services, so reviews, state logs and the audit trail are what the application
itself writes; the placements are broker proposals the volunteers agreed to.
"""

import random
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.common.dates import add_months
from omzien.common.services import Actor
from omzien.demo.moments import date_notifications, office_hours
from omzien.demo.names import FIRST_NAMES, LAST_NAMES
from omzien.demo.registry import register_loader
from omzien.tenants.models import Municipality
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.constants import Domain, TargetGroup, VacancyKind
from omzien.volunteering.models import (
    Allowance,
    Organisation,
    OrganisationTransition,
    Placement,
    PlacementTransition,
    Qualification,
    ResponseTransition,
    Vacancy,
    VacancyResponse,
    VacancyTransition,
    Vog,
    VogRequest,
    VogRequestTransition,
    VolunteerProfile,
)
from omzien.volunteering.services.allowances import allowance_record
from omzien.volunteering.services.campaigns import (
    campaign_add_vacancy,
    campaign_create,
    campaign_signup,
)
from omzien.volunteering.services.hours import hours_log, hours_record_group, hours_review
from omzien.volunteering.services.organisations import organisation_approve, organisation_register
from omzien.volunteering.services.profiles import profile_create, profile_register_assisted
from omzien.volunteering.services.responses import (
    placement_confirm_start,
    placement_set_start,
    response_create,
    response_propose,
)
from omzien.volunteering.services.responses import response_transition as transition
from omzien.volunteering.services.vacancies import vacancy_create, vacancy_transition
from omzien.volunteering.services.vog import (
    qualification_add,
    vog_request_start,
    vog_request_transition,
)

# Each organisation with the domains it works in and the work it offers itself: a vacancy is
# always in one of its organisation's domains (a broker notices a language buddy at the Repair
# Café). Driving asks for a driving licence, work with children for a VOG.
ORGANISATIONS = {
    "heerde": [
        (
            "Stichting Stip Heerde",
            volunteering_constants.OrganisationKind.CARE_WELFARE,
            [Domain.CARE_WELFARE, Domain.BUDDY, Domain.INFORMAL_CARE, Domain.TRANSPORT],
        ),
        (
            "Voetbalvereniging Heerde",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [Domain.SPORT, Domain.EVENTS],
        ),
        ("IJsclub Wapenveld", volunteering_constants.OrganisationKind.ASSOCIATION, [Domain.SPORT]),
        (
            "Bibliotheek Heerde",
            volunteering_constants.OrganisationKind.FOUNDATION,
            [Domain.LANGUAGE_INTEGRATION, Domain.CULTURE],
        ),
        (
            "Voedselbank Epe-Heerde",
            volunteering_constants.OrganisationKind.FOUNDATION,
            [Domain.POVERTY_DEBT, Domain.TRANSPORT],
        ),
        (
            "Zorgcentrum De Bongerd",
            volunteering_constants.OrganisationKind.CARE_WELFARE,
            [Domain.CARE_WELFARE, Domain.BUDDY],
        ),
        (
            "Natuurwerkgroep Veessen",
            volunteering_constants.OrganisationKind.INFORMAL_GROUP,
            [Domain.NATURE],
        ),
        (
            "Oranjevereniging Vorchten",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [Domain.EVENTS],
        ),
        (
            "Repair Café Heerde",
            volunteering_constants.OrganisationKind.INFORMAL_GROUP,
            [Domain.ODD_JOBS],
        ),
        (
            "Vluchtelingenwerk Heerde",
            volunteering_constants.OrganisationKind.FOUNDATION,
            [Domain.LANGUAGE_INTEGRATION],
        ),
        (
            "Muziekvereniging Wapenveld",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [Domain.CULTURE, Domain.BOARD],
        ),
        (
            "Dierenweide Heerde",
            volunteering_constants.OrganisationKind.INFORMAL_GROUP,
            [Domain.ANIMALS],
        ),
    ],
    "dalfsen": [
        (
            "Stichting Welzijn Dalfsen",
            volunteering_constants.OrganisationKind.CARE_WELFARE,
            [Domain.CARE_WELFARE, Domain.BUDDY, Domain.TRANSPORT],
        ),
        (
            "Korfbalvereniging Nieuwleusen",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [Domain.SPORT],
        ),
        (
            "Historische Kring Lemelerveld",
            volunteering_constants.OrganisationKind.ASSOCIATION,
            [Domain.CULTURE],
        ),
        (
            "Taalhuis Dalfsen",
            volunteering_constants.OrganisationKind.FOUNDATION,
            [Domain.LANGUAGE_INTEGRATION],
        ),
    ],
}


def _vacancy(
    title, domain, kind, parts, text, *, groups=(TargetGroup.EVERYONE,), **requirements
) -> dict:
    return {
        "title": title,
        "domains": [domain],
        "kind": kind,
        "day_parts": parts,
        "description": text,
        "target_groups": list(groups),
        **requirements,
    }


_VISITING_BUDDY = _vacancy(
    "Maatje voor een oudere in de buurt",
    Domain.BUDDY,
    VacancyKind.STRUCTURAL,
    ["tue_afternoon", "thu_afternoon"],
    "Een wekelijks bezoekje, samen koffie drinken of wandelen.",
    groups=[TargetGroup.OLDER_PEOPLE],
    vog_required=True,
)
_YOUTH_TRAINER = _vacancy(
    "Trainer jeugdteam",
    Domain.SPORT,
    VacancyKind.STRUCTURAL,
    ["wed_afternoon", "sat_morning"],
    "Train een enthousiast team van 10-jarigen, samen met een ervaren trainer.",
    groups=[TargetGroup.CHILDREN],
    vog_required=True,
    min_age=16,
)

# The work each organisation offers (the last organisation of a municipality awaits review).
VACANCIES = {
    "Stichting Stip Heerde": [
        _VISITING_BUDDY,
        _vacancy(
            "Respijtvrijwilliger bij een mantelzorger thuis",
            Domain.INFORMAL_CARE,
            VacancyKind.STRUCTURAL,
            ["wed_morning"],
            "Neem een ochtend de zorg over zodat de mantelzorger even vrij is.",
            vog_required=True,
        ),
        _vacancy(
            "Chauffeur voor de vervoersdienst",
            Domain.TRANSPORT,
            VacancyKind.STRUCTURAL,
            ["mon_morning", "wed_morning", "fri_morning"],
            "Rijd oudere inwoners met uw eigen auto naar de huisarts, het ziekenhuis of de "
            "markt; u krijgt een kilometervergoeding.",
            groups=[TargetGroup.OLDER_PEOPLE],
            driving_licence=True,
            min_age=18,
        ),
    ],
    "Voetbalvereniging Heerde": [
        _YOUTH_TRAINER,
        _vacancy(
            "Kantinemedewerker op zaterdag",
            Domain.SPORT,
            VacancyKind.STRUCTURAL,
            ["sat_morning", "sat_afternoon"],
            "Koffie schenken en tosti's bakken tijdens de wedstrijden.",
        ),
    ],
    "IJsclub Wapenveld": [
        _vacancy(
            "Baanmeester op de ijsbaan",
            Domain.SPORT,
            VacancyKind.SHORT_TERM,
            ["sat_morning", "sun_afternoon"],
            "Houd bij vorst de baan veilig en help bij het sproeien van het ijs.",
        ),
    ],
    "Bibliotheek Heerde": [
        _vacancy(
            "Taalmaatje",
            Domain.LANGUAGE_INTEGRATION,
            VacancyKind.SHORT_TERM,
            ["mon_evening", "thu_evening"],
            "Oefen een uur per week Nederlands met een volwassene die de taal leert, in het "
            "Taalhuis van de bibliotheek.",
            groups=[TargetGroup.NEWCOMERS],
        ),
        _vacancy(
            "Begeleider Digitaal Café",
            Domain.CULTURE,
            VacancyKind.STRUCTURAL,
            ["tue_morning"],
            "Help bezoekers met hun telefoon, tablet en DigiD.",
            groups=[TargetGroup.OLDER_PEOPLE],
        ),
    ],
    "Voedselbank Epe-Heerde": [
        _vacancy(
            "Helpende hand bij de uitgifte",
            Domain.POVERTY_DEBT,
            VacancyKind.STRUCTURAL,
            ["fri_afternoon"],
            "Pakketten klaarzetten en klanten ontvangen.",
            groups=[TargetGroup.LOW_INCOME],
        ),
        _vacancy(
            "Chauffeur voor het ophalen van voedsel",
            Domain.TRANSPORT,
            VacancyKind.STRUCTURAL,
            ["thu_morning"],
            "Rijd met de bestelbus van de voedselbank langs supermarkten en boeren.",
            driving_licence=True,
            min_age=21,
        ),
    ],
    "Zorgcentrum De Bongerd": [
        _vacancy(
            "Gastvrouw of gastheer in het restaurant",
            Domain.CARE_WELFARE,
            VacancyKind.STRUCTURAL,
            ["tue_afternoon", "fri_afternoon"],
            "Ontvang bewoners en bezoekers en schenk koffie en thee.",
            groups=[TargetGroup.OLDER_PEOPLE],
        ),
        _vacancy(
            "Wandelen met bewoners",
            Domain.BUDDY,
            VacancyKind.STRUCTURAL,
            ["wed_afternoon"],
            "Maak een wandeling of rolstoelrit met een bewoner door het dorp.",
            groups=[TargetGroup.OLDER_PEOPLE],
            vog_required=True,
        ),
    ],
    "Natuurwerkgroep Veessen": [
        _vacancy(
            "Natuurbeheer op zaterdag",
            Domain.NATURE,
            VacancyKind.SHORT_TERM,
            ["sat_morning"],
            "Knotwilgen snoeien en paden onderhouden langs de IJssel.",
            suitable_young=True,
        ),
    ],
    "Oranjevereniging Vorchten": [
        _vacancy(
            "Opbouwploeg Koningsdag",
            Domain.EVENTS,
            VacancyKind.SHORT_TERM,
            ["fri_evening", "sat_morning"],
            "Tent opzetten, tafels sjouwen en na afloop alles weer opruimen.",
            suitable_young=True,
        ),
    ],
    "Repair Café Heerde": [
        _vacancy(
            "Reparateur in het Repair Café",
            Domain.ODD_JOBS,
            VacancyKind.STRUCTURAL,
            ["sat_morning"],
            "Repareer samen met bezoekers hun stofzuiger, fiets of broek.",
        ),
    ],
    "Vluchtelingenwerk Heerde": [
        _vacancy(
            "Maatschappelijk begeleider van statushouders",
            Domain.LANGUAGE_INTEGRATION,
            VacancyKind.STRUCTURAL,
            ["mon_afternoon", "thu_afternoon"],
            "Help een nieuwe inwoner op weg met post, formulieren en instanties.",
            groups=[TargetGroup.NEWCOMERS],
        ),
    ],
    "Muziekvereniging Wapenveld": [
        _vacancy(
            "Penningmeester",
            Domain.BOARD,
            VacancyKind.STRUCTURAL,
            ["tue_evening"],
            "Beheer de financiën van de vereniging en maak de jaarrekening.",
        ),
    ],
    "Stichting Welzijn Dalfsen": [
        _VISITING_BUDDY,
        _vacancy(
            "Chauffeur voor de Plusbus",
            Domain.TRANSPORT,
            VacancyKind.STRUCTURAL,
            ["mon_morning", "thu_morning"],
            "Rijd ouderen met de Plusbus naar activiteiten, de markt of familie.",
            groups=[TargetGroup.OLDER_PEOPLE],
            driving_licence=True,
            min_age=21,
        ),
    ],
    "Korfbalvereniging Nieuwleusen": [_YOUTH_TRAINER],
    "Historische Kring Lemelerveld": [
        _vacancy(
            "Archiefvrijwilliger",
            Domain.CULTURE,
            VacancyKind.STRUCTURAL,
            ["wed_morning"],
            "Oude foto's en krantenknipsels beschrijven en scannen.",
        ),
    ],
}


# The municipality's own klusdag in a few weeks: a public campaign of one-off tasks that
# residents sign up for with a name and an e-mail address (no profile). Each task: the
# organisation, title, domain (one of the organisation's), starting hour, hours, places, text.
CAMPAIGN_TASKS = {
    "heerde": [
        (
            "Natuurwerkgroep Veessen",
            "Zwerfafval opruimen langs de IJssel",
            Domain.NATURE,
            9,
            4,
            8,
            "Met grijper en vuilniszak de uiterwaarden en de dijk langs. Laarzen aan; koffie, "
            "soep en handschoenen zijn er.",
        ),
        (
            "Repair Café Heerde",
            "Fietsen opknappen voor nieuwe inwoners",
            Domain.ODD_JOBS,
            10,
            3,
            5,
            "Geschonken fietsen nakijken en rijklaar maken voor statushouders en gezinnen die "
            "er geen kunnen kopen.",
        ),
        (
            "Zorgcentrum De Bongerd",
            "Tuinmiddag met de bewoners",
            Domain.CARE_WELFARE,
            13,
            3,
            6,
            "De binnentuin opknappen, samen met bewoners die graag meehelpen.",
        ),
    ],
    "dalfsen": [
        (
            "Stichting Welzijn Dalfsen",
            "Tuinen opknappen bij ouderen",
            Domain.CARE_WELFARE,
            9,
            4,
            6,
            "Snoeien, onkruid wieden en de tuin netjes maken bij ouderen die het zelf niet "
            "meer kunnen.",
        ),
        (
            "Korfbalvereniging Nieuwleusen",
            "Kantine schilderen",
            Domain.SPORT,
            10,
            4,
            4,
            "De kantine een nieuwe kleur geven; verf en kwasten zijn er.",
        ),
    ],
}


def _campaign(municipality, broker, organisations: dict, rng: random.Random, today: date) -> int:
    """The klusdag on the Saturday at least three weeks ahead (after the Christmas holidays
    when it would fall in them), public, with its tasks and the sign-ups so far. Returns the
    number of tasks."""
    day = today + timedelta(days=21 + (5 - today.weekday()) % 7)
    while (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 3):
        day += timedelta(days=7)
    campaign = campaign_create(
        municipality=municipality,
        data={
            "name": f"Klusdag {municipality.name}",
            "kind": volunteering_constants.CampaignKind.OTHER,
            "description": (
                f"Eén zaterdag de handen uit de mouwen voor {municipality.name}: kies een klus, "
                "meld u aan met uw naam en e-mailadres en doe een ochtend of middag mee. "
                "Vrijwilligerswerk proberen zonder vaste verplichting."
            ),
            "starts_on": day,
            "ends_on": day,
            "is_public": True,
        },
        actor=Actor(user=broker),
    )
    tasks = 0
    for name, title, domain, hour, hours, places, text in CAMPAIGN_TASKS[municipality.slug]:
        organisation, admin = organisations[name]
        starts_at = timezone.make_aware(datetime.combine(day, time(hour)))
        vacancy = vacancy_create(
            organisation=organisation,
            data={
                **_vacancy(title, domain, VacancyKind.ONE_OFF, [], text),
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=hours),
                "places": places,
                "location_kind": volunteering_constants.LocationKind.ADDRESS,
                "locality": organisation.locality,
                "address": organisation.address,
                "publish_from": today - timedelta(days=7),
            },
            actor=Actor(user=admin),
        )
        for status, actor in (
            (volunteering_constants.VacancyStatus.AWAITING_REVIEW, admin),
            (volunteering_constants.VacancyStatus.PUBLISHED, broker),
        ):
            vacancy_transition(vacancy=vacancy, to_status=status, actor=Actor(user=actor))
        _date_vacancy(vacancy, vacancy.publish_from)
        campaign_add_vacancy(campaign=campaign, vacancy_id=vacancy.pk, actor=Actor(user=broker))
        for number in range(rng.randint(1, places - 1)):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            campaign_signup(
                campaign=campaign,
                vacancy=vacancy,
                name=f"{first} {last}",
                email=f"klusdag{tasks}{number}.{municipality.slug}@voorbeeld.test",
                phone=f"06{rng.randint(10000000, 69999999)}" if rng.random() < 0.5 else "",
                actor=Actor(),
            )
        tasks += 1
    return tasks


def _user(email: str, name: str, municipality, role: str):

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
    approved = {}
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
            # The last one registered this week and awaits review: the broker's queue is
            # not empty.
            _date_organisation(organisation, today - timedelta(days=3))
            continue
        organisation_approve(organisation=organisation, actor=Actor(user=broker))
        approved[name] = (organisation, admin)
        # On the platform since its first year, approved a few days after registering.
        _date_organisation(organisation, today - timedelta(days=420 + 30 * index), approved_days=4)
        for work in VACANCIES.get(name, []):
            vacancy = vacancy_create(
                organisation=organisation,
                data={
                    **work,
                    "hours_per_week": rng.choice([2, 3, 4, 6]),
                    "places": rng.randint(1, 4),
                    "location_kind": volunteering_constants.LocationKind.ADDRESS,
                    "locality": organisation.locality,
                    "address": organisation.address,
                    "guidance_offered": rng.random() < 0.5,
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
                _date_vacancy(vacancy, vacancy.publish_from)
            else:
                # Sent for review this week, to be published once approved.
                sent = today - timedelta(days=1 + counts["vacancies"] % 5)
                _date_vacancy(vacancy, sent + timedelta(days=5))
            counts["vacancies"] += 1
    counts["volunteer_profiles"] += _profiles(municipality, broker, localities, rng, today)
    counts["placements"] = _responses_and_placements(municipality, broker, rng, today)
    # Last, with its own random numbers: the rest of the demo stays as it was without it.
    own = random.Random(f"klusdag-{municipality.slug}")  # noqa: S311 - deterministic demo data
    counts["vacancies"] += _campaign(municipality, broker, approved, own, today)
    counts["placements"] += _vog_requests(municipality, broker, today)
    if municipality.slug == "heerde":
        counts["hours"] = _hours(municipality, today)
    # After the hours: the demo volunteer's placement is made there.
    counts["allowances"] = _allowances(municipality, today)
    counts["qualifications"] = _qualifications(municipality, broker, today)
    return counts


def _hours(municipality, today) -> int:
    """Heerde's hours: the demo resident volunteers at the demo organisation's first open
    vacancy and has logged hours (two approved, three awaiting approval); the organisations
    recorded the weekly hours of their other running placements. A generator of its own, so
    the rest of the demo stays as it was."""

    rng = random.Random(15)  # noqa: S311 - deterministic demo data
    recorded = 0
    resident = (
        get_user_model().objects.filter(email=f"inwoner.{municipality.slug}@omzien.test").first()
    )
    member = (
        get_user_model()
        .objects.filter(email=f"organisatie.{municipality.slug}@omzien.test")
        .first()
    )
    vacancy = (
        Vacancy.objects.filter(
            municipality=municipality,
            organisation__members__user=member,
            status=volunteering_constants.VacancyStatus.PUBLISHED,
            min_age__isnull=True,
            driving_licence=False,
        )
        .order_by("vog_required", "pk")
        .first()
        if member
        else None
    )
    if resident is not None and vacancy is not None:
        # The demo resident has a VOG (the demo organisation's work asks for one).
        demo_profile = VolunteerProfile.objects.get(user=resident, municipality=municipality)
        Vog.objects.update_or_create(
            profile=demo_profile,
            defaults={
                "municipality": municipality,
                "issued_on": today - timedelta(days=400),
                "aspects": sorted(vacancy.vog_aspects or volunteering_constants.VogAspect.values),
            },
        )
        response = response_create(
            vacancy=vacancy, user=resident, message="Ik help graag mee.", actor=Actor(user=resident)
        )
        response = transition(
            response=response,
            to_status=volunteering_constants.ResponseStatus.ACCEPTED,
            actor=Actor(user=member),
        )
        placement = response.placement
        if placement.status == volunteering_constants.PlacementStatus.WAITING_LIST:
            _backdate(response, sent=today - timedelta(days=50), answered_days=3)
            return recorded
        placement = placement_set_start(
            placement=placement,
            start_date=today - timedelta(days=42),
            actor=Actor(user=member),
        )
        placement = placement_confirm_start(placement=placement, actor=Actor(user=member))
        _backdate(response, sent=today - timedelta(days=50), answered_days=3, started=placement)
        for days_ago, hours in ((35, "3"), (28, "2.5"), (14, "3"), (7, "2"), (2, "3.5")):
            entry = hours_log(
                placement=placement,
                date=today - timedelta(days=days_ago),
                hours=Decimal(hours),
                note="Koffie geschonken en mensen ontvangen." if days_ago == 7 else "",
                token=uuid.uuid4(),
                actor=Actor(user=resident),
            )
            if days_ago > 20:
                hours_review(
                    entry=entry,
                    to_status=volunteering_constants.HoursStatus.APPROVED,
                    actor=Actor(user=member),
                )
            recorded += 1
    # The other running placements: their organisation records the weeks since the start.
    running = (
        Placement.objects.filter(
            municipality=municipality,
            status=volunteering_constants.PlacementStatus.RUNNING,
            profile__user__isnull=True,
        )
        .select_related("vacancy")
        .order_by("pk")
    )
    for placement in running:
        organiser = placement.vacancy.organisation.members.select_related("user").first().user
        weeks = min(8, max(0, (today - placement.start_date).days // 7))
        for week in range(weeks):
            hours_record_group(
                placements=[placement],
                hours={placement.pk: Decimal(rng.choice(["1.5", "2", "2.5", "3", "4"]))},
                date=today - timedelta(days=7 * week + 1),
                token=uuid.uuid4(),
                actor=Actor(user=organiser),
            )
            recorded += 1
    return recorded


def _responses_and_placements(municipality, broker, rng, today) -> int:
    """Broker proposals agreed for residents without an account, accepted by the organisation
    and started: the placements and matches of the platform's second year."""
    vacancies = list(
        Vacancy.objects.filter(
            municipality=municipality, status=volunteering_constants.VacancyStatus.PUBLISHED
        )
        .select_related("organisation")
        .order_by("pk")
    )
    profiles = list(
        VolunteerProfile.objects.filter(
            municipality=municipality, user__isnull=True, vog__isnull=True
        ).order_by("pk")
    )
    placed = 0
    for index, (vacancy, profile) in enumerate(zip(vacancies, profiles, strict=False)):
        if vacancy.vog_required or vacancy.min_age:
            continue
        if vacancy.driving_licence and not profile.driving_licence:
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
        # Sent some weeks ago (a number that follows from the place in the list, so that the
        # random choices after it stay the same).
        weeks_ago = 1 + index % 4
        if rng.random() < 0.25:
            # Still waiting for the organisation's answer: the older ones are on the broker's
            # work queue as unanswered.
            _backdate(response, sent=today - timedelta(days=7 * weeks_ago - 4))
            continue
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
        placement = placement_confirm_start(placement=placement, actor=Actor(user=member))
        _backdate(
            response,
            sent=start - timedelta(days=7 * weeks_ago),
            answered_days=1 + index % 5,
            started=placement,
        )
        placed += 1
    return placed


# What the first organisation pays each of its running volunteers a month (its volunteer
# allowance, without receipts) and the travel costs it paid back on receipts, for the last three
# months (on the 28th, a day each month has).
MONTHLY_ALLOWANCE, TRAVEL_COSTS = Decimal("40.00"), Decimal("12.60")


def _allowances(municipality, today: date) -> int:
    """The allowances the demo organisation account's organisation recorded. Returns how many."""

    email = f"organisatie.{municipality.slug}@omzien.test"
    member = get_user_model().objects.filter(email=email).first()
    placements = Placement.objects.filter(
        vacancy__organisation__members__user=member,
        status=volunteering_constants.PlacementStatus.RUNNING,
    ).order_by("pk")
    made = 0
    for placement in placements:
        for months_ago in (3, 2, 1):
            day = add_months(today.replace(day=1), -months_ago).replace(day=28)
            if day < placement.start_date:
                continue
            for index, (kind, amount, note) in enumerate(
                (
                    (volunteering_constants.AllowanceKind.ALLOWANCE, MONTHLY_ALLOWANCE, ""),
                    (volunteering_constants.AllowanceKind.EXPENSES, TRAVEL_COSTS, "Reiskosten"),
                )
            ):
                allowance = allowance_record(
                    placement=placement,
                    date=day,
                    amount=amount,
                    kind=kind,
                    token=uuid.UUID(int=placement.pk * 100 + months_ago * 10 + index),
                    actor=Actor(user=member),
                    note=note,
                    today=today,
                )
                # Recorded at the start of the next month, when the organisation paid it.
                Allowance.objects.filter(pk=allowance.pk).update(
                    created_at=office_hours(min(day + timedelta(days=4), today - timedelta(days=1)))
                )
                made += 1
    return made


def _qualifications(municipality, broker, today: date) -> int:
    """Certificates and licences, recorded some months ago: the demo volunteer's first-aid
    certificate (running out in six weeks, so its reminder comes), driving licences of
    volunteers who drive, food hygiene at the food bank and one first-aid certificate that ran
    out. Returns how many."""
    kinds = volunteering_constants.QualificationKind
    resident = VolunteerProfile.objects.filter(
        municipality=municipality, user__email=f"inwoner.{municipality.slug}@omzien.test"
    ).first()
    assisted = list(
        VolunteerProfile.objects.filter(municipality=municipality, user__isnull=True)
        .filter(driving_licence=True)
        .order_by("pk")[:4]
    )
    wanted = []
    if resident is not None:
        wanted.append((resident, resident.user, kinds.FIRST_AID, {"expires_on": 42}))
    for index, profile in enumerate(assisted):
        wanted.append(
            (
                profile,
                broker,
                kinds.DRIVING_LICENCE,
                {"licence_category": "B", "expires_on": 900 + 400 * index},
            )
        )
    if assisted:
        wanted.append((assisted[0], broker, kinds.FOOD_HYGIENE, {"name": "Sociale hygiëne"}))
        wanted.append((assisted[-1], broker, kinds.FIRST_AID, {"expires_on": -20}))
    for number, (profile, user, kind, details) in enumerate(wanted):
        days = details.pop("expires_on", None)
        qualification = qualification_add(
            profile=profile,
            kind=kind,
            actor=Actor(user=user),
            expires_on=None if days is None else today + timedelta(days=days),
            **details,
        )
        recorded = office_hours(today - timedelta(days=60 + 23 * number))
        Qualification.objects.filter(pk=qualification.pk).update(
            created_at=recorded, updated_at=recorded
        )
    return len(wanted)


# Volunteers selected for work that asks a VOG, by days ago: proposed, accepted by the
# organisation, VOG asked for, and (None: still waiting) the VOG's issue date.
VOG_REQUESTS = ((16, 14, 13, None), (45, 43, 42, 24))


def _vog_requests(municipality, broker, today: date) -> int:
    """The VOG work of the municipality's first organisation: one volunteer it selected has been
    asked for a VOG and it has not come yet, another's came and the placement can be planned.
    Returns the placements made."""
    vacancy = (
        Vacancy.objects.filter(
            municipality=municipality,
            status=volunteering_constants.VacancyStatus.PUBLISHED,
            vog_required=True,
            min_age__isnull=True,
            organisation__members__user__email=f"organisatie.{municipality.slug}@omzien.test",
        )
        .order_by("pk")
        .first()
    )
    if vacancy is None:
        return 0
    member = vacancy.organisation.members.select_related("user").first().user
    profiles = VolunteerProfile.objects.filter(
        municipality=municipality, user__isnull=True, vog__isnull=True, responses__isnull=True
    ).order_by("-pk")
    made = 0
    for (proposed, accepted, asked, issued), profile in zip(VOG_REQUESTS, profiles, strict=False):
        response = response_propose(
            vacancy=vacancy,
            profile=profile,
            message="Past goed bij deze vrijwilliger.",
            actor=Actor(user=broker),
        )
        for status, user in (
            (volunteering_constants.ResponseStatus.OPEN, broker),
            (volunteering_constants.ResponseStatus.ACCEPTED, member),
        ):
            response = transition(response=response, to_status=status, actor=Actor(user=user))
        request = vog_request_start(
            response=response, aspects=vacancy.vog_aspects, actor=Actor(user=member)
        )
        _backdate(
            response, sent=today - timedelta(days=proposed), answered_days=proposed - accepted
        )
        PlacementTransition.objects.filter(placement=response.placement).update(
            created_at=office_hours(today - timedelta(days=accepted))
        )
        moments = {"": office_hours(today - timedelta(days=asked))}
        # Asked for then: the issue date recorded below may not lie before it.
        VogRequest.objects.filter(pk=request.pk).update(created_at=moments[""])
        if issued is not None:
            # Recorded by the broker, who registered the volunteer, the day after the issue date.
            request = vog_request_transition(
                request=request,
                to_status=volunteering_constants.VogRequestStatus.RECEIVED,
                actor=Actor(user=broker),
                issued_on=today - timedelta(days=issued),
                today=today,
            )
            moments[volunteering_constants.VogRequestStatus.REQUESTED] = office_hours(
                today - timedelta(days=issued - 1)
            )
        for source, moment in moments.items():
            VogRequestTransition.objects.filter(request=request, from_status=source).update(
                created_at=moment
            )
        VogRequest.objects.filter(pk=request.pk).update(updated_at=max(moments.values()))
        Vog.objects.filter(profile=profile).update(
            created_at=max(moments.values()), updated_at=max(moments.values())
        )
        date_notifications(
            f"vog_request:{request.pk}", moments[""], read=max(moments.values()) if issued else None
        )
        date_notifications(f"vog_received:{request.pk}", max(moments.values()))
        made += 1
    return made


def _backdate(response, *, sent: date, answered_days: int = 0, started=None) -> None:
    """Date the demo's response, its answer and its placement's start in the past, as on a
    platform that has run for a while: the services stamp them today. ``sent`` is the day the
    volunteer reacted (or the broker proposed), ``answered_days`` later the organisation
    accepted, and ``started`` is the placement that began on its start date."""
    answered = sent + timedelta(days=answered_days)
    date_notifications(
        f"vacancy_response:{response.pk}",
        office_hours(sent),
        read=office_hours(answered) if answered_days else None,
    )
    vacancy = response.vacancy
    if vacancy.publish_from >= sent:
        _date_vacancy(vacancy, sent - timedelta(days=3))
    ResponseTransition.objects.filter(response=response).update(created_at=office_hours(sent))
    if answered_days:
        ResponseTransition.objects.filter(
            response=response, to_status=volunteering_constants.ResponseStatus.ACCEPTED
        ).update(created_at=office_hours(answered))
        VacancyResponse.objects.filter(pk=response.pk).update(
            created_at=office_hours(sent), answered_at=office_hours(answered)
        )
    else:
        VacancyResponse.objects.filter(pk=response.pk).update(created_at=office_hours(sent))
    if started is not None:
        began = office_hours(max(started.start_date, answered))
        PlacementTransition.objects.filter(placement=started).update(created_at=began)
        Placement.objects.filter(pk=started.pk).update(started_confirmed_at=began)


def _date_organisation(organisation, registered: date, approved_days: int = 0) -> None:
    """Date an organisation's registration (and approval, ``approved_days`` later)."""
    approved = office_hours(registered + timedelta(days=approved_days))
    Organisation.objects.filter(pk=organisation.pk).update(
        created_at=office_hours(registered), reviewed_at=approved if approved_days else None
    )
    changes = OrganisationTransition.objects.filter(organisation=organisation)
    changes.update(created_at=office_hours(registered))
    if approved_days:
        changes.filter(to_status=volunteering_constants.OrganisationStatus.APPROVED).update(
            created_at=approved
        )
    date_notifications(
        f"organisation_review:{organisation.pk}",
        office_hours(registered),
        read=approved if approved_days else None,
    )


def _date_vacancy(vacancy, published: date) -> None:
    """Date a vacancy as written a week before ``published``, sent for review two days
    later and (if it is published) published on that day."""
    written = published - timedelta(days=7)
    Vacancy.objects.filter(pk=vacancy.pk).update(
        created_at=office_hours(written), publish_from=published
    )
    Vacancy.objects.filter(pk=vacancy.pk, first_published_at__isnull=False).update(
        first_published_at=office_hours(published)
    )
    changes = VacancyTransition.objects.filter(vacancy=vacancy)
    changes.update(created_at=office_hours(written + timedelta(days=2)))
    changes.filter(to_status=volunteering_constants.VacancyStatus.PUBLISHED).update(
        created_at=office_hours(published)
    )
    date_notifications(
        f"vacancy_review:{vacancy.pk}",
        office_hours(written + timedelta(days=2)),
        read=office_hours(published),
    )
    vacancy.publish_from = published


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
            "driving_licence": rng.random() < 0.7,
            "wants_guidance": rng.random() < 0.2,
            "motivation": "Ik wil graag iets betekenen voor het dorp.",
            "findable_by": rng.choice(list(volunteering_constants.Findable.values)),
        }
        if index == 0 and resident is not None:
            profile = profile_create(
                municipality=municipality,
                user=resident,
                data=data,
                consent=True,
                actor=Actor(user=resident),
            )
            registered_on = today - timedelta(days=60)  # before the response of 50 days ago
        else:
            # (The random choices in the order they always had, so the demo stays the same.)
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            phone = f"0578-{rng.randint(100000, 999999)}"
            how = rng.choice(
                [
                    volunteering_constants.ConsentHow.IN_PERSON,
                    volunteering_constants.ConsentHow.PHONE,
                ]
            )
            registered_on = today - timedelta(days=rng.randint(0, 300))
            profile = profile_register_assisted(
                municipality=municipality,
                data={
                    **data,
                    "full_name": name,
                    "phone": phone,
                    "consent_how": how,
                    "consent_given_on": registered_on,
                },
                actor=Actor(user=broker),
            )
        _registered(profile, registered_on, broker, today)
        created += 1
    return created


def _registered(profile, day: date, broker, today: date) -> None:
    """Date the profile (and the consent given with it) on the day the volunteer registered
    (the service stamps today). The broker welcomed everyone who registered more than three
    weeks ago; the newer ones are still on the work queue."""
    registered = office_hours(day)
    welcomed = (today - day).days > 21
    VolunteerProfile.objects.filter(pk=profile.pk).update(
        created_at=registered,
        consent_given_on=day,
        welcomed_at=registered + timedelta(days=2) if welcomed else None,
        welcomed_by=broker if welcomed else None,
    )


def load() -> dict[str, int]:
    """Idempotent: a municipality that has organisations already is left alone."""
    rng = random.Random(2024)  # noqa: S311 - deterministic demo data
    today = timezone.localdate()
    totals = {
        "organisations": 0,
        "vacancies": 0,
        "volunteer_profiles": 0,
        "placements": 0,
        "hours": 0,
        "allowances": 0,
        "qualifications": 0,
    }
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
