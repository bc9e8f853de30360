"""Demo calendar of Heerde (seed 000): the monthly lotgenotenbijeenkomst of about twelve carers
on the first Tuesday, the Alzheimer Café, a walking group that is full and has a waiting list,
the Dag van de mantelzorg on 10 November, an information evening and an NL Doet day, made
through the services, with sign-ups; and the past six peer-support meetings with their
attendance, so the figures have something to show. Idempotent: an activity that exists by its
title is left alone. The activities were put in the calendar weeks ago and people signed up
one after another since (the past meetings' in the weeks before each)."""

import datetime
import random

from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.activities import constants
from omzien.activities.models import Activity, Occurrence, SignUp, SignUpTransition
from omzien.activities.services.activities import activity_create
from omzien.activities.services.signups import hash_token, signup_create
from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.demo.names import FIRST_NAMES, LAST_NAMES
from omzien.demo.registry import register_loader
from omzien.tenants.models import Locality, Municipality
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.models import Organisation

PEER_SUPPORT = "Lotgenotenbijeenkomst mantelzorgers"
# An activity went into the calendar this many weeks ago; the monthly peer-support meeting a
# year ago (its past six meetings were held since).
PUBLISHED_WEEKS_AGO = 8
SIGN_UP_WEEKS = 3  # people sign up for a past meeting in the weeks before it


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _next_nth_weekday(today: datetime.date, weekday: int, nth: int) -> datetime.date:
    year, month = today.year, today.month
    while True:
        day = _nth_weekday(year, month, weekday, nth)
        if day > today:
            return day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _next_on(today: datetime.date, month: int, day: int) -> datetime.date:
    date = datetime.date(today.year, month, day)
    return date if date > today else datetime.date(today.year + 1, month, day)


def _activities(today: datetime.date, localities: dict, stip) -> list[dict]:
    heerde, wapenveld = localities.get("Heerde"), localities.get("Wapenveld")
    base = {"cost": "", "accessibility": "", "online_url": "", "signup_required": True}
    return [
        {
            **base,
            "title": PEER_SUPPORT,
            "description": (
                "Elke eerste dinsdag van de maand praten mantelzorgers met elkaar over wat de "
                "zorg voor een naaste met hen doet. Onder begeleiding van de "
                "mantelzorgconsulent. Koffie en thee staan klaar."
            ),
            "kind": constants.Kind.PEER_SUPPORT,
            "organisation": stip,
            "locality": heerde,
            "address": "Dorpshuis, Dorpsstraat 12",
            "capacity": 14,
            "accessibility": "Rolstoeltoegankelijk, ringleiding aanwezig.",
            "starts_at": _at(_next_nth_weekday(today, 1, 1), 19, 30),
            "duration_minutes": 120,
            "repeat": constants.Repeat.MONTHLY_NTH,
            "target_groups": ["carers"],
            "signups": 10,
        },
        {
            **base,
            "title": "Alzheimer Café Heerde",
            "description": (
                "Voor mensen met dementie, hun naasten en iedereen die meer wil weten. Elke "
                "maand een ander onderwerp, met een deskundige."
            ),
            "kind": constants.Kind.MEETING,
            "organisation": stip,
            "locality": heerde,
            "address": "Zalencentrum De Hoeve, Stationsweg 3",
            "capacity": 40,
            "starts_at": _at(_next_nth_weekday(today, 2, 3), 19, 30),
            "duration_minutes": 120,
            "repeat": constants.Repeat.MONTHLY_NTH,
            "target_groups": ["dementia", "carers"],
            "signups": 18,
        },
        {
            **base,
            "title": "Wandelgroep Samen op pad",
            "description": (
                "Elke donderdagochtend een rustige wandeling van een uur, met koffie na afloop."
            ),
            "kind": constants.Kind.WALKING,
            "organisation": None,
            "locality": wapenveld,
            "address": "Start bij de bibliotheek, Kerkstraat 5",
            "capacity": 8,
            "starts_at": _at(today + datetime.timedelta(days=(3 - today.weekday()) % 7 or 7), 10),
            "duration_minutes": 90,
            "repeat": constants.Repeat.WEEKLY,
            "target_groups": ["older_people", "loneliness"],
            "signups": 11,  # eight places: three on the waiting list
        },
        {
            **base,
            "title": "Dag van de mantelzorg",
            "description": (
                "Op 10 november zet de gemeente alle mantelzorgers in het zonnetje: een middag "
                "met muziek, een hapje en een drankje."
            ),
            "kind": constants.Kind.CARERS_DAY,
            "organisation": None,
            "locality": heerde,
            "address": "Theater De Schouw, Markt 1",
            "capacity": 80,
            "starts_at": _at(_next_on(today, 11, 10), 14),
            "duration_minutes": 180,
            "repeat": constants.Repeat.ONCE,
            "target_groups": ["carers", "young_carers"],
            "signups": 25,
        },
        {
            **base,
            "title": "Informatieavond Mantelzorg en werk",
            "description": "Hoe combineert u werk en mantelzorg? Over verlof, regelingen en hulp.",
            "kind": constants.Kind.INFORMATION,
            "organisation": None,
            "locality": heerde,
            "address": "Gemeentehuis, Bonhoeffersingel 1",
            "capacity": 25,
            "starts_at": _at(today + datetime.timedelta(days=17), 19, 30),
            "duration_minutes": 90,
            "repeat": constants.Repeat.ONCE,
            "target_groups": ["carers"],
            "signups": 6,
        },
        {
            **base,
            "title": "NL Doet: de tuin van het hospice opknappen",
            "description": "Een dag samen klussen in de tuin. Lunch wordt verzorgd.",
            "kind": constants.Kind.NL_DOET,
            "organisation": stip,
            "locality": wapenveld,
            "address": "Hospice, Veldweg 2",
            "capacity": 20,
            "starts_at": _at(_next_on(today, 3, 13), 9),
            "duration_minutes": 360,
            "repeat": constants.Repeat.ONCE,
            "target_groups": ["volunteers", "everyone"],
            "signups": 7,
        },
    ]


