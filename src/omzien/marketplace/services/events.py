"""Setting up a beursvloer: the volunteer broker creates one per municipality and year."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omzien.common.services import Actor, versioned_update
from omzien.marketplace.models import Event
from omzien.marketplace.services._common import error, require_broker
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

EVENT_FIELDS = (
    "year",
    "held_on",
    "place",
    "registration_opens",
    "registration_closes",
    "description",
    "contact_retention_months",
)


def _clean(event: Event) -> None:
    event.place = " ".join((event.place or "").split())
    errors = {}
    if event.held_on and event.year and event.held_on.year != event.year:
        errors["held_on"] = [
            ValidationError(_("The date lies in another year than the event."), code="wrong_year")
        ]
    if event.registration_opens and event.registration_closes:
        if event.registration_closes < event.registration_opens:
            errors["registration_closes"] = [
                ValidationError(_("Registration closes before it opens."), code="window_reversed")
            ]
        elif event.held_on and event.registration_closes > event.held_on:
            errors["registration_closes"] = [
                ValidationError(
                    _("Registration closes after the beursvloer."), code="closes_after_event"
                )
            ]
    if errors:
        raise ValidationError(errors)
    duplicate = Event.objects.filter(municipality=event.municipality, year=event.year)
    if event.pk:
        duplicate = duplicate.exclude(pk=event.pk)
    if duplicate.exists():
        raise error(
            "year",
            _("This municipality has a beursvloer in that year already."),
            "year_taken",
        )


@transaction.atomic
def event_create(*, municipality, data: dict, actor: Actor) -> Event:
    """A new beursvloer of ``municipality`` (its broker only)."""
    require_broker(municipality, actor)
    event = Event(municipality=municipality, created_by=actor.authenticated_user)
    for field in EVENT_FIELDS:
        if field in data:
            setattr(event, field, data[field])
    _clean(event)
    event.full_clean(exclude=["municipality"], validate_constraints=False)
    event.save()
    audit_by(AuditAction.CREATE, event, actor)
    return event


@transaction.atomic
def event_update(*, event: Event, data: dict, actor: Actor, version: int | None) -> Event:
    """Change a beursvloer's dates and details; refused (EditConflict) when it changed since
    ``version``, the version the form showed."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    require_broker(event.municipality_id, actor)

    def clean(row):
        _clean(row)
        row.full_clean(exclude=["municipality", "version"], validate_constraints=False)

    versioned_update(event, version=version, data=data, fields=EVENT_FIELDS, clean=clean)
    audit_by(AuditAction.UPDATE, event, actor)
    return event
