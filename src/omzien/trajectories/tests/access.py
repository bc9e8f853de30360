"""How the authorization walk (ui/tests/access.py) requests the trajectories' URLs: each side
has a volunteer with a trajectory at the intake and a new referral sent by the side's
referrer (the client manager)."""

from omzien.trajectories.tests.factories import ReferralFactory, TrajectoryFactory
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    side.volunteer_trajectory = TrajectoryFactory(
        municipality=side.municipality, broker=side.broker
    )
    side.volunteer_trajectory_referral = ReferralFactory(
        municipality=side.municipality, submitted_by=side.referrer
    )


def _trajectory(side) -> dict:
    return {"pk": side.volunteer_trajectory.pk}


def _referral(side) -> dict:
    return {"pk": side.volunteer_trajectory_referral.pk}


PAGES = {
    # The broker.
    "trajectories:list": Page(),
    "trajectories:new": Page(),
    "trajectories:detail": Page(_trajectory),
    "trajectories:plan": Page(_trajectory),
    "trajectories:goal_add": action(_trajectory),
    "trajectories:moment_add": action(_trajectory),
    "trajectories:step": action(_trajectory),
    "trajectories:end": Page(_trajectory),
    "trajectories:evaluate": Page(_trajectory),
    "trajectories:referrals": Page(),
    "trajectories:referral": Page(_referral),
    "trajectories:referral_accept": action(_referral),
    "trajectories:referral_decline": Page(_referral),
    # The brokers and the policy advisor.
    "trajectories:figures": Page(),
    # The client manager (referrer): what they sent, status only.
    "trajectories:refer": Page(),
    "trajectories:my_referrals": Page(),
}
