"""Demo data (``make demo``): Heerde's volunteer academy with its ten meetings of the year
(seed 000 §2.4), the past ones with who came and certificates, the coming ones with sign-ups;
Dalfsen's training budget of EUR 15,000 (seed 002 §5.3.1) with bookings and the training
requests of its organisations. Through the services, except the past meetings' dates and
attendance, which the calendar only makes for dates to come. Then dated: the year's meetings
were planned the December before and people signed up in the weeks before each; the
organisations asked for the training the broker bought in the winter, the broker booked it in
the spring and paid the first six weeks later; the questions still open came in the last
weeks."""

import datetime
import hashlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.academy import constants
from omzien.academy.constants import Topic
from omzien.academy.models import (
    Booking,
    BookingTransition,
    Budget,
    Course,
    Enrolment,
    TrainingRequest,
)
from omzien.academy.services import budget, courses, enrolments, requests
from omzien.activities.constants import SignUpStatus
from omzien.activities.demo import signed_up
from omzien.activities.models import Activity, Occurrence, SignUp, SignUpTransition
from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.demo.registry import register_loader
from omzien.tenants.models import Municipality
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.models import Organisation, OrganisationMember, VolunteerProfile

# Heerde's academy: a meeting a month but in July and August (month, title, topic).
MEETINGS = [
    (1, "Nieuw als vrijwilliger: wegwijs in Heerde", Topic.COORDINATION),
    (2, "Omgaan met agressie en lastige situaties", Topic.AGGRESSION),
    (3, "EHBO voor vrijwilligers", Topic.FIRST_AID),
    (4, "Privacy en de AVG in uw vereniging", Topic.PRIVACY),
    (5, "Omgaan met mensen met dementie", Topic.DEMENTIA),
    (6, "Vrijwilligers werven en behouden", Topic.RECRUITMENT),
    (9, "Signalen van eenzaamheid herkennen", Topic.SIGNALS),
    (10, "Sociale media voor uw organisatie", Topic.SOCIAL_MEDIA),
    (11, "Hygiëne in de keuken van het buurthuis", Topic.FOOD_HYGIENE),
    (12, "Het bestuur en de financiën", Topic.BOARD),
]
DESCRIPTION = (
    "Een avond van de vrijwilligersacademie van het Vrijwilligerssteunpunt Heerde: "
    "praktisch, met oefeningen en tijd om ervaringen te delen. Na afloop ontvangt u een "
    "certificaat."
)
PEOPLE = ["Anna de Vries", "Henk Jansen", "Fatima El Amrani", "Gerrit Bos", "Ineke Mulder"]

# Dalfsen: what organisations asked for (topic, people, details) and what the broker bought.
REQUESTS = [
    (Topic.AGGRESSION, 6, "Onze gastvrouwen krijgen soms te maken met boze bezoekers."),
    (Topic.AGGRESSION, 4, ""),
    (Topic.AGGRESSION, 8, "Voor de chauffeurs van de buurtbus."),
    (Topic.FIRST_AID, 10, "Herhaling EHBO voor trainers."),
    (Topic.FIRST_AID, 5, ""),
    (Topic.PRIVACY, 3, "Hoe bewaren wij ledengegevens?"),
    (Topic.DEMENTIA, 6, "Voor vrijwilligers van de dagbesteding."),
]
BOOKINGS = [
    (
        "Stichting Veilig Werken Overijssel",
        "Training omgaan met agressie (2 groepen)",
        "3200.00",
        True,
    ),
    ("Het Oranje Kruis-instructeurs Vechtdal", "EHBO-herhalingscursus", "2450.00", False),
    (
        "Alzheimer Nederland, afdeling Zwolle",
        "Dementievriendelijk vrijwilligerswerk",
        "1800.00",
        False,
    ),
]


# What the broker bought for (a topic marks its open requests as bought), per booking.
BOOKED_TOPICS = [Topic.AGGRESSION, Topic.FIRST_AID, None]
DAY = datetime.timedelta(days=1)


def _broker(municipality):
    return (
        get_user_model().objects.filter(email=f"makelaar.{municipality.slug}@omzien.test").first()
    )


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _past(course: Course, start: datetime.datetime, organisations, profiles) -> int:
    """A held meeting: its date, who came (attendance recorded), a certificate each."""
    occurrence, _created = Occurrence.objects.get_or_create(
        activity=course.activity,
        starts_at=start,
        defaults={"ends_at": start + datetime.timedelta(hours=2)},
    )
    made = 0
    people = [(p.full_name, p.user.email if p.user_id else p.email, None, p) for p in profiles]
    people += [
        (name, "", organisations[n % len(organisations)], None) for n, name in enumerate(PEOPLE)
    ]
    for n, (name, email, organisation, profile) in enumerate(people):
        status = SignUpStatus.ATTENDED if n % 6 else SignUpStatus.ABSENT
        key = f"academy-demo-{occurrence.pk}-{n}"
        signup = SignUp.objects.create(
            occurrence=occurrence,
            user=profile.user if profile is not None else None,
            name=name,
            email=email or f"{key}@example.org",
            status=status,
            cancel_token_hash=hashlib.sha256(key.encode()).hexdigest(),
        )
        SignUpTransition.objects.create(signup=signup, from_status="", to_status=status)
        Enrolment.objects.create(
            course=course,
            signup=signup,
            organisation=organisation,
            profile=profile,
            attended_at=start + datetime.timedelta(hours=2)
            if status == SignUpStatus.ATTENDED
            else None,
        )
        made += 1
    _enrolled(occurrence, start.date() - datetime.timedelta(weeks=3), start.date())
    return made


