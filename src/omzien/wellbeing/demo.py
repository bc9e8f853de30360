"""Demo wellbeing data for Heerde: welzijn op recept referrals from a GP practice, buddy and
activity trajectories, and De Jong Gierveld measurements at intake and after 3 and 6 months,
enough for the effect report of the last quarter that is over to show figures. Loaded through
the services, so the audit trail and status logs are what the application itself writes."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.common.dates import add_months
from omzien.common.services import Actor
from omzien.demo.moments import date_notifications, office_hours
from omzien.demo.names import FIRST_NAMES, LAST_NAMES
from omzien.demo.registry import register_loader
from omzien.notifications.models import Notification
from omzien.privacy.statistics import Period
from omzien.tenants.models import Municipality
from omzien.wellbeing import constants, scoring, services
from omzien.wellbeing.models import Participant, Trajectory, TrajectoryTransition

WORKER = "welzijn.heerde@omzien.test"
REFERRER = "verwijzer.heerde@omzien.test"
PRACTICE = "Huisartsenpraktijk De Veluwezoom"
# Residents whose 6-month measurement falls in the last quarter that is over, by kind.
WITH_EFFECT = {
    constants.Kind.PRESCRIPTION: 22,
    constants.Kind.BUDDY: 12,
    constants.Kind.ACTIVITY: 14,
}
GOALS = [
    "Weer wekelijks onder de mensen komen.",
    "Een vaste activiteit vinden in het dorp.",
    "Iemand hebben om mee te wandelen.",
    "Na het overlijden van de partner het dagritme terugvinden.",
]
ACTIVITIES = [
    "Koffieochtend in het dorpshuis (dinsdag 10 uur)",
    "Wandelgroep Heerde (donderdag)",
    "Samen eten in De Klinker (eens per maand)",
    "Biljartclub Wapenveld",
]


def _answers(rng: random.Random, version: int, total: int) -> dict:
    """Answers with exactly ``total`` items on the lonely side; "min of meer" now and then."""
    items = list(scoring.items(version))
    lonely = set(rng.sample([item.number for item in items], total))
    answers = {}
    for item in items:
        if item.number in lonely:
            if rng.random() < 0.3:
                answer = scoring.Answer.MORE_OR_LESS
            else:
                answer = scoring.Answer.YES if item.subscale == scoring.EMOTIONAL else "nee"
        else:
            answer = scoring.Answer.NO if item.subscale == scoring.EMOTIONAL else "ja"
        answers[str(item.number)] = answer
    return answers


def _person(rng: random.Random) -> dict:
    return {
        "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        "phone": f"0578{rng.randint(100000, 999999)}",
        "birth_year": rng.randint(1932, 1958),
    }


def _trajectory(rng, municipality, kind, worker, referrer):
    if kind == constants.Kind.PRESCRIPTION:
        return services.referral_submit(
            municipality=municipality,
            submitted_by=referrer,
            data={
                **_person(rng),
                "practice": PRACTICE,
                "practice_email": "praktijk.veluwezoom@omzien.test",
                "referral_reason": "Klachten die lijken samen te hangen met eenzaamheid.",
                "consent_confirmed": True,
            },
        )
    return services.participant_register(
        municipality=municipality, data={**_person(rng), "kind": kind}, actor=Actor(user=worker)
    )


def _measure(rng, trajectory, worker, moment, day: date, total: int, version: int = 6) -> None:
    services.measurement_record(
        trajectory=trajectory,
        version=version,
        moment=moment,
        answers=_answers(rng, version, total),
        taken_on=day,
        actor=Actor(user=worker),
    )


def _date(trajectory, today: date, *, sent: date, closed: date | None = None) -> None:
    """Date a trajectory's history, which the services stamp today: referred (or registered)
    on ``sent``, underway from its intake day, closed on ``closed``; and the notifications
    that came with it. The referrer read a closure notification after a few days, except the
    ones of the last two weeks."""
    trajectory = Trajectory.objects.get(pk=trajectory.pk)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        created_at=office_hours(sent), closed_on=closed
    )
    Participant.objects.filter(pk=trajectory.participant_id).update(created_at=office_hours(sent))
    changes = TrajectoryTransition.objects.filter(trajectory=trajectory)
    changes.filter(to_status=constants.Status.INTAKE).update(created_at=office_hours(sent))
    taken_on = office_hours(trajectory.intake_on) if trajectory.intake_on else None
    date_notifications(f"wellbeing_referral:{trajectory.pk}", office_hours(sent), read=taken_on)
    if taken_on:
        changes.filter(to_status=constants.Status.UNDERWAY).update(created_at=taken_on)
    if closed:
        changes.filter(to_status=constants.Status.CLOSED).update(created_at=office_hours(closed))
        key = f"wellbeing_referral_closed:{trajectory.pk}"
        date_notifications(key, office_hours(closed))
        if closed < today - timedelta(days=14):
            Notification.objects.filter(key=key).update(
                read_at=office_hours(closed + timedelta(days=2))
            )


def load() -> dict[str, int]:
    """Idempotent: nothing happens when Heerde has wellbeing participants already."""
    municipality = Municipality.objects.filter(slug="heerde").first()
    users = get_user_model().objects
    worker = users.filter(email=WORKER).first()
    referrer = users.filter(email=REFERRER).first()
    if municipality is None or worker is None or referrer is None:
        return {"wellbeing_trajectories": 0}
    if Participant.objects.filter(municipality=municipality).exists():
        return {"wellbeing_trajectories": 0}
    rng = random.Random(1401)  # noqa: S311 - deterministic demo data
    actor = Actor(user=worker)
    today = timezone.localdate()
    quarter = Period.last_complete(today)
    count = 0
    # Residents with a 6-month measurement in the last quarter that is over.
    for kind, number in WITH_EFFECT.items():
        for _ in range(number):
            after_day = quarter.start + timedelta(days=rng.randint(0, 85))
            intake_day = add_months(after_day, -6)
            trajectory = _trajectory(rng, municipality, kind, worker, referrer)
            services.trajectory_intake(
                trajectory=trajectory,
                data={
                    "intake_on": intake_day,
                    "goals": rng.choice(GOALS),
                    "activities": rng.choice(ACTIVITIES),
                },
                actor=actor,
            )
            before = rng.randint(2, 6)
            middle = max(0, min(6, before - rng.choice([0, 0, 1, 1, 2])))
            after = max(0, min(6, before - rng.choice([-1, 0, 0, 1, 1, 2, 2, 3])))
            _measure(rng, trajectory, worker, constants.Moment.INTAKE, intake_day, before)
            _measure(
                rng, trajectory, worker, constants.Moment.MONTH_3, add_months(intake_day, 3), middle
            )
            _measure(rng, trajectory, worker, constants.Moment.MONTH_6, after_day, after)
            services.contact_record(
                trajectory=trajectory,
                data={
                    "contact_on": add_months(intake_day, 1),
                    "summary": "Eerste keer mee geweest; beviel goed.",
                },
                actor=actor,
            )
            closed = None
            if rng.random() < 0.5:
                services.trajectory_close(
                    trajectory=trajectory,
                    outcome=rng.choice(
                        [
                            constants.Outcome.GOALS_REACHED,
                            constants.Outcome.GOALS_REACHED,
                            constants.Outcome.PARTLY_REACHED,
                            constants.Outcome.NOT_REACHED,
                        ]
                    ),
                    actor=actor,
                )
                closed = min(today - timedelta(days=1), after_day + timedelta(days=7 + count % 14))
            _date(trajectory, today, sent=intake_day - timedelta(days=3 + count % 8), closed=closed)
            count += 1
    # Residents underway whose 3- or 6-month measurement is due (the start page's to-dos).
    for months_ago in (4, 4, 5, 7, 8):
        trajectory = _trajectory(rng, municipality, rng.choice(list(WITH_EFFECT)), worker, referrer)
        intake_day = add_months(today, -months_ago)
        services.trajectory_intake(
            trajectory=trajectory,
            data={"intake_on": intake_day, "goals": rng.choice(GOALS)},
            actor=actor,
        )
        _measure(rng, trajectory, worker, constants.Moment.INTAKE, intake_day, rng.randint(3, 6))
        _date(trajectory, today, sent=intake_day - timedelta(days=5))
        count += 1
    # Fresh referrals from the GP practice, awaiting intake.
    for days_ago in (1, 3, 6):
        trajectory = _trajectory(rng, municipality, constants.Kind.PRESCRIPTION, worker, referrer)
        _date(trajectory, today, sent=today - timedelta(days=days_ago))
        count += 1
    return {"wellbeing_trajectories": count}


register_loader("wellbeing", load, after=["accounts"])
