"""Hours: logging by the volunteer, recording for a group, review, totals and the export."""

import datetime
import io
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent
from omzien.testing.errors import error_codes
from omzien.volunteering import constants
from omzien.volunteering.constants import HoursStatus
from omzien.volunteering.forms.hours import HoursLogForm
from omzien.volunteering.models import HoursEntry, HoursTransition
from omzien.volunteering.selectors import hours as selectors
from omzien.volunteering.services import hours as services
from omzien.volunteering.tests.factories import (
    HoursEntryFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PlacementFactory,
    ResponseFactory,
    RunningPlacementFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)


def codes(error: ValidationError) -> set[str]:
    return {code for found in error_codes(error).values() for code in found}


TODAY = datetime.date(2026, 6, 10)


@pytest.fixture
def volunteer(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Vera Vrijwilliger")


@pytest.fixture
def placement(heerde, organisation, volunteer):
    vacancy = VacancyFactory(organisation=organisation, domains=["sport", "youth_education"])
    profile = VolunteerProfileFactory(municipality=heerde, user=volunteer)
    response = ResponseFactory(
        vacancy=vacancy, profile=profile, status=constants.ResponseStatus.ACCEPTED
    )
    return RunningPlacementFactory(response=response, start_date=datetime.date(2026, 1, 1))


def _log(placement, volunteer, hours="2.5", day=TODAY, token=None, note=""):
    return services.hours_log(
        placement=placement,
        date=day,
        hours=Decimal(hours),
        note=note,
        token=token or uuid.uuid4(),
        actor=Actor(user=volunteer),
        today=TODAY,
    )


def test_the_volunteer_logs_hours_that_await_approval(placement, volunteer):
    entry = _log(placement, volunteer, note="  Training   gegeven ")
    assert entry.status == HoursStatus.SUBMITTED
    assert entry.note == "Training gegeven"
    assert entry.municipality_id == placement.municipality_id
    log = list(HoursTransition.objects.filter(entry=entry).values_list("from_status", "to_status"))
    assert log == [("", HoursStatus.SUBMITTED)]
    assert AuditEvent.objects.filter(object_type="volunteering.hoursentry").count() == 1


def test_a_retried_post_records_once(placement, volunteer):
    token = uuid.uuid4()
    first = _log(placement, volunteer, token=token)
    second = _log(placement, volunteer, token=token)
    assert first.pk == second.pk
    assert HoursEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("hours", "day", "code"),
    [
        ("0", TODAY, "hours_range"),
        ("24.25", TODAY, "hours_range"),
        ("1.1", TODAY, "hours_quarter"),
        ("2", TODAY + datetime.timedelta(days=1), "future"),
        ("2", datetime.date(2025, 12, 31), "before_start"),
    ],
)
def test_impossible_hours_are_refused(placement, volunteer, hours, day, code):
    with pytest.raises(ValidationError) as caught:
        _log(placement, volunteer, hours=hours, day=day)
    assert code in codes(caught.value)
    assert not HoursEntry.objects.exists()


