"""Checks of a status workflow: a Hypothesis state machine that drives it through its
services, and a walk of the source for any other writer of its field.

A test subclasses :class:`StepMachine` inside a ``django_db`` test, writes out the table it
expects (``steps``: which party may take which step, by hand rather than read from the
workflow it checks) and says how to create a record, read its status and log, and ask the
service for a status; ``run_state_machine_as_test(Machine, settings=MACHINE)`` runs it.

The machine tries steps on one fresh record per example: a listed step by a listed party
must succeed and append exactly one log row with its from, to and actor; anything else must
be refused and write nothing. One rule tries anything, another takes a listed step (so every
status is reached in a few steps), and the first time a run reaches a status every step by
every party is tried from it, each rolled back afterwards.
"""

import ast
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent

# Small, so that each workflow's test takes a few seconds; the sweep of every status
# reached does the exhaustive part.
MACHINE = settings(
    max_examples=8,
    stateful_step_count=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class StepMachine(RuleBasedStateMachine):
    """One record, attempted steps; subclasses say how to take a step and what it writes."""

    # Set by each subclass:
    parties: dict  # name -> user (None: the nightly job)
    steps: dict  # (from, to) -> the names of the parties that may take it
    targets: list  # the statuses a service can be asked for
    swept: set  # statuses tried exhaustively in this run

    def __init__(self):
        super().__init__()
        self.record = self.create()

    # Defined by each subclass: ``create()`` makes the record, ``current()`` reads its status
    # from the database, ``log()`` is its transition log oldest first, and ``take(to, actor)``
    # asks the capability's service for the step.
    create: Callable[[], Any]
    current: Callable[[], str]
    log: Callable[[], Any]
    take: Callable[[str, Actor], None]

    def footprint(self) -> tuple:
        """Everything a refused step must leave as it was."""
        return (self.current(), self.log().count(), AuditEvent.objects.count())

    def expected_actor(self, to: str, who: str):
        user = self.parties[who]
        return user.pk if user is not None else None

    def attempt(self, to: str, who: str) -> None:
        source = self.current()
        before = self.footprint()
        rows = self.log().count()
        try:
            self.take(to, Actor(user=self.parties[who]))
        except (ValidationError, PermissionDenied):
            refused = True
        else:
            refused = False
        allowed = who in self.steps.get((source, to), set())
        if allowed:
            assert not refused, f"{source} -> {to} by {who} was refused"
            assert self.current() == to
            assert self.log().count() == rows + 1
            last = self.log().last()
            assert (last.from_status, last.to_status) == (source, to)
            assert last.actor_id == self.expected_actor(to, who)
        else:
            assert self.footprint() == before, f"{source} -> {to} by {who} wrote something"
            assert refused or self.no_op(source, to), f"{source} -> {to} by {who} succeeded"

    def no_op(self, source: str, to: str) -> bool:
        """A repeated request the service answers by doing nothing (no refusal)."""
        return False

    def listed_from(self, source: str) -> list[tuple[str, str]]:
        return sorted(
            (to, who) for (frm, to), whos in self.steps.items() if frm == source for who in whos
        )

    @rule(data=st.data())
    def try_anything(self, data):
        to = data.draw(st.sampled_from(self.targets), label="to")
        who = data.draw(st.sampled_from(sorted(self.parties)), label="who")
        self.attempt(to, who)

    @precondition(lambda self: self.listed_from(self.current()))
    @rule(data=st.data())
    def take_a_listed_step(self, data):
        to, who = data.draw(st.sampled_from(self.listed_from(self.current())), label="step")
        self.attempt(to, who)

    @invariant()
    def every_step_from_here_is_as_listed(self):
        status = self.current()
        if status in self.swept:
            return
        for to in self.targets:
            for who in sorted(self.parties):
                with transaction.atomic():
                    self.attempt(to, who)
                    transaction.set_rollback(True)
        # Only once it passed: a failing run must fail again when Hypothesis replays it.
        self.swept.add(status)

    @invariant()
    def log_is_a_chain(self):
        statuses = list(self.log().values_list("from_status", "to_status"))
        for (_earlier, to), (frm, _later) in pairwise(statuses):
            assert frm == to
        if statuses:
            assert statuses[-1][1] == self.current()


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
