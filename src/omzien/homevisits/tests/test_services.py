import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from omzien.accounts.constants import Role
from omzien.caregivers.models import Caregiver, IncomingReferral
from omzien.common.services import Actor
from omzien.concerns.constants import Kind, Source
from omzien.concerns.models import Concern
from omzien.homevisits import constants, selectors, services
from omzien.homevisits.constants import FollowUp, Status, TargetGroup, Topic
from omzien.homevisits.models import Visit, VisitPlan, VisitTransition
from omzien.homevisits.tests.conftest import CSV
from omzien.homevisits.tests.factories import VisitFactory, VisitPlanFactory
from omzien.notifications.models import Notification
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.models import AuditEvent
from omzien.privacy.statistics import Period
from omzien.testing.dates import month_end_boundary

pytestmark = pytest.mark.django_db


def _import(plan, actor, text=CSV, dry_run=False, filename="adressen.csv"):
    return services.import_visits(
        plan=plan,
        file=io.BytesIO(text.encode("utf-8")),
        filename=filename,
        dry_run=dry_run,
        actor=actor,
    )


# --- Plans ------------------------------------------------------------------------------------


def test_a_worker_makes_a_plan(heerde, actor):
    plan = services.plan_create(
        municipality=heerde,
        data={
            "name": "  Huisbezoeken  mantelzorgers 2027 ",
            "target_group": TargetGroup.CARERS,
            "starts_on": datetime.date(2027, 1, 1),
            "ends_on": datetime.date(2027, 6, 30),
        },
        actor=actor,
    )
    assert plan.name == "Huisbezoeken mantelzorgers 2027"
    assert AuditEvent.objects.filter(object_type="homevisits.visitplan").exists()


def test_a_plan_ending_before_it_starts_is_refused(heerde, actor):
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            municipality=heerde,
            data={
                "name": "Ronde",
                "target_group": TargetGroup.OLDER,
                "starts_on": datetime.date(2027, 6, 1),
                "ends_on": datetime.date(2027, 1, 1),
            },
            actor=actor,
        )
    assert error.value.error_dict["ends_on"][0].code == "ends_before_start"


def test_only_a_welfare_worker_of_the_municipality_makes_a_plan(heerde, dalfsen, make_member):
    other = make_member(Role.WELFARE_WORKER, dalfsen)
    with pytest.raises(PermissionDenied):
        services.plan_create(municipality=heerde, data={"name": "x"}, actor=Actor(user=other))


# --- The import -------------------------------------------------------------------------------


def test_a_trial_import_writes_nothing_and_reports_what_a_real_one_would(plan, actor):
    trial = _import(plan, actor, dry_run=True)
    assert (trial.created, trial.duplicates, trial.invalid) == (2, 0, 0)
    assert Visit.objects.count() == 0
    real = _import(plan, actor)
    assert (real.created, real.duplicates, real.invalid) == (2, 0, 0)
    visits = {v.name: v for v in Visit.objects.filter(plan=plan)}
    jansen = visits["mevrouw G. Jansen"]
    assert (jansen.postcode, jansen.phone, jansen.date_of_birth) == (
        "8181 AA",
        "0578 123 456",
        datetime.date(1946, 3, 12),
    )
    assert visits["de heer H. Mulder"].postcode == "8191 AB"
    assert all(v.status == Status.PLANNED for v in visits.values())
    assert VisitTransition.objects.filter(to_status=Status.PLANNED).count() == 2
    assert AuditEvent.objects.filter(reason="home visit import").count() == 1


def test_importing_again_skips_who_is_in_the_plan_already(plan, actor):
    _import(plan, actor)
    again = _import(plan, actor)
    assert (again.created, again.duplicates) == (0, 2)
    assert Visit.objects.count() == 2


def test_a_row_repeated_in_the_file_is_skipped_with_its_row_number(plan, actor):
    text = CSV + "Mevrouw G. Jansen;Kerkstraat;4;8181aa;Heerde;;\r\n"
    result = _import(plan, actor, text=text)
    assert (result.created, result.duplicates) == (2, 1)
    [report] = result.reports
    assert report.row == 4
    assert "2" in report.errors[0][1]


def test_each_row_reports_its_own_errors_and_the_valid_rows_are_imported(plan, actor):
    text = CSV + ";Kerkstraat;5;XYZ;Heerde;31-02-1950;abc\r\n"
    result = _import(plan, actor, text=text)
    assert (result.created, result.invalid) == (2, 1)
    [report] = result.reports
    assert report.row == 4
    assert [column for column, _message in report.errors] == [
        "naam",
        "postcode",
        "geboortedatum",
        "telefoon",
    ]
    assert Visit.objects.count() == 2


