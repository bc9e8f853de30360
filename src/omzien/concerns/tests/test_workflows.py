"""The concern's status workflow, driven by Hypothesis through the services.

The table below is written out by hand (not read from workflows.py): a welfare worker of the
municipality takes every step, a carer consultant only on a concern about carer overload;
reopening needs the reason. Anything else is refused with its code and writes nothing.
"""

from pathlib import Path

import pytest
from django.utils import timezone
from hypothesis import strategies as st

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.common.tests.workflows import (
    FAILS_FAST,
    WorkflowMachine,
    run_machine,
    workflow_field_writes,
)
from omzien.concerns import services
from omzien.concerns.constants import Kind, Outcome, Source, Status
from omzien.concerns.models import Concern, ConcernAction, ConcernTransition
from omzien.concerns.tests.conftest import REPORT

pytestmark = pytest.mark.django_db

HANDLERS = {"worker", "consultant"}
CONCERN_STEPS = {
    (Status.NEW, Status.ASSIGNED): HANDLERS,
    (Status.ASSIGNED, Status.IN_CONTACT): HANDLERS,
    (Status.NEW, Status.CLOSED): HANDLERS,
    (Status.ASSIGNED, Status.CLOSED): HANDLERS,
    (Status.IN_CONTACT, Status.CLOSED): HANDLERS,
    (Status.CLOSED, Status.ASSIGNED): HANDLERS,
}
NOTES_REQUIRED = frozenset({(Status.CLOSED, Status.ASSIGNED)})


class ConcernMachine(WorkflowMachine):
    steps = CONCERN_STEPS
    notes_required = NOTES_REQUIRED
    targets = [Status.ASSIGNED, Status.IN_CONTACT, Status.CLOSED]
    notes = ("", "Toch weer zorgen.")
    stale_check = True
    log_model, log_parent = ConcernTransition, "concern"
    create_args = {"kind": st.sampled_from([Kind.LONELINESS, Kind.CARER_OVERLOAD])}
    municipality: object

    def create(self, kind):
        return services.concern_report(
            municipality=self.municipality,
            data={**REPORT, "kind": kind},
            source=Source.PUBLIC,
            actor=Actor(),
        )

    def parties_of(self, who):
        # A consultant handles only concerns about carer overload.
        if who == "consultant" and self.record.kind != Kind.CARER_OVERLOAD:
            return set()
        return {who}

    def expected_note(self, to, note):
        # Assigning and the first contact keep no note in the log (the contact's note is an
        # action of the concern).
        if to == Status.IN_CONTACT or (to == Status.ASSIGNED and self.status == Status.NEW):
            return ""
        return super().expected_note(to, note)

    def footprint(self):
        row = Concern.objects.get(pk=self.record.pk)
        actions = ConcernAction.objects.filter(concern=row).count()
        return (
            *super().footprint(),
            row.version,
            row.assigned_to_id,
            row.outcome,
            row.first_contact_on,
            row.closed_on,
            actions,
        )

    def service(self, to, actor, note, seen):
        concern = Concern(pk=self.record.pk)
        if to == Status.ASSIGNED and self.status == Status.CLOSED:
            services.concern_reopen(concern=concern, note=note, actor=actor, seen=seen)
        elif to == Status.ASSIGNED:
            services.concern_assign(concern=concern, assignee=actor.user, actor=actor, seen=seen)
        elif to == Status.IN_CONTACT:
            services.concern_contact(
                concern=concern,
                done_on=timezone.localdate(),
                kind="phone",
                note=note,
                actor=actor,
                seen=seen,
            )
        else:
            services.concern_close(
                concern=concern, outcome=Outcome.SUPPORT_STARTED, note=note, actor=actor, seen=seen
            )


@pytest.fixture
def machine(heerde, dalfsen, make_member) -> dict:
    users = {
        "worker": make_member(Role.WELFARE_WORKER, heerde),
        "consultant": make_member(Role.CONSULTANT, heerde),
        "other_worker": make_member(Role.WELFARE_WORKER, dalfsen),
        "referrer": make_member(Role.REFERRER, heerde),
        "resident": make_member(Role.RESIDENT, heerde),
        "system": None,
    }
    return {"users": users, "municipality": heerde}


def test_concern_status_steps(machine):
    run_machine(ConcernMachine, **machine)


def test_a_concern_is_logged_from_its_report(heerde):
    concern = services.concern_report(
        municipality=heerde, data=dict(REPORT), source=Source.PUBLIC, actor=Actor()
    )
    logged = ConcernTransition.objects.filter(concern=concern).values_list(
        "from_status", "to_status", "actor"
    )
    assert list(logged) == [("", Status.NEW, None)]


def test_only_the_workflow_writes_a_concern_status():
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {"status"}) == []


def test_the_machine_fails_against_a_wrong_table(machine):
    wrong = {**CONCERN_STEPS, (Status.IN_CONTACT, Status.ASSIGNED): HANDLERS}
    with pytest.raises(AssertionError, match="in_contact -> assigned by .* was refused"):
        run_machine(ConcernMachine, **machine, steps=wrong, run=FAILS_FAST)