def test_no_more_than_24_hours_a_day_across_organisations(heerde, placement, volunteer):
    _log(placement, volunteer, hours="20")
    other = RunningPlacementFactory(
        response=ResponseFactory(
            vacancy=VacancyFactory(organisation=OrganisationFactory(municipality=heerde)),
            profile=placement.profile,
            status=constants.ResponseStatus.ACCEPTED,
        ),
        start_date=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        _log(other, volunteer, hours="4.25")
    assert codes(caught.value) == {"day_over_24"}
    _log(other, volunteer, hours="4")  # exactly 24 is fine
    # Another day starts again.
    _log(other, volunteer, hours="8", day=TODAY - datetime.timedelta(days=1))


def test_rejected_hours_do_not_count_towards_the_day(placement, volunteer, org_admin):
    entry = _log(placement, volunteer, hours="20")
    services.hours_review(
        entry=entry,
        to_status=HoursStatus.REJECTED,
        note="Niet gewerkt",
        actor=Actor(user=org_admin),
    )
    _log(placement, volunteer, hours="20")


def test_only_the_volunteer_logs_in_their_placement(placement, org_admin, make_member, heerde):
    with pytest.raises(PermissionDenied):
        _log(placement, org_admin)
    with pytest.raises(PermissionDenied):
        _log(placement, make_member(Role.RESIDENT, heerde))


def test_no_hours_before_the_placement_started(heerde, organisation, volunteer):
    profile = VolunteerProfileFactory(municipality=heerde, user=volunteer)
    planned = PlacementFactory(
        response=ResponseFactory(
            vacancy=VacancyFactory(organisation=organisation),
            profile=profile,
            status=constants.ResponseStatus.ACCEPTED,
        )
    )
    with pytest.raises(ValidationError) as caught:
        _log(planned, volunteer)
    assert caught.value.code == "not_started"


def test_a_correction_keeps_the_volunteers_hours_beside_it(placement, volunteer, org_admin):
    entry = _log(placement, volunteer, hours="4")
    services.hours_review(
        entry=entry,
        to_status=HoursStatus.CORRECTED,
        corrected_hours=Decimal("3"),
        note="Om 12 uur klaar",
        expected=HoursStatus.SUBMITTED,
        actor=Actor(user=org_admin),
    )
    entry.refresh_from_db()
    assert (entry.status, entry.hours, entry.corrected_hours) == (HoursStatus.CORRECTED, 4, 3)
    assert entry.reviewed_by == org_admin
    assert selectors.total(HoursEntry.objects.all()) == Decimal(3)
    shown = selectors.hours_of_placement(placement=placement)
    assert shown[0].review_note == "Om 12 uur klaar"


def test_the_volunteer_is_told_of_a_correction_or_rejection_once(placement, volunteer, org_admin):
    from omzien.notifications.models import Notification

    corrected = _log(placement, volunteer, hours="4", day=TODAY)
    rejected = _log(placement, volunteer, hours="1", day=TODAY - datetime.timedelta(days=1))
    approved = _log(placement, volunteer, hours="2", day=TODAY - datetime.timedelta(days=2))
    actor = Actor(user=org_admin)
    services.hours_review(
        entry=corrected,
        to_status=HoursStatus.CORRECTED,
        corrected_hours=Decimal("3"),
        note="Tot 12 uur",
        actor=actor,
    )
    services.hours_review(
        entry=rejected, to_status=HoursStatus.REJECTED, note="Niet gewerkt", actor=actor
    )
    services.hours_review(entry=approved, to_status=HoursStatus.APPROVED, actor=actor)
    told = Notification.objects.filter(recipient=volunteer).order_by("kind")
    assert [n.kind for n in told] == ["hours_corrected", "hours_rejected"]
    assert all(n.url == reverse("volunteering:hours_mine") for n in told)
    assert not Notification.objects.filter(recipient=org_admin).exists()


@pytest.mark.parametrize(
    ("corrected", "note", "code"),
    [(None, "reden", "hours_range"), ("4", "reden", "same_hours"), ("3", "", "note_required")],
)
def test_a_correction_needs_other_hours_and_a_reason(
    placement, volunteer, org_admin, corrected, note, code
):
    entry = _log(placement, volunteer, hours="4")
    with pytest.raises(ValidationError) as caught:
        services.hours_review(
            entry=entry,
            to_status=HoursStatus.CORRECTED,
            corrected_hours=Decimal(corrected) if corrected else None,
            note=note,
            actor=Actor(user=org_admin),
        )
    assert code in codes(caught.value)
    entry.refresh_from_db()
    assert entry.status == HoursStatus.SUBMITTED and entry.corrected_hours is None


def test_bulk_approve_approves_only_own_waiting_hours(
    heerde, placement, volunteer, org_admin, make_member
):
    mine = [
        _log(placement, volunteer, hours="1", day=TODAY - datetime.timedelta(days=d))
        for d in (1, 2)
    ]
    elsewhere = HoursEntryFactory(placement__municipality=heerde)
    assert (
        services.hours_approve_many(entry_ids=[e.pk for e in mine], actor=Actor(user=org_admin))
        == 2
    )
    assert set(
        HoursEntry.objects.filter(pk__in=[e.pk for e in mine]).values_list("status", flat=True)
    ) == {HoursStatus.APPROVED}
    assert HoursTransition.objects.filter(to_status=HoursStatus.APPROVED).count() == 2
    # Again: nothing is waiting any more.
    assert (
        services.hours_approve_many(entry_ids=[e.pk for e in mine], actor=Actor(user=org_admin))
        == 0
    )
    with pytest.raises(PermissionDenied):
        services.hours_approve_many(entry_ids=[elsewhere.pk], actor=Actor(user=org_admin))
    elsewhere.refresh_from_db()
    assert elsewhere.status == HoursStatus.SUBMITTED


def _one_off_task(organisation, heerde, names, org_admin):
    start = datetime.datetime(2026, 6, 6, 9, 0, tzinfo=timezone.get_current_timezone())
    task = VacancyFactory(
        organisation=organisation,
        kind=constants.VacancyKind.ONE_OFF,
        day_parts=[],
        hours_per_week=None,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3, minutes=30),
        places=10,
    )
    placements = []
    for name in names:
        response = ResponseFactory(
            vacancy=task,
            profile=VolunteerProfileFactory(municipality=heerde, full_name=name),
            status=constants.ResponseStatus.ACCEPTED,
        )
        placements.append(
            RunningPlacementFactory(response=response, start_date=datetime.date(2026, 6, 6))
        )
    return task, placements


