"""The volunteering workflows as state machines: random sequences of attempts by every kind of
user, through the services, checked against the tables in ``workflows.py``.

Each machine keeps the status it expects and, for every attempt (a target and who tries it),
works out from the table alone whether it must succeed: a step that is not in the table is
refused with ``not_allowed``, a step by a party that may not take it is refused (403 or the
service's own code), and either refusal writes nothing (status, log, audit). A success moves
the record to the target and appends exactly one log row with the step's from, to and actor.
Who belongs to which party is written here, independently of the tables' party functions.

Every example runs in a savepoint that is rolled back, so the examples do not see each other.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from omzien import volunteering
from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.common.tests.workflows import workflow_field_writes
from omzien.common.workflow import SYSTEM, Step, Workflow
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import LocalityFactory
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Organisation, Placement, VacancyResponse, VolunteerProfile
from omzien.volunteering.services import organisations as organisation_services
from omzien.volunteering.services import responses as response_services
from omzien.volunteering.services.vacancies import vacancy_transition
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)
from omzien.volunteering.workflows import (
    BROKER,
    MEMBER,
    MEMBER_OR_BROKER,
    ORGANISATION,
    PLACEMENT,
    RESPONSE,
    VACANCY,
    VOLUNTEER,
)

pytestmark = pytest.mark.django_db

# A few seconds per workflow; raise these to search harder.
RUNS = settings(
    max_examples=25,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# The people who try; "system" is a background job (no user).
WHO = ("member", "other_member", "broker", "other_broker", "resident", "system")
NOTE = "Graag de tijden aanvullen."


@dataclass
class World:
    """One organisation in Heerde with a member, a broker of Heerde, and outsiders."""

    heerde: object
    organisation: Organisation
    users: dict  # who -> user (None for the system)

    def actor(self, who: str) -> Actor:
        return Actor(user=self.users[who])


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


def _codes(error: ValidationError) -> set:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


class WorkflowMachine(RuleBasedStateMachine):
    """What every machine shares: the savepoint, the attempt and its checks.

    A subclass names its ``workflow``, who belongs to which of its ``parties``, and how it
    makes a record: ``create(**drawn from CREATE)``, at the start and again whenever the
    record reaches a final status.
    """

    world: World
    workflow: Workflow
    parties: dict  # who -> the parties of the table they belong to
    create: Callable[..., None]  # makes a record from the keyword arguments drawn from CREATE
    CREATE: dict = {}

    def __init__(self):
        super().__init__()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()
        self.record = None
        self.status = ""

    def teardown(self):
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)

    def start(self, record) -> None:
        self.record = record
        self.status = record.status

    @precondition(lambda self: self.record is not None and not self.workflow.targets(self.status))
    @rule(data=st.data())
    def next_record(self, data):
        """A final status ends the walk of this record: go on with a new one."""
        self.create(**data.draw(st.fixed_dictionaries(self.CREATE), label="next record"))

    # --- Expectations from the table ----------------------------------------------------------

    def table_says(self, target: str, who: str, note: str = "") -> Step | str:
        """The step the table allows ``who`` to take to ``target`` now, else the refusal."""
        step = self.workflow.step(self.status, target)
        if step is None:
            return "not_allowed"
        if step.by not in self.parties.get(who, ()):
            return "denied"
        if step.note_required and not note.strip():
            return "note_required"
        return step

    # --- Taking a step --------------------------------------------------------------------------

    def _log(self) -> list[tuple]:
        return list(
            self.workflow.log.objects.filter(**{self.workflow.log_parent: self.record})
            .order_by("pk")
            .values_list("from_status", "to_status", "actor", "note")
        )

    def _status_events(self) -> int:
        return AuditEvent.objects.filter(
            object_type=self.record._meta.label_lower,
            object_id=str(self.record.pk),
            reason__startswith="status ",
        ).count()

    def attempt(self, call, *, who: str, expect: Step | str | None, note: str = "") -> None:
        """Run ``call`` and check it against ``expect``: a Step (taken), None (a success that
        takes no step) or the refusal ("denied" or a ValidationError code)."""
        log_before, events_before = self._log(), self._status_events()
        try:
            call()
        except PermissionDenied:
            outcome = "denied"
        except ValidationError as error:
            outcome = _codes(error)
        else:
            outcome = "done"
        stored = type(self.record).objects.values_list("status", flat=True).get(pk=self.record.pk)
        if isinstance(expect, Step):
            assert outcome == "done", f"{who}: {expect.source} -> {expect.target} refused"
            assert stored == expect.target
            user = self.world.users[who]
            new_row = (expect.source, expect.target, user.pk if user else None, note)
            assert self._log() == [*log_before, new_row]
            assert self._status_events() == events_before + 1
            self.status = expect.target
            return
        if expect is None:
            assert outcome == "done", f"{who}: refused {outcome} without a step"
        elif expect == "denied":
            assert outcome == "denied", f"{who}: {self.status}, expected 403, got {outcome}"
        else:
            assert outcome == {expect}, f"{who}: {self.status}, expected {expect}, got {outcome}"
        # Refused, or a success that is no step: nothing of the workflow was written.
        assert stored == self.status
        assert self._log() == log_before
        assert self._status_events() == events_before

    @invariant()
    def stored_status_is_expected(self):
        if self.record is not None:
            self.record.refresh_from_db(fields=["status"])
            assert self.record.status == self.status


def _run(machine: type[WorkflowMachine], world: World) -> None:
    run_state_machine_as_test(type(machine.__name__, (machine,), {"world": world}), settings=RUNS)


def _start(workflow: Workflow):
    """Any status, those with a way out more often (a final status ends the walk)."""
    statuses = sorted(workflow.labels)
    return st.sampled_from([*[s for s in statuses if workflow.targets(s)] * 3, *statuses])


def _who(*likely: str):
    """Anyone, with the people who may act (``likely``) drawn about half the time."""
    return st.one_of(st.sampled_from(likely), st.sampled_from(WHO))


def _attempts(machine: WorkflowMachine):
    """A (target, who): about half the time a step the table lists now, by someone of its
    party; otherwise any status by anyone."""
    anything = st.tuples(st.sampled_from(sorted(machine.workflow.labels)), st.sampled_from(WHO))
    listed = [
        (step.target, who)
        for step in machine.workflow.steps_from(machine.status)
        for who in WHO
        if step.by in machine.parties.get(who, ())
    ]
    return st.one_of(st.sampled_from(listed), anything) if listed else anything


# --- Vacancies -------------------------------------------------------------------------------


class VacancyMachine(WorkflowMachine):
    workflow = VACANCY
    parties = {"member": {MEMBER}, "broker": {BROKER}, "system": {SYSTEM}}

    CREATE = {"status": _start(VACANCY)}

    @initialize(**CREATE)
    def create(self, status):
        self.start(VacancyFactory(organisation=self.world.organisation, status=status))

    @rule(data=st.data(), note=st.sampled_from(["", NOTE]))
    def take(self, data, note):
        target, who = data.draw(_attempts(self), label="target, who")
        self.attempt(
            lambda: vacancy_transition(
                vacancy=self.record, to_status=target, actor=self.world.actor(who), note=note
            ),
            who=who,
            expect=self.table_says(target, who, note),
            note=note,
        )


def test_vacancy_workflow(world):
    _run(VacancyMachine, world)


# --- Responses -------------------------------------------------------------------------------


class ResponseMachine(WorkflowMachine):
    workflow = RESPONSE

    CREATE = {"status": _start(RESPONSE), "assisted": st.booleans()}

    @initialize(**CREATE)
    def create(self, status, assisted):
        # An assisted volunteer has no account: their broker acts for them.
        volunteer = None if assisted else self.world.users["resident"]
        self.parties = {
            "member": {MEMBER},
            "broker": {VOLUNTEER} if assisted else set(),
            "resident": set() if assisted else {VOLUNTEER},
            "system": {SYSTEM},
        }
        vacancy = VacancyFactory(organisation=self.world.organisation, places=1)
        heerde = self.world.heerde
        profile = (
            VolunteerProfile.objects.filter(user=volunteer, municipality=heerde).first()
            if volunteer
            else None
        ) or VolunteerProfileFactory(user=volunteer, municipality=heerde)
        self.start(ResponseFactory(vacancy=vacancy, profile=profile, status=status))

    @rule(
        data=st.data(),
        note=st.sampled_from(["", NOTE]),
        stale=st.sampled_from([False, False, False, True]),
    )
    def take(self, data, note, stale):
        target, who = data.draw(_attempts(self), label="target, who")
        # The status the user saw: the current one, or one someone else has since changed.
        seen = (
            next(s for s in volunteering_constants.ResponseStatus.values if s != self.status)
            if stale
            else ""
        )
        expect = "stale" if stale else self.table_says(target, who, note)
        self.attempt(
            lambda: response_services.response_transition(
                response=VacancyResponse(pk=self.record.pk),
                to_status=target,
                actor=self.world.actor(who),
                note=note,
                expected=seen or self.status,
            ),
            who=who,
            expect=expect,
            note=note,
        )
        if isinstance(expect, Step) and target == volunteering_constants.ResponseStatus.ACCEPTED:
            assert Placement.objects.filter(response=self.record).count() == 1


def test_response_workflow(world):
    _run(ResponseMachine, world)


# --- Placements ------------------------------------------------------------------------------


class PlacementMachine(WorkflowMachine):
    """One place; the placement starts planned or, behind another volunteer, on the waiting
    list. A one-off task needs a VOG the volunteer lacks: only after the broker's exception
    can it start."""

    workflow = PLACEMENT
    parties = {
        "member": {MEMBER, MEMBER_OR_BROKER},
        "broker": {BROKER, MEMBER_OR_BROKER},
        "system": {SYSTEM},
    }

    CREATE = {"one_off": st.booleans(), "behind_another": st.booleans()}

    @initialize(**CREATE)
    def create(self, one_off, behind_another):
        member = self.world.actor("member")
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
                response=response,
                to_status=volunteering_constants.ResponseStatus.ACCEPTED,
                actor=member,
            ).placement

        heerde = self.world.heerde
        if behind_another:
            other = VolunteerProfileFactory(
                municipality=heerde, vog_valid_until=today + datetime.timedelta(days=365)
            )
            first = accepted(other)
        placement = accepted(VolunteerProfileFactory(municipality=heerde))
        if behind_another:
            assert placement.status == volunteering_constants.PlacementStatus.WAITING_LIST
            response_services.placement_end(
                placement=first, end_reason="other", evaluation="", actor=member
            )
        else:
            assert placement.status == volunteering_constants.PlacementStatus.PLANNED
        # The start date is due (for a one-off task it is the task's date: today).
        Placement.objects.filter(pk=placement.pk).update(start_date=today)
        self.start(placement)

    def _expect(self, target: str, who: str, *, service_party: str) -> Step | str:
        # The services check the party before the status; the table agrees with them.
        if service_party not in self.parties.get(who, ()):
            return "denied"
        return self.table_says(target, who)

    @rule(who=_who("member"))
    def move_up(self, who):
        self.attempt(
            lambda: response_services.placement_move_up(
                placement=self.record, actor=self.world.actor(who)
            ),
            who=who,
            expect=self._expect(
                volunteering_constants.PlacementStatus.PLANNED, who, service_party=MEMBER
            ),
        )

    @rule(who=_who("member"))
    def confirm_start(self, who):
        expect = self._expect(
            volunteering_constants.PlacementStatus.RUNNING, who, service_party=MEMBER
        )
        if isinstance(expect, Step) and self.one_off and not self.excepted:
            expect = "requirement_not_met"  # the VOG: the capability's rule, not the table's
        self.attempt(
            lambda: response_services.placement_confirm_start(
                placement=self.record, actor=self.world.actor(who)
            ),
            who=who,
            expect=expect,
        )

    @rule(who=_who("broker"))
    def allow_exception(self, who):
        if BROKER not in self.parties.get(who, ()):
            expect = "denied"
        elif self.status == volunteering_constants.PlacementStatus.ENDED:
            expect = "ended"
        elif self.one_off and self.status == volunteering_constants.PlacementStatus.PLANNED:
            expect = self.table_says(volunteering_constants.PlacementStatus.RUNNING, who)
        else:
            expect = None  # the exception is recorded; no status changes
        self.attempt(
            lambda: response_services.placement_override(
                placement=self.record, reason="VOG is aangevraagd", actor=self.world.actor(who)
            ),
            who=who,
            expect=expect,
        )
        if expect is None or isinstance(expect, Step):
            self.excepted = True

    @rule(
        who=_who("member"),
        end_reason=st.sampled_from(volunteering_constants.PlacementEndReason.values),
    )
    def end(self, who, end_reason):
        self.attempt(
            lambda: response_services.placement_end(
                placement=self.record,
                end_reason=end_reason,
                evaluation="",
                actor=self.world.actor(who),
            ),
            who=who,
            expect=self._expect(
                volunteering_constants.PlacementStatus.ENDED, who, service_party=MEMBER
            ),
        )


def test_placement_workflow(world):
    _run(PlacementMachine, world)


# --- Organisations ---------------------------------------------------------------------------


class OrganisationMachine(WorkflowMachine):
    workflow = ORGANISATION
    parties = {"member": {MEMBER}, "broker": {BROKER}, "system": {SYSTEM}}

    CREATE = {"status": _start(ORGANISATION)}

    @initialize(**CREATE)
    def create(self, status):
        organisation = OrganisationFactory(
            municipality=self.world.heerde,
            status=status,
            locality=self.world.organisation.locality,
        )
        OrganisationMemberFactory(organisation=organisation, user=self.world.users["member"])
        self.start(organisation)

    def _review(self, target: str, who: str, note: str = "") -> Step | str:
        # Only a broker of the municipality reviews, and only what awaits review.
        if BROKER not in self.parties.get(who, ()):
            return "not_broker"
        if self.status != volunteering_constants.OrganisationStatus.PENDING:
            return "stale"
        return self.table_says(target, who, note)

    @rule(who=_who("broker"))
    def approve(self, who):
        self.attempt(
            lambda: organisation_services.organisation_approve(
                organisation=self.record, actor=self.world.actor(who)
            ),
            who=who,
            expect=self._review(volunteering_constants.OrganisationStatus.APPROVED, who),
        )

    @rule(who=_who("broker"), reason=st.sampled_from(["", NOTE, NOTE]))
    def reject(self, who, reason):
        self.attempt(
            lambda: organisation_services.organisation_reject(
                organisation=self.record, reason=reason, actor=self.world.actor(who)
            ),
            who=who,
            # The reason is checked first: it belongs to the form.
            expect=(
                self._review(volunteering_constants.OrganisationStatus.REJECTED, who, reason)
                if reason
                else "note_required"
            ),
            note=reason,
        )

    @rule(who=_who("member"))
    def change_details(self, who):
        if self.status == volunteering_constants.OrganisationStatus.REJECTED:
            expect = self.table_says(volunteering_constants.OrganisationStatus.PENDING, who)
        else:
            expect = None  # the details change, the status stays
        version = Organisation.objects.values_list("version", flat=True).get(pk=self.record.pk)
        self.attempt(
            lambda: organisation_services.organisation_update(
                organisation=self.record,
                version=version,
                data={"description": f"Nieuwe omschrijving {version}."},
                actor=self.world.actor(who),
            ),
            who=who,
            expect=expect,
        )


def test_organisation_workflow(world):
    _run(OrganisationMachine, world)


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
