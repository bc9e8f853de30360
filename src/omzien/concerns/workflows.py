"""The status workflow of a concern, on the shared workflow abstraction (common.workflow).

A concern comes in as new, is assigned to a worker, is in contact once the worker has reached
the resident, and is closed with an outcome. A closed concern may be reopened (with the reason)
until it has been anonymised. A concern may be closed straight from new or assigned (a
duplicate, or nobody could be reached). Changing who is assigned is no step.
"""

from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.workflow import Step, Workflow
from omzien.concerns.constants import Kind, Status
from omzien.concerns.models import Concern, ConcernTransition

# The party: a welfare worker of the concern's municipality, or a carer consultant of it for a
# concern about carer overload (the same people who see it, query.ConcernQuerySet).
WORKER = "worker"

__all__ = ["CONCERN", "WORKER", "may_handle"]


def may_handle(concern: Concern, user) -> bool:
    if user.has_role_in(concern.municipality_id, Role.WELFARE_WORKER):
        return True
    return concern.kind == Kind.CARER_OVERLOAD and user.has_role_in(
        concern.municipality_id, Role.CONSULTANT
    )


CONCERN = Workflow(
    model=Concern,
    log=ConcernTransition,
    log_parent="concern",
    parties={WORKER: may_handle},
    steps=[
        Step(Status.NEW, Status.ASSIGNED, WORKER, _("Assign")),
        Step(Status.ASSIGNED, Status.IN_CONTACT, WORKER, _("Record the first contact")),
        Step(Status.NEW, Status.CLOSED, WORKER, _("Close")),
        Step(Status.ASSIGNED, Status.CLOSED, WORKER, _("Close")),
        Step(Status.IN_CONTACT, Status.CLOSED, WORKER, _("Close")),
        Step(Status.CLOSED, Status.ASSIGNED, WORKER, _("Reopen"), note_required=True),
    ],
    refused=_("A concern that is “%(from)s” cannot become “%(to)s”."),
)
