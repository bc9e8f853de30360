"""Running the checks again for a whole round: the bulk path (``rules.check_many``, used by
``services.checks.recheck_round``) gives exactly what ``rules.check`` gives one by one, in a
fixed number of queries; the background run from the round's page shows its progress, and a
second click while it runs starts nothing new."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omzien.accounts.constants import Role
from omzien.appreciation import constants, rules
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application, CheckRun
from omzien.appreciation.services import checks
from omzien.appreciation.tests.factories import (
    AgeBandFactory,
    ApplicationFactory,
    CheckRunFactory,
    RoundFactory,
)
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import LocalityFactory, PostcodeFactory
from omzien.testing.hypothesis import examples
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db

YEAR = 2026

# Small pools, so that duplicates, shared households and registry matches happen often.
NAMES = [
    ("José", "Jansen"),
    ("jose", "JANSEN"),
    ("Jose ", " Jansen"),
    ("Els", "Bos"),
    ("Ruud", "Kok"),
]
BIRTHDAYS = [datetime.date(1960, 3, 1), datetime.date(2010, 3, 1), datetime.date(2020, 6, 1)]
POSTCODES = ["8181 AB", "8181AB", "8191 CD", "7721 AA", "9999 ZZ", "12"]
HOUSES = ["1", "1 a", "1A", "2"]
DAYS = [datetime.date(YEAR - 1, 12, 31), datetime.date(YEAR, 1, 1), datetime.date(YEAR, 6, 15)]
SINCE = [datetime.date(YEAR, 3, 15), datetime.date(YEAR - 1, 1, 1), datetime.date(YEAR, 5, 1)]

application_specs = st.fixed_dictionaries(
    {
        "name": st.sampled_from(NAMES),
        "date_of_birth": st.sampled_from(BIRTHDAYS),
        "postcode": st.sampled_from(POSTCODES),
        "house_number": st.sampled_from(HOUSES),
        "recipient_postcode": st.sampled_from(POSTCODES),
        "recipient_initials": st.sampled_from(["J.", "J", "A.B."]),
        "received_on": st.sampled_from(DAYS),
        "care_since": st.sampled_from(SINCE),
        "hours_per_week": st.sampled_from([Decimal("7.5"), Decimal("8"), Decimal("12")]),
        "usual_care": st.booleans(),
        "paid_care": st.booleans(),
        "status": st.sampled_from(
            [
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.GRANTED,
                ApplicationStatus.REFUSED,
                ApplicationStatus.WITHDRAWN,
            ]
        ),
        "amount": st.sampled_from([Decimal("100.00"), Decimal("25.00"), None]),
        "linked": st.sampled_from([None, 0, 1]),
    }
)
round_specs = st.fixed_dictionaries(
    {
        "residence_rule": st.sampled_from(constants.ResidenceRule.values),
        "per_recipient": st.sampled_from(constants.PerRecipient.values),
        "household_cap": st.sampled_from([None, Decimal("100.00"), Decimal("200.00")]),
        "requires_registration": st.booleans(),
        "excludes_usual_care": st.booleans(),
        "excludes_paid_care": st.booleans(),
    }
)


@pytest.fixture
def places(heerde, dalfsen):
    PostcodeFactory(code="8181", locality=LocalityFactory(municipality=heerde, name="Heerde"))
    PostcodeFactory(code="8191", locality=LocalityFactory(municipality=heerde, name="Wapenveld"))
    PostcodeFactory(code="7721", locality=LocalityFactory(municipality=dalfsen, name="Dalfsen"))
    return heerde


def _make(heerde, round_spec, specs):
    round_ = RoundFactory(municipality=heerde, year=YEAR, **round_spec)
    AgeBandFactory(round=round_, min_age=18, amount=Decimal("100.00"))
    AgeBandFactory(
        round=round_,
        min_age=12,
        max_age=17,
        form=constants.AppreciationForm.VOUCHER,
        amount=Decimal("25.00"),
    )
    carers = [
        CaregiverFactory(
            municipality=heerde, first_name="José", last_name="Jansen", date_of_birth=BIRTHDAYS[0]
        ),
        CaregiverFactory(
            municipality=heerde, first_name="Els", last_name="Bos", date_of_birth=BIRTHDAYS[1]
        ),
    ]
    made = []
    for spec in specs:
        first, last = spec["name"]
        made.append(
            ApplicationFactory(
                round=round_,
                first_name=first,
                last_name=last,
                caregiver=None if spec["linked"] is None else carers[spec["linked"]],
                **{key: value for key, value in spec.items() if key not in ("name", "linked")},
            )
        )
    return round_, made


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(round_spec=round_specs, specs=st.lists(application_specs, min_size=1, max_size=8))
def test_the_bulk_checks_give_exactly_the_checks_one_by_one(places, round_spec, specs):
    with transaction.atomic():
        round_, made = _make(places, round_spec, specs)
        stored = list(Application.objects.filter(round=round_).order_by("pk"))
        one_by_one = {a.pk: rules.check(a) for a in stored}
        in_bulk = rules.check_many(round_, list(Application.objects.filter(round=round_)))
        assert in_bulk == one_by_one
        transaction.set_rollback(True)


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)


def _specs(n, start=0):
    return [
        {
            "name": ("Els", f"Bos {start + i}"),
            "date_of_birth": BIRTHDAYS[0],
            "postcode": "8181 AB",
            "house_number": str(start + i + 1),
            "recipient_postcode": "8181 AC",
            "recipient_initials": "J.",
            "received_on": DAYS[2],
            "care_since": SINCE[1],
            "hours_per_week": Decimal("10"),
            "usual_care": False,
            "paid_care": False,
            "status": ApplicationStatus.SUBMITTED,
            "amount": Decimal("100.00"),
            "linked": None,
        }
        for i in range(n)
    ]


def test_rechecking_stores_what_changed_and_audits_it(places, officer):
    round_, made = _make(places, {"requires_registration": False}, _specs(3))
    first = made[0]
    Application.objects.filter(pk=first.pk).update(
        check_results=[{"code": "hours", "message": "oud", "applicant": True}]
    )
    # A rule of the round is corrected: the registry is now required.
    round_.requires_registration = True
    round_.save(update_fields=["requires_registration"])
    before = {a.pk: a.version for a in made}
    counts = checks.recheck_round(round=round_, actor=Actor(officer))
    assert counts == {"checked": 3, "changed": 3, "failing": 3}
    for application in Application.objects.filter(round=round_):
        assert [r["code"] for r in application.check_results] == [constants.Check.NOT_REGISTERED]
        assert application.version == before[application.pk] + 1
    assert AuditEvent.objects.filter(reason=checks.REASON).count() == 3 + 1  # rows + round
    # Nothing changed since: nothing is written.
    assert checks.recheck_round(round=round_, actor=Actor(officer))["changed"] == 0


def test_decided_applications_are_not_rechecked(places, officer):
    round_, made = _make(places, {}, _specs(2))
    Application.objects.filter(pk=made[0].pk).update(
        status=ApplicationStatus.GRANTED, check_results=[]
    )
    round_.requires_registration = True
    round_.save(update_fields=["requires_registration"])
    assert checks.recheck_round(round=round_, actor=Actor(officer))["checked"] == 1
    assert Application.objects.get(pk=made[0].pk).check_results == []


def test_rechecking_a_round_takes_the_same_queries_for_five_times_the_applications(
    places, officer, monkeypatch
):
    monkeypatch.setattr(checks, "CHUNK", 1000)
    round_, _made = _make(
        places, {"household_cap": Decimal("200.00"), "requires_registration": True}, _specs(4)
    )

    def count():
        # A corrected rule: every application's results change.
        round_.min_hours_per_week = Decimal("20") if round_.min_hours_per_week < 20 else 8
        round_.save(update_fields=["min_hours_per_week"])
        with CaptureQueriesContext(connection) as ctx:
            checks.recheck_round(round=round_, actor=Actor(officer))
        return len(ctx.captured_queries)

    small = count()
    _make(places, {}, [])  # another round beside it changes nothing
    for spec in _specs(16, start=100):
        first, last = spec.pop("name")
        spec.pop("linked")
        ApplicationFactory(round=round_, first_name=first, last_name=last, **spec)
    assert count() == small


def test_the_round_page_runs_the_checks_in_the_background_once(
    client, places, officer, django_capture_on_commit_callbacks
):
    round_, made = _make(places, {}, _specs(2))
    round_.requires_registration = True
    round_.save(update_fields=["requires_registration"])
    login_verified(client, officer)
    url = reverse("appreciation:application_recheck", args=[round_.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    run = CheckRun.objects.get(round=round_)
    assert run.finished_at is not None
    assert (run.done, run.changed, run.failing) == (2, 2, 2)
    page = client.get(reverse("appreciation:round_detail", args=[round_.pk]))
    assert "2 aanvragen gecontroleerd" in page.content.decode()

    # While a run is unfinished, another click returns that run and queues nothing.
    running = CheckRun.objects.create(round=round_, requested_by=officer)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(url)
    assert callbacks == []
    assert CheckRun.objects.filter(round=round_).count() == 2
    page = client.get(reverse("appreciation:round_detail", args=[round_.pk]))
    assert "Bezig: 0 van 0" in page.content.decode()
    running.delete()


def test_a_consultant_of_another_municipality_cannot_recheck(client, places, make_member, dalfsen):
    round_, _made = _make(places, {}, _specs(1))
    other = make_member(Role.APPRECIATION_OFFICER, dalfsen, totp=True)
    login_verified(client, other)
    response = client.post(reverse("appreciation:application_recheck", args=[round_.pk]))
    assert response.status_code == 404
    assert not CheckRun.objects.exists()


def test_a_round_check_left_running_by_a_killed_worker_runs_again_under_its_own_task(
    make_member,
):
    """The task run claims the check run (common.workers.claim): the same task put back after
    its worker died checks again; another run of the work leaves it alone."""
    run = CheckRunFactory(started_at=timezone.now(), task_id="task-1")
    run.requested_by = make_member(Role.APPRECIATION_OFFICER, run.round.municipality)
    run.save()
    assert checks.run_recheck(run_id=run.pk, task_id="task-2") is None
    run.refresh_from_db()
    assert run.finished_at is None
    assert checks.run_recheck(run_id=run.pk, task_id="task-1") is not None
    run.refresh_from_db()
    assert run.finished_at is not None
    assert checks.run_recheck(run_id=run.pk, task_id="task-1") is None  # finished: never again
