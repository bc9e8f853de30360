"""The carer capability's status workflows, driven by Hypothesis through the services.

Each state machine (``omzien.common.tests.workflows.StepMachine``) tries steps on one fresh
record by every party and checks them against the tables written out below, not read from
``workflows.py``: a listed step by a listed party succeeds and appends exactly one log row
with its from, to and actor; anything else is refused and writes nothing.
"""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis.stateful import run_state_machine_as_test

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import (
    Caregiver,
    CaregiverEvent,
    CaregiverTransition,
    IncomingReferral,
    IncomingReferralTransition,
    Referral,
    ReferralTransition,
)
from omzien.caregivers.services import caregivers as services
from omzien.caregivers.services import referrals
from omzien.caregivers.services.caregivers import Actor
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.tests.workflows import MACHINE, StepMachine, workflow_field_writes

pytestmark = pytest.mark.django_db

Status = caregivers_constants.CaregiverStatus
Outcome = caregivers_constants.ReferralOutcome
Incoming = caregivers_constants.IncomingStatus
TODAY = timezone.localdate

# Who may take which step: the tables, written out by hand.
CAREGIVER_STEPS = {
    (Status.ACTIVE, Status.AFTERCARE): {"consultant"},
    (Status.AFTERCARE, Status.ACTIVE): {"consultant"},
    (Status.ACTIVE, Status.ANONYMISED): {"consultant", "carer"},
    (Status.AFTERCARE, Status.ANONYMISED): {"consultant", "carer", "system"},
}
OUTCOME_STEPS = {
    (Outcome.PENDING, Outcome.STARTED): {"consultant"},
    (Outcome.PENDING, Outcome.DECLINED): {"consultant"},
    (Outcome.PENDING, Outcome.WAITING_LIST): {"consultant"},
    (Outcome.PENDING, Outcome.NOT_POSSIBLE): {"consultant"},
    (Outcome.WAITING_LIST, Outcome.STARTED): {"consultant"},
    (Outcome.WAITING_LIST, Outcome.DECLINED): {"consultant"},
    (Outcome.WAITING_LIST, Outcome.NOT_POSSIBLE): {"consultant"},
}
INCOMING_STEPS = {
    (Incoming.NEW, Incoming.ACCEPTED): {"consultant"},
    (Incoming.NEW, Incoming.DECLINED): {"consultant"},
}


@pytest.fixture
def everyone(heerde, epe, consultant, make_member):
    """Everyone who might try a step; None acts as the nightly job."""
    return {
        "consultant": consultant,
        "other_consultant": make_member(Role.CONSULTANT, epe),
        "carer": make_member(Role.RESIDENT, heerde),
        "referrer": make_member(Role.REFERRER, heerde),
        "system": None,
    }


def some(everyone: dict, *names: str) -> dict:
    """The parties that matter to one workflow (fewer tries, the same cases)."""
    return {name: everyone[name] for name in names}


def test_carer_status_steps(everyone, heerde):
    class CarerStatus(StepMachine):
        parties = some(everyone, "consultant", "other_consultant", "carer", "system")
        steps = CAREGIVER_STEPS
        targets = Status.values
        swept = set()

        def create(self):
            return CaregiverFactory(municipality=heerde, user=self.parties["carer"])

        def current(self):
            return Caregiver.objects.get(pk=self.record.pk).status

        def log(self):
            return CaregiverTransition.objects.filter(caregiver=self.record.pk)

        def footprint(self):
            carer = Caregiver.objects.get(pk=self.record.pk)
            events = CaregiverEvent.objects.filter(caregiver=carer).count()
            return (*super().footprint(), carer.version, carer.first_name, events)

        def expected_actor(self, to, who):
            # An anonymised carer's status log names no one (the audit trail says who).
            return None if to == Status.ANONYMISED else super().expected_actor(to, who)

        def no_op(self, source, to):
            return source == to == Status.ANONYMISED  # anonymising twice does nothing

        def take(self, to, actor):
            carer = Caregiver(pk=self.record.pk)
            if to == Status.AFTERCARE:
                services.caregiver_end_care(
                    caregiver=carer,
                    ended_on=TODAY(),
                    reason=caregivers_constants.EndReason.RECOVERED,
                    actor=actor,
                )
            elif to == Status.ACTIVE:
                services.caregiver_reactivate(caregiver=carer, actor=actor)
            else:
                services.caregiver_anonymise(caregiver=carer, actor=actor, reason="retention")

    run_state_machine_as_test(CarerStatus, settings=MACHINE)


