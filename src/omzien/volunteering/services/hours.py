"""Hours worked in a placement: logged by the volunteer, recorded by the organisation for a
group, approved, corrected or rejected by the organisation (the ``HOURS`` workflow).

Every write is idempotent on the form's one-time ``token``: a POST the browser sends twice
(a double tap, a retry after a time-out) finds the hours the first one recorded and records
nothing again (the unique constraint ``vol_hours_once`` holds it in the database too).
"""

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import HoursEntry, Placement, VolunteerProfile
from omzien.volunteering.permissions import is_member
from omzien.volunteering.services import notifications
from omzien.volunteering.workflows import HOURS

HoursStatus = volunteering_constants.HoursStatus
QUARTER = Decimal("0.25")
DAY = Decimal("24")
# Hours may be logged for a placement that is running or has ended (afterwards, for the days
# it ran); not for one that has not started.
LOGGABLE = (
    volunteering_constants.PlacementStatus.RUNNING,
    volunteering_constants.PlacementStatus.ENDED,
)


def _check_hours(hours: Decimal, field: str = "hours") -> None:
    if hours is None or hours <= 0 or hours > DAY:
        raise ValidationError(
            {field: [ValidationError(_("Enter between 0.25 and 24 hours."), code="hours_range")]}
        )
    if hours % QUARTER:
        raise ValidationError(
            {
                field: [
                    ValidationError(
                        _("Enter the hours in quarters of an hour (for example 2.25 or 3.5)."),
                        code="hours_quarter",
                    )
                ]
            }
        )


def _check_date(placement: Placement, day: datetime.date, today: datetime.date) -> None:
    if day > today:
        raise ValidationError(
            {"date": [ValidationError(_("The date cannot lie in the future."), code="future")]}
        )
    if placement.start_date and day < placement.start_date:
        raise ValidationError(
            {
                "date": [
                    ValidationError(
                        _("The placement started on %(date)s: enter a date from then on.")
                        % {"date": placement.start_date.strftime("%d-%m-%Y")},
                        code="before_start",
                    )
                ]
            }
        )
    if placement.ended_on and day > placement.ended_on:
        raise ValidationError(
            {
                "date": [
                    ValidationError(
                        _("The placement ended on %(date)s.")
                        % {"date": placement.ended_on.strftime("%d-%m-%Y")},
                        code="after_end",
                    )
                ]
            }
        )


def hours_on_day(profile_id: int, day: datetime.date) -> Decimal:
    """The hours that stand for the volunteer on ``day`` across all placements (rejected
    hours aside; a correction counts as corrected)."""
    total = Decimal(0)
    rows = HoursEntry.objects.filter(placement__profile_id=profile_id, date=day).exclude(
        status=HoursStatus.REJECTED
    )
    for entry in rows.only("hours", "corrected_hours", "status"):
        total += entry.counted_hours or 0
    return total


def _check_day_total(profile: VolunteerProfile, day: datetime.date, hours: Decimal) -> None:
    """At most 24 hours a day per volunteer, across organisations. Call it with the profile
    locked, so two entries of the same day cannot both pass."""
    already = hours_on_day(profile.pk, day)
    if already + hours > DAY:
        raise ValidationError(
            {
                "hours": [
                    ValidationError(
                        _(
                            "With these hours the volunteer would have worked more than 24 "
                            "hours on %(date)s (%(already)s hours are logged already)."
                        )
                        % {"date": day.strftime("%d-%m-%Y"), "already": _number(already)},
                        code="day_over_24",
                    )
                ]
            }
        )


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _lock_profile(profile_id: int) -> VolunteerProfile:
    return VolunteerProfile.objects.select_for_update().get(pk=profile_id)


def _existing(placement_id: int, token: uuid.UUID) -> HoursEntry | None:
    return HoursEntry.objects.filter(placement_id=placement_id, token=token).first()


def _volunteer_may_log(placement: Placement, user) -> bool:
    profile = placement.profile
    return user is not None and profile.user_id is not None and profile.user_id == user.pk


@transaction.atomic
def hours_log(
    *,
    placement: Placement,
    date: datetime.date,
    hours: Decimal,
    note: str = "",
    token: uuid.UUID,
    actor: Actor,
    today: datetime.date | None = None,
) -> HoursEntry:
    """The volunteer logs hours in their placement; they await the organisation's approval."""
    placement = Placement.objects.select_related("profile", "vacancy").get(pk=placement.pk)
    if not _volunteer_may_log(placement, actor.user):
        raise PermissionDenied
    existing = _existing(placement.pk, token)
    if existing is not None:
        return existing
    if placement.status not in LOGGABLE:
        raise ValidationError(
            _("Hours can be logged once the placement has started."), code="not_started"
        )
    today = today or timezone.localdate()
    _check_hours(hours)
    _check_date(placement, date, today)
    profile = _lock_profile(placement.profile_id)
    existing = _existing(placement.pk, token)  # a twin request that waited for the lock
    if existing is not None:
        return existing
    _check_day_total(profile, date, hours)
    entry = HoursEntry.objects.create(
        municipality_id=placement.municipality_id,
        placement=placement,
        date=date,
        hours=hours,
        note=" ".join((note or "").split())[:255],
        status=HoursStatus.SUBMITTED,
        token=token,
        recorded_by=actor.authenticated_user,
    )
    HOURS.log_step(entry, source="", target=HoursStatus.SUBMITTED, actor=actor)
    audit_by(AuditAction.CREATE, entry, actor)
    return entry


