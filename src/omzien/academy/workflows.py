"""The status workflow of a training booking, on the shared workflow abstraction
(common.workflow). A booking is committed when the training is ordered, spent when it has been
paid, cancelled when it will not be paid; only the broker takes these steps."""

from django.utils.translation import gettext_lazy as _

from omzien.academy.constants import BookingStatus
from omzien.academy.models import Booking, BookingTransition
from omzien.accounts.constants import Role
from omzien.common.workflow import Step, Workflow

BROKER = "broker"

__all__ = ["BOOKING", "BROKER"]


def _broker(booking: Booking, user) -> bool:
    return user.has_role_in(booking.budget.municipality_id, Role.BROKER)


BOOKING = Workflow(
    model=Booking,
    log=BookingTransition,
    log_parent="booking",
    parties={BROKER: _broker},
    steps=[
        Step(BookingStatus.COMMITTED, BookingStatus.SPENT, BROKER, _("Record as paid")),
        Step(BookingStatus.COMMITTED, BookingStatus.CANCELLED, BROKER, _("Cancel the booking")),
    ],
    refused=_("A booking that is “%(from)s” cannot become “%(to)s”."),
)