def test_a_one_off_tasks_attendance_becomes_approved_hours_in_one_step(
    heerde, organisation, org_admin
):
    task, placements = _one_off_task(organisation, heerde, ["Anna", "Bram", "Cor"], org_admin)
    assert selectors.task_hours(task) == Decimal("3.5")
    assert [p.profile.full_name for p in selectors.group_placements(vacancy=task)] == [
        "Anna",
        "Bram",
        "Cor",
    ]
    token = uuid.uuid4()
    present = placements[:2]

    def record():
        return services.hours_record_group(
            placements=present,
            hours={present[0].pk: Decimal("3.5"), present[1].pk: Decimal("2")},
            date=datetime.date(2026, 6, 6),
            token=token,
            actor=Actor(user=org_admin),
            today=TODAY,
        )

    entries = record()
    assert {(e.placement_id, e.hours, e.status, e.by_organisation) for e in entries} == {
        (present[0].pk, Decimal("3.5"), HoursStatus.APPROVED, True),
        (present[1].pk, Decimal("2"), HoursStatus.APPROVED, True),
    }
    assert record() and HoursEntry.objects.count() == 2  # the retried POST records nothing
    assert selectors.total(HoursEntry.objects.all()) == Decimal("5.5")


def test_group_hours_are_all_or_nothing(heerde, organisation, org_admin, make_member):
    task, placements = _one_off_task(organisation, heerde, ["Anna", "Bram"], org_admin)
    HoursEntryFactory(placement=placements[1], date=datetime.date(2026, 6, 6), hours=Decimal("22"))
    with pytest.raises(ValidationError) as caught:
        services.hours_record_group(
            placements=placements,
            hours={p.pk: Decimal("3") for p in placements},
            date=datetime.date(2026, 6, 6),
            token=uuid.uuid4(),
            actor=Actor(user=org_admin),
            today=TODAY,
        )
    assert caught.value.code == "day_over_24"
    assert HoursEntry.objects.count() == 1
    outsider = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=OrganisationFactory(municipality=heerde), user=outsider)
    with pytest.raises(PermissionDenied):
        services.hours_record_group(
            placements=placements[:1],
            hours={placements[0].pk: Decimal("3")},
            date=datetime.date(2026, 6, 6),
            token=uuid.uuid4(),
            actor=Actor(user=outsider),
            today=TODAY,
        )


