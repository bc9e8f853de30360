"""Expense allowances (vrijwilligersvergoeding) an organisation records for a volunteer in a
placement, with a warning when the volunteer's allowances across all organisations would pass
the municipality's tax-free maxima; and those maxima (``VolunteeringSettings``).

The warning says only *that* a maximum would be passed: never another organisation's amounts.
"""

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.common.money import euro
from omzien.common.services import Actor, check_version
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    Allowance,
    Placement,
    Vacancy,
    VolunteeringSettings,
    VolunteerProfile,
)
from omzien.volunteering.permissions import is_member
from omzien.volunteering.selectors.allowances import maxima_passed

SETTINGS_FIELDS = ("allowance_max_year", "allowance_max_month", "vog_max_age_years")


@transaction.atomic
def allowance_record(
    *,
    placement: Placement,
    date: datetime.date,
    amount: Decimal,
    kind: str,
    token: uuid.UUID,
    actor: Actor,
    note: str = "",
    confirmed: bool = False,
    today: datetime.date | None = None,
) -> Allowance:
    """Record what the organisation paid the volunteer. A volunteer allowance that would take
    the volunteer's total (across all organisations) past the tax-free maximum of the year or
    the month is refused with ``over_maximum`` unless the member ``confirmed`` it after the
    warning. A repeated token records nothing again."""
    placement = Placement.objects.select_related("vacancy", "profile", "municipality").get(
        pk=placement.pk
    )
    if not is_member(actor.user, placement.vacancy.organisation_id):
        raise PermissionDenied
    existing = Allowance.objects.filter(placement=placement, token=token).first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    if date > today:
        raise ValidationError(
            {"date": [ValidationError(_("The date cannot lie in the future."), code="future")]}
        )
    if amount is None or amount <= 0:
        raise ValidationError(
            {"amount": [ValidationError(_("Enter an amount above zero."), code="amount")]}
        )
    if kind not in volunteering_constants.AllowanceKind.values:
        raise ValidationError({"kind": [ValidationError(_("Choose the kind."), code="kind")]})
    # One volunteer at a time: two organisations recording at once both see the other's amount.
    VolunteerProfile.objects.select_for_update().get(pk=placement.profile_id)
    if kind == volunteering_constants.AllowanceKind.ALLOWANCE and not confirmed:
        passed = maxima_passed(profile=placement.profile, day=date, amount=amount)
        if passed:
            settings_row = VolunteeringSettings.for_municipality(placement.municipality)
            if "year" in passed:
                message = _(
                    "With this amount the volunteer allowances of this volunteer in %(year)s, "
                    "across all organisations, would pass the tax-free maximum of %(maximum)s "
                    "a year."
                ) % {"year": date.year, "maximum": euro(settings_row.allowance_max_year)}
            else:
                message = _(
                    "With this amount the volunteer allowances of this volunteer in this month, "
                    "across all organisations, would pass the tax-free maximum of %(maximum)s "
                    "a month."
                ) % {"maximum": euro(settings_row.allowance_max_month)}
            raise ValidationError(message, code="over_maximum")
    allowance = Allowance.objects.create(
        municipality_id=placement.municipality_id,
        placement=placement,
        date=date,
        amount=amount,
        kind=kind,
        note=" ".join((note or "").split())[:255],
        token=token,
        recorded_by=actor.authenticated_user,
    )
    audit_by(AuditAction.CREATE, allowance, actor, extra={"confirmed": confirmed})
    return allowance


@transaction.atomic
def volunteering_settings_update(
    *, settings: VolunteeringSettings, data: dict, version: int | None, actor: Actor
) -> VolunteeringSettings:
    """The functional administrator changes the tax-free maxima of their municipality and how
    old a VOG may be (the vacancies that use the setting are re-read by the matching engine)."""
    if not actor.user.has_role_in(settings.municipality, Role.MUNICIPALITY_ADMIN):
        raise PermissionDenied
    locked = (
        VolunteeringSettings.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=settings.pk)
    )
    check_version(locked, version, required=False)
    changed = [f for f in SETTINGS_FIELDS if f in data and getattr(locked, f) != data[f]]
    old = {f: str(getattr(locked, f)) for f in changed}
    for field in changed:
        setattr(locked, field, data[field])
    locked.full_clean()
    if changed:
        locked.version += 1
        locked.save(update_fields=[*changed, "version"])
    if "vog_max_age_years" in changed:
        # The matching engine re-reads vacancies by ``updated_at``.
        Vacancy.objects.filter(
            municipality=locked.municipality, vog_required=True, vog_max_age_years__isnull=True
        ).update(updated_at=timezone.now())
    audit_by(
        AuditAction.UPDATE,
        locked,
        actor,
        municipality=locked.municipality,
        reason=",".join(changed),
        extra={f: [old[f], str(getattr(locked, f))] for f in changed},
    )
    return locked
