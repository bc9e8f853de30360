# ruff: noqa: E501 (the demo's texts read best on one line each)
"""Demo trajectories of Heerde (seed 000 §2.2–2.3, seed 003 participatie op recept): a new
referral from the client manager waiting in the broker's queue, one taken on (referred, no
intake yet), one at the intake with its goals and an evaluation planned in two days, one placed
with the guidance agreed, one evaluating and one ended with its outcome. Everything goes through
the services, so the pages, the audit trail and the figures are what the application writes;
the start dates are set back afterwards, as if the trajectories had run for some months."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.demo.registry import register_loader
from omzien.tenants.models import Municipality
from omzien.trajectories import constants
from omzien.trajectories.constants import TrajectoryKind, TrajectoryStatus
from omzien.trajectories.models import (
    Referral,
    ReferralTransition,
    Trajectory,
    TrajectoryTransition,
)
from omzien.trajectories.services import referrals, trajectories
from omzien.volunteering.models import Placement, VolunteerProfile

INTAKE_DAYS_AGO = 17
NEW_REFERRAL = {
    "full_name": "Ramon Veldkamp",
    "phone": "0578 691 204",
    "email": "",
    "kind": TrajectoryKind.PARTICIPATION,
    "reason": "Heeft een participatieplicht en wil graag iets met zijn handen doen, liefst buiten. Werkt nog niet graag in grote groepen.",
    "consent_confirmed": True,
}
TAKEN_ON = {
    "phone": "0578 695 310",
    "email": "",
    "kind": TrajectoryKind.PRESCRIPTION,
    "reason": "Zit veel thuis sinds het overlijden van haar man; de huisarts en de klantmanager denken dat vaste ochtenden met anderen haar goed doen.",
    "consent_confirmed": True,
}
GOALS = {
    "intake": ["Weet welk vrijwilligerswerk bij haar past", "Durft een eerste kennismaking aan"],
    "placed": ["Twee ochtenden per week op tijd aanwezig", "Werkt zelfstandig een taak af"],
    "evaluating": ["Vaste ochtenden volhouden", "Contact met de andere vrijwilligers"],
    "ended": ["Een vast ritme van werken", "Een referentie voor een sollicitatie"],
}
GUIDANCE = "De coördinator van de organisatie is het vaste aanspreekpunt; elke twee weken een kort gesprek, bij uitval belt zij de makelaar."


def _load(municipality, broker, client_manager, today) -> int:
    team = Actor(user=broker)
    waiting = referrals.referral_submit(
        municipality=municipality, data=NEW_REFERRAL, actor=Actor(user=client_manager)
    )
    # Sent yesterday afternoon: the broker has not got to it yet.
    sent = office_hours(today - datetime.timedelta(days=1)) + datetime.timedelta(hours=5)
    Referral.objects.filter(pk=waiting.pk).update(created_at=sent)
    ReferralTransition.objects.filter(referral=waiting).update(created_at=sent)
    placements = list(
        Placement.objects.filter(
            municipality=municipality, status="running", profile__isnull=False
        ).select_related("profile")[:3]
    )
    placed_profiles = {p.profile_id for p in placements}
    others = list(
        VolunteerProfile.objects.filter(municipality=municipality)
        .exclude(pk__in=placed_profiles)
        .order_by("pk")[:2]
    )
    if len(placements) < 3 or len(others) < 2:
        return 0
    made = []

    # Taken on from a referral: no intake yet.
    referral = referrals.referral_submit(
        municipality=municipality,
        data={**TAKEN_ON, "full_name": others[0].full_name},
        actor=Actor(user=client_manager),
    )
    made.append(referrals.referral_accept(referral=referral, profile=others[0], actor=team))
    # Sent by the client manager last week, taken on two days ago.
    sent = office_hours(today - datetime.timedelta(days=6))
    taken = office_hours(today - datetime.timedelta(days=2))
    Referral.objects.filter(pk=referral.pk).update(created_at=sent, handled_at=taken)
    ReferralTransition.objects.filter(referral=referral).update(created_at=sent)
    ReferralTransition.objects.filter(referral=referral).exclude(from_status="").update(
        created_at=taken
    )
    Trajectory.objects.filter(pk=made[-1].pk).update(started_on=timezone.localdate(taken))
    _date_history(made[-1], {TrajectoryStatus.REFERRED: taken})

    # At the intake, an evaluation planned in two days (the reminder goes tomorrow).
    intake = trajectories.trajectory_start(
        profile=others[1], kind=TrajectoryKind.GUIDANCE, actor=team
    )
    for goal in GOALS["intake"]:
        trajectories.goal_add(trajectory=intake, description=goal, actor=team)
    trajectories.moment_plan(
        trajectory=intake, planned_on=today + datetime.timedelta(days=2), actor=team
    )
    made.append(intake)
    # Started two and a half weeks ago; the intake talk takes a few meetings.
    began = today - datetime.timedelta(days=INTAKE_DAYS_AGO)
    Trajectory.objects.filter(pk=intake.pk).update(started_on=began)
    _date_history(intake, {TrajectoryStatus.INTAKE: began})

    # Placed, evaluating and ended: on the volunteers' running placements.
    for placement, stage, kind in zip(
        placements,
        ("placed", "evaluating", "ended"),
        (TrajectoryKind.PARTICIPATION, TrajectoryKind.PRESCRIPTION, TrajectoryKind.PARTICIPATION),
        strict=True,
    ):
        trajectory = trajectories.trajectory_start(
            profile=placement.profile,
            kind=kind,
            actor=team,
            started_on=today - datetime.timedelta(days=120),
        )
        goals = [
            trajectories.goal_add(trajectory=trajectory, description=text, actor=team)
            for text in GOALS[stage]
        ]
        trajectories.trajectory_update_plan(
            trajectory=trajectory,
            data={
                "placement": placement,
                "guidance": GUIDANCE,
                "guidance_contact": "Anja Brinkman",
            },
            version=1,
            actor=team,
        )
        trajectories.trajectory_step(
            trajectory=trajectory, target=TrajectoryStatus.PLACED, actor=team
        )
        trajectories.moment_plan(
            trajectory=trajectory, planned_on=today + datetime.timedelta(days=30), actor=team
        )
        if stage in ("evaluating", "ended"):
            trajectories.evaluation_record(
                trajectory=trajectory,
                held_on=today - datetime.timedelta(days=40),
                progress={goals[0].pk: (4, "Komt vrijwel altijd op tijd."), goals[1].pk: (3, "")},
                summary="Gaat goed; de coördinator is tevreden en de vrijwilliger wil door.",
                actor=team,
            )
        if stage == "ended":
            trajectories.trajectory_end(
                trajectory=trajectory,
                outcome=constants.Outcome.VOLUNTEERING,
                ended_on=today - datetime.timedelta(days=7),
                note="Blijft twee ochtenden per week, nu zonder begeleiding.",
                actor=team,
            )
        # Placed when the placement began, before any evaluation.
        placed = max(trajectory.started_on + datetime.timedelta(days=14), placement.start_date)
        if stage != "placed":
            placed = min(placed, today - datetime.timedelta(days=47))
        _date_history(
            trajectory,
            {
                TrajectoryStatus.INTAKE: trajectory.started_on,
                TrajectoryStatus.PLACED: min(placed, today - datetime.timedelta(days=1)),
                TrajectoryStatus.EVALUATING: today - datetime.timedelta(days=40),
                TrajectoryStatus.ENDED: today - datetime.timedelta(days=7),
            },
        )
        made.append(trajectory)
    return len(made)


def _date_history(trajectory, days: dict) -> None:
    """The trajectory's status log on ``days`` (status → day, or a moment) instead of today,
    when the services wrote it; and the trajectory itself as made at its first step."""
    changes = TrajectoryTransition.objects.filter(trajectory=trajectory)
    for status, day in days.items():
        moment = day if isinstance(day, datetime.datetime) else office_hours(day)
        changes.filter(to_status=status).update(created_at=moment)
    first = changes.order_by("created_at", "pk").first()
    if first is not None:
        Trajectory.objects.filter(pk=trajectory.pk).update(created_at=first.created_at)


def load() -> dict[str, int]:
    """Idempotent: a municipality with trajectories already gets none."""
    municipality = Municipality.objects.filter(slug="heerde").first()
    if municipality is None or Trajectory.objects.filter(municipality=municipality).exists():
        return {"trajectories": 0}
    users = get_user_model().objects
    broker = users.filter(email="makelaar.heerde@omzien.test").first()
    client_manager = users.filter(email="verwijzer.heerde@omzien.test").first()
    if broker is None or client_manager is None:
        return {"trajectories": 0}
    return {"trajectories": _load(municipality, broker, client_manager, timezone.localdate())}


register_loader("trajectories", load, after=["accounts", "volunteering"])
