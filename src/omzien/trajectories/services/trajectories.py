"""Trajectories: started by the broker (or from a referral), their plan (goals, the guidance
agreed with the organisation, evaluation moments), evaluations with progress per goal, the
status steps and the end with an outcome; the reminder of an evaluation moment.

Every status change goes through ``workflows.TRAJECTORY`` (``check`` then ``record``); every
write locks the trajectory's row first, so two brokers acting at once are serialised and the
second one sees the status the first one left (a stale ``seen`` is refused)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.services import Actor, check_version
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.trajectories import constants
from omzien.trajectories.constants import TrajectoryStatus
from omzien.trajectories.models import (
    Evaluation,
    EvaluationMoment,
    Goal,
    GoalProgress,
    Trajectory,
)
from omzien.trajectories.services._common import clean_text, error, require_broker
from omzien.trajectories.workflows import TRAJECTORY
from omzien.volunteering.models import Placement, VolunteerProfile

OPEN = (
    TrajectoryStatus.REFERRED,
    TrajectoryStatus.INTAKE,
    TrajectoryStatus.PLACED,
    TrajectoryStatus.EVALUATING,
)


def _lock(trajectory: Trajectory) -> Trajectory:
    return (
        Trajectory.objects.select_for_update(of=("self",))
        .select_related("municipality", "profile")
        .get(pk=trajectory.pk)
    )


def _require_open(trajectory: Trajectory) -> None:
    if trajectory.status == TrajectoryStatus.ENDED:
        raise ValidationError(_("This trajectory has ended."), code="ended")


def _bump(trajectory: Trajectory) -> list[str]:
    trajectory.version += 1
    return ["version", "updated_at"]


@transaction.atomic
def trajectory_start(
    *,
    profile: VolunteerProfile,
    kind: str,
    actor: Actor,
    referral=None,
    started_on: datetime.date | None = None,
) -> Trajectory:
    """A trajectory for ``profile``: from a referral it starts as ``referred`` (the intake
    follows), otherwise at the intake. The broker who starts it guides it."""
    require_broker(profile.municipality_id, actor)
    if kind not in constants.TrajectoryKind.values:
        raise error("kind", _("Choose the kind of trajectory."), "kind_required")
    if Trajectory.objects.filter(profile=profile, status__in=OPEN).exists():
        raise error(
            "profile",
            _("This volunteer already has a trajectory that has not ended."),
            "already_open",
        )
    trajectory = Trajectory(
        municipality_id=profile.municipality_id,
        profile=profile,
        referral=referral,
        kind=kind,
        status=TrajectoryStatus.REFERRED if referral is not None else TrajectoryStatus.INTAKE,
        broker=actor.authenticated_user,
        started_on=started_on or timezone.localdate(),
    )
    trajectory.full_clean(exclude=["municipality", "profile", "referral", "broker", "placement"])
    trajectory.save()
    TRAJECTORY.log_step(trajectory, source="", target=trajectory.status, actor=actor)
    audit_by(AuditAction.CREATE, trajectory, actor)
    return trajectory


PLAN_FIELDS = ("kind", "guidance", "guidance_contact", "placement")


@transaction.atomic
def trajectory_update_plan(
    *, trajectory: Trajectory, data: dict, version: int | None, actor: Actor
) -> Trajectory:
    """The kind, the placement and the guidance agreed with its organisation (text and contact
    person). The placement must be one of this volunteer's."""
    current = _lock(trajectory)
    require_broker(current.municipality_id, actor)
    _require_open(current)
    check_version(current, version)
    placement = data.get("placement")
    if placement is not None and (
        not isinstance(placement, Placement) or placement.profile_id != current.profile_id
    ):
        raise error("placement", _("Choose a placement of this volunteer."), "other_placement")
    changed = []
    for field in PLAN_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if isinstance(value, str):
            value = value.strip()
        if getattr(current, field) != value:
            setattr(current, field, value)
            changed.append(field)
    if not changed:
        return current
    current.full_clean(exclude=["municipality", "profile", "referral", "broker", "placement"])
    current.save(update_fields=[*changed, *_bump(current)])
    audit_by(AuditAction.UPDATE, current, actor, extra={"fields": changed})
    return current


