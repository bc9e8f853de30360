"""The volunteering workflows as state machines: random sequences of attempts by every kind of
user, through the services, checked against tables written out below by hand.

Each machine (``omzien.common.tests.workflows.WorkflowMachine``) works out, for every attempt
(a status and who asks), from its own table whether it must succeed: a step that is not in
the table is refused with ``not_allowed``, a step by someone who may not take it is refused
(403 or the service's own code), a step that needs a note is refused without one
(``note_required``), and each refusal writes nothing (status, log, audit). A success moves the
record to the target and appends exactly one log row with the step's from, to, actor and
note. Who belongs to which party is written here too, independently of the tables' party
functions. Every example runs in a savepoint that is rolled back.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import rule

from omzien import volunteering
from omzien.accounts.constants import Role
from omzien.common.tests.workflows import (
    DENIED,
    NO_STEP,
    STEP,
    WorkflowMachine,
    run_machine,
    workflow_field_writes,
)
from omzien.tenants.tests.factories import LocalityFactory
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    HoursTransition,
    Organisation,
    OrganisationTransition,
    Placement,
    PlacementTransition,
    ResponseTransition,
    VacancyResponse,
    VacancyTransition,
    Vog,
    VogRequestTransition,
    VolunteerProfile,
)
from omzien.volunteering.services import hours as hours_services
from omzien.volunteering.services import organisations as organisation_services
from omzien.volunteering.services import responses as response_services
from omzien.volunteering.services import vog as vog_services
from omzien.volunteering.services.vacancies import vacancy_transition
from omzien.volunteering.tests.factories import (
    HoursEntryFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    ResponseFactory,
    VacancyFactory,
    VogFactory,
    VogRequestFactory,
    VolunteerProfileFactory,
)
from omzien.volunteering.workflows import (
    HOURS,
    ORGANISATION,
    PLACEMENT,
    RESPONSE,
    VACANCY,
    VOG_REQUEST,
)

pytestmark = pytest.mark.django_db

VacancyStatus = volunteering_constants.VacancyStatus
ResponseStatus = volunteering_constants.ResponseStatus
PlacementStatus = volunteering_constants.PlacementStatus
OrganisationStatus = volunteering_constants.OrganisationStatus

NOTE = "Graag de tijden aanvullen."

# --- The tables, written out by hand ----------------------------------------------------------
# (from, to) -> who may take the step: "member" of the organisation, "broker" of the
# municipality, "volunteer" (the resident, or the broker of an assisted volunteer), "system".

VACANCY_STEPS = {
    (VacancyStatus.DRAFT, VacancyStatus.AWAITING_REVIEW): {"member"},
    (VacancyStatus.AWAITING_REVIEW, VacancyStatus.PUBLISHED): {"broker"},
    (VacancyStatus.AWAITING_REVIEW, VacancyStatus.DRAFT): {"broker"},
    (VacancyStatus.PUBLISHED, VacancyStatus.DRAFT): {"broker"},
    (VacancyStatus.PUBLISHED, VacancyStatus.FILLED): {"member"},
    (VacancyStatus.FILLED, VacancyStatus.PUBLISHED): {"member"},
    (VacancyStatus.EXPIRED, VacancyStatus.PUBLISHED): {"member"},
    (VacancyStatus.PUBLISHED, VacancyStatus.EXPIRED): {"system"},
    (VacancyStatus.DRAFT, VacancyStatus.CLOSED): {"member"},
    (VacancyStatus.AWAITING_REVIEW, VacancyStatus.CLOSED): {"member"},
    (VacancyStatus.PUBLISHED, VacancyStatus.CLOSED): {"member"},
    (VacancyStatus.FILLED, VacancyStatus.CLOSED): {"member"},
    (VacancyStatus.EXPIRED, VacancyStatus.CLOSED): {"member"},
}
VACANCY_NOTES_REQUIRED = frozenset(
    {
        (VacancyStatus.AWAITING_REVIEW, VacancyStatus.DRAFT),
        (VacancyStatus.PUBLISHED, VacancyStatus.DRAFT),
    }
)

RESPONSE_STEPS = {
    (ResponseStatus.PROPOSED, ResponseStatus.OPEN): {"volunteer"},
    (ResponseStatus.PROPOSED, ResponseStatus.WITHDRAWN): {"volunteer"},
    (ResponseStatus.OPEN, ResponseStatus.INTRODUCTION): {"member"},
    (ResponseStatus.OPEN, ResponseStatus.ACCEPTED): {"member"},
    (ResponseStatus.INTRODUCTION, ResponseStatus.ACCEPTED): {"member"},
    (ResponseStatus.OPEN, ResponseStatus.DECLINED): {"member"},
    (ResponseStatus.INTRODUCTION, ResponseStatus.DECLINED): {"member"},
    (ResponseStatus.OPEN, ResponseStatus.WITHDRAWN): {"volunteer"},
    (ResponseStatus.INTRODUCTION, ResponseStatus.WITHDRAWN): {"volunteer"},
    (ResponseStatus.OPEN, ResponseStatus.NO_REPLY): {"system"},
}
RESPONSE_NOTES_REQUIRED = frozenset(
    {
        (ResponseStatus.OPEN, ResponseStatus.DECLINED),
        (ResponseStatus.INTRODUCTION, ResponseStatus.DECLINED),
    }
)

PLACEMENT_STEPS = {
    (PlacementStatus.WAITING_LIST, PlacementStatus.PLANNED): {"member"},
    # The organisation confirms the start; a broker's exception starts a one-off task.
    (PlacementStatus.PLANNED, PlacementStatus.RUNNING): {"member", "broker"},
    (PlacementStatus.WAITING_LIST, PlacementStatus.ENDED): {"member"},
    (PlacementStatus.PLANNED, PlacementStatus.ENDED): {"member"},
    (PlacementStatus.RUNNING, PlacementStatus.ENDED): {"member"},
}

ORGANISATION_STEPS = {
    (OrganisationStatus.PENDING, OrganisationStatus.APPROVED): {"broker"},
    (OrganisationStatus.PENDING, OrganisationStatus.REJECTED): {"broker"},
    (OrganisationStatus.REJECTED, OrganisationStatus.PENDING): {"member"},
}
ORGANISATION_NOTES_REQUIRED = frozenset({(OrganisationStatus.PENDING, OrganisationStatus.REJECTED)})


@dataclass
class World:
    """One organisation in Heerde with a member, a broker of Heerde, and outsiders."""

    heerde: object
    organisation: Organisation
    users: dict  # who -> user (None for the system)


@pytest.fixture
def world(heerde, epe, make_member) -> World:
    organisation = OrganisationFactory(
        municipality=heerde, locality=LocalityFactory(municipality=heerde)
    )
    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=member)
    other_member = make_member(Role.ORGANISATION_MEMBER, heerde)
    elsewhere = OrganisationFactory(municipality=heerde)
    OrganisationMemberFactory(organisation=elsewhere, user=other_member)
    users = {
        "member": member,
        "other_member": other_member,
        "broker": make_member(Role.BROKER, heerde, totp=True),
        "other_broker": make_member(Role.BROKER, epe, totp=True),
        "resident": make_member(Role.RESIDENT, heerde),
        "system": None,
    }
    return World(heerde=heerde, organisation=organisation, users=users)


def _run(machine: type[WorkflowMachine], world: World) -> None:
    run_machine(machine, users=world.users, world=world)


def _start(steps: dict, statuses: list[str]):
    """Any status, those with a way out more often (a final status ends the walk)."""
    ways_out = [s for s in statuses if any(frm == s for frm, _to in steps)]
    return st.sampled_from([*ways_out * 3, *statuses])


class VolunteeringMachine(WorkflowMachine):
    world: World
    notes = ("", NOTE)


# --- Vacancies -------------------------------------------------------------------------------


class VacancyMachine(VolunteeringMachine):
    steps = VACANCY_STEPS
    notes_required = VACANCY_NOTES_REQUIRED
    targets = VacancyStatus.values
    log_model, log_parent = VacancyTransition, "vacancy"
    create_args = {"status": _start(VACANCY_STEPS, VacancyStatus.values)}

    def create(self, status):
        return VacancyFactory(organisation=self.world.organisation, status=status)

    def service(self, to, actor, note, seen):
        vacancy_transition(vacancy=self.record, to_status=to, actor=actor, note=note)


def test_vacancy_workflow(world):
    _run(VacancyMachine, world)


# --- Responses -------------------------------------------------------------------------------


class ResponseMachine(VolunteeringMachine):
    steps = RESPONSE_STEPS
    notes_required = RESPONSE_NOTES_REQUIRED
    targets = ResponseStatus.values
    stale_check = True
    log_model, log_parent = ResponseTransition, "response"
    create_args = {
        "status": _start(RESPONSE_STEPS, ResponseStatus.values),
        "assisted": st.booleans(),
    }

    def create(self, status, assisted):
        # An assisted volunteer has no account: their broker acts for them.
        self.assisted = assisted
        volunteer = None if assisted else self.world.users["resident"]
        vacancy = VacancyFactory(organisation=self.world.organisation, places=1)
        heerde = self.world.heerde
        profile = (
            VolunteerProfile.objects.filter(user=volunteer, municipality=heerde).first()
            if volunteer
            else None
        ) or VolunteerProfileFactory(user=volunteer, municipality=heerde)
        return ResponseFactory(vacancy=vacancy, profile=profile, status=status)

    def parties_of(self, who):
        volunteer = "broker" if self.assisted else "resident"
        return {"volunteer"} if who == volunteer else {who} & {"member", "system"}

    def service(self, to, actor, note, seen):
        response_services.response_transition(
            response=VacancyResponse(pk=self.record.pk),
            to_status=to,
            actor=actor,
            note=note,
            expected=seen,
        )

    def attempt(self, call, *, to, who, note, expect):
        super().attempt(call, to=to, who=who, note=note, expect=expect)
        if expect == STEP and to == ResponseStatus.ACCEPTED:
            assert Placement.objects.filter(response=self.record).count() == 1


def test_response_workflow(world):
    _run(ResponseMachine, world)


# --- Placements ------------------------------------------------------------------------------


class PlacementMachine(VolunteeringMachine):
    """One place; the placement starts planned or, behind another volunteer, on the waiting
    list. A one-off task needs a VOG the volunteer lacks: only after the broker's exception
    can it start."""

    steps = PLACEMENT_STEPS
    targets = [PlacementStatus.PLANNED, PlacementStatus.RUNNING, PlacementStatus.ENDED]
    notes = ("",)
    log_model, log_parent = PlacementTransition, "placement"
    create_args = {"one_off": st.booleans(), "behind_another": st.booleans()}

    def create(self, one_off, behind_another):
        member = self.actor("member")
        self.one_off, self.excepted = one_off, False
        today = timezone.localdate()
        vacancy = VacancyFactory(
            organisation=self.world.organisation,
            places=1,
            **(
                {
                    "kind": volunteering_constants.VacancyKind.ONE_OFF,
                    "day_parts": [],
                    "starts_at": timezone.now(),
                    "vog_required": True,
                }
                if one_off
                else {}
            ),
        )

        def accepted(profile) -> Placement:
            response = ResponseFactory(vacancy=vacancy, profile=profile)
            return response_services.response_transition(
                response=response, to_status=ResponseStatus.ACCEPTED, actor=member
            ).placement

        heerde = self.world.heerde
        if behind_another:
            other = VolunteerProfileFactory(municipality=heerde)
            VogFactory(profile=other, issued_on=today - datetime.timedelta(days=365))
            first = accepted(other)
        placement = accepted(VolunteerProfileFactory(municipality=heerde))
        if behind_another:
            assert placement.status == PlacementStatus.WAITING_LIST
            response_services.placement_end(
                placement=first, end_reason="other", evaluation="", actor=member
            )
        else:
            assert placement.status == PlacementStatus.PLANNED
        # The start date is due (for a one-off task it is the task's date: today).
        Placement.objects.filter(pk=placement.pk).update(start_date=today)
        return placement

    def expect(self, to, who, note):
        # Moving up, confirming the start and ending are the organisation's: the services
        # check the party before the status.
        if who != "member":
            return DENIED
        expect = super().expect(to, who, note)
        if expect == STEP and to == PlacementStatus.RUNNING and self.one_off and not self.excepted:
            return "requirement_not_met"  # the VOG: the capability's rule, not the table's
        return expect

    def service(self, to, actor, note, seen, end_reason="other"):
        if to == PlacementStatus.PLANNED:
            response_services.placement_move_up(placement=self.record, actor=actor)
        elif to == PlacementStatus.RUNNING:
            response_services.placement_confirm_start(placement=self.record, actor=actor)
        else:
            response_services.placement_end(
                placement=self.record, end_reason=end_reason, evaluation="", actor=actor
            )

    @rule(
        who=st.sampled_from(["member", "broker", "resident"]),
        end_reason=st.sampled_from(volunteering_constants.PlacementEndReason.values),
    )
    def end(self, who, end_reason):
        """Ending, for every reason."""
        self.attempt(
            lambda: self.service(PlacementStatus.ENDED, self.actor(who), "", "", end_reason),
            to=PlacementStatus.ENDED,
            who=who,
            note="",
            expect=self.expect(PlacementStatus.ENDED, who, ""),
        )

    @rule(who=st.one_of(st.just("broker"), st.sampled_from(["member", "other_broker", "system"])))
    def allow_exception(self, who):
        """The broker's exception: it starts a one-off task that waited only for it."""
        if who != "broker":
            expect = DENIED
        elif self.status == PlacementStatus.ENDED:
            expect = "ended"
        elif self.one_off and self.status == PlacementStatus.PLANNED:
            expect = super().expect(PlacementStatus.RUNNING, who, "")
        else:
            expect = NO_STEP  # the exception is recorded; no status changes
        to = PlacementStatus.RUNNING if expect == STEP else self.status
        self.attempt(
            lambda: response_services.placement_override(
                placement=self.record, reason="VOG is aangevraagd", actor=self.actor(who)
            ),
            to=to,
            who=who,
            note="",
            expect=expect,
        )
        if expect in (STEP, NO_STEP):
            self.excepted = True


