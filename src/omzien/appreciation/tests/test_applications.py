"""Submitting, checking and deciding applications through the services, and the staff queue."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.http import Http404
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application, ApplicationTransition, Invitation
from omzien.appreciation.selectors.applications import (
    application_for,
    application_queue,
    round_counts,
)
from omzien.appreciation.services import applications as services
from omzien.appreciation.tests.factories import (
    TEST_IBAN,
    AgeBandFactory,
    ApplicationFactory,
    RoundFactory,
)
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.services import Actor, EditConflict
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import LocalityFactory, PostcodeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def round_(heerde):
    PostcodeFactory(code="8181", locality=LocalityFactory(municipality=heerde, name="Heerde"))
    found = RoundFactory(municipality=heerde)
    AgeBandFactory(round=found, min_age=18, amount=Decimal("100.00"))
    AgeBandFactory(
        round=found,
        min_age=12,
        max_age=17,
        form=constants.AppreciationForm.VOUCHER,
        amount=Decimal("25"),
    )
    return found


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.APPRECIATION_OFFICER, heerde)


@pytest.fixture
def resident(make_member, heerde):
    return make_member(Role.RESIDENT, heerde)


def form_data(**overrides) -> dict:
    today = TODAY()
    data = {
        "first_name": "José",
        "last_name": "Jansen-de Vries",
        "date_of_birth": datetime.date(1960, 3, 1),
        "email": "jose@example.org",
        "street": "Dorpsstraat",
        "house_number": "12a",
        "postcode": "8181ab",
        "town": "Heerde",
        "recipient_initials": "J.",
        "recipient_date_of_birth": datetime.date(1935, 5, 1),
        "recipient_postcode": "8181 ac",
        "recipient_house_number": "3",
        "relationship": constants.Relationship.CHILD,
        "hours_per_week": Decimal("10"),
        "care_since": today - datetime.timedelta(days=400),
        "iban": "nl91 abna 0417 1643 00",
        "account_holder": "J. Jansen",
    }
    return data | overrides


def submit(round_, actor=None, **kwargs):
    data = form_data(**kwargs.pop("data", {}))
    return services.submit(
        round=round_,
        data=data,
        channel=kwargs.pop("channel", constants.Channel.ONLINE),
        actor=actor or Actor(),
        **kwargs,
    )


def error_codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


# --- Submitting -------------------------------------------------------------------------------


def test_submit_normalises_numbers_checks_and_logs(round_):
    application = submit(round_)
    assert application.number == f"MW-{round_.year}-00001"
    assert application.postcode == "8181 AB"
    assert application.recipient_postcode == "8181 AC"
    assert application.iban == TEST_IBAN
    assert application.form == constants.AppreciationForm.BANK_TRANSFER
    assert application.amount == Decimal("100.00")
    assert application.locality.name == "Heerde"
    assert application.check_results == []
    assert application.status == ApplicationStatus.SUBMITTED
    log = list(ApplicationTransition.objects.filter(application=application))
    assert [(row.from_status, row.to_status) for row in log] == [("", ApplicationStatus.SUBMITTED)]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE,
        object_id=str(application.pk),
        object_type="appreciation.application",
    ).exists()
    second = submit(round_, data={"first_name": "Piet", "date_of_birth": datetime.date(1950, 1, 1)})
    assert second.number == f"MW-{round_.year}-00002"


def test_failed_rules_are_stored_not_raised(round_):
    application = submit(round_, data={"hours_per_week": Decimal("4")})
    assert [r["code"] for r in application.check_results] == [constants.Check.HOURS]
    assert Application.objects.get(pk=application.pk).check_results == application.check_results


def test_a_paper_form_keeps_the_day_it_came_in(round_):
    came_in = TODAY() - datetime.timedelta(days=3)
    application = submit(round_, channel=constants.Channel.PAPER, received_on=came_in)
    assert application.received_on == came_in


@pytest.mark.parametrize(
    ("iban", "code"),
    [
        ("NL91ABNA0417164301", "invalid_iban"),  # checksum
        ("NL91 ABNA", "invalid_iban"),
        ("BR1800360305000010009795493C1", "iban_not_sepa"),  # valid, but no SEPA country
    ],
)
def test_an_invalid_or_non_sepa_iban_is_refused(round_, iban, code):
    with pytest.raises(ValidationError) as refused:
        submit(round_, data={"iban": iban})
    assert error_codes(refused.value) == {"iban": [code]}
    assert not Application.objects.exists()


def test_a_bank_transfer_needs_iban_and_holder_a_voucher_does_not(round_):
    with pytest.raises(ValidationError) as refused:
        submit(round_, data={"iban": "", "account_holder": ""})
    assert error_codes(refused.value) == {"iban": ["required"], "account_holder": ["required"]}
    fifteen = TODAY().replace(year=TODAY().year - 15) - datetime.timedelta(days=1)
    young = submit(round_, data={"iban": "", "account_holder": "", "date_of_birth": fifteen})
    assert young.form == constants.AppreciationForm.VOUCHER
    assert young.amount == Decimal("25")


def test_invalid_postcode_and_missing_fields_are_refused_by_field(round_):
    with pytest.raises(ValidationError) as refused:
        submit(round_, data={"postcode": "8181", "hours_per_week": None, "first_name": ""})
    codes = error_codes(refused.value)
    assert codes["postcode"] == ["invalid_postcode"]
    assert "hours_per_week" in codes and "first_name" in codes


def test_a_retry_with_the_same_key_returns_the_same_application(round_):
    first = submit(round_, submission_key="form-123")
    again = submit(round_, submission_key="form-123")
    assert again.pk == first.pk
    assert Application.objects.count() == 1
    other = submit(round_, submission_key="form-456", data={"first_name": "Piet"})
    assert other.pk != first.pk


def test_two_submissions_at_once_with_one_key_make_one_application(round_, monkeypatch):
    # The other request stored its application after our look-up found nothing: the unique
    # constraint refuses our insert and we return theirs.
    theirs = ApplicationFactory(round=round_, submission_key="form-1")
    monkeypatch.setattr(services, "_submitted_with", lambda round_, key: None)
    application = submit(round_, submission_key="form-1")
    assert application.pk == theirs.pk
    assert Application.objects.filter(round=round_).count() == 1
    assert not ApplicationTransition.objects.exists()


def test_the_sample_and_the_registration_offer(round_, heerde):
    round_.sample_percentage = 100
    round_.save()
    offered = submit(round_, data={"consent_registry": True})
    assert offered.sampled is True
    assert offered.registration_offered is True
    round_.sample_percentage = 0
    round_.save()
    CaregiverFactory(
        municipality=heerde,
        first_name="José",
        last_name="Jansen-de  Vries",
        date_of_birth=datetime.date(1949, 9, 9),
    )
    known = submit(
        round_,
        data={
            "consent_registry": True,
            "first_name": "JOSÉ ",  # the registry folds capitals and spacing
            "date_of_birth": datetime.date(1949, 9, 9),
        },
    )
    assert known.sampled is False
    assert known.registration_offered is False
    linked = submit(
        round_,
        caregiver=CaregiverFactory(municipality=heerde),
        data={"consent_registry": True, "first_name": "Kees"},
    )
    assert linked.registration_offered is False


def test_prefill_from_the_registry(heerde):
    carer = CaregiverFactory(
        municipality=heerde,
        first_name="Anna",
        last_name="de Vries",
        street_address="Dorpsstraat 12a",
        postcode="8181 AB",
        town="Heerde",
    )
    data = services.prefill(carer)
    assert data["first_name"] == "Anna"
    assert (data["street"], data["house_number"]) == ("Dorpsstraat", "12a")
    assert data["postcode"] == "8181 AB"
    assert data["consent_registry"] is True


# --- Deciding ---------------------------------------------------------------------------------


def test_grant_fixes_amount_and_objection_period(round_, officer):
    application = submit(round_)
    granted = services.decide(
        application=application,
        target=ApplicationStatus.GRANTED,
        actor=Actor(user=officer),
        expected=ApplicationStatus.SUBMITTED,
    )
    assert granted.status == ApplicationStatus.GRANTED
    assert granted.amount == Decimal("100.00")
    assert granted.decided_by == officer
    assert granted.objection_until == TODAY() + datetime.timedelta(days=42)


def test_grant_waits_for_the_sample_check(round_, officer):
    round_.sample_percentage = 100
    round_.save()
    application = submit(round_)
    actor = Actor(user=officer)
    with pytest.raises(ValidationError) as refused:
        services.decide(application=application, target=ApplicationStatus.GRANTED, actor=actor)
    assert refused.value.code == "sample_pending"
    assert "steekproef" in refused.value.messages[0]
    services.mark_sample_checked(application=application, actor=actor)
    assert services.decide(
        application=application, target=ApplicationStatus.GRANTED, actor=actor
    ).status == (ApplicationStatus.GRANTED)


def test_refusal_needs_a_reason_and_other_needs_a_note(round_, officer):
    application = submit(round_)
    actor = Actor(user=officer)
    for reason, note, code in [
        ("", "", {"reason": ["reason_required"]}),
        ("nonsense", "", {"reason": ["invalid_reason"]}),
        (constants.Check.OTHER, "", {"note": ["note_required"]}),
    ]:
        with pytest.raises(ValidationError) as refused:
            services.decide(
                application=application,
                target=ApplicationStatus.REFUSED,
                actor=actor,
                reason=reason,
                note=note,
            )
        assert error_codes(refused.value) == code
    refused_app = services.decide(
        application=application,
        target=ApplicationStatus.REFUSED,
        actor=actor,
        reason=constants.Check.HOURS,
    )
    assert (refused_app.status, refused_app.refusal_reason) == (
        ApplicationStatus.REFUSED,
        constants.Check.HOURS,
    )
    assert ApplicationTransition.objects.filter(application=application).count() == 2


def test_two_staff_deciding_at_once_one_wins(round_, officer, make_member, heerde):
    application = submit(round_)
    other = make_member(Role.CONSULTANT, heerde)
    services.decide(
        application=application,
        target=ApplicationStatus.GRANTED,
        actor=Actor(user=officer),
        expected=ApplicationStatus.SUBMITTED,
    )
    with pytest.raises(ValidationError) as refused:
        services.decide(
            application=application,
            target=ApplicationStatus.REFUSED,
            actor=Actor(user=other),
            expected=ApplicationStatus.SUBMITTED,  # what the second one saw: stale now
            reason=constants.Check.HOURS,
        )
    assert refused.value.code == "stale"
    stored = Application.objects.get(pk=application.pk)
    assert (stored.status, stored.refusal_reason, stored.decided_by) == (
        ApplicationStatus.GRANTED,
        "",
        officer,
    )


def test_a_stale_version_is_refused(round_, officer):
    application = submit(round_)
    with pytest.raises(EditConflict):
        services.decide(
            application=application,
            target=ApplicationStatus.GRANTED,
            actor=Actor(user=officer),
            version=99,
        )


def test_staff_of_another_municipality_may_not_decide(round_, make_member, dalfsen):
    application = submit(round_)
    with pytest.raises(PermissionDenied):
        services.decide(
            application=application,
            target=ApplicationStatus.GRANTED,
            actor=Actor(user=make_member(Role.CONSULTANT, dalfsen)),
        )


def test_a_returned_payment_still_counts_against_the_budget(round_, officer):
    """Its money is owed: paid again once the account is corrected, it must still fit."""
    round_.budget = Decimal("150.00")
    round_.save()
    ApplicationFactory(
        round=round_, status=ApplicationStatus.PAYMENT_FAILED, amount=Decimal("100.00")
    )
    waiting = services.decide(
        application=submit(round_), target=ApplicationStatus.GRANTED, actor=Actor(user=officer)
    )
    assert waiting.status == ApplicationStatus.WAITING_LIST


def test_waiting_list_when_a_fixed_budget_runs_out(round_, officer):
    round_.budget = Decimal("150.00")
    round_.save()
    actor = Actor(user=officer)
    first = submit(round_)
    second = submit(round_, data={"first_name": "Piet", "date_of_birth": datetime.date(1950, 1, 1)})
    assert (
        services.decide(application=first, target=ApplicationStatus.GRANTED, actor=actor).status
        == ApplicationStatus.GRANTED
    )
    # The second cares for the same person (a failed check): granted with a note.
    waiting = services.decide(
        application=second, target=ApplicationStatus.GRANTED, actor=actor, note="Zie het dossier."
    )
    assert waiting.status == ApplicationStatus.WAITING_LIST
    assert waiting.amount == Decimal("100.00")  # still the provisional amount
    with pytest.raises(ValidationError) as refused:
        services.decide(
            application=second,
            target=ApplicationStatus.GRANTED,
            actor=actor,
            note="Zie het dossier.",
        )
    assert refused.value.code == "budget_exhausted"
    # A round that lowers the amounts instead grants anyway (lowered at the close).
    round_.when_budget_exhausted = constants.BudgetExhausted.LOWER_AMOUNT
    round_.save()
    granted = services.decide(
        application=second, target=ApplicationStatus.GRANTED, actor=actor, note="Zie het dossier."
    )
    assert granted.status == ApplicationStatus.GRANTED


def test_objection_within_the_period_only(round_, officer, resident):
    application = submit(round_, applicant=resident)
    services.decide(
        application=application, target=ApplicationStatus.GRANTED, actor=Actor(user=officer)
    )
    Application.objects.filter(pk=application.pk).update(
        objection_until=TODAY() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as refused:
        services.object_to(application=application, actor=Actor(user=resident), objection="Te laag")
    assert refused.value.code == "objection_period_over"
    Application.objects.filter(pk=application.pk).update(objection_until=TODAY())
    objected = services.object_to(
        application=application, actor=Actor(user=resident), objection="Te laag"
    )
    assert (objected.status, objected.objection) == (ApplicationStatus.OBJECTED, "Te laag")


def test_the_applicant_withdraws(round_, resident):
    application = submit(round_, applicant=resident)
    withdrawn = services.withdraw(application=application, actor=Actor(user=resident))
    assert withdrawn.status == ApplicationStatus.WITHDRAWN


def test_correct_the_iban_with_the_version_seen(round_, officer):
    application = submit(round_, data={"hours_per_week": Decimal("4")})
    actor = Actor(user=officer)
    corrected = services.correct(
        application=application,
        data={"iban": "de89 3704 0044 0532 0130 00", "hours_per_week": Decimal("8")},
        actor=actor,
        version=application.version,
    )
    assert corrected.iban == "DE89370400440532013000"
    assert corrected.check_results == []
    assert corrected.version == application.version + 1
    with pytest.raises(EditConflict):
        services.correct(application=application, data={"iban": TEST_IBAN}, actor=actor, version=1)
    with pytest.raises(ValidationError) as refused:
        services.correct(
            application=application,
            data={"iban": "NL00INVALID"},
            actor=actor,
            version=corrected.version,
        )
    assert error_codes(refused.value) == {"iban": ["invalid_iban"]}


# --- Reading ----------------------------------------------------------------------------------


def test_the_queue_is_paginated_filtered_and_audited(round_, officer):
    hours = submit(round_, data={"hours_per_week": Decimal("4")})
    plain = submit(
        round_,
        data={"first_name": "Piet", "last_name": "Bos", "date_of_birth": datetime.date(1950, 1, 1)},
    )
    page = application_queue(round=round_, user=officer)
    assert {a.pk for a in page.object_list} == {hours.pk, plain.pk}
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("pk")
    assert f"appreciation.application:{plain.pk}" in event.extra["shown"]
    assert event.municipality == round_.municipality
    only = application_queue(round=round_, user=officer, check=constants.Check.HOURS)
    assert [a.pk for a in only.object_list] == [hours.pk]
    found = application_queue(round=round_, user=officer, query="BOS")
    assert [a.pk for a in found.object_list] == [plain.pk]
    found = application_queue(round=round_, user=officer, query="jose jansen")
    assert [a.pk for a in found.object_list] == [hours.pk]


def test_one_application_for_staff_of_its_municipality_only(round_, officer, make_member, dalfsen):
    application = submit(round_)
    assert application_for(officer, application.pk) == application
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(application.pk), actor=officer
    ).exists()
    with pytest.raises(Http404):
        application_for(make_member(Role.CONSULTANT, dalfsen), application.pk)


def test_round_counts(round_, officer):
    submit(round_)
    submit(round_, channel=constants.Channel.PAPER, data={"first_name": "Piet"})
    counts = round_counts(round_)
    assert counts["total"] == 2
    assert counts["by_status"] == {ApplicationStatus.SUBMITTED: 2}
    assert counts["by_channel"] == {constants.Channel.ONLINE: 1, constants.Channel.PAPER: 1}


# --- Real concurrency (PostgreSQL) ------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_one_application_per_key_and_distinct_numbers(heerde):
    round_ = RoundFactory(municipality=heerde)
    AgeBandFactory(round=round_, min_age=18)
    barrier = threading.Barrier(4)

    def send(key: str, first_name: str):
        try:
            barrier.wait(timeout=10)
            return submit(round_, submission_key=key, data={"first_name": first_name}).pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        pks = list(
            pool.map(send, ["a", "a", "b", "c"], ["Anna", "Anna", "Bert", "Cor"], timeout=60)
        )
    assert pks[0] == pks[1]
    assert len(set(pks)) == 3
    numbers = list(Application.objects.filter(round=round_).values_list("number", flat=True))
    assert sorted(numbers) == [f"MW-{round_.year}-0000{i}" for i in (1, 2, 3)]
    assert ApplicationTransition.objects.filter(application__round=round_).count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_staff_deciding_at_the_same_moment_one_wins(heerde, make_member):
    # The application passes every check (its postcodes are Heerde's), so a grant needs no
    # note and either decision may come first.
    PostcodeFactory(code="8181", locality=LocalityFactory(municipality=heerde, name="Heerde"))
    round_ = RoundFactory(municipality=heerde)
    AgeBandFactory(round=round_, min_age=18)
    application = submit(round_)
    assert application.check_results == []
    staff = [make_member(Role.APPRECIATION_OFFICER, heerde) for _ in range(2)]
    barrier = threading.Barrier(2)

    def decide(user, target):
        try:
            barrier.wait(timeout=10)
            services.decide(
                application=Application(pk=application.pk),
                target=target,
                actor=Actor(user=user),
                expected=ApplicationStatus.SUBMITTED,
                reason=constants.Check.HOURS,
            )
            return "done"
        except ValidationError as error:
            return error.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(
            pool.map(
                decide, staff, [ApplicationStatus.GRANTED, ApplicationStatus.REFUSED], timeout=60
            )
        )
    assert sorted(outcomes) == ["done", "stale"]
    assert ApplicationTransition.objects.filter(application=application).count() == 2


def test_a_carer_of_another_municipality_cannot_be_linked(round_, dalfsen):
    with pytest.raises(ValidationError) as refused:
        submit(round_, caregiver=CaregiverFactory(municipality=dalfsen))
    assert refused.value.code == "wrong_municipality"


def test_the_queue_runs_the_same_queries_for_more_rows(round_, officer, django_assert_num_queries):
    def queries_for_a_page():
        with django_assert_num_queries(3):  # count, page, audit event
            page = application_queue(round=round_, user=officer)
            [(a.round.name, a.locality, a.caregiver) for a in page.object_list]

    application_queue(round=round_, user=officer)  # the user's memberships, read once
    ApplicationFactory(round=round_)
    queries_for_a_page()
    for _ in range(5):
        ApplicationFactory(round=round_)
    queries_for_a_page()


def test_the_queue_finds_by_number_and_postcode(round_, officer):
    first = submit(round_)
    other = submit(round_, data={"first_name": "Piet", "postcode": "8181 XY", "house_number": "9"})
    by_number = application_queue(round=round_, user=officer, query="2")
    assert [a.pk for a in by_number.object_list] == [other.pk]
    by_number = application_queue(round=round_, user=officer, query=first.number.lower())
    assert [a.pk for a in by_number.object_list] == [first.pk]
    by_postcode = application_queue(round=round_, user=officer, query="8181xy")
    assert [a.pk for a in by_postcode.object_list] == [other.pk]


def test_only_a_sampled_application_is_marked_checked(round_, officer, make_member, dalfsen):
    application = submit(round_)
    with pytest.raises(ValidationError) as refused:
        services.mark_sample_checked(application=application, actor=Actor(user=officer))
    assert refused.value.code == "not_sampled"
    Application.objects.filter(pk=application.pk).update(sampled=True)
    with pytest.raises(PermissionDenied):
        services.mark_sample_checked(
            application=application, actor=Actor(user=make_member(Role.CONSULTANT, dalfsen))
        )
    checked = services.mark_sample_checked(application=application, actor=Actor(user=officer))
    assert checked.sample_checked_at is not None


def test_a_grant_against_a_failed_check_needs_a_note(round_, officer):
    application = submit(round_, data={"hours_per_week": Decimal("2")})
    assert [r["code"] for r in application.check_results] == [constants.Check.HOURS]
    with pytest.raises(ValidationError) as refused:
        services.decide(
            application=application, target=ApplicationStatus.GRANTED, actor=Actor(user=officer)
        )
    assert refused.value.error_dict["note"][0].code == "checks_failed_note"
    granted = services.decide(
        application=application,
        target=ApplicationStatus.GRANTED,
        actor=Actor(user=officer),
        note="Zorgplan toont 9 uur per week.",
    )
    assert granted.status == ApplicationStatus.GRANTED
    assert granted.decision_note == "Zorgplan toont 9 uur per week."


def test_grant_every_application_that_passed_in_one_step(round_, officer, make_member, dalfsen):
    from omzien.privacy.models import AuditEvent

    round_.budget = Decimal("200.00")
    round_.save()
    passed = [
        submit(round_, data={"first_name": name, "recipient_initials": name[0]})
        for name in ("Anna", "Bert", "Cor")
    ]
    Application.objects.filter(pk__in=[a.pk for a in passed]).update(check_results=[])
    failed = submit(round_, data={"first_name": "Dirk", "hours_per_week": Decimal("2")})
    sampled = submit(round_, data={"first_name": "Els", "recipient_initials": "E"})
    Application.objects.filter(pk=sampled.pk).update(check_results=[], sampled=True)
    with pytest.raises(PermissionDenied):
        services.grant_passed(round=round_, actor=Actor(user=make_member(Role.CONSULTANT, dalfsen)))
    events = AuditEvent.objects.count()

    counts = services.grant_passed(round=round_, actor=Actor(user=officer))

    # EUR 200 of budget: two grants of EUR 100, the third waits.
    assert counts == {"granted": 2, "waiting_list": 1}
    statuses = dict(Application.objects.values_list("first_name", "status"))
    assert [statuses[n] for n in ("Anna", "Bert", "Cor")] == [
        ApplicationStatus.GRANTED,
        ApplicationStatus.GRANTED,
        ApplicationStatus.WAITING_LIST,
    ]
    assert statuses["Dirk"] == ApplicationStatus.SUBMITTED  # failed a check: staff judge it
    assert statuses["Els"] == ApplicationStatus.SUBMITTED  # in the sample, not checked yet
    anna = Application.objects.get(first_name="Anna")
    assert (anna.amount, anna.decided_by, anna.objection_until is not None) == (
        Decimal("100.00"),
        officer,
        True,
    )
    assert ApplicationTransition.objects.filter(to_status=ApplicationStatus.GRANTED).count() == 2
    assert AuditEvent.objects.count() - events == 3
    assert services.grant_passed(round=round_, actor=Actor(user=officer)) == {
        "granted": 0,
        "waiting_list": 0,
    }
    assert failed.pk  # untouched above


def test_a_submission_takes_the_same_queries_however_many_applications_the_round_has(round_):
    """The round's rules, its age bands and the postcode table are read once per submission
    (or handed in by a caller that submits many); the duplicate candidates in one query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from omzien.appreciation import rules

    def queries(n: int, **kwargs) -> int:
        with CaptureQueriesContext(connection) as ctx:
            submit(round_, data={"last_name": f"Jansen {n}", "house_number": str(n)}, **kwargs)
        return len(ctx.captured_queries)

    first = queries(1)
    for n in range(2, 12):
        submit(round_, data={"last_name": f"Jansen {n}", "house_number": str(n)})
    assert queries(12) == first
    # With the rules handed in, the submission reads neither the bands nor the postcodes.
    assert queries(13, round_rules=rules.RoundRules.load(round_)) == first - 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_requests_redeeming_one_invitation_code_at_once_make_one_application(heerde):
    """Two devices send the form of one personal code at the same moment (different
    submission keys): the invitation's row lock lets one through; the other is told the code
    was used. A retry of the winner's own form (its key) gets the same application."""
    from omzien.appreciation.tests.factories import InvitationFactory

    round_ = RoundFactory(municipality=heerde)
    AgeBandFactory(round=round_, min_age=18)
    invitation = InvitationFactory(round=round_)
    barrier = threading.Barrier(3)

    def redeem(key: str):
        try:
            barrier.wait(timeout=10)
            return services.submit_invitation(
                invitation=Invitation(pk=invitation.pk),
                data=form_data(),
                actor=Actor(),
                submission_key=key,
            ).pk
        except ValidationError as error:
            return error.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=3) as pool:
        outcomes = list(pool.map(redeem, ["phone", "laptop", "tablet"], timeout=60))
    made = [outcome for outcome in outcomes if isinstance(outcome, int)]
    assert len(made) == 1
    assert sorted(o for o in outcomes if not isinstance(o, int)) == ["invitation_used"] * 2
    application = Application.objects.get(round=round_)
    assert application.pk == made[0]
    assert application.channel == constants.Channel.INVITATION
    invitation.refresh_from_db()
    assert invitation.used_by_id == application.pk
    winner = ["phone", "laptop", "tablet"][outcomes.index(made[0])]
    again = services.submit_invitation(
        invitation=invitation, data=form_data(), actor=Actor(), submission_key=winner
    )
    assert again.pk == application.pk
    assert Application.objects.filter(round=round_).count() == 1
