"""The workflows of a nomination, on the shared workflow abstraction (common.workflow).

``NOMINATION`` (its status): the broker checks a submitted nomination (accepted, or not
eligible with the reason), and after the jury has scored marks the winner and the pluimen (and
may take that back before the announcement). ``CONSENT`` (whether the nominee agreed to
publishing name and motivation): the broker asks (again), the nominee answers through the
one-time link (a step without a user: ``SYSTEM``), and the broker records a withdrawal the
nominee asks for later.
"""

from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.workflow import SYSTEM, Step, Workflow
from omzien.recognition.constants import Consent, NominationStatus
from omzien.recognition.models import Nomination, NominationTransition

BROKER = "broker"

__all__ = ["BROKER", "CONSENT", "NOMINATION", "may_check"]


def may_check(nomination: Nomination, user) -> bool:
    """The brokers of the round's municipality."""
    return user.has_role_in(nomination.round.municipality_id, Role.BROKER)


NOMINATION = Workflow(
    model=Nomination,
    log=NominationTransition,
    log_parent="nomination",
    parties={BROKER: may_check},
    steps=[
        Step(NominationStatus.SUBMITTED, NominationStatus.ACCEPTED, BROKER, _("Accept")),
        Step(
            NominationStatus.SUBMITTED,
            NominationStatus.REJECTED,
            BROKER,
            _("Not eligible"),
            note_required=True,
        ),
        Step(NominationStatus.REJECTED, NominationStatus.SUBMITTED, BROKER, _("Check again")),
        Step(NominationStatus.ACCEPTED, NominationStatus.WINNER, BROKER, _("Winner")),
        Step(NominationStatus.ACCEPTED, NominationStatus.PLUIM, BROKER, _("Pluim")),
        Step(NominationStatus.WINNER, NominationStatus.ACCEPTED, BROKER, _("Undo the award")),
        Step(NominationStatus.PLUIM, NominationStatus.ACCEPTED, BROKER, _("Undo the award")),
    ],
    refused=_("A nomination that is “%(from)s” cannot become “%(to)s”."),
)

CONSENT = Workflow(
    model=Nomination,
    field="consent",
    parties={BROKER: may_check},
    steps=[
        Step(Consent.NOT_ASKED, Consent.ASKED, BROKER, _("Ask for consent")),
        Step(Consent.ASKED, Consent.ASKED, BROKER, _("Ask again")),
        Step(Consent.DECLINED, Consent.ASKED, BROKER, _("Ask again")),
        Step(Consent.ASKED, Consent.GIVEN, SYSTEM, _("Agree")),
        Step(Consent.ASKED, Consent.DECLINED, SYSTEM, _("Decline")),
        Step(Consent.GIVEN, Consent.DECLINED, BROKER, _("Consent withdrawn"), note_required=True),
    ],
    refused=_("Consent that is “%(from)s” cannot become “%(to)s”."),
)