def test_placement_workflow(world):
    _run(PlacementMachine, world)


# --- Organisations ---------------------------------------------------------------------------


class OrganisationMachine(VolunteeringMachine):
    steps = ORGANISATION_STEPS
    notes_required = ORGANISATION_NOTES_REQUIRED
    targets = OrganisationStatus.values
    log_model, log_parent = OrganisationTransition, "organisation"
    create_args = {"status": _start(ORGANISATION_STEPS, OrganisationStatus.values)}

    def create(self, status):
        organisation = OrganisationFactory(
            municipality=self.world.heerde,
            status=status,
            locality=self.world.organisation.locality,
        )
        OrganisationMemberFactory(organisation=organisation, user=self.world.users["member"])
        return organisation

    def expect(self, to, who, note):
        if to == OrganisationStatus.PENDING:
            # Changing the details: a rejected organisation is reviewed again; otherwise the
            # details change and the status stays.
            if self.status == OrganisationStatus.REJECTED:
                return super().expect(to, who, note)
            return NO_STEP
        if to == OrganisationStatus.REJECTED and not note:
            return "note_required"  # the form's reason, checked first
        # Only a broker of the municipality reviews, and only what awaits review.
        if who != "broker":
            return "not_broker"
        if self.status != OrganisationStatus.PENDING:
            return "stale"
        return super().expect(to, who, note)

    def expected_note(self, to, note):
        return note if to == OrganisationStatus.REJECTED else ""

    def service(self, to, actor, note, seen):
        if to == OrganisationStatus.APPROVED:
            organisation_services.organisation_approve(organisation=self.record, actor=actor)
        elif to == OrganisationStatus.REJECTED:
            organisation_services.organisation_reject(
                organisation=self.record, reason=note, actor=actor
            )
        else:
            version = Organisation.objects.values_list("version", flat=True).get(pk=self.record.pk)
            organisation_services.organisation_update(
                organisation=self.record,
                version=version,
                data={"description": f"Nieuwe omschrijving {version}."},
                actor=actor,
            )


