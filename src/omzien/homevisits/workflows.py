"""The status workflow of a home visit, on the shared workflow abstraction (common.workflow).

A visit is planned when its address is imported, assigned to a visitor (a volunteer or a
welfare worker), and gets its result: held, not at home, or declined. A visit where nobody was
at home may be planned again. Who visits may change while it is assigned (no step).
"""

from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.workflow import Step, Workflow
from omzien.homevisits.constants import Status
from omzien.homevisits.models import Visit, VisitTransition

# The parties: a welfare worker of the visit's municipality, and the visitor it is assigned to.
WORKER = "worker"
VISITOR = "visitor"

__all__ = ["VISIT", "VISITOR", "WORKER", "is_visitor", "is_worker"]


def is_worker(visit: Visit, user) -> bool:
    return user.has_role_in(visit.municipality_id, Role.WELFARE_WORKER)


def is_visitor(visit: Visit, user) -> bool:
    return visit.assigned_to_id is not None and visit.assigned_to_id == user.pk


VISIT = Workflow(
    model=Visit,
    log=VisitTransition,
    log_parent="visit",
    parties={WORKER: is_worker, VISITOR: is_visitor},
    steps=[
        Step(Status.PLANNED, Status.ASSIGNED, WORKER, _("Assign")),
        Step(Status.ASSIGNED, Status.HELD, (VISITOR, WORKER), _("Held")),
        Step(Status.ASSIGNED, Status.NOT_HOME, (VISITOR, WORKER), _("Not at home")),
        Step(Status.ASSIGNED, Status.DECLINED, (VISITOR, WORKER), _("Declined")),
        Step(Status.NOT_HOME, Status.PLANNED, WORKER, _("Plan again")),
    ],
    refused=_("A home visit that is “%(from)s” cannot become “%(to)s”."),
)