def test_a_file_that_cannot_be_read_writes_nothing(plan, actor):
    result = _import(plan, actor, text="naam;straat\r\nA;B\r\n")
    assert result.failed
    assert "huisnummer" in result.file_errors[0]
    assert Visit.objects.count() == 0
    assert _import(plan, actor, filename="adressen.pdf").failed


def test_the_import_runs_in_the_background_with_its_plan(plan, worker):
    from omzien.common.imports import start_import
    from omzien.common.models import ImportJob

    job = start_import(
        kind=services.IMPORT_KIND,
        municipality=plan.municipality,
        user=worker,
        data=CSV.encode(),
        filename="adressen.csv",
        dry_run=False,
        options={"plan": plan.pk},
    )
    outcome = services.run_visit_import(job=job, data=CSV.encode(), progress=lambda d, t: None)
    assert outcome.summary == {"created": 2, "duplicates": 0, "invalid": 0}
    assert ImportJob.objects.get(pk=job.pk).options == {"plan": plan.pk}
    assert Visit.objects.filter(plan=plan).count() == 2


# --- Assignment and the visit -----------------------------------------------------------------


def test_several_visits_are_assigned_at_once_to_a_volunteer(plan, actor, volunteer):
    visits = VisitFactory.create_batch(3, plan=plan)
    done = services.visits_assign(
        plan=plan, pks=[v.pk for v in visits[:2]], assignee=volunteer, actor=actor
    )
    assert done == 2
    assert set(Visit.objects.filter(assigned_to=volunteer).values_list("pk", flat=True)) == {
        v.pk for v in visits[:2]
    }
    assert VisitTransition.objects.filter(to_status=Status.ASSIGNED).count() == 2


def test_someone_who_is_no_volunteer_there_gets_no_visits(plan, actor, make_member, dalfsen):
    from omzien.volunteering.tests.factories import VolunteerProfileFactory

    elsewhere = make_member(Role.RESIDENT, dalfsen)
    VolunteerProfileFactory(user=elsewhere, municipality=dalfsen)
    visit = VisitFactory(plan=plan)
    with pytest.raises(ValidationError) as error:
        services.visit_assign(visit=visit, assignee=elsewhere, actor=actor)
    assert error.value.error_dict["assignee"][0].code == "not_a_visitor"


def _assigned(plan, actor, volunteer):
    visit = VisitFactory(plan=plan)
    return services.visit_assign(visit=visit, assignee=volunteer, actor=actor)


def test_the_volunteer_records_a_held_visit_with_a_follow_up(plan, actor, volunteer):
    visit = _assigned(plan, actor, volunteer)
    services.visit_record(
        visit=visit,
        result=Status.HELD,
        visited_on=timezone.localdate(),
        topics=[Topic.LONELINESS, Topic.MOBILITY, Topic.LONELINESS],
        follow_up=FollowUp.CONCERN,
        follow_up_wishes="Wil graag naar een koffieochtend.",
        notes="Woont alleen sinds vorig jaar.",
        actor=Actor(user=volunteer),
        seen=Status.ASSIGNED,
    )
    visit.refresh_from_db()
    assert visit.status == Status.HELD
    assert visit.topics == [Topic.LONELINESS, Topic.MOBILITY]


def test_a_follow_up_needs_a_held_visit(plan, actor, volunteer):
    visit = _assigned(plan, actor, volunteer)
    with pytest.raises(ValidationError) as error:
        services.visit_record(
            visit=visit,
            result=Status.NOT_HOME,
            visited_on=timezone.localdate(),
            follow_up=FollowUp.CONCERN,
            actor=Actor(user=volunteer),
        )
    assert error.value.error_dict["follow_up"][0].code == "follow_up_not_held"


def test_a_visit_in_the_future_is_refused(plan, actor, volunteer):
    visit = _assigned(plan, actor, volunteer)
    with pytest.raises(ValidationError) as error:
        services.visit_record(
            visit=visit,
            result=Status.HELD,
            visited_on=timezone.localdate() + datetime.timedelta(days=1),
            actor=Actor(user=volunteer),
        )
    assert error.value.error_dict["visited_on"][0].code == "future"


def test_another_volunteer_cannot_record_the_visit(plan, actor, volunteer, make_member, heerde):
    other = make_member(Role.RESIDENT, heerde)
    visit = _assigned(plan, actor, volunteer)
    with pytest.raises(PermissionDenied):
        services.visit_record(
            visit=visit,
            result=Status.HELD,
            visited_on=timezone.localdate(),
            actor=Actor(user=other),
        )


# --- Follow-ups -------------------------------------------------------------------------------


def _held(plan, actor, volunteer, **fields):
    visit = _assigned(plan, actor, volunteer)
    return services.visit_record(
        visit=visit,
        result=Status.HELD,
        visited_on=timezone.localdate(),
        topics=[Topic.LONELINESS],
        follow_up=FollowUp.CONCERN,
        follow_up_wishes="Voelt zich eenzaam sinds haar man overleed.",
        actor=Actor(user=volunteer),
        **fields,
    )