def test_referral_outcome_steps(everyone, heerde):
    carer = CaregiverFactory(municipality=heerde)

    class ReferralOutcome(StepMachine):
        parties = some(everyone, "consultant", "other_consultant", "system")
        steps = OUTCOME_STEPS
        targets = Outcome.values
        swept = set()

        def create(self):
            self.follow_up = TODAY()
            return referrals.referral_create(
                caregiver=carer,
                target=caregivers_constants.ReferralTarget.RESPITE_CARE,
                reason="Even op adem komen",
                referred_on=TODAY(),
                actor=Actor(user=self.parties["consultant"]),
            )

        def current(self):
            return Referral.objects.get(pk=self.record.pk).outcome

        def log(self):
            return ReferralTransition.objects.filter(referral=self.record.pk)

        def footprint(self):
            referral = Referral.objects.get(pk=self.record.pk)
            events = CaregiverEvent.objects.filter(caregiver=carer).count()
            return (*super().footprint(), referral.follow_up_on, events)

        def take(self, to, actor):
            self.follow_up += datetime.timedelta(days=1)  # always a change of date
            referrals.referral_update_outcome(
                referral=Referral(pk=self.record.pk),
                outcome=to,
                follow_up_on=self.follow_up,
                actor=actor,
            )

        def attempt(self, to, who):
            source = self.current()
            if to != source:
                super().attempt(to, who)
                return
            # The same outcome moves the follow-up date of an open referral: no step, no row.
            before = self.footprint()
            rows = self.log().count()
            may = who == "consultant" and source in (Outcome.PENDING, Outcome.WAITING_LIST)
            try:
                self.take(to, Actor(user=self.parties[who]))
            except (ValidationError, PermissionDenied):
                assert not may, f"a new follow-up date by {who} was refused"
                assert self.footprint() == before
            else:
                assert may, f"{who} moved the follow-up date of a {source} referral"
                assert self.log().count() == rows
                assert Referral.objects.get(pk=self.record.pk).follow_up_on == self.follow_up

    run_state_machine_as_test(ReferralOutcome, settings=MACHINE)


def test_incoming_referral_steps(everyone, heerde):
    carer = CaregiverFactory(municipality=heerde)

    class IncomingStatus(StepMachine):
        parties = some(everyone, "consultant", "other_consultant", "referrer", "system")
        steps = INCOMING_STEPS
        targets = [Incoming.ACCEPTED, Incoming.DECLINED]  # new has no service
        swept = set()

        def create(self):
            return referrals.incoming_submit(
                municipality=heerde,
                submitted_by=self.parties["referrer"],
                data={
                    "referrer_kind": caregivers_constants.Source.GP,
                    "first_name": "Bea",
                    "last_name": "Bakker",
                    "phone": "0578-111222",
                    "postcode": "8181 AB",
                    "suggested_target": caregivers_constants.ReferralTarget.RESPITE_CARE,
                    "reason": "Raakt uitgeput.",
                    "consent_confirmed": True,
                },
            )

        def current(self):
            return IncomingReferral.objects.get(pk=self.record.pk).status

        def log(self):
            return IncomingReferralTransition.objects.filter(incoming=self.record.pk)

        def footprint(self):
            incoming = IncomingReferral.objects.get(pk=self.record.pk)
            made = Referral.objects.filter(incoming=incoming).count()
            return (*super().footprint(), incoming.handled_at, incoming.caregiver_id, made)

        def take(self, to, actor):
            incoming = IncomingReferral(pk=self.record.pk)
            if to == Incoming.ACCEPTED:
                referrals.incoming_accept(incoming=incoming, caregiver=carer, actor=actor)
            else:
                referrals.incoming_decline(incoming=incoming, reason="Woont in Epe", actor=actor)

        def attempt(self, to, who):
            super().attempt(to, who)
            if self.current() == Incoming.DECLINED:
                assert self.log().last().note == "Woont in Epe"  # the reason, for consultants

    run_state_machine_as_test(IncomingStatus, settings=MACHINE)


# --- No other writer -------------------------------------------------------------------------


def test_only_the_workflows_write_a_status():
    package = Path(__file__).resolve().parents[1]
    # Caregiver.status, IncomingReferral.status and Referral.outcome.
    assert workflow_field_writes(package, {"status", "outcome"}) == []


def test_the_walk_finds_a_direct_write(tmp_path):
    (tmp_path / "sneaky.py").write_text(
        "carer.status = 'active'\n"
        "Referral.objects.filter(pk=1).update(outcome='started')\n"
        "setattr(incoming, 'status', 'new')\n"
        "carer.status_note = 'fine: another field'\n"
    )
    found = workflow_field_writes(tmp_path, {"status", "outcome"})
    assert found == ["sneaky.py:1", "sneaky.py:2", "sneaky.py:3"]
