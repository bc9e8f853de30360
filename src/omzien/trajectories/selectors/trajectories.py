"""The reads of trajectories: the broker's list (a page, filtered by status), one trajectory
with everything on its page, the placements it may be linked to and the volunteers a new one
may be for. Every read of a trajectory is written to the audit trail (special personal data:
docs/privacy.md)."""

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by, audit_read
from omzien.privacy.constants import AuditAction
from omzien.trajectories.constants import TrajectoryStatus
from omzien.trajectories.models import (
    Evaluation,
    EvaluationMoment,
    GoalProgress,
    Trajectory,
    TrajectoryTransition,
)
from omzien.volunteering.models import Placement, VolunteerProfile

FILTERS = ("open", *TrajectoryStatus.values, "all")


def trajectory_page(*, actor: Actor, show: str, page_number, per_page: int) -> Page:
    """One page of the trajectories the broker may see (two queries and the audit event)."""
    rows = Trajectory.objects.visible_to(actor.user).select_related("profile", "broker")
    if show == "open":
        rows = rows.exclude(status=TrajectoryStatus.ENDED)
    elif show in TrajectoryStatus.values:
        rows = rows.filter(status=show)
    page = Paginator(rows.order_by("-started_on", "-pk"), per_page).get_page(page_number)
    audit_read(
        actor,
        reason="trajectories list",
        shown=page.object_list,
        municipalities=actor.user.municipalities((Role.BROKER,)),
        extra={"page": page.number, "show": show},
    )
    return page


def trajectory_get(*, actor: Actor, pk: int, audit: bool = True) -> Trajectory:
    """One trajectory for a broker of its municipality (404 otherwise), its read audited."""
    trajectory = get_object_or_404(
        Trajectory.objects.visible_to(actor.user).select_related(
            "municipality",
            "profile",
            "broker",
            "referral",
            "placement__vacancy__organisation",
        ),
        pk=pk,
    )
    if audit:
        audit_by(AuditAction.VIEW, trajectory, actor)
    return trajectory


def trajectory_details(*, trajectory: Trajectory) -> dict:
    """What the trajectory's page shows besides the trajectory (four queries)."""
    goals = list(trajectory.goals.order_by("pk"))
    evaluations = list(
        Evaluation.objects.filter(trajectory=trajectory)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("progress", queryset=GoalProgress.objects.select_related("goal"))
        )
        .order_by("-held_on", "-pk")
    )
    moments = list(
        EvaluationMoment.objects.filter(trajectory=trajectory)
        .select_related("evaluation")
        .order_by("planned_on", "pk")
    )
    history = list(
        TrajectoryTransition.objects.filter(trajectory=trajectory).select_related("actor")
    )
    return {"goals": goals, "evaluations": evaluations, "moments": moments, "history": history}


def open_moments(*, trajectory: Trajectory) -> list[EvaluationMoment]:
    return list(
        EvaluationMoment.objects.filter(trajectory=trajectory, evaluation__isnull=True).order_by(
            "planned_on", "pk"
        )
    )


def placements_of(*, trajectory: Trajectory):
    """The volunteer's placements the plan may name (planned, waiting or running)."""
    return (
        Placement.objects.filter(profile_id=trajectory.profile_id)
        .exclude(status="ended")
        .select_related("vacancy__organisation")
        .order_by("-created_at", "-pk")
    )


def profile_candidates(*, actor: Actor, municipality_id=None, q: str = "", limit: int = 20):
    """Volunteer profiles a trajectory may be for: a name (or e-mail) search among those the
    broker sees; the read is audited with the profiles it shows."""
    words = q.split()[:4]
    if not words:
        return []
    rows = VolunteerProfile.objects.visible_to(actor.user)
    if municipality_id is not None:
        rows = rows.filter(municipality_id=municipality_id)
    for word in words:
        rows = rows.filter(Q(full_name__icontains=word) | Q(email__iexact=word))
    found = list(
        rows.only("pk", "full_name", "email", "municipality_id").order_by("full_name", "pk")[:limit]
    )
    audit_read(
        actor,
        reason="volunteer search for a trajectory",
        shown=found,
        municipalities=actor.user.municipalities((Role.BROKER,)),
    )
    return found


def profile_for_trajectory(*, user, pk) -> VolunteerProfile | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return VolunteerProfile.objects.visible_to(user).filter(pk=pk).first()
