"""The carer capability's status workflows, driven by Hypothesis through the services.

Each state machine (``omzien.common.tests.workflows.WorkflowMachine``) tries steps on fresh
records by every party and checks them against the tables written out below, not read from
``workflows.py``: a listed step by a listed party succeeds and appends exactly one log row
with its from, to, actor and note; anything else is refused with its code and writes nothing.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

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
from omzien.caregivers.tests.factories import CaregiverFactory, IncomingReferralFactory
from omzien.common.tests.workflows import (
    DENIED,
    NO_STEP,
    WorkflowMachine,
    run_machine,
    workflow_field_writes,
)

pytestmark = pytest.mark.django_db

Status = caregivers_constants.CaregiverStatus
Outcome = caregivers_constants.ReferralOutcome
Incoming = caregivers_constants.IncomingStatus
TODAY = timezone.localdate
DECLINE_REASON = "Woont in Epe"

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
INCOMING_NOTES_REQUIRED = frozenset({(Incoming.NEW, Incoming.DECLINED)})


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


# --- Carers ----------------------------------------------------------------------------------


class CarerMachine(WorkflowMachine):
    steps = CAREGIVER_STEPS
    targets = Status.values
    log_model, log_parent = CaregiverTransition, "caregiver"
    heerde: object

    def create(self):
        return CaregiverFactory(municipality=self.heerde, user=self.users["carer"])

    def audit_reason(self, source, to):
        # The services audit the step themselves, each with its own reason.
        return {Status.AFTERCARE: "care_ended", Status.ACTIVE: "reactivated"}.get(to, "retention")

    def expect(self, to, who, note):
        if self.status == to == Status.ANONYMISED:
            return NO_STEP  # anonymising twice does nothing
        return super().expect(to, who, note)

    def expected_actor(self, to, who):
        # An anonymised carer's status log names no one (the audit trail says who).
        return None if to == Status.ANONYMISED else super().expected_actor(to, who)

    def expected_log(self, before, row):
        if row[1] == Status.ANONYMISED:
            # The earlier rows keep their statuses and lose their actors and notes.
            before = [(frm, to, None, "") for frm, to, _actor, _note in before]
        return super().expected_log(before, row)

    def footprint(self):
        carer = Caregiver.objects.get(pk=self.record.pk)
        events = CaregiverEvent.objects.filter(caregiver=carer).count()
        return (*super().footprint(), carer.version, carer.first_name, events)

    def service(self, to, actor, note, seen):
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


def test_carer_status_steps(everyone, heerde):
    users = some(everyone, "consultant", "other_consultant", "carer", "system")
    run_machine(CarerMachine, users=users, heerde=heerde)


# --- Referral outcomes -----------------------------------------------------------------------


class OutcomeMachine(WorkflowMachine):
    steps = OUTCOME_STEPS
    targets = Outcome.values
    field = "outcome"
    log_model, log_parent = ReferralTransition, "referral"
    carer: Caregiver

    def create(self):
        self.follow_up = TODAY()
        return referrals.referral_create(
            caregiver=self.carer,
            target=caregivers_constants.ReferralTarget.RESPITE_CARE,
            reason="Even op adem komen",
            referred_on=TODAY(),
            actor=self.actor("consultant"),
        )

    def expect(self, to, who, note):
        if to != self.status:
            return super().expect(to, who, note)
        # The same outcome moves the follow-up date of an open referral: no step, no row.
        if not any(frm == to for frm, _to in self.steps):
            return "not_allowed"  # the outcome is final
        return NO_STEP if who == "consultant" else DENIED

    def footprint(self):
        referral = Referral.objects.get(pk=self.record.pk)
        events = CaregiverEvent.objects.filter(caregiver=self.carer).count()
        return (*super().footprint(), referral.follow_up_on, events)

    def service(self, to, actor, note, seen):
        self.follow_up += datetime.timedelta(days=1)  # always a change of date
        referrals.referral_update_outcome(
            referral=Referral(pk=self.record.pk),
            outcome=to,
            follow_up_on=self.follow_up,
            actor=actor,
        )

    def attempt(self, call, *, to, who, note, expect):
        super().attempt(call, to=to, who=who, note=note, expect=expect)
        if expect == NO_STEP:
            assert Referral.objects.get(pk=self.record.pk).follow_up_on == self.follow_up


def test_referral_outcome_steps(everyone, heerde):
    users = some(everyone, "consultant", "other_consultant", "system")
    run_machine(OutcomeMachine, users=users, carer=CaregiverFactory(municipality=heerde))


# --- Incoming referrals ----------------------------------------------------------------------


class IncomingMachine(WorkflowMachine):
    steps = INCOMING_STEPS
    notes_required = INCOMING_NOTES_REQUIRED
    targets = [Incoming.ACCEPTED, Incoming.DECLINED]  # new has no service: it is sent
    notes = ("", DECLINE_REASON)  # the decline's reason is the step's note
    log_model, log_parent = IncomingReferralTransition, "incoming"
    carer: Caregiver

    def create(self):
        return referrals.incoming_submit(
            municipality=self.carer.municipality,
            submitted_by=self.users["referrer"],
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

    def audit_reason(self, source, to):
        return f"accepted, carer #{self.carer.pk}" if to == Incoming.ACCEPTED else "declined"

    def expect(self, to, who, note):
        if to == Incoming.DECLINED and not note:
            return "note_required"  # the form's reason, checked first
        if self.status != Incoming.NEW:
            return "stale"  # handled already, maybe by another consultant
        return super().expect(to, who, note)

    def expected_note(self, to, note):
        # Taking on writes no note; a decline's reason is its note.
        return note if to == Incoming.DECLINED else ""

    def footprint(self):
        incoming = IncomingReferral.objects.get(pk=self.record.pk)
        made = Referral.objects.filter(incoming=incoming).count()
        return (*super().footprint(), incoming.handled_at, incoming.caregiver_id, made)

    def service(self, to, actor, note, seen):
        incoming = IncomingReferral(pk=self.record.pk)
        if to == Incoming.ACCEPTED:
            referrals.incoming_accept(incoming=incoming, caregiver=self.carer, actor=actor)
        else:
            referrals.incoming_decline(incoming=incoming, reason=note, actor=actor)


def test_incoming_referral_steps(everyone, heerde):
    users = some(everyone, "consultant", "other_consultant", "referrer", "system")
    run_machine(IncomingMachine, users=users, carer=CaregiverFactory(municipality=heerde))


def test_the_incoming_factory_makes_what_the_form_makes(heerde):
    """The machine's records come from the referrer's form; the factory's are the same kind."""
    made = IncomingReferralFactory(municipality=heerde)
    assert made.status == Incoming.NEW
    assert made.consent_confirmed


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
