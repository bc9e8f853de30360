"""Checks of a status workflow: one Hypothesis state machine that drives it through its
services, and a walk of the source for any other writer of its field.

Every capability's workflow test subclasses :class:`WorkflowMachine`. The subclass writes out
the table it expects **by hand** (``steps``: which step each person may take, and which steps
need a note), never read from the ``Workflow`` object it checks, and says how to make a record
(``create``) and how to ask the capability's service for a status (``service``);
:func:`run_machine` runs it inside a ``django_db`` test::

    class PairMachine(WorkflowMachine):
        steps = {(PROPOSED, CONFIRMED): {"broker", "consultant"}, ...}
        targets = [CONFIRMED, ENDED]
        log_model, log_parent = BuddyPairTransition, "pair"

        def create(self): ...
        def service(self, to, actor, note, seen): ...

    run_machine(PairMachine, users={"broker": broker, ..., "system": None})

For every attempt (a status, who asks, a note) the machine works out from its own table what
must happen, then checks it:

* a listed step by someone who may take it succeeds: the stored status is the target, the log
  gains exactly one row (from, to, actor, note) and nothing else in it changes, and exactly one
  audit event of the step is written about the record;
* anything else is refused with the expected outcome (``"denied"`` for ``PermissionDenied``,
  otherwise the ``ValidationError`` code: ``not_allowed``, ``note_required``, ``stale``, or the
  capability's own) and writes nothing: not the status, not the log, not one audit event
  anywhere, nor what ``footprint()`` adds.

One rule tries anything (about half the time a step the table lists, so every status is
reached in a few steps); the first time a run reaches a status, every status by everyone (with
every note, for a listed step) is tried from it, each attempt rolled back (the exhaustive
sweep). After every step the log must be a chain ending in the stored status. Each example
runs in a savepoint that is rolled back, so examples do not see each other's rows.
"""

import ast
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent
from omzien.testing.hypothesis import examples