def _enrolled(occurrence: Occurrence, first: datetime.date, last: datetime.date) -> None:
    """The enrolments of ``occurrence`` came in from ``first`` to ``last``, with its sign-ups."""
    for signup, moment in signed_up(occurrence, first, last).items():
        Enrolment.objects.filter(signup=signup).update(created_at=moment)


def _heerde(today: datetime.date) -> int:
    municipality = Municipality.objects.filter(slug="heerde").first()
    broker = _broker(municipality) if municipality else None
    if broker is None or Course.objects.filter(municipality=municipality).exists():
        return 0
    actor = Actor(user=broker)
    organisations = list(
        Organisation.objects.filter(
            municipality=municipality, status=OrganisationStatus.APPROVED
        ).order_by("pk")[:3]
    )
    profiles = list(
        VolunteerProfile.objects.filter(municipality=municipality, user__isnull=False)
        .select_related("user")
        .order_by("pk")[:3]
    )
    made = 0
    for month, title, topic in MEETINGS:
        start = _at(datetime.date(today.year, month, 1) + datetime.timedelta(days=14), 19)
        course = courses.course_create(
            municipality=municipality,
            data={
                "title": title,
                "topic": topic,
                "description": DESCRIPTION,
                "address": "Vrijwilligerssteunpunt Heerde, Dorpsstraat 20, Heerde",
                "capacity": 20,
                "starts_at": start,
                "duration_minutes": 120,
                "repeat": "once",
                "count": 1,
                "qualification_valid_months": 36 if topic == Topic.FIRST_AID else None,
            },
            actor=actor,
        )
        made += 1
        planned = office_hours(datetime.date(today.year - 1, 12, 1))
        Course.objects.filter(pk=course.pk).update(created_at=planned)
        Activity.objects.filter(pk=course.activity_id).update(
            created_at=planned, updated_at=planned
        )
        if start < timezone.now():
            if organisations:
                _past(course, start, organisations, profiles)
            continue
        occurrence = Occurrence.objects.filter(activity=course.activity).first()
        if occurrence is None:
            continue
        for profile in profiles[:2]:
            enrolments.enrol_volunteer(occurrence_id=occurrence.pk, actor=Actor(user=profile.user))
        member = (
            OrganisationMember.objects.filter(organisation__in=organisations)
            .select_related("organisation", "user")
            .first()
        )
        if member is not None:
            enrolments.enrol_for_organisation(
                occurrence_id=occurrence.pk,
                organisation=member.organisation,
                people=[(PEOPLE[month % 5], f"academie-{month}@example.org")],
                actor=Actor(user=member.user),
            )
        _enrolled(
            occurrence, today - datetime.timedelta(weeks=3), today - datetime.timedelta(days=1)
        )
    return made


def _dalfsen(today: datetime.date) -> int:
    municipality = Municipality.objects.filter(slug="dalfsen").first()
    broker = _broker(municipality) if municipality else None
    if broker is None or Budget.objects.filter(municipality=municipality).exists():
        return 0
    actor = Actor(user=broker)
    current = budget.budget_set(
        municipality=municipality, year=today.year, amount=Decimal("15000.00"), actor=actor
    )
    members = list(
        OrganisationMember.objects.filter(
            organisation__municipality=municipality,
            organisation__status=OrganisationStatus.APPROVED,
        )
        .select_related("organisation", "user")
        .order_by("organisation_id", "pk")
    )
    by_organisation = list({m.organisation_id: m for m in members}.values())
    for n, (topic, people, details) in enumerate(REQUESTS):
        if not by_organisation:
            break
        member = by_organisation[n % len(by_organisation)]
        asked = requests.request_create(
            organisation=member.organisation,
            data={"topic": topic, "people": people, "details": details},
            actor=Actor(user=member.user),
        )
        bought = topic in BOOKED_TOPICS  # asked in the winter; the others in the last weeks
        day = (
            # Early in the year: before it was bought (yesterday at the latest, see _booked).
            min(datetime.date(today.year, 1, 20) + datetime.timedelta(days=9 * n), today - DAY * 2)
            if bought
            else today - datetime.timedelta(days=8 * (len(REQUESTS) - n))
        )
        TrainingRequest.objects.filter(pk=asked.pk).update(created_at=office_hours(day))
    for n, ((supplier, description, amount, paid), topic) in enumerate(
        zip(BOOKINGS, BOOKED_TOPICS, strict=True)
    ):
        booking = budget.booking_create(
            budget=current,
            data={"supplier": supplier, "description": description, "amount": Decimal(amount)},
            topic=topic or "",
            actor=actor,
        )
        if paid:
            budget.booking_transition(
                booking=booking, target=constants.BookingStatus.SPENT, actor=actor
            )
        _booked(booking, datetime.date(today.year, 4, 1) + datetime.timedelta(days=30 * n), today)
    return len(BOOKINGS)


def _booked(booking: Booking, day: datetime.date, today: datetime.date) -> None:
    """The booking was made on ``day`` and, if paid, paid six weeks later; both yesterday at
    the latest (10:00 today may be still to come)."""
    made = office_hours(min(day, today - DAY))
    paid = office_hours(min(day + datetime.timedelta(weeks=6), today - DAY))
    Booking.objects.filter(pk=booking.pk).update(created_at=made, updated_at=made)
    log = BookingTransition.objects.filter(booking=booking)
    log.update(created_at=made)
    log.filter(to_status=constants.BookingStatus.SPENT).update(created_at=paid)


def load() -> dict[str, int]:
    """Idempotent: a municipality with an academy (Heerde) or a budget (Dalfsen) gets none."""
    today = timezone.localdate()
    return {"academy_courses": _heerde(today), "academy_bookings": _dalfsen(today)}


register_loader("academy", load, after=["accounts", "volunteering", "activities"])
