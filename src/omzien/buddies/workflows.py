"""The status workflow of a buddy pair, on the shared workflow abstraction.

A pair is proposed (by the pairing engine or by hand), confirmed when both agree, and ends.
Taking back a proposal deletes the pair (``services.pair_dissolve``): that is no step. The
services take every step through ``check`` and ``record`` (see ``omzien.common.workflow``).
"""

from django.utils.translation import gettext_lazy as _

from omzien.buddies.constants import PairStatus
from omzien.buddies.models import STAFF, BuddyPair, BuddyPairTransition
from omzien.common.workflow import Step, Workflow

# The party: a broker or carer consultant of the pair's municipality (or a platform superuser).
STAFF_MEMBER = "staff"

__all__ = ["PAIR", "STAFF_MEMBER"]


def _staff_of_pair(pair: BuddyPair, user) -> bool:
    return user.has_role_in(pair.municipality_id, *STAFF)


PAIR = Workflow(
    model=BuddyPair,
    log=BuddyPairTransition,
    log_parent="pair",
    parties={STAFF_MEMBER: _staff_of_pair},
    steps=[
        Step(PairStatus.PROPOSED, PairStatus.CONFIRMED, STAFF_MEMBER),
        Step(PairStatus.CONFIRMED, PairStatus.ENDED, STAFF_MEMBER),
    ],
    refused=_("A pair that is “%(from)s” cannot become “%(to)s”."),
)