def test_organisation_workflow(world):
    _run(OrganisationMachine, world)


# --- Hours ----------------------------------------------------------------------------------

HoursStatus = volunteering_constants.HoursStatus
HOURS_STEPS = {
    (HoursStatus.SUBMITTED, HoursStatus.APPROVED): {"member"},
    (HoursStatus.SUBMITTED, HoursStatus.CORRECTED): {"member"},
    (HoursStatus.SUBMITTED, HoursStatus.REJECTED): {"member"},
}
HOURS_NOTES_REQUIRED = frozenset(
    {
        (HoursStatus.SUBMITTED, HoursStatus.CORRECTED),
        (HoursStatus.SUBMITTED, HoursStatus.REJECTED),
    }
)


class HoursMachine(VolunteeringMachine):
    """Hours logged by the volunteer (or, approved at once, recorded by the organisation);
    the organisation approves, corrects (to 1.5 of the 3 logged hours) or rejects them."""

    steps = HOURS_STEPS
    notes_required = HOURS_NOTES_REQUIRED
    targets = HoursStatus.values
    stale_check = True
    log_model, log_parent = HoursTransition, "entry"
    create_args = {"status": st.sampled_from([HoursStatus.SUBMITTED] * 3 + HoursStatus.values)}

    def create(self, status):
        return HoursEntryFactory(
            placement__response__vacancy__organisation=self.world.organisation,
            status=status,
            hours=Decimal(3),
        )

    def service(self, to, actor, note, seen):
        hours_services.hours_review(
            entry=self.record,
            to_status=to,
            actor=actor,
            expected=seen,
            note=note,
            corrected_hours=Decimal("1.5"),
        )

    def footprint(self):
        record = type(self.record).objects.values_list("corrected_hours", "reviewed_by")
        return (*super().footprint(), record.get(pk=self.record.pk))