# A few seconds per workflow with the CI profile (a fifth of that locally); the sweep of every
# status reached does the exhaustive part.
MACHINE = settings(
    max_examples=examples(10),
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# A run that must fail (a wrong table, a service that skips the log): the same examples every
# time (``derandomize``), enough of them to reach every status whatever the profile, and a
# failing run neither shrunk (slow, and it adds nothing here) nor saved. It stops at the first
# failure, so the count only matters when nothing fails.
FAILS_FAST = settings(
    MACHINE,
    max_examples=60,
    derandomize=True,
    phases=[Phase.generate],
    database=None,
    print_blob=False,
)

# What an attempt is expected to do besides being refused with a code.
STEP = "step"  # takes the step
NO_STEP = "no step"  # succeeds without a step (e.g. other details change, the status stays)
DENIED = "denied"  # PermissionDenied


def codes(error: ValidationError) -> frozenset[str]:
    if hasattr(error, "error_dict"):
        return frozenset(e.code for errors in error.error_dict.values() for e in errors)
    return frozenset(e.code for e in error.error_list)


class WorkflowMachine(RuleBasedStateMachine):
    """One record at a time, attempted steps; subclasses say how to make and move a record."""

    # --- Set by each subclass (``users`` and ``swept`` by run_machine) -----------------------
    users: dict  # who -> user (None: a background job)
    steps: dict  # (from, to) -> who may take the step (names of ``users``, or of parties)
    notes_required: frozenset = frozenset()  # the (from, to) steps that need a note
    targets: list  # the statuses the service can be asked for
    notes: tuple = ("",)  # the notes tried (the first for a step the table does not list)
    stale_check: bool = False  # the service refuses a status the user saw that is no longer
    field: str = "status"
    log_model: type[models.Model]
    log_parent: str  # the log's foreign key to the record
    create_args: dict = {}  # strategies for the keyword arguments of create()
    swept: set

    # ``create(**drawn)`` makes a record; ``service(to, actor, note, seen)`` asks the
    # capability's service for status ``to``, ``seen`` being the status the user saw.
    create: Callable[..., models.Model]
    service: Callable[[str, Actor, str, str], Any]

    def __init__(self):
        super().__init__()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()
        self.record = None
        self.status = ""

    def teardown(self):
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)

    # --- Who is who ---------------------------------------------------------------------------

    def parties_of(self, who: str) -> set[str]:
        """The names in ``steps`` that ``who`` answers to: themselves, unless a subclass says
        (e.g. a broker is "the volunteer" for an assisted volunteer)."""
        return {who}

    def actor(self, who: str) -> Actor:
        return Actor(user=self.users[who])

    # --- Reading the record -------------------------------------------------------------------

    def stored_status(self) -> str:
        model = type(self.record)
        return model.objects.values_list(self.field, flat=True).get(pk=self.record.pk)

    def log_rows(self) -> list[tuple]:
        return list(
            self.log_model.objects.filter(**{self.log_parent: self.record.pk})
            .order_by("pk")
            .values_list("from_status", "to_status", "actor", "note")
        )

    def audit_reason(self, source: str, to: str) -> str:
        """The reason of the audit event a step writes: ``record()``'s own, unless the service
        audits the step itself."""
        return f"{self.field} {source} -> {to}"

    def audited(self, reason: str) -> int:
        return AuditEvent.objects.filter(
            object_type=self.record._meta.label_lower,
            object_id=str(self.record.pk),
            reason=reason,
        ).count()

    def status_events(self) -> int:
        """The audit events of a step from the current status, to whichever other."""
        reasons = [
            self.audit_reason(self.status, to) for to in self.statuses() if to != self.status
        ]
        return AuditEvent.objects.filter(
            object_type=self.record._meta.label_lower,
            object_id=str(self.record.pk),
            reason__in=reasons,
        ).count()

    def footprint(self) -> tuple:
        """Everything a refused step must leave as it was: the status, the log (second, as
        ``attempt`` reads it from here), every audit event; subclasses add their own."""
        return (self.stored_status(), self.log_rows(), AuditEvent.objects.count())

    # --- Expectations, from the table written by hand ----------------------------------------

    def expect(self, to: str, who: str, note: str) -> str:
        """What asking for ``to`` must do now: STEP, NO_STEP, DENIED or a refusal's code."""
        key = (self.status, to)
        if key not in self.steps:
            return "not_allowed"
        if not self.parties_of(who) & set(self.steps[key]):
            return DENIED
        if key in self.notes_required and not note.strip():
            return "note_required"
        return STEP

    def expected_actor(self, to: str, who: str):
        user = self.users[who]
        return user.pk if user is not None else None

    def expected_note(self, to: str, note: str) -> str:
        return " ".join(note.split())

    def expected_log(self, before: list[tuple], row: tuple) -> list[tuple]:
        """The log after a step: the rows before it, unchanged, and one new row."""
        return [*before, row]

    def listed_from(self, source: str) -> list[tuple[str, str]]:
        """Every (to, who) the table lets someone take from ``source``."""
        return sorted(
            (to, who)
            for (frm, to), allowed in self.steps.items()
            if frm == source and to in self.targets
            for who in self.users
            if self.parties_of(who) & set(allowed)
        )

    # --- Taking a step ------------------------------------------------------------------------

    def start(self, record: models.Model) -> None:
        self.record = record
        self.status = self.stored_status()

    def attempt(self, call: Callable[[], Any], *, to: str, who: str, note: str, expect: str):
        """Run ``call`` and check what it did against ``expect``."""
        source = self.status
        before = self.footprint()
        log_before = before[1]
        reason = self.audit_reason(source, to)
        if expect == STEP:
            audited_before = self.audited(reason)
        elif expect == NO_STEP:
            status_events_before = self.status_events()
        try:
            call()
        except PermissionDenied:
            outcome = DENIED
        except ValidationError as error:
            outcome = codes(error)
        else:
            outcome = "done"
        tried = f"{source} -> {to} by {who} (note {note!r})"
        if expect == STEP:
            assert outcome == "done", f"{tried} was refused: {outcome}"
            assert self.stored_status() == to, f"{tried}: the status is not {to}"
            row = (source, to, self.expected_actor(to, who), self.expected_note(to, note))
            assert self.log_rows() == self.expected_log(log_before, row), f"{tried}: the log"
            assert self.audited(reason) == audited_before + 1, f"{tried}: no audit event"
            self.status = to
            return
        if expect == NO_STEP:
            assert outcome == "done", f"{tried} was refused: {outcome}"
            assert self.stored_status() == source, f"{tried} changed the status"
            assert self.log_rows() == log_before, f"{tried} wrote the log"
            assert self.status_events() == status_events_before, f"{tried} audited a step"
            return
        expected = DENIED if expect == DENIED else frozenset({expect})
        assert outcome == expected, f"{tried}: expected {expected}, got {outcome}"
        assert self.footprint() == before, f"{tried} was refused but wrote something"

    def try_step(self, to: str, who: str, note: str = "", stale: bool = False) -> None:
        seen = self.status
        if stale:
            seen = next(s for s in self.statuses() if s != self.status)
        expect = "stale" if stale else self.expect(to, who, note)
        self.attempt(
            lambda: self.service(to, self.actor(who), note, seen),
            to=to,
            who=who,
            note=note,
            expect=expect,
        )

    def statuses(self) -> list[str]:
        field = type(self.record)._meta.get_field(self.field)
        return [value for value, _label in field.choices]

    # --- Rules --------------------------------------------------------------------------------

    @initialize(data=st.data())
    def first_record(self, data):
        self.new_record(data)

    def new_record(self, data) -> None:
        drawn = data.draw(st.fixed_dictionaries(self.create_args), label="record")
        self.start(self.create(**drawn))

    @precondition(lambda self: self.record is not None and not self.listed_from(self.status))
    @rule(data=st.data())
    def next_record(self, data):
        """No one can take this record any further: go on with a new one."""
        self.new_record(data)

    @rule(data=st.data())
    def take(self, data):
        anything = st.tuples(st.sampled_from(self.targets), st.sampled_from(sorted(self.users)))
        listed = self.listed_from(self.status)
        pick = st.one_of(st.sampled_from(listed), anything) if listed else anything
        to, who = data.draw(pick, label="to, who")
        note = data.draw(st.sampled_from(self.notes), label="note")
        stale = self.stale_check and data.draw(st.sampled_from([False] * 3 + [True]), "stale")
        self.try_step(to, who, note, stale)

    # --- Invariants ---------------------------------------------------------------------------

    @invariant()
    def stored_status_is_expected(self):
        if self.record is not None:
            assert self.stored_status() == self.status

    @invariant()
    def log_is_a_chain(self):
        if self.record is None:
            return
        rows = [(frm, to) for frm, to, _actor, _note in self.log_rows()]
        for (_earlier, to), (frm, _later) in pairwise(rows):
            assert frm == to, f"the log is no chain: {rows}"
        if rows:
            assert rows[-1][1] == self.status, f"the log ends in {rows[-1][1]}, not {self.status}"

    @invariant()
    def every_attempt_from_here_is_as_listed(self):
        """The first time a run reaches a status: every status by everyone (with every note,
        for a step the table lists), each rolled back (the machine's own state too)."""
        if self.record is None or self.status in self.swept:
            return
        for to in self.targets:
            # A note matters to a step the table lists (required, or written to the log).
            notes = self.notes if (self.status, to) in self.steps else self.notes[:1]
            for who in sorted(self.users):
                for note in notes:
                    state = dict(self.__dict__)
                    with transaction.atomic():
                        self.try_step(to, who, note)
                        transaction.set_rollback(True)
                    self.__dict__.clear()
                    self.__dict__.update(state)
                    self.record.refresh_from_db()
        # Only once it passed: a failing run must fail again when Hypothesis replays it.
        self.swept.add(self.status)


def run_machine(machine: type[WorkflowMachine], *, users: dict, run=MACHINE, **attributes):
    """Run ``machine`` with these people (and any other class attributes, e.g. a table)."""
    attributes = {"users": users, "swept": set(), **attributes}
    run_state_machine_as_test(type(machine.__name__, (machine,), attributes), settings=run)


def workflow_field_writes(package: Path, fields: set[str]) -> list[str]:
    """Where the code of ``package`` (tests and migrations aside) assigns one of ``fields``,
    sets it with ``setattr`` or ``update()``: ``record()`` of the shared workflow is the only
    writer of a workflow's field, so this should find nothing."""
    found = []
    for path in sorted(package.rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(package).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Attribute) and t.attr in fields for t in targets):
                    found.append(f"{path.name}:{node.lineno}")
            elif isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                updated = name == "update" and any(k.arg in fields for k in node.keywords)
                set_by_name = name == "setattr" and any(
                    isinstance(a, ast.Constant) and a.value in fields for a in node.args
                )
                if updated or set_by_name:
                    found.append(f"{path.name}:{node.lineno}")
    return found
