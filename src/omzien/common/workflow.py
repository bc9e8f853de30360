"""One shape for every status workflow: a table of allowed steps, one check, one record.

A capability writes the table of each of its workflows in its ``workflows.py``::

    VACANCY = Workflow(
        model=Vacancy,
        log=VacancyTransition,
        parties={MEMBER: is_member_of_vacancy, BROKER: is_broker_of_vacancy},
        steps=[Step(DRAFT, AWAITING_REVIEW, MEMBER, _("Submit for review")), ...],
        refused=_("A vacancy that is “%(from)s” cannot become “%(to)s”."),
    )

and a service takes a step in two calls, inside its transaction and on the row it has locked
(``select_for_update``):

    step, note = VACANCY.check(vacancy, target=..., actor=actor, expected=seen, note=note)
    ...  # the capability's own rules for this step, other fields it sets
    VACANCY.record(vacancy, step=step, actor=actor, note=note, fields=["updated_at"])

``check`` refuses a stale status (the one the user saw is no longer current), a step the table
does not have, a party that may not take it (``PermissionDenied``) and a missing or too long
note; each refusal is a ``ValidationError`` with a ``code``. ``record`` is the only code that
writes a workflow's status field: it saves the status with the fields the service names, appends
one row to the capability's transition log and writes the audit event. A test walks the source
and fails on any other assignment of a workflow's status field.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.common.services import Actor

NOTE_MAX = 255

# The party that stands for a background job: a step by SYSTEM is taken without a user.
SYSTEM = "system"

# The refusals a workflow gives unless its table names its own wording.
REFUSED = gettext_lazy("This step is not possible: “%(from)s” cannot become “%(to)s”.")
STALE = gettext_lazy(
    "Someone else already changed this: it is now “%(status)s”. Nothing was changed."
)
NOTE_REQUIRED = gettext_lazy("Give the reason.")


@dataclass(frozen=True)
class Step:
    """One allowed change of status: from ``source`` to ``target``, taken by the party ``by``
    (or by any of several parties, when ``by`` is a tuple, e.g. ``(CONSULTANT, SYSTEM)``)."""

    source: str
    target: str
    by: str | tuple[str, ...]
    label: str | Promise = ""
    note_required: bool = False

    @property
    def parties(self) -> tuple[str, ...]:
        return (self.by,) if isinstance(self.by, str) else tuple(self.by)


class Workflow:
    """The allowed steps of one model's status field and who may take each of them."""

    def __init__(
        self,
        *,
        model: type[models.Model],
        steps: Iterable[Step],
        parties: Mapping[str, Callable[[models.Model, object], bool]],
        log: type[models.Model] | None = None,
        log_parent: str = "",
        field: str = "status",
        refused: str | Promise = REFUSED,
        stale: str | Promise = STALE,
        note_required: str | Promise = NOTE_REQUIRED,
    ):
        self.model = model
        self.field = field
        self.steps: dict[tuple[str, str], Step] = {}
        for step in steps:
            key = (step.source, step.target)
            if key in self.steps:
                raise ValueError(f"{model.__name__}: step {key} listed twice")
            for party in step.parties:
                if party != SYSTEM and party not in parties:
                    raise ValueError(f"{model.__name__}: step {key} by unknown party {party!r}")
            self.steps[key] = step
        self.parties = dict(parties)
        self.log = log
        self.log_parent = log_parent or model._meta.model_name
        self.messages = {"refused": refused, "stale": stale, "note_required": note_required}
        choices = model._meta.get_field(field).choices or []
        self.labels = {str(value): label for value, label in choices}
        unknown = {s for key in self.steps for s in key if s and s not in self.labels}
        if choices and unknown:
            raise ValueError(f"{model.__name__}: unknown statuses {sorted(unknown)}")

    def __repr__(self) -> str:
        return f"<Workflow {self.model.__name__}.{self.field}: {len(self.steps)} steps>"

    # --- Reading the table --------------------------------------------------------------------

    def label(self, status: str) -> str:
        return str(self.labels.get(status, status)).lower()

    def step(self, source: str, target: str) -> Step | None:
        return self.steps.get((source, target))

    def steps_from(self, source: str, *, by: str | None = None) -> list[Step]:
        """The steps out of ``source`` (taken by ``by``, when given), in table order."""
        return [
            step
            for (frm, _to), step in self.steps.items()
            if frm == source and (by is None or by in step.parties)
        ]

    def targets(self, source: str) -> frozenset[str]:
        return frozenset(step.target for step in self.steps_from(source))

    def may(self, step: Step, obj: models.Model, user) -> bool:
        """Whether ``user`` may take the step: SYSTEM stands for no user (a background job)."""
        if user is None:
            return SYSTEM in step.parties
        if not user.is_authenticated:
            return False
        return any(party != SYSTEM and self.parties[party](obj, user) for party in step.parties)

    def allowed(self, obj: models.Model, user, *, by: str | None = None) -> list[Step]:
        """The steps this user may take on ``obj`` now."""
        current = getattr(obj, self.field)
        return [step for step in self.steps_from(current, by=by) if self.may(step, obj, user)]

    # --- Taking a step ------------------------------------------------------------------------

    def check(
        self,
        obj: models.Model,
        *,
        target: str,
        actor: Actor,
        expected: str = "",
        note: str = "",
    ) -> tuple[Step, str]:
        """The step from ``obj``'s status to ``target`` and the cleaned note, or a refusal.

        Call it on the row the service has locked, so the status checked is the one saved.
        ``expected`` is the status the user saw; when given and no longer current, the step is
        refused (someone else acted first).
        """
        current = getattr(obj, self.field)
        if expected and expected != current:
            raise ValidationError(
                self.messages["stale"] % {"status": self.label(current)}, code="stale"
            )
        step = self.step(current, target)
        if step is None:
            raise ValidationError(
                self.messages["refused"] % {"from": self.label(current), "to": self.label(target)},
                code="not_allowed",
            )
        if not self.may(step, obj, actor.user):
            raise PermissionDenied
        note = " ".join((note or "").split())
        if len(note) > NOTE_MAX:
            raise ValidationError(
                {
                    "note": [
                        ValidationError(
                            _("The reason may be at most 255 characters long."),
                            code="note_too_long",
                        )
                    ]
                }
            )
        if step.note_required and not note:
            raise ValidationError(
                {"note": [ValidationError(self.messages["note_required"], code="note_required")]}
            )
        return step, note

    def record(
        self,
        obj: models.Model,
        *,
        step: Step,
        actor: Actor,
        note: str = "",
        fields: Iterable[str] = (),
        audit: bool = True,
    ):
        """Write the step: the status (with ``fields`` the service changed), one log row and
        the audit event. Returns the log row (None for a workflow without a log)."""
        from omzien.privacy.audit import audit_by
        from omzien.privacy.constants import AuditAction

        setattr(obj, self.field, step.target)
        obj.save(update_fields=[self.field, *[f for f in fields if f != self.field]])
        row = self.log_step(obj, source=step.source, target=step.target, actor=actor, note=note)
        if audit:
            audit_by(
                AuditAction.UPDATE,
                obj,
                actor,
                reason=f"{self.field} {step.source} -> {step.target}",
                extra={"from_status": step.source, "to_status": step.target},
            )
        return row

    def record_many(
        self,
        objs: list[models.Model],
        *,
        step: Step,
        actor: Actor,
        note: str = "",
        values: dict | None = None,
        audit: bool = True,
    ) -> int:
        """``record`` for many rows taking the same step at once, with the same ``values`` for
        their other fields (expressions such as ``F("version") + 1`` allowed); the caller
        checked the step (``check`` or ``may``) on rows it has locked. The rows are updated in
        chunks, the log rows and one audit event per row inserted together (``audit=False``:
        the caller writes the audit event, as with ``record``)."""
        from omzien.privacy.audit import audit_many
        from omzien.privacy.constants import AuditAction

        pks = [obj.pk for obj in objs]
        for start in range(0, len(pks), 500):
            self.model.objects.filter(pk__in=pks[start : start + 500]).update(
                **{self.field: step.target, **(values or {})}
            )
        if self.log is not None:
            self.log.objects.bulk_create(
                [
                    self.log(
                        **{f"{self.log_parent}_id": pk},
                        from_status=step.source,
                        to_status=step.target,
                        actor=actor.authenticated_user,
                        note=note,
                    )
                    for pk in pks
                ],
                batch_size=500,
            )
        if audit:
            audit_many(
                AuditAction.UPDATE,
                objs,
                actor,
                reason=f"{self.field} {step.source} -> {step.target}",
                extra={"from_status": step.source, "to_status": step.target},
            )
        return len(objs)

    def log_step(self, obj, *, source: str, target: str, actor: Actor, note: str = ""):
        """Append one row to the transition log (also for a record created in a status)."""
        if self.log is None:
            return None
        return self.log.objects.create(
            **{self.log_parent: obj},
            from_status=source,
            to_status=target,
            actor=actor.authenticated_user,
            note=note,
        )