def test_hours_workflow(world):
    _run(HoursMachine, world)


# --- VOG requests ---------------------------------------------------------------------------

VogRequestStatus = volunteering_constants.VogRequestStatus
VOG_REQUEST_STEPS = {
    (VogRequestStatus.REQUESTED, VogRequestStatus.RECEIVED): {"volunteer"},
    (VogRequestStatus.REQUESTED, VogRequestStatus.WITHDRAWN): {"member"},
}


class VogRequestMachine(VolunteeringMachine):
    """A VOG the organisation asked for: the volunteer (their broker, when assisted) records
    the issue date; the organisation withdraws it."""

    steps = VOG_REQUEST_STEPS
    notes_required = frozenset()
    notes = ("",)
    targets = VogRequestStatus.values
    stale_check = True
    log_model, log_parent = VogRequestTransition, "request"
    create_args = {
        "status": st.sampled_from([VogRequestStatus.REQUESTED] * 3 + VogRequestStatus.values),
        "assisted": st.booleans(),
    }

    def create(self, status, assisted):
        self.assisted = assisted
        volunteer = None if assisted else self.world.users["resident"]
        heerde = self.world.heerde
        profile = (
            VolunteerProfile.objects.filter(user=volunteer, municipality=heerde).first()
            if volunteer
            else None
        ) or VolunteerProfileFactory(user=volunteer, municipality=heerde)
        return VogRequestFactory(
            response__vacancy__organisation=self.world.organisation,
            response__profile=profile,
            status=status,
        )

    def parties_of(self, who):
        volunteer = "broker" if self.assisted else "resident"
        return {"volunteer"} if who == volunteer else {who} & {"member"}

    def service(self, to, actor, note, seen):
        vog_services.vog_request_transition(
            request=self.record,
            to_status=to,
            expected=seen,
            actor=actor,
            issued_on=timezone.localdate(),
        )

    def footprint(self):
        return (*super().footprint(), tuple(Vog.objects.values_list("pk", "issued_on")))


