"""The training budget of a municipality and year, and the bookings against it.

The budget row is locked (``select_for_update``) before the totals are read and a booking is
added or the amount changed, so two bookings at once cannot together take the budget below
zero. A booking that would is refused with the amount that is left: the broker lowers it,
cancels another booking or raises the budget first (docs/volunteering.md: no silent
overruns)."""

from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from omzien.academy import constants
from omzien.academy.models import Booking, Budget, Course, TrainingRequest
from omzien.academy.selectors.budget import budget_totals
from omzien.academy.services._common import error, require_broker
from omzien.academy.workflows import BOOKING
from omzien.common.money import euro
from omzien.common.services import Actor, check_version
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction


@transaction.atomic
def budget_set(
    *, municipality, year: int, amount: Decimal, actor: Actor, version: int | None = None
) -> Budget:
    """Set the training budget of ``year`` (the broker); never below what is booked. A change
    of an existing budget is refused (EditConflict) unless it starts from its ``version``: the
    one the form showed, or None when the form showed no budget yet."""
    require_broker(municipality, actor)
    budget = Budget.objects.select_for_update().filter(municipality=municipality, year=year).first()
    created = budget is None
    if created:
        budget = Budget(municipality=municipality, year=year, amount=amount)
    else:
        check_version(budget, version)
        budget.version = F("version") + 1
        booked = budget_totals(budget)
        if amount < booked["committed"] + booked["spent"]:
            raise error(
                "amount",
                _("%(booked)s has been booked already: the budget cannot be lower.")
                % {"booked": euro(booked["committed"] + booked["spent"])},
                "below_booked",
            )
        budget.amount = amount
    budget.updated_by = actor.authenticated_user
    budget.full_clean(exclude=["municipality", "version"], validate_constraints=False)
    budget.save()
    budget.refresh_from_db()
    audit_by(
        AuditAction.CREATE if created else AuditAction.UPDATE,
        budget,
        actor,
        extra={"amount": str(amount)},
    )
    return budget


@transaction.atomic
def booking_create(*, budget: Budget, data: dict, actor: Actor, topic: str = "") -> Booking:
    """Book a training against ``budget`` (committed). With ``topic``: the open training
    requests of that topic are marked bought by this booking."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    require_broker(budget.municipality_id, actor)
    course: Course | None = data.get("course")
    if course is not None and course.municipality_id != budget.municipality_id:
        raise error("course", _("Choose a course of this municipality."), "other_municipality")
    booking = Booking(
        budget=budget,
        supplier=" ".join((data.get("supplier") or "").split()),
        description=" ".join((data.get("description") or "").split()),
        amount=data.get("amount"),
        course=course,
        booked_by=actor.authenticated_user,
    )
    booking.full_clean(exclude=["budget", "course"])
    left = budget_totals(budget)["left"]
    if booking.amount > left:
        raise error(
            "amount",
            _(
                "This booking would take the training budget of %(year)s below zero: "
                "%(left)s is left. Lower the amount, cancel another booking or raise the "
                "budget first."
            )
            % {"year": budget.year, "left": euro(left)},
            "over_budget",
        )
    booking.save()
    BOOKING.log_step(booking, source="", target=booking.status, actor=actor)
    linked = 0
    if topic:
        linked = TrainingRequest.objects.filter(
            municipality=budget.municipality_id, topic=topic, booking__isnull=True
        ).update(booking=booking)
    audit_by(
        AuditAction.CREATE,
        booking,
        actor,
        municipality=budget.municipality,
        extra={"amount": str(booking.amount), "requests": linked},
    )
    return booking


@transaction.atomic
def booking_transition(*, booking: Booking, target: str, actor: Actor, seen: str = "") -> Booking:
    """Paid (spent) or cancelled: the broker, with the status they saw (``seen``)."""
    booking = Booking.objects.select_for_update().select_related("budget").get(pk=booking.pk)
    if target not in (constants.BookingStatus.SPENT, constants.BookingStatus.CANCELLED):
        raise error("target", _("Choose paid or cancelled."), "target_required")
    step, note = BOOKING.check(booking, target=target, actor=actor, expected=seen)
    BOOKING.record(booking, step=step, actor=actor, note=note, fields=["updated_at"])
    if target == constants.BookingStatus.CANCELLED:
        # The requests it bought are open again.
        TrainingRequest.objects.filter(booking=booking).update(booking=None)
    return booking