def test_totals_per_volunteer_organisation_domain_and_year(heerde, placement, volunteer, org_admin):
    approved = _log(placement, volunteer, hours="3")
    services.hours_review(
        entry=approved, to_status=HoursStatus.APPROVED, actor=Actor(user=org_admin)
    )
    _log(placement, volunteer, hours="2", day=TODAY - datetime.timedelta(days=1))  # waiting
    HoursEntryFactory(
        placement=placement,
        date=datetime.date(2025, 12, 1),
        hours=Decimal(5),
        status=HoursStatus.APPROVED,
    )
    this_year = selectors.organisation_hours(
        organisation_id=placement.vacancy.organisation_id, year=2026
    )
    assert selectors.total(this_year) == Decimal(3)
    assert selectors.totals_per_volunteer(this_year) == [
        {"name": "Vera Vrijwilliger", "hours": Decimal(3), "waiting": Decimal(2)}
    ]
    assert {r["code"]: r["hours"] for r in selectors.totals_per_domain(this_year)} == {
        "youth_education": Decimal(3),
        "sport": Decimal(3),
    }
    broker = selectors.broker_hours(municipality_ids=[heerde.pk], year=2025)
    assert selectors.totals_per_organisation(broker) == [
        {"name": placement.vacancy.organisation.name, "hours": Decimal(5)}
    ]
    assert selectors.years_with_hours(HoursEntry.objects.all(), today=TODAY) == [2026, 2025]


def test_the_export_has_every_entry_and_the_totals(placement, volunteer, org_admin):
    entry = _log(placement, volunteer, hours="4", note="=HYPERLINK(1)")
    services.hours_review(
        entry=entry,
        to_status=HoursStatus.CORRECTED,
        corrected_hours=Decimal("3.5"),
        note="korter",
        actor=Actor(user=org_admin),
    )
    exported = selectors.hours_xlsx(
        title="Sportclub – 2026", queryset=HoursEntry.objects.all(), filename="uren.xlsx"
    )
    content = b"".join(exported.chunks)
    workbook = load_workbook(io.BytesIO(content))
    rows = list(workbook.worksheets[0].iter_rows(min_row=4, values_only=True))
    assert len(rows) == 1
    name, _org, _title, day, logged, _status, corrected, counts, note = rows[0]
    assert (name, logged, corrected, counts) == ("Vera Vrijwilliger", 4, 3.5, 3.5)
    assert day.date() == TODAY
    # Text as typed, stored as text: never a formula (common.spreadsheets).
    assert note == "=HYPERLINK(1)" and workbook.worksheets[0]["I4"].data_type == "s"
    totals = list(workbook.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert totals == [("Vera Vrijwilliger", 3.5, 0)]


def test_retention_deletes_old_hours_and_allowances(placement):
    from omzien.privacy.retention import rules
    from omzien.volunteering.models import Allowance
    from omzien.volunteering.services.retention import hours_and_allowances_apply_retention
    from omzien.volunteering.tests.factories import AllowanceFactory

    assert "volunteering_hours_and_allowances" in rules()
    kept = HoursEntryFactory(placement=placement, date=datetime.date(2024, 1, 1))
    old = HoursEntryFactory(placement=placement, date=datetime.date(2023, 12, 31))
    HoursTransition.objects.create(entry=old, to_status=HoursStatus.SUBMITTED)
    allowance_kept = AllowanceFactory(placement=placement, date=datetime.date(2019, 1, 1))
    AllowanceFactory(placement=placement, date=datetime.date(2018, 12, 31))
    assert hours_and_allowances_apply_retention(today=TODAY) == 2
    assert list(HoursEntry.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not HoursTransition.objects.filter(entry_id=old.pk).exists()
    assert list(Allowance.objects.values_list("pk", flat=True)) == [allowance_kept.pk]


@pytest.mark.parametrize(
    ("typed", "code"),
    [("1e400", "invalid"), ("-1e400", "invalid"), ("1e-400", "min_value"), ("2.3", "step_size")],
)
def test_the_hours_field_refuses_numbers_it_cannot_check(typed, code):
    """A number too large to be a float once crashed the quarter-hour check."""
    form = HoursLogForm(data={"date": TODAY.isoformat(), "hours": typed, "token": uuid.uuid4()})
    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()["hours"]][:1] == [code]
