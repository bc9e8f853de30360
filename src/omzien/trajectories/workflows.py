"""The status workflows of trajectories and referrals, on the shared workflow abstraction
(common.workflow); docs/volunteering.md "Trajecten met begeleiding".

A trajectory: ``referred`` (a client manager's referral the broker took on: no intake yet) →
``intake`` (the broker gets to know the volunteer, agrees goals; a trajectory the broker starts
directly begins here) → ``placed`` (a placement at an organisation, with the guidance agreed) →
``evaluating`` (the first evaluation was held; evaluations follow the planned moments) →
``ended`` (with an outcome). A placement that does not work out goes back to ``intake`` (with a
reason); a trajectory may end from any state.

A referral: ``new`` → ``accepted`` (a trajectory) or ``declined`` (with a reason the client
manager does not see).
"""

from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.workflow import Step, Workflow
from omzien.trajectories.constants import ReferralStatus, TrajectoryStatus
from omzien.trajectories.models import (
    Referral,
    ReferralTransition,
    Trajectory,
    TrajectoryTransition,
)

BROKER = "broker"

__all__ = ["BROKER", "REFERRAL", "TRAJECTORY", "is_broker"]


def is_broker(record, user) -> bool:
    """The brokers of the record's municipality."""
    return user.has_role_in(record.municipality_id, Role.BROKER)


TRAJECTORY = Workflow(
    model=Trajectory,
    log=TrajectoryTransition,
    parties={BROKER: is_broker},
    steps=[
        Step(TrajectoryStatus.REFERRED, TrajectoryStatus.INTAKE, BROKER, _("Start the intake")),
        Step(
            TrajectoryStatus.INTAKE, TrajectoryStatus.PLACED, BROKER, _("Placed at an organisation")
        ),
        Step(
            TrajectoryStatus.PLACED, TrajectoryStatus.EVALUATING, BROKER, _("First evaluation held")
        ),
        Step(
            TrajectoryStatus.PLACED,
            TrajectoryStatus.INTAKE,
            BROKER,
            _("Back to the intake"),
            note_required=True,
        ),
        Step(
            TrajectoryStatus.EVALUATING,
            TrajectoryStatus.INTAKE,
            BROKER,
            _("Back to the intake"),
            note_required=True,
        ),
        Step(TrajectoryStatus.REFERRED, TrajectoryStatus.ENDED, BROKER, _("End the trajectory")),
        Step(TrajectoryStatus.INTAKE, TrajectoryStatus.ENDED, BROKER, _("End the trajectory")),
        Step(TrajectoryStatus.PLACED, TrajectoryStatus.ENDED, BROKER, _("End the trajectory")),
        Step(TrajectoryStatus.EVALUATING, TrajectoryStatus.ENDED, BROKER, _("End the trajectory")),
    ],
    refused=_("A trajectory that is “%(from)s” cannot become “%(to)s”."),
)

REFERRAL = Workflow(
    model=Referral,
    log=ReferralTransition,
    parties={BROKER: is_broker},
    steps=[
        Step(ReferralStatus.NEW, ReferralStatus.ACCEPTED, BROKER, _("Take on")),
        Step(ReferralStatus.NEW, ReferralStatus.DECLINED, BROKER, _("Decline"), note_required=True),
    ],
    refused=_("A referral that is “%(from)s” cannot become “%(to)s”."),
)