def test_vog_request_workflow(world):
    _run(VogRequestMachine, world)


def test_every_status_of_every_workflow_is_reachable_in_its_table():
    """A status no step leads to (other than where records start) is a table missing a row."""
    starts = {
        VACANCY: {volunteering_constants.VacancyStatus.DRAFT},
        RESPONSE: {
            volunteering_constants.ResponseStatus.OPEN,
            volunteering_constants.ResponseStatus.PROPOSED,
        },
        PLACEMENT: {
            volunteering_constants.PlacementStatus.PLANNED,
            volunteering_constants.PlacementStatus.WAITING_LIST,
            volunteering_constants.PlacementStatus.RUNNING,
        },
        ORGANISATION: {volunteering_constants.OrganisationStatus.PENDING},
        HOURS: {
            volunteering_constants.HoursStatus.SUBMITTED,
            volunteering_constants.HoursStatus.APPROVED,
        },
        VOG_REQUEST: {volunteering_constants.VogRequestStatus.REQUESTED},
    }
    for workflow, start in starts.items():
        reached, to_visit = set(start), list(start)
        while to_visit:
            for target in workflow.targets(to_visit.pop()):
                if target not in reached:
                    reached.add(target)
                    to_visit.append(target)
        assert reached == set(workflow.labels), workflow


def test_only_the_workflows_write_a_status():
    """Vacancies, responses, placements and organisations: no code but ``record()`` writes
    a status (tests, migrations and bulk demo rows made with a status aside)."""
    package = Path(volunteering.__file__).parent
    assert workflow_field_writes(package, {"status"}) == []
