"""The status workflow of a support trajectory, on the shared workflow abstraction.

A trajectory starts at intake (a GP's referral or the worker's own registration), is underway
once the intake is held and goals are agreed, and is closed with an outcome (also straight
from intake: the resident declined or could not be reached). Only the welfare workers of the
trajectory's municipality take the steps.
"""

from django.utils.translation import gettext_lazy as _

from omzien.common.workflow import Step, Workflow
from omzien.wellbeing.constants import Status
from omzien.wellbeing.models import WORKERS, Trajectory, TrajectoryTransition

WORKER = "worker"

__all__ = ["TRAJECTORY", "WORKER"]


def _worker_of(trajectory: Trajectory, user) -> bool:
    return user.has_role_in(trajectory.municipality_id, *WORKERS)


TRAJECTORY = Workflow(
    model=Trajectory,
    log=TrajectoryTransition,
    log_parent="trajectory",
    parties={WORKER: _worker_of},
    steps=[
        Step(Status.INTAKE, Status.UNDERWAY, WORKER, _("Intake held")),
        Step(Status.INTAKE, Status.CLOSED, WORKER, _("Close")),
        Step(Status.UNDERWAY, Status.CLOSED, WORKER, _("Close")),
    ],
    refused=_("A trajectory that is “%(from)s” cannot become “%(to)s”."),
)