def signed_up(occurrence: Occurrence, first: datetime.date, last: datetime.date) -> dict:
    """Demo only: the sign-ups of ``occurrence`` came in one after another from ``first`` to
    ``last`` (the services stamp the present). Returns each sign-up's moment by its id."""
    ids = list(
        SignUp.objects.filter(occurrence=occurrence).order_by("pk").values_list("pk", flat=True)
    )
    span = (last - first).days
    moments = {}
    for n, pk in enumerate(ids):
        day = first + datetime.timedelta(days=span * n // max(1, len(ids) - 1))
        moments[pk] = office_hours(day) + datetime.timedelta(minutes=37 * n % 420)
        SignUp.objects.filter(pk=pk).update(created_at=moments[pk])
        SignUpTransition.objects.filter(signup=pk, from_status="").update(created_at=moments[pk])
    return moments


def _name(rng) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _past_meetings(activity: Activity, rng, today: datetime.date) -> int:
    """The past six first-Tuesday meetings with about twelve who came."""
    made = 0
    for back in range(1, 7):
        month = (today.month - back - 1) % 12 + 1
        year = today.year + (today.month - back - 1) // 12
        start = _at(_nth_weekday(year, month, 1, 1), 19, 30)
        occurrence, created = Occurrence.objects.get_or_create(
            activity=activity,
            starts_at=start,
            defaults={"ends_at": start + datetime.timedelta(hours=2)},
        )
        if not created:
            continue
        for n in range(rng.randint(11, 14)):
            status = constants.SignUpStatus.ATTENDED if n < 12 else constants.SignUpStatus.ABSENT
            signup = SignUp.objects.create(
                occurrence=occurrence,
                name=_name(rng),
                email=f"demo-{occurrence.pk}-{n}@example.org",
                status=status,
                cancel_token_hash=hash_token(f"demo-{occurrence.pk}-{n}"),
            )
            SignUpTransition.objects.create(signup=signup, from_status="", to_status=status)
        day = start.date()
        signed_up(occurrence, day - datetime.timedelta(weeks=SIGN_UP_WEEKS), day)
        made += 1
    return made


def load() -> dict[str, int]:
    rng = random.Random(2026)  # noqa: S311 - deterministic demo data
    today = timezone.localdate()
    counts = {"activities": 0, "signups": 0, "past_meetings": 0}
    municipality = Municipality.objects.filter(slug="heerde").first()
    if municipality is None:
        return counts
    consultant = (
        Membership.objects.filter(municipality=municipality, role=Role.CONSULTANT, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    actor = Actor(user=consultant.user if consultant else None)
    localities = {loc.name: loc for loc in Locality.objects.filter(municipality=municipality)}
    stip = (
        Organisation.objects.filter(
            municipality=municipality, status=OrganisationStatus.APPROVED, name__icontains="Stip"
        )
        .order_by("pk")
        .first()
    )
    for spec in _activities(today, localities, stip):
        signups = spec.pop("signups")
        organisation = spec.pop("organisation")
        if Activity.objects.filter(municipality=municipality, title=spec["title"]).exists():
            continue
        activity = activity_create(
            municipality=municipality,
            organisation=organisation,
            data={**spec, "until": None, "count": None},
            actor=actor,
        )
        counts["activities"] += 1
        weeks = 52 if spec["title"] == PEER_SUPPORT else PUBLISHED_WEEKS_AGO
        published = office_hours(today - datetime.timedelta(weeks=weeks))
        Activity.objects.filter(pk=activity.pk).update(created_at=published, updated_at=published)
        first = activity.occurrences.order_by("starts_at").first()
        for n in range(signups):
            with_email = n % 4 != 3  # one in four without e-mail: on the phone list
            signup_create(
                occurrence_id=first.pk,
                name=_name(rng),
                email=f"demo-aanmelding-{activity.pk}-{n}@example.org" if with_email else "",
                phone="" if with_email else f"0578-{rng.randint(100000, 999999)}",
                actor=Actor(),
            )
            counts["signups"] += 1
        since = min(published.date() + datetime.timedelta(days=1), today)
        signed_up(first, since, today - datetime.timedelta(days=1))
        if spec["title"] == PEER_SUPPORT:
            counts["past_meetings"] += _past_meetings(activity, rng, today)
    return counts


register_loader("activities", load, after=["accounts", "volunteering"])
