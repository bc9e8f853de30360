"""Programmes and what they hold: themes, ambitions, actions with their budgets and status,
and measures.

Every service checks that the actor is a policy advisor or municipality admin of the
programme's municipality, locks the row it changes, validates it with the model's own rules,
refuses a stale edit with :class:`EditConflict` (every edit form carries the ``version`` it
started from), saves and writes the audit event. An action's status changes only along
``workflows.ACTION``, which logs each change with its note.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from omzien.common import indicators
from omzien.common.services import (
    Actor,
    EditConflict,
    apply_changes,
    check_version,
    versioned_update,
)
from omzien.monitor.constants import STAFF, ActionStatus
from omzien.monitor.models import (
    Action,
    ActionBudget,
    Ambition,
    Measure,
    Programme,
    Theme,
)
from omzien.monitor.workflows import ACTION
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

__all__ = ["Actor", "EditConflict"]

PROGRAMME_FIELDS = ("name", "description", "period_start", "period_end")
THEME_FIELDS = ("name", "order")
AMBITION_FIELDS = ("title", "description", "order")
ACTION_FIELDS = ("what", "carried_out_by", "period_start", "period_end", "order")
MEASURE_FIELDS = (
    "description",
    "indicator_code",
    "external",
    "cumulative",
    "baseline_value",
    "baseline_date",
    "baseline_source",
    "target_value",
    "direction",
    "deadline",
    "frequency",
    "public",
    "order",
)


def check_staff(actor: Actor, municipality_id: int) -> None:
    user = actor.user
    if not (getattr(user, "is_authenticated", False) and user.has_role_in(municipality_id, *STAFF)):
        raise PermissionDenied


def _clean(obj, exclude=()) -> None:
    obj.full_clean(exclude=list(exclude), validate_constraints=False)


def _lock(model, pk):
    return model.objects.select_for_update(of=("self",)).get(pk=pk)


def _create(model, *, municipality_id: int, data: dict, fields, actor: Actor, **fixed):
    check_staff(actor, municipality_id)
    obj = model(municipality_id=municipality_id, **fixed)
    apply_changes(obj, data, fields)
    _validate(obj)
    obj.save()
    audit_by(AuditAction.CREATE, obj, actor)
    return obj


def _update(model, obj, *, version: int | None, data: dict, fields, actor: Actor):
    check_staff(actor, obj.municipality_id)
    locked = _lock(model, obj.pk)
    changed = versioned_update(
        locked, version=version, data=data, fields=fields, clean=_validate, save_unchanged=False
    )
    if changed:
        audit_by(AuditAction.UPDATE, locked, actor, extra={"fields": changed})
    return locked


def _validate(obj) -> None:
    _clean(obj, exclude=["municipality"])
    if isinstance(obj, Measure):
        _validate_measure(obj)


def _validate_measure(measure: Measure) -> None:
    code = measure.indicator_code
    if code:
        try:
            ind = indicators.indicator(code)
        except KeyError:
            raise ValidationError(
                {"indicator_code": ValidationError(_("No such indicator."), code="unknown")}
            ) from None
        if measure.cumulative and ind.measure != indicators.FLOW:
            raise ValidationError(
                {
                    "cumulative": ValidationError(
                        _("Only a count of what happened in a period can be added up."),
                        code="not_a_flow",
                    )
                }
            )
        if measure.cumulative and ind.unit == indicators.PERCENT:
            raise ValidationError(
                {
                    "cumulative": ValidationError(
                        _("A percentage cannot be added up."), code="not_a_flow"
                    )
                }
            )
    if measure.external_id and measure.external.municipality_id != measure.municipality_id:
        raise ValidationError(
            {"external": ValidationError(_("No such indicator."), code="unknown")}
        )
    if measure.external_id and measure.cumulative:
        raise ValidationError(
            {
                "cumulative": ValidationError(
                    _("Only a count of what happened in a period can be added up."),
                    code="not_a_flow",
                )
            }
        )


def _delete(model, obj, actor: Actor) -> None:
    check_staff(actor, obj.municipality_id)
    locked = _lock(model, obj.pk)
    audit_by(AuditAction.DELETE, locked, actor, extra={"name": str(locked)[:80]})
    locked.delete()


# --- Programme --------------------------------------------------------------------------------


@transaction.atomic
def programme_create(*, municipality, data: dict, actor: Actor) -> Programme:
    return _create(
        Programme,
        municipality_id=getattr(municipality, "pk", municipality),
        data=data,
        fields=PROGRAMME_FIELDS,
        actor=actor,
    )


@transaction.atomic
def programme_update(*, programme: Programme, version, data: dict, actor: Actor) -> Programme:
    return _update(
        Programme, programme, version=version, data=data, fields=PROGRAMME_FIELDS, actor=actor
    )


@transaction.atomic
def programme_publish(*, programme: Programme, published: bool, version, actor: Actor) -> Programme:
    """Publish the programme's public page (only the measures marked public), or take it
    offline."""
    check_staff(actor, programme.municipality_id)
    locked = _lock(Programme, programme.pk)
    check_version(locked, version)
    if locked.published == published:
        return locked
    locked.published = published
    locked.version = F("version") + 1
    locked.save(update_fields=["published", "version", "updated_at"])
    locked.refresh_from_db()
    audit_by(AuditAction.UPDATE, locked, actor, reason="published" if published else "unpublished")
    return locked


@transaction.atomic
def programme_delete(*, programme: Programme, actor: Actor) -> None:
    _delete(Programme, programme, actor)


# --- Themes and ambitions ---------------------------------------------------------------------


@transaction.atomic
def theme_create(*, programme: Programme, data: dict, actor: Actor) -> Theme:
    return _create(
        Theme,
        municipality_id=programme.municipality_id,
        data=data,
        fields=THEME_FIELDS,
        actor=actor,
        programme=programme,
    )


@transaction.atomic
def theme_update(*, theme: Theme, version, data: dict, actor: Actor) -> Theme:
    return _update(Theme, theme, version=version, data=data, fields=THEME_FIELDS, actor=actor)


@transaction.atomic
def theme_delete(*, theme: Theme, actor: Actor) -> None:
    _delete(Theme, theme, actor)


@transaction.atomic
def ambition_create(*, theme: Theme, data: dict, actor: Actor) -> Ambition:
    return _create(
        Ambition,
        municipality_id=theme.municipality_id,
        data=data,
        fields=AMBITION_FIELDS,
        actor=actor,
        theme=theme,
    )


@transaction.atomic
def ambition_update(*, ambition: Ambition, version, data: dict, actor: Actor) -> Ambition:
    return _update(
        Ambition, ambition, version=version, data=data, fields=AMBITION_FIELDS, actor=actor
    )


@transaction.atomic
def ambition_delete(*, ambition: Ambition, actor: Actor) -> None:
    _delete(Ambition, ambition, actor)


# --- Actions ----------------------------------------------------------------------------------


@transaction.atomic
def action_create(*, ambition: Ambition, data: dict, actor: Actor) -> Action:
    action = _create(
        Action,
        municipality_id=ambition.municipality_id,
        data=data,
        fields=ACTION_FIELDS,
        actor=actor,
        ambition=ambition,
    )
    ACTION.log_step(action, source="", target=ActionStatus.PLANNED, actor=actor)
    return action


@transaction.atomic
def action_update(*, action: Action, version, data: dict, actor: Actor) -> Action:
    return _update(Action, action, version=version, data=data, fields=ACTION_FIELDS, actor=actor)


@transaction.atomic
def action_delete(*, action: Action, actor: Actor) -> None:
    _delete(Action, action, actor)


@transaction.atomic
def action_transition(
    *, action: Action, target: str, actor: Actor, expected: str = "", note: str = ""
) -> Action:
    """Move the action to ``target`` with a dated note (the log row's time)."""
    locked = _lock(Action, action.pk)
    step, note = ACTION.check(locked, target=target, actor=actor, expected=expected, note=note)
    locked.version = F("version") + 1
    ACTION.record(locked, step=step, actor=actor, note=note, fields=["version"])
    locked.refresh_from_db(fields=["version"])
    return locked


@transaction.atomic
def budget_set(*, action: Action, year: int, planned, spent, actor: Actor) -> ActionBudget:
    """The action's budget for ``year``: planned and spent (a second entry for the year
    replaces the first)."""
    check_staff(actor, action.municipality_id)
    locked = _lock(Action, action.pk)
    budget = ActionBudget.objects.filter(action=locked, year=year).first() or ActionBudget(
        action=locked, year=year
    )
    budget.planned, budget.spent = planned, spent
    _clean(budget, exclude=["action"])
    budget.save()
    audit_by(
        AuditAction.UPDATE,
        locked,
        actor,
        reason="budget",
        extra={"year": year, "planned": str(planned), "spent": str(spent)},
    )
    return budget


@transaction.atomic
def budget_delete(*, budget: ActionBudget, actor: Actor) -> None:
    action = _lock(Action, budget.action_id)
    check_staff(actor, action.municipality_id)
    audit_by(
        AuditAction.UPDATE, action, actor, reason="budget removed", extra={"year": budget.year}
    )
    ActionBudget.objects.filter(pk=budget.pk).delete()


# --- Measures ---------------------------------------------------------------------------------


@transaction.atomic
def measure_create(
    *, ambition: Ambition | None = None, action: Action | None = None, data: dict, actor: Actor
) -> Measure:
    owner = ambition or action
    if owner is None:
        raise ValueError("a measure belongs to an ambition or an action")
    return _create(
        Measure,
        municipality_id=owner.municipality_id,
        data=data,
        fields=MEASURE_FIELDS,
        actor=actor,
        ambition=ambition,
        action=action,
    )


@transaction.atomic
def measure_update(*, measure: Measure, version, data: dict, actor: Actor) -> Measure:
    return _update(Measure, measure, version=version, data=data, fields=MEASURE_FIELDS, actor=actor)


@transaction.atomic
def measure_delete(*, measure: Measure, actor: Actor) -> None:
    _delete(Measure, measure, actor)
