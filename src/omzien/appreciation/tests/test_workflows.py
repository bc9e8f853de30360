"""The application workflow, driven by Hypothesis through the services of
``services.applications`` (decide, object_to, withdraw) and checked against the table below,
written out by hand from issue 12 (not read from ``workflows.py``): a listed step by a listed
party succeeds and appends exactly one log row; anything else is refused with its code and
writes nothing. Paid and payment failed are the payment services' steps (tested there)."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application, ApplicationTransition
from omzien.appreciation.services import applications as services
from omzien.appreciation.tests.factories import AgeBandFactory, RoundFactory
from omzien.common.services import Actor
from omzien.common.tests.workflows import WorkflowMachine, run_machine, workflow_field_writes

pytestmark = pytest.mark.django_db


APPLICATION_STEPS = {
    (ApplicationStatus.SUBMITTED, ApplicationStatus.GRANTED): {"staff", "system"},
    (ApplicationStatus.SUBMITTED, ApplicationStatus.REFUSED): {"staff"},
    (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITING_LIST): {"staff", "system"},
    (ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN): {"staff", "applicant"},
    (ApplicationStatus.WAITING_LIST, ApplicationStatus.GRANTED): {"staff", "system"},
    (ApplicationStatus.WAITING_LIST, ApplicationStatus.REFUSED): {"staff"},
    (ApplicationStatus.WAITING_LIST, ApplicationStatus.WITHDRAWN): {"staff", "applicant"},
    (ApplicationStatus.GRANTED, ApplicationStatus.OBJECTED): {"staff", "applicant"},
    (ApplicationStatus.REFUSED, ApplicationStatus.OBJECTED): {"staff", "applicant"},
    (ApplicationStatus.OBJECTED, ApplicationStatus.GRANTED): {"staff"},
    (ApplicationStatus.OBJECTED, ApplicationStatus.REFUSED): {"staff"},
    (ApplicationStatus.GRANTED, ApplicationStatus.PAID): {"staff", "system"},
    (ApplicationStatus.GRANTED, ApplicationStatus.PAYMENT_FAILED): {"staff"},
    (ApplicationStatus.PAID, ApplicationStatus.PAYMENT_FAILED): {"staff"},
    (ApplicationStatus.PAYMENT_FAILED, ApplicationStatus.GRANTED): {"staff"},
}
NOTES_REQUIRED = frozenset(
    {
        (ApplicationStatus.OBJECTED, ApplicationStatus.GRANTED),
        (ApplicationStatus.OBJECTED, ApplicationStatus.REFUSED),
        (ApplicationStatus.GRANTED, ApplicationStatus.PAYMENT_FAILED),
        (ApplicationStatus.PAID, ApplicationStatus.PAYMENT_FAILED),
    }
)
OBJECTION = "Ik zorg meer uren dan is meegeteld."


class ApplicationMachine(WorkflowMachine):
    steps = APPLICATION_STEPS
    notes_required = NOTES_REQUIRED
    targets = [
        ApplicationStatus.GRANTED,
        ApplicationStatus.REFUSED,
        ApplicationStatus.WAITING_LIST,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.OBJECTED,
    ]
    notes = ("", "Zie het dossier.")
    stale_check = True
    log_model, log_parent = ApplicationTransition, "application"
    round_: object

    def create(self):
        today = timezone.localdate()
        application = services.submit(
            round=self.round_,
            data={
                "first_name": "Anna",
                "last_name": "de Vries",
                "date_of_birth": datetime.date(1960, 1, 1),
                "street": "Dorpsstraat",
                "house_number": "1",
                "postcode": "8181 AB",
                "town": "Heerde",
                "recipient_initials": "J.",
                "recipient_date_of_birth": datetime.date(1935, 1, 1),
                "recipient_postcode": "8181 AC",
                "recipient_house_number": "2",
                "relationship": constants.Relationship.CHILD,
                "hours_per_week": Decimal("10"),
                "care_since": today - datetime.timedelta(days=400),
                "iban": "NL91ABNA0417164300",
                "account_holder": "A. de Vries",
            },
            channel=constants.Channel.ONLINE,
            actor=Actor(user=self.users["applicant"]),
            applicant=self.users["applicant"],
        )
        # An application that passed its checks (they have their own tests): a grant needs
        # no note then.
        Application.objects.filter(pk=application.pk).update(check_results=[])
        application.refresh_from_db()
        return application

    def expected_note(self, to, note):
        # An objection's text is stored on the application, not as the log's note.
        return "" if to == ApplicationStatus.OBJECTED else super().expected_note(to, note)

    def footprint(self):
        row = Application.objects.get(pk=self.record.pk)
        return (
            *super().footprint(),
            row.version,
            row.amount,
            row.refusal_reason,
            row.objection,
            row.decided_at,
        )

    def service(self, to, actor, note, seen):
        application = Application(pk=self.record.pk)
        if to == ApplicationStatus.OBJECTED:
            services.object_to(
                application=application, actor=actor, objection=OBJECTION, expected=seen
            )
        elif to == ApplicationStatus.WITHDRAWN:
            services.withdraw(application=application, actor=actor, expected=seen, note=note)
        else:
            services.decide(
                application=application,
                target=to,
                actor=actor,
                expected=seen,
                reason=constants.Check.HOURS if to == ApplicationStatus.REFUSED else "",
                note=note,
            )


def test_application_status_steps(heerde, dalfsen, make_member):
    round_ = RoundFactory(municipality=heerde)
    AgeBandFactory(round=round_, min_age=18)
    users = {
        "staff": make_member(Role.APPRECIATION_OFFICER, heerde),
        "other_staff": make_member(Role.CONSULTANT, dalfsen),
        "applicant": make_member(Role.RESIDENT, heerde),
        "system": None,
    }
    run_machine(ApplicationMachine, users=users, round_=round_)


def test_no_code_writes_the_status_but_the_workflow():
    import omzien.appreciation

    package = Path(omzien.appreciation.__file__).parent
    assert workflow_field_writes(package, {"status"}) == []