@transaction.atomic
def hours_record_group(
    *,
    placements: list[Placement],
    hours: dict[int, Decimal],
    date: datetime.date,
    note: str = "",
    token: uuid.UUID,
    actor: Actor,
    today: datetime.date | None = None,
) -> list[HoursEntry]:
    """The organisation turns an attendance list into hours in one step: for each placement
    (of its own vacancies) the hours in ``hours`` (by placement pk), approved at once. All or
    nothing: one refusal records none. A repeated token records nothing again."""
    today = today or timezone.localdate()
    if not placements:
        raise ValidationError(_("Tick at least one volunteer who was there."), code="nobody")
    entries = []
    for placement in sorted(placements, key=lambda p: p.pk):
        placement = Placement.objects.select_related("profile", "vacancy").get(pk=placement.pk)
        if not is_member(actor.user, placement.vacancy.organisation_id):
            raise PermissionDenied
        existing = _existing(placement.pk, token)
        if existing is not None:
            entries.append(existing)
            continue
        if placement.status not in LOGGABLE:
            raise ValidationError(
                _("%(name)s has not started yet: confirm the start first.")
                % {"name": placement.profile.full_name},
                code="not_started",
            )
        amount = hours.get(placement.pk)
        _check_hours(amount)
        _check_date(placement, date, today)
        profile = _lock_profile(placement.profile_id)
        try:
            _check_day_total(profile, date, amount)
        except ValidationError as error:
            raise ValidationError(
                f"{placement.profile.full_name}: {' '.join(error.messages)}",
                code="day_over_24",
            ) from error
        now = timezone.now()
        entry = HoursEntry.objects.create(
            municipality_id=placement.municipality_id,
            placement=placement,
            date=date,
            hours=amount,
            note=" ".join((note or "").split())[:255],
            status=HoursStatus.APPROVED,
            token=token,
            recorded_by=actor.authenticated_user,
            by_organisation=True,
            reviewed_by=actor.authenticated_user,
            reviewed_at=now,
        )
        HOURS.log_step(entry, source="", target=HoursStatus.APPROVED, actor=actor)
        audit_by(AuditAction.CREATE, entry, actor)
        entries.append(entry)
    return entries


def _lock_entry(entry: HoursEntry) -> HoursEntry:
    return (
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("placement__vacancy", "placement__profile")
        .get(pk=entry.pk)
    )


@transaction.atomic
def hours_review(
    *,
    entry: HoursEntry,
    to_status: str,
    actor: Actor,
    expected: str = "",
    note: str = "",
    corrected_hours: Decimal | None = None,
) -> HoursEntry:
    """The organisation approves, corrects (with the right hours and why) or rejects (why)
    hours the volunteer logged. A correction keeps the volunteer's hours beside its own."""
    entry = _lock_entry(entry)
    step, note = HOURS.check(entry, target=to_status, actor=actor, expected=expected, note=note)
    fields = ["reviewed_by", "reviewed_at", "updated_at"]
    if to_status == HoursStatus.CORRECTED:
        _check_hours(corrected_hours, field="corrected_hours")
        if corrected_hours == entry.hours:
            raise ValidationError(
                {
                    "corrected_hours": [
                        ValidationError(
                            _("These are the hours the volunteer logged: approve them instead."),
                            code="same_hours",
                        )
                    ]
                }
            )
        profile = _lock_profile(entry.placement.profile_id)
        _check_day_total(profile, entry.date, corrected_hours - entry.hours)
        entry.corrected_hours = corrected_hours
        fields.append("corrected_hours")
    entry.reviewed_by = actor.authenticated_user
    entry.reviewed_at = timezone.now()
    HOURS.record(entry, step=step, actor=actor, note=note, fields=fields)
    if to_status != HoursStatus.APPROVED:
        notifications.hours_reviewed(entry)
    return entry


@transaction.atomic
def hours_approve_many(*, entry_ids: list[int], actor: Actor) -> int:
    """Approve, in one step, the chosen hours that still await approval in the member's
    organisations; hours someone else reviewed in the meantime are left alone. Returns how
    many were approved."""
    entries = list(
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("placement__vacancy")
        .filter(pk__in=entry_ids, status=HoursStatus.SUBMITTED)
        .order_by("pk")
    )
    step = HOURS.step(HoursStatus.SUBMITTED, HoursStatus.APPROVED)
    for entry in entries:
        if not HOURS.may(step, entry, actor.user):
            raise PermissionDenied
    if not entries:
        return 0
    return HOURS.record_many(
        entries,
        step=step,
        actor=actor,
        values={"reviewed_by": actor.authenticated_user, "reviewed_at": timezone.now()},
    )
