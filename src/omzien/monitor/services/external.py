"""External indicators (GGD monitor, a survey's grade, CBS) and their values, entered by staff."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from omzien.common.services import Actor
from omzien.monitor.models import ExternalIndicator, ExternalValue
from omzien.monitor.services.programmes import _create, _update, check_staff
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

EXTERNAL_FIELDS = ("name", "unit", "source", "definition", "partner", "partner_frequency")


def _unique_name(call):
    try:
        with transaction.atomic():
            return call()
    except IntegrityError:
        raise ValidationError(
            {"name": ValidationError(_("An indicator with this name exists."), code="duplicate")}
        ) from None


def _check_partner(data: dict, municipality_id: int, actor: Actor) -> None:
    check_staff(actor, municipality_id)
    partner = data.get("partner")
    if partner is not None and partner.municipality_id != municipality_id:
        raise ValidationError(
            {
                "partner": ValidationError(
                    _("Choose an organisation of this municipality."), code="other_municipality"
                )
            }
        )


def external_create(*, municipality, data: dict, actor: Actor) -> ExternalIndicator:
    _check_partner(data, getattr(municipality, "pk", municipality), actor)
    return _unique_name(
        lambda: _create(
            ExternalIndicator,
            municipality_id=getattr(municipality, "pk", municipality),
            data=data,
            fields=EXTERNAL_FIELDS,
            actor=actor,
        )
    )


def external_update(*, indicator: ExternalIndicator, version, data: dict, actor: Actor):
    _check_partner(data, indicator.municipality_id, actor)
    return _unique_name(
        lambda: _update(
            ExternalIndicator,
            indicator,
            version=version,
            data=data,
            fields=EXTERNAL_FIELDS,
            actor=actor,
        )
    )


@transaction.atomic
def external_value_set(
    *, indicator: ExternalIndicator, measured_on, value, source: str, actor: Actor
) -> ExternalValue:
    """The indicator's value on a date (a second value for the same date replaces the first)."""
    check_staff(actor, indicator.municipality_id)
    row = ExternalValue.objects.filter(indicator=indicator, measured_on=measured_on).first()
    row = row or ExternalValue(indicator=indicator, measured_on=measured_on)
    row.value, row.source, row.entered_by = value, source, actor.authenticated_user
    row.full_clean(exclude=["indicator", "entered_by"], validate_constraints=False)
    row.save()
    audit_by(
        AuditAction.UPDATE,
        indicator,
        actor,
        reason="value",
        extra={"date": str(measured_on), "value": str(value)},
    )
    return row