def test_a_follow_up_becomes_a_concern_in_one_step(plan, actor, volunteer):
    visit = _held(plan, actor, volunteer)
    data = services.concern_data(visit)
    assert data["kind"] == Kind.LONELINESS
    concern = services.visit_follow_up_concern(visit=visit, data=data, actor=actor)
    assert concern.source == Source.STAFF
    assert concern.resident_name == visit.name
    assert concern.resident_postcode == visit.postcode
    assert concern.observation == "Voelt zich eenzaam sinds haar man overleed."
    visit.refresh_from_db()
    assert (visit.concern_id, visit.follow_up_done_on) == (concern.pk, timezone.localdate())
    with pytest.raises(ValidationError) as error:
        services.visit_follow_up_concern(visit=visit, data=data, actor=actor)
    assert error.value.code == "already_followed_up"


def test_a_volunteer_makes_no_follow_up(plan, actor, volunteer):
    visit = _held(plan, actor, volunteer)
    with pytest.raises(PermissionDenied):
        services.visit_follow_up_concern(
            visit=visit, data=services.concern_data(visit), actor=Actor(user=volunteer)
        )
    assert Concern.objects.count() == 0


CARER = {
    "first_name": "Greet",
    "last_name": "Jansen",
    "date_of_birth": datetime.date(1956, 3, 12),
    "reach_by": "phone",
    "phone": "0578123456",
    "postcode": "8181 AA",
    "street_address": "Kerkstraat 4",
    "town": "Heerde",
}


def test_a_follow_up_registers_a_carer_with_the_duplicate_check(plan, actor, volunteer):
    first = _held(plan, actor, volunteer)
    services.visit_follow_up_carer(visit=first, data=dict(CARER), actor=actor)
    first.refresh_from_db()
    assert first.caregiver_id is not None
    second = _held(plan, actor, volunteer)
    with pytest.raises(services.DuplicateCaregiver):
        services.visit_follow_up_carer(visit=second, data=dict(CARER), actor=actor)
    services.visit_follow_up_carer(visit=second, data=dict(CARER), actor=actor, on_duplicate="link")
    second.refresh_from_db()
    assert second.caregiver_id == first.caregiver_id
    assert Caregiver.objects.count() == 1


def test_a_follow_up_refers_the_resident_to_the_carer_consultants(
    plan, actor, volunteer, make_member, heerde
):
    """The welfare worker refers as a home visit; the consultants are told and the visit shows
    the referral's status. Nobody else may refer this way."""
    consultant = make_member(Role.CONSULTANT, heerde)
    visit = _held(plan, actor, volunteer)
    data = {
        "first_name": "Greet",
        "last_name": "Jansen",
        "postcode": "8181 aa",
        "phone": "0578123456",
        "reason": "Zorgt dag en nacht voor haar man; wil een gesprek.",
        "consent_confirmed": True,
    }
    with pytest.raises(PermissionDenied):
        services.visit_follow_up_referral(visit=visit, data=data, actor=Actor(user=volunteer))
    with pytest.raises(ValidationError) as error:
        services.visit_follow_up_referral(
            visit=visit, data={**data, "consent_confirmed": False}, actor=actor
        )
    assert "consent_confirmed" in error.value.message_dict
    incoming = services.visit_follow_up_referral(visit=visit, data=data, actor=actor)
    assert (incoming.referrer_kind, incoming.postcode) == ("home_visit", "8181 AA")
    assert incoming.submitted_by == actor.user
    visit.refresh_from_db()
    assert visit.incoming_referral_id == incoming.pk and visit.followed_up
    assert Notification.objects.filter(kind="incoming_referral", recipient=consultant).exists()
    with pytest.raises(ValidationError) as error:
        services.visit_follow_up_referral(visit=visit, data=data, actor=actor)
    assert error.value.code == "already_followed_up"
    assert IncomingReferral.objects.count() == 1


# --- Retention --------------------------------------------------------------------------------


def test_retention_removes_addresses_of_visits_not_held_after_the_plan(heerde):
    today = timezone.localdate()
    plan = VisitPlanFactory(
        municipality=heerde,
        starts_on=today - datetime.timedelta(days=300),
        ends_on=today - datetime.timedelta(days=100),
        remove_after_months=3,
    )
    gone = VisitFactory(plan=plan, status=Status.NOT_HOME, notes="Niemand thuis.")
    held = VisitFactory(plan=plan, status=Status.HELD, visited_on=today, notes="Goed gesprek.")
    recent = VisitPlanFactory(municipality=heerde, ends_on=today - datetime.timedelta(days=10))
    kept = VisitFactory(plan=recent, status=Status.PLANNED)
    assert services.homevisits_apply_retention(today) == 1
    gone.refresh_from_db()
    held.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.name, gone.street, gone.postcode, gone.notes) == (ANONYMOUS_NAME, "", "", "")
    assert held.notes == "Goed gesprek."
    assert kept.address_removed_at is None


