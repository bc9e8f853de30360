"""The status of an action, on the shared workflow abstraction.

A policy advisor or municipality admin of the programme's municipality moves an action from
planned to underway and on to done, marks it delayed (and back underway) or stops it; each
change carries a dated note in the log (required when an action is delayed or stopped).
"""

from django.utils.translation import gettext_lazy as _

from omzien.common.workflow import Step, Workflow
from omzien.monitor.constants import STAFF as STAFF_ROLES
from omzien.monitor.constants import ActionStatus as S
from omzien.monitor.models import Action, ActionTransition

STAFF = "staff"

__all__ = ["ACTION", "STAFF"]


def _staff(action: Action, user) -> bool:
    return user.has_role_in(action.municipality_id, *STAFF_ROLES)


ACTION = Workflow(
    model=Action,
    log=ActionTransition,
    parties={STAFF: _staff},
    steps=[
        Step(S.PLANNED, S.UNDERWAY, STAFF, _("Started")),
        Step(S.PLANNED, S.DELAYED, STAFF, _("Delayed"), note_required=True),
        Step(S.PLANNED, S.STOPPED, STAFF, _("Stopped"), note_required=True),
        Step(S.UNDERWAY, S.DONE, STAFF, _("Done")),
        Step(S.UNDERWAY, S.DELAYED, STAFF, _("Delayed"), note_required=True),
        Step(S.UNDERWAY, S.STOPPED, STAFF, _("Stopped"), note_required=True),
        Step(S.DELAYED, S.UNDERWAY, STAFF, _("Underway again")),
        Step(S.DELAYED, S.STOPPED, STAFF, _("Stopped"), note_required=True),
        Step(S.DONE, S.UNDERWAY, STAFF, _("Reopened"), note_required=True),
    ],
    refused=_("An action that is “%(from)s” cannot become “%(to)s”."),
    stale=_(
        "Someone else already changed this action: it is now “%(status)s”. Nothing was changed."
    ),
)