@transaction.atomic
def trajectory_step(
    *, trajectory: Trajectory, target: str, actor: Actor, note: str = "", seen: str = ""
) -> Trajectory:
    """A status step other than the end (``trajectory_end``) and the first evaluation
    (``evaluation_record``): start the intake, placed, back to the intake."""
    current = _lock(trajectory)
    if target == TrajectoryStatus.ENDED:
        raise error("target", _("End the trajectory with its outcome."), "end_with_outcome")
    step, note = TRAJECTORY.check(current, target=target, actor=actor, expected=seen, note=note)
    if target == TrajectoryStatus.PLACED and current.placement_id is None:
        raise ValidationError(_("Link the placement in the plan first."), code="no_placement")
    TRAJECTORY.record(current, step=step, actor=actor, note=note, fields=_bump(current))
    return current


@transaction.atomic
def trajectory_end(
    *,
    trajectory: Trajectory,
    outcome: str,
    actor: Actor,
    ended_on: datetime.date | None = None,
    note: str = "",
    seen: str = "",
) -> Trajectory:
    """The end, with its outcome (paid work, volunteering continued, education, ...)."""
    current = _lock(trajectory)
    today = timezone.localdate()
    ended_on = ended_on or today
    step, _clean = TRAJECTORY.check(
        current, target=TrajectoryStatus.ENDED, actor=actor, expected=seen
    )
    if outcome not in constants.Outcome.values:
        raise error("outcome", _("Choose the outcome."), "outcome_required")
    if ended_on > today or ended_on < current.started_on:
        raise error(
            "ended_on",
            _("The end lies between the start of the trajectory and today."),
            "bad_end",
        )
    note = clean_text(note)
    if outcome == constants.Outcome.OTHER and not note:
        raise error("note", _("Say what the outcome was."), "note_required")
    current.outcome, current.ended_on, current.outcome_note = outcome, ended_on, note[:255]
    TRAJECTORY.record(
        current,
        step=step,
        actor=actor,
        fields=["outcome", "ended_on", "outcome_note", *_bump(current)],
    )
    return current


@transaction.atomic
def goal_add(*, trajectory: Trajectory, description: str, actor: Actor) -> Goal:
    current = _lock(trajectory)
    require_broker(current.municipality_id, actor)
    _require_open(current)
    description = clean_text(description)
    if not description:
        raise error("description", _("Describe the goal."), "required")
    if Goal.objects.filter(trajectory=current).count() >= constants.MAX_GOALS:
        raise error(
            "description",
            _("A trajectory has at most %(max)s goals.") % {"max": constants.MAX_GOALS},
            "too_many",
        )
    goal = Goal(trajectory=current, description=description)
    goal.full_clean(exclude=["trajectory"])
    goal.save()
    audit_by(AuditAction.CREATE, goal, actor, municipality=current.municipality)
    return goal


@transaction.atomic
def moment_plan(
    *, trajectory: Trajectory, planned_on: datetime.date, actor: Actor
) -> EvaluationMoment:
    """A planned evaluation moment; the broker is reminded ``REMINDER_DAYS`` before it."""
    current = _lock(trajectory)
    require_broker(current.municipality_id, actor)
    _require_open(current)
    if planned_on is None or planned_on < timezone.localdate():
        raise error("planned_on", _("Plan the evaluation today or later."), "in_the_past")
    if EvaluationMoment.objects.filter(trajectory=current, planned_on=planned_on).exists():
        raise error("planned_on", _("An evaluation is planned on that date already."), "twice")
    moment = EvaluationMoment.objects.create(trajectory=current, planned_on=planned_on)
    audit_by(AuditAction.CREATE, moment, actor, municipality=current.municipality)
    return moment