def test_retention_anonymises_notes_after_12_months_unless_followed_up(heerde):
    today = timezone.localdate()
    long_ago = today - datetime.timedelta(days=400)
    plan = VisitPlanFactory(municipality=heerde, ends_on=today + datetime.timedelta(days=10))
    old = VisitFactory(plan=plan, status=Status.HELD, visited_on=long_ago, notes="Oud verhaal")
    concern = Concern.objects.create(
        municipality=heerde,
        resident_name="x",
        kind=Kind.LONELINESS,
        observation="x",
        consent="knows",
        source=Source.STAFF,
        first_contact_due=today,
    )
    followed = VisitFactory(
        plan=plan, status=Status.HELD, visited_on=long_ago, notes="Bewaard", concern=concern
    )
    assert services.homevisits_apply_retention(today) == 1
    old.refresh_from_db()
    followed.refresh_from_db()
    assert (old.notes, old.name) == ("", ANONYMOUS_NAME)
    assert followed.notes == "Bewaard"


def test_an_address_not_visited_goes_on_the_day_the_plans_months_have_passed_also_at_a_month_end(
    heerde,
):
    months = constants.DEFAULT_REMOVE_AFTER_MONTHS
    today, due, not_yet = month_end_boundary(months)

    def not_held(ends_on):
        plan = VisitPlanFactory(municipality=heerde, ends_on=ends_on, remove_after_months=months)
        return VisitFactory(plan=plan, status=Status.NOT_HOME)

    old, young = not_held(due), not_held(not_yet)
    assert services.homevisits_apply_retention(today) == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert old.address_removed_at is not None
    assert young.address_removed_at is None


def test_the_notes_of_a_visit_are_anonymised_on_the_day_its_months_have_passed_also_at_a_month_end(
    heerde,
):
    months = constants.NOTES_ANONYMISE_AFTER_MONTHS
    today, due, not_yet = month_end_boundary(months)
    plan = VisitPlanFactory(municipality=heerde, ends_on=today + datetime.timedelta(days=10))
    old = VisitFactory(plan=plan, status=Status.HELD, visited_on=due, notes="Oud verhaal")
    young = VisitFactory(plan=plan, status=Status.HELD, visited_on=not_yet, notes="Bewaard")
    assert services.homevisits_apply_retention(today) == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.notes, young.notes) == ("", "Bewaard")


# --- Figures and indicators -------------------------------------------------------------------


def test_indicators_count_held_visits_and_those_to_carers(heerde):
    period = Period.parse(f"{timezone.localdate().year}")
    day = period.start
    older = VisitPlanFactory(municipality=heerde, target_group=TargetGroup.OLDER)
    carers = VisitPlanFactory(municipality=heerde, target_group=TargetGroup.CARERS)
    VisitFactory.create_batch(2, plan=older, status=Status.HELD, visited_on=day)
    VisitFactory.create_batch(3, plan=carers, status=Status.HELD, visited_on=day)
    VisitFactory(plan=carers, status=Status.NOT_HOME, visited_on=day)
    VisitFactory(plan=carers, status=Status.HELD, visited_on=day, follow_up_done_on=day)
    result = selectors.visit_indicators(municipality=heerde, period=period)
    assert result["homevisits.held"].value == 6
    assert result["homevisits.held_carers"].value == 4
    assert result["homevisits.follow_ups"].value == 1


def test_the_figures_hide_small_numbers(heerde):
    period = Period.parse(f"{timezone.localdate().year}")
    plan = VisitPlanFactory(municipality=heerde, target_group=TargetGroup.CARERS)
    VisitFactory.create_batch(6, plan=plan, status=Status.HELD, visited_on=period.start)
    VisitFactory.create_batch(2, plan=plan, status=Status.DECLINED, visited_on=period.start)
    with translation.override("en"):
        stats = dict(selectors.visit_stats(municipality=heerde, period=period))
        held = dict(stats["Visits held"].rows)
    assert held["Carers"].value == 6
    assert held["Residents aged 75 and over"].value == 0
    assert stats["Declined"].total.suppressed
    assert all(figure.suppressed for _label, figure in stats["Declined"].rows if figure.value)


def test_plan_counts_are_one_query(heerde, worker, django_assert_num_queries):
    for _ in range(3):
        VisitFactory.create_batch(4, plan=VisitPlanFactory(municipality=heerde))
    with django_assert_num_queries(1):  # the plans with their counts
        rows = list(selectors.plan_list(user=worker))
    assert [r.total for r in rows] == [4, 4, 4]
    assert VisitPlan.objects.count() == 3
