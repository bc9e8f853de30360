"""The workflow abstraction on its own, on a platform model (a membership's role as 'status')."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.accounts.tests.factories import UserFactory
from omzien.common.services import Actor
from omzien.common.workflow import SYSTEM, Step, Workflow
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

ADMIN = "admin"


def _is_admin(_membership, user) -> bool:
    return user.is_superuser


ROLE = Workflow(
    model=Membership,
    field="role",
    parties={ADMIN: _is_admin},
    steps=[
        Step(Role.RESIDENT, Role.REFERRER, ADMIN, "Make referrer"),
        Step(Role.REFERRER, Role.RESIDENT, ADMIN, "Back to resident", note_required=True),
        Step(Role.REFERRER, Role.CONSULTANT, SYSTEM, "Promote"),
    ],
)


@pytest.fixture
def membership(heerde):
    return Membership.objects.create(user=UserFactory(), municipality=heerde, role=Role.RESIDENT)


@pytest.fixture
def admin():
    return UserFactory(is_superuser=True)


def _code(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return next(iter(error.error_dict.values()))[0].code
    return error.code


def test_the_table_is_checked_when_it_is_made():
    with pytest.raises(ValueError, match="listed twice"):
        Workflow(
            model=Membership,
            field="role",
            parties={ADMIN: _is_admin},
            steps=[
                Step(Role.RESIDENT, Role.REFERRER, ADMIN),
                Step(Role.RESIDENT, Role.REFERRER, ADMIN),
            ],
        )
    with pytest.raises(ValueError, match="unknown party"):
        Workflow(
            model=Membership,
            field="role",
            parties={},
            steps=[Step(Role.RESIDENT, Role.REFERRER, ADMIN)],
        )
    with pytest.raises(ValueError, match="unknown statuses"):
        Workflow(
            model=Membership,
            field="role",
            parties={ADMIN: _is_admin},
            steps=[Step("x", Role.REFERRER, ADMIN)],
        )


def test_reading_the_table():
    assert ROLE.targets(Role.REFERRER) == {Role.RESIDENT, Role.CONSULTANT}
    assert [s.target for s in ROLE.steps_from(Role.REFERRER, by=ADMIN)] == [Role.RESIDENT]
    assert ROLE.step(Role.RESIDENT, Role.CONSULTANT) is None


def test_a_step_is_recorded_with_its_audit_event(membership, admin):
    step, note = ROLE.check(
        membership, target=Role.REFERRER, actor=Actor(user=admin), note="  a  b "
    )
    assert note == "a b"
    ROLE.record(membership, step=step, actor=Actor(user=admin), note=note)
    membership.refresh_from_db()
    assert membership.role == Role.REFERRER
    event = AuditEvent.objects.get(object_id=str(membership.pk), actor=admin)
    assert event.reason == "role resident -> referrer"
    assert event.extra == {"from_status": "resident", "to_status": "referrer"}


def test_refusals_carry_codes_and_write_nothing(membership, admin, heerde):
    actor = Actor(user=admin)
    with pytest.raises(ValidationError) as error:
        ROLE.check(membership, target=Role.CONSULTANT, actor=actor)
    assert _code(error.value) == "not_allowed"
    with pytest.raises(ValidationError) as error:
        ROLE.check(membership, target=Role.REFERRER, actor=actor, expected=Role.REFERRER)
    assert _code(error.value) == "stale"
    with pytest.raises(PermissionDenied):
        ROLE.check(membership, target=Role.REFERRER, actor=Actor(user=UserFactory()))
    membership.role = Role.REFERRER
    with pytest.raises(ValidationError) as error:
        ROLE.check(membership, target=Role.RESIDENT, actor=actor, note="   ")
    assert _code(error.value) == "note_required"
    with pytest.raises(ValidationError) as error:
        ROLE.check(membership, target=Role.RESIDENT, actor=actor, note="x" * 256)
    assert _code(error.value) == "note_too_long"
    assert not AuditEvent.objects.filter(object_id=str(membership.pk)).exists()


def test_a_system_step_is_taken_without_a_user_only(membership, admin):
    membership.role = Role.REFERRER
    with pytest.raises(PermissionDenied):
        ROLE.check(membership, target=Role.CONSULTANT, actor=Actor(user=admin))
    step, _note = ROLE.check(membership, target=Role.CONSULTANT, actor=Actor())
    assert step.by == SYSTEM


def test_what_a_user_may_do_now(membership, admin):
    assert [s.target for s in ROLE.allowed(membership, admin)] == [Role.REFERRER]
    assert ROLE.allowed(membership, UserFactory()) == []
    assert ROLE.allowed(membership, None) == []
