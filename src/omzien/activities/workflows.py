"""The status workflow of a sign-up, on the shared workflow abstraction.

The participant (their account) or whoever holds the cancel link cancels; the organiser
(organisation member or municipality staff) cancels and marks attendance; the system moves the
first on the waiting list up when a place comes free and cancels everyone when an occurrence is
cancelled. Who holds a cancel link acts as the system: the link is their authority.
"""

from django.utils.translation import gettext_lazy as _

from omzien.activities.constants import SignUpStatus
from omzien.activities.models import SignUp, SignUpTransition
from omzien.activities.permissions import may_organise
from omzien.common.workflow import SYSTEM, Step, Workflow

ORGANISER = "organiser"
PARTICIPANT = "participant"

__all__ = ["ORGANISER", "PARTICIPANT", "SIGNUP", "SYSTEM"]


def _organiser(signup: SignUp, user) -> bool:
    return may_organise(signup.occurrence.activity, user)


def _participant(signup: SignUp, user) -> bool:
    return signup.user_id is not None and signup.user_id == user.pk


SIGNUP = Workflow(
    model=SignUp,
    log=SignUpTransition,
    log_parent="signup",
    parties={ORGANISER: _organiser, PARTICIPANT: _participant},
    steps=[
        Step(
            SignUpStatus.CONFIRMED,
            SignUpStatus.CANCELLED,
            (PARTICIPANT, ORGANISER, SYSTEM),
            _("Cancel"),
        ),
        Step(
            SignUpStatus.WAITING,
            SignUpStatus.CANCELLED,
            (PARTICIPANT, ORGANISER, SYSTEM),
            _("Cancel"),
        ),
        Step(
            SignUpStatus.WAITING,
            SignUpStatus.CONFIRMED,
            (ORGANISER, SYSTEM),
            _("Move up from the waiting list"),
        ),
        Step(SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED, ORGANISER, _("Attended")),
        Step(SignUpStatus.CONFIRMED, SignUpStatus.ABSENT, ORGANISER, _("Absent")),
        Step(SignUpStatus.ATTENDED, SignUpStatus.ABSENT, ORGANISER, _("Absent")),
        Step(SignUpStatus.ABSENT, SignUpStatus.ATTENDED, ORGANISER, _("Attended")),
    ],
    refused=_("A sign-up that is “%(from)s” cannot become “%(to)s”."),
)
