"""The nomination's check workflow, driven by Hypothesis through the service, and the source
walk: nothing but the shared workflow writes a nomination's status or consent.

The table below is written out by hand (not read from workflows.py): the broker of the round's
municipality accepts a submitted nomination or rejects it as not eligible (with the reason),
and may take a rejection back. Anything else is refused with its code and writes nothing."""

from pathlib import Path

import pytest

from omzien.accounts.constants import Role
from omzien.common.tests.workflows import WorkflowMachine, run_machine, workflow_field_writes
from omzien.recognition.constants import NominationStatus
from omzien.recognition.models import Nomination, NominationTransition
from omzien.recognition.services.nominations import nomination_check
from omzien.recognition.tests.factories import NominationFactory, RoundFactory

pytestmark = pytest.mark.django_db

BROKERS = {"broker"}
CHECK_STEPS = {
    (NominationStatus.SUBMITTED, NominationStatus.ACCEPTED): BROKERS,
    (NominationStatus.SUBMITTED, NominationStatus.REJECTED): BROKERS,
    (NominationStatus.REJECTED, NominationStatus.SUBMITTED): BROKERS,
}


class CheckMachine(WorkflowMachine):
    steps = CHECK_STEPS
    notes_required = frozenset({(NominationStatus.SUBMITTED, NominationStatus.REJECTED)})
    targets = [NominationStatus.SUBMITTED, NominationStatus.ACCEPTED, NominationStatus.REJECTED]
    notes = ("", "Geen vrijwilliger maar een betaalde kracht.")
    stale_check = True
    log_model, log_parent = NominationTransition, "nomination"
    round_: object

    def create(self):
        return NominationFactory(round=self.round_, status=NominationStatus.SUBMITTED)

    def footprint(self):
        return (*super().footprint(), Nomination.objects.get(pk=self.record.pk).version)

    def service(self, to, actor, note, seen):
        nomination_check(
            nomination=Nomination(pk=self.record.pk), target=to, note=note, actor=actor, seen=seen
        )


def test_nomination_check_steps(heerde, dalfsen, make_member):
    users = {
        "broker": make_member(Role.BROKER, heerde),
        "other_broker": make_member(Role.BROKER, dalfsen),
        "advisor": make_member(Role.POLICY_ADVISOR, heerde),
        "system": None,
    }
    run_machine(CheckMachine, users=users, round_=RoundFactory(municipality=heerde))


def test_only_the_workflows_write_a_nominations_status_and_consent():
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {"status", "consent"}) == []
