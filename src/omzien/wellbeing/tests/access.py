"""How the authorization walk (ui/tests/access.py) requests the wellbeing URLs."""

import hashlib
import secrets

from omzien.ui.tests.access import Page, action
from omzien.wellbeing.tests.factories import (
    MeasurementInvitationFactory,
    ParticipantFactory,
    TrajectoryFactory,
)


def build(side) -> None:
    participant = ParticipantFactory(municipality=side.municipality)
    side.trajectory = TrajectoryFactory(participant=participant, referred_by=side.referrer)
    side.wellbeing_token = secrets.token_urlsafe(32)
    MeasurementInvitationFactory(
        trajectory=side.trajectory,
        token_hash=hashlib.sha256(side.wellbeing_token.encode()).hexdigest(),
    )


def _trajectory(side) -> dict:
    return {"pk": side.trajectory.pk}


PAGES = {
    "wellbeing:trajectory_list": Page(),
    "wellbeing:participant_create": Page(),
    "wellbeing:trajectory_detail": Page(_trajectory),
    "wellbeing:trajectory_intake": Page(_trajectory),
    "wellbeing:contact_create": Page(_trajectory),
    "wellbeing:trajectory_close": Page(_trajectory),
    "wellbeing:measurement_create": Page(_trajectory),
    "wellbeing:measurement_invite": action(_trajectory),
    "wellbeing:effect_report": Page(),
    "wellbeing:refer": Page(),
    "wellbeing:referral_mine": Page(),
    # The resident's own questionnaire through the one-time link.
    "wellbeing:questionnaire_fill": Page(lambda s: {"token": s.wellbeing_token}),
    "wellbeing:questionnaire_thanks": Page(),
}
