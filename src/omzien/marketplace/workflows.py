"""The status workflow of a beursvloer deal, on the shared workflow abstraction
(common.workflow).

A deal is agreed at the event. After the event the broker follows it up: done, partly done or
not done; a deal that was partly done may still be finished (done) later.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from omzien.accounts.constants import Role
from omzien.common.workflow import Step, Workflow
from omzien.marketplace.constants import DealStatus
from omzien.marketplace.models import Deal, DealTransition

BROKER = "broker"

__all__ = ["BROKER", "DEAL", "may_follow_up"]


def may_follow_up(deal: Deal, user) -> bool:
    """The brokers of the event's municipality."""
    return user.has_role_in(deal.event.municipality_id, Role.BROKER)


DEAL = Workflow(
    model=Deal,
    log=DealTransition,
    log_parent="deal",
    parties={BROKER: may_follow_up},
    steps=[
        Step(DealStatus.AGREED, DealStatus.DONE, BROKER, pgettext_lazy("beursvloer", "Done")),
        Step(DealStatus.AGREED, DealStatus.PARTLY, BROKER, _("Partly done")),
        Step(DealStatus.AGREED, DealStatus.NOT_DONE, BROKER, _("Not done"), note_required=True),
        Step(DealStatus.PARTLY, DealStatus.DONE, BROKER, _("Done after all")),
    ],
    refused=_("A deal that is “%(from)s” cannot become “%(to)s”."),
)