@transaction.atomic
def evaluation_record(
    *,
    trajectory: Trajectory,
    held_on: datetime.date,
    progress: dict[int, tuple[int, str]],
    actor: Actor,
    summary: str = "",
    moment_id: int | None = None,
) -> Evaluation:
    """An evaluation held: progress (``score``, ``note``) for every goal of the trajectory.
    The first one of a placed trajectory takes it to ``evaluating``."""
    current = _lock(trajectory)
    require_broker(current.municipality_id, actor)
    if current.status not in (TrajectoryStatus.PLACED, TrajectoryStatus.EVALUATING):
        raise ValidationError(
            _("A trajectory is evaluated once the volunteer is placed."), code="not_placed"
        )
    goals = list(Goal.objects.filter(trajectory=current).order_by("pk"))
    if not goals:
        raise ValidationError(_("Add the goals of the trajectory first."), code="no_goals")
    if held_on is None or held_on > timezone.localdate() or held_on < current.started_on:
        raise error("held_on", _("The evaluation lies between the start and today."), "bad_held_on")
    errors = {}
    for goal in goals:
        score, _note = progress.get(goal.pk, (None, ""))
        if score is None or not constants.PROGRESS_MIN <= score <= constants.PROGRESS_MAX:
            errors[f"score_{goal.pk}"] = [
                ValidationError(_("Choose the progress on this goal."), code="score_required")
            ]
    if errors:
        raise ValidationError(errors)
    moment = None
    if moment_id is not None:
        moment = EvaluationMoment.objects.filter(
            trajectory=current, pk=moment_id, evaluation__isnull=True
        ).first()
        if moment is None:
            raise error("moment_id", _("That evaluation moment is not open."), "unknown_moment")
    evaluation = Evaluation.objects.create(
        trajectory=current,
        moment=moment,
        held_on=held_on,
        summary=(summary or "").strip()[:2000],
        recorded_by=actor.authenticated_user,
    )
    GoalProgress.objects.bulk_create(
        [
            GoalProgress(
                evaluation=evaluation,
                goal=goal,
                score=progress[goal.pk][0],
                note=clean_text(progress[goal.pk][1])[:500],
            )
            for goal in goals
        ]
    )
    audit_by(AuditAction.CREATE, evaluation, actor, municipality=current.municipality)
    if current.status == TrajectoryStatus.PLACED:
        step, _note = TRAJECTORY.check(current, target=TrajectoryStatus.EVALUATING, actor=actor)
        TRAJECTORY.record(current, step=step, actor=actor, fields=_bump(current))
    return evaluation


def moments_remind(*, today: datetime.date | None = None) -> int:
    """The daily reminder: the broker who guides an open trajectory hears once, ``REMINDER_DAYS``
    before an evaluation moment. Each moment is claimed first (a conditional UPDATE only one run
    wins), so a rerun or two workers at once never mail twice. Returns the moments reminded."""
    today = today or timezone.localdate()
    due = (
        EvaluationMoment.objects.filter(
            reminder_sent_at__isnull=True,
            evaluation__isnull=True,
            planned_on__gte=today,
            planned_on__lte=today + datetime.timedelta(days=constants.REMINDER_DAYS),
            trajectory__status__in=OPEN,
            trajectory__broker__isnull=False,
        )
        .select_related("trajectory__broker", "trajectory__profile", "trajectory__municipality")
        .order_by("pk")
    )
    reminded = 0
    for moment in due.iterator():
        with transaction.atomic():
            claimed = EvaluationMoment.objects.filter(
                pk=moment.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if not claimed:
                continue
            broker = moment.trajectory.broker
            if broker.email:
                # The mail names no one: the broker follows the link and logs in.
                context = {
                    "name": broker.full_name,
                    "planned_on": moment.planned_on,
                    "url": absolute_url(
                        None, reverse("trajectories:detail", args=[moment.trajectory_id])
                    ),
                    "municipality": moment.trajectory.municipality.name,
                }
                transaction.on_commit(
                    lambda context=context, address=broker.email: send_templated_mail(
                        template="trajectories/mail/reminder",
                        context=context,
                        to=[address],
                        language="nl",
                    )
                )
            reminded += 1
    return reminded
