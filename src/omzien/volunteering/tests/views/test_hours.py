"""The hours pages: the volunteer's form, the organisation's inbox, review, group and totals,
the broker's totals, and the exports."""

import datetime
import io
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from omzien.accounts.constants import Role
from omzien.common.models import ExportJob
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.volunteering import constants
from omzien.volunteering.constants import HoursStatus
from omzien.volunteering.models import HoursEntry
from omzien.volunteering.tests.factories import (
    HoursEntryFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    ResponseFactory,
    RunningPlacementFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

TODAY = timezone.localdate()


@pytest.fixture
def volunteer(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Vera de Vries")


@pytest.fixture
def placement(heerde, organisation, volunteer):
    response = ResponseFactory(
        vacancy=VacancyFactory(organisation=organisation, title="Trainer jeugd"),
        profile=VolunteerProfileFactory(municipality=heerde, user=volunteer),
        status=constants.ResponseStatus.ACCEPTED,
    )
    return RunningPlacementFactory(response=response)


@pytest.fixture
def volunteer_client(client, volunteer):
    client.force_login(volunteer)
    return client


def test_the_volunteer_logs_hours_with_today_as_the_default(volunteer_client, placement):
    url = reverse("volunteering:hours_log", args=[placement.pk])
    page = volunteer_client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form["date"].value() == TODAY
    token = form["token"].value()
    data = {"date": TODAY.isoformat(), "hours": "2.5", "note": "", "token": str(token)}
    answer = volunteer_client.post(url, data)
    assert answer.status_code == 302
    # The same form sent again (a retry) records nothing more.
    volunteer_client.post(url, data)
    entry = HoursEntry.objects.get()
    assert (entry.hours, entry.status, entry.date) == (Decimal("2.5"), HoursStatus.SUBMITTED, TODAY)
    page = volunteer_client.get(url)
    assert "Wacht op goedkeuring" in page.content.decode()
    assert page.context["form"]["token"].value() != token  # a new form, a new token


def test_the_volunteers_errors_are_dutch(volunteer_client, placement):
    url = reverse("volunteering:hours_log", args=[placement.pk])
    tomorrow = TODAY + datetime.timedelta(days=1)
    page = volunteer_client.post(
        url, {"date": tomorrow.isoformat(), "hours": "1.1", "token": str(uuid.uuid4())}
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert errors["date"] == ["De datum kan niet in de toekomst liggen."]
    assert "kwartier" in errors["hours"][0]
    HoursEntryFactory(placement=placement, date=TODAY, hours=Decimal(20))
    page = volunteer_client.post(
        url, {"date": TODAY.isoformat(), "hours": "5", "token": str(uuid.uuid4())}
    )
    assert "meer dan 24 uur" in page.context["form"].errors["hours"][0]
    assert HoursEntry.objects.count() == 1


def test_another_volunteers_placement_is_not_found(client, make_member, heerde, placement):
    client.force_login(make_member(Role.RESIDENT, heerde))
    assert client.get(reverse("volunteering:hours_log", args=[placement.pk])).status_code == 404


def test_the_organisation_approves_the_ticked_hours(org_client, placement, heerde):
    waiting = [
        HoursEntryFactory(placement=placement, date=TODAY - datetime.timedelta(days=d))
        for d in (1, 2, 3)
    ]
    other = HoursEntryFactory(placement__response__vacancy__organisation__municipality=heerde)
    page = org_client.get(reverse("volunteering:hours_inbox"))
    assert [e.pk for e in page.context["entries"]] == [e.pk for e in reversed(waiting)]
    answer = org_client.post(
        reverse("volunteering:hours_inbox"),
        {"entries": [waiting[0].pk, waiting[1].pk, other.pk]},
    )
    # Hours of another organisation are no choice: nothing is approved.
    assert answer.status_code == 200
    assert not HoursEntry.objects.filter(status=HoursStatus.APPROVED).exists()
    org_client.post(
        reverse("volunteering:hours_inbox"), {"entries": [waiting[0].pk, waiting[1].pk]}
    )
    assert set(
        HoursEntry.objects.filter(status=HoursStatus.APPROVED).values_list("pk", flat=True)
    ) == {
        waiting[0].pk,
        waiting[1].pk,
    }


def test_the_organisation_corrects_hours_with_a_reason(org_client, placement):
    entry = HoursEntryFactory(placement=placement, hours=Decimal(4))
    url = reverse("volunteering:hours_review", args=[entry.pk])
    page = org_client.post(
        url,
        {
            "to_status": HoursStatus.CORRECTED,
            "corrected_hours": "3",
            "note": "",
            "expected": HoursStatus.SUBMITTED,
        },
    )
    assert page.status_code == 200
    assert page.context["form"].errors["note"] == [
        "Geef de reden, zodat de vrijwilliger weet waarom."
    ]
    answer = org_client.post(
        url,
        {
            "to_status": HoursStatus.CORRECTED,
            "corrected_hours": "3",
            "note": "Tot 12 uur",
            "expected": HoursStatus.SUBMITTED,
        },
    )
    assert answer.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.hours, entry.corrected_hours) == (HoursStatus.CORRECTED, 4, 3)


def test_hours_of_another_organisation_are_not_found(org_client, heerde):
    entry = HoursEntryFactory(placement__response__vacancy__organisation__municipality=heerde)
    assert org_client.get(reverse("volunteering:hours_review", args=[entry.pk])).status_code == 404


def test_a_one_off_tasks_attendance_becomes_hours(org_client, organisation, heerde):
    start = timezone.now() - datetime.timedelta(days=2)
    task = VacancyFactory(
        organisation=organisation,
        kind=constants.VacancyKind.ONE_OFF,
        day_parts=[],
        hours_per_week=None,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        places=5,
    )
    placements = [
        RunningPlacementFactory(
            response=ResponseFactory(
                vacancy=task,
                profile=VolunteerProfileFactory(municipality=heerde, full_name=name),
                status=constants.ResponseStatus.ACCEPTED,
            ),
            start_date=timezone.localtime(start).date(),
        )
        for name in ("Anna", "Bram")
    ]
    url = reverse("volunteering:hours_group", args=[task.pk])
    page = org_client.get(url)
    form = page.context["form"]
    assert form[f"hours_{placements[0].pk}"].value() == Decimal(3)
    assert form["date"].value() == timezone.localtime(start).date()
    data = {
        "date": timezone.localtime(start).date().isoformat(),
        "token": str(form["token"].value()),
        f"present_{placements[0].pk}": "on",
        f"hours_{placements[0].pk}": "3",
        f"hours_{placements[1].pk}": "3",
    }
    assert org_client.post(url, data).status_code == 302
    assert org_client.post(url, data).status_code == 302  # sent twice
    entry = HoursEntry.objects.get()
    assert (entry.placement_id, entry.status, entry.by_organisation) == (
        placements[0].pk,
        HoursStatus.APPROVED,
        True,
    )


def test_the_organisations_totals_and_export(org_client, organisation, placement):
    HoursEntryFactory(placement=placement, status=HoursStatus.APPROVED, hours=Decimal("2.5"))
    HoursEntryFactory(placement=placement, hours=Decimal(1))
    page = org_client.get(reverse("volunteering:hours_organisation", args=[organisation.pk]))
    assert page.context["total"] == Decimal("2.5")
    assert page.context["volunteers"][0]["waiting"] == Decimal(1)
    answer = org_client.get(
        reverse("volunteering:hours_organisation_export", args=[organisation.pk]),
        {"year": TODAY.year},
    )
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(answer.streaming_content))).worksheets[0]
    assert sheet.max_row == 5  # title, blank, header, two entries


def test_a_member_of_another_organisation_gets_no_totals(client, make_member, heerde, organisation):
    outsider = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=OrganisationFactory(municipality=heerde), user=outsider)
    client.force_login(outsider)
    for name in ("hours_organisation", "hours_organisation_export"):
        assert (
            client.get(reverse(f"volunteering:{name}", args=[organisation.pk])).status_code == 404
        )


def test_the_broker_sees_their_municipalitys_hours(broker_client, placement, epe):
    HoursEntryFactory(placement=placement, status=HoursStatus.APPROVED, hours=Decimal(6))
    HoursEntryFactory(
        placement__response__vacancy__organisation__municipality=epe,
        status=HoursStatus.APPROVED,
        hours=Decimal(9),
    )
    page = broker_client.get(reverse("volunteering:hours_broker"))
    assert page.context["total"] == Decimal(6)
    assert page.context["organisations"] == [{"name": "Sportclub Heerde", "hours": Decimal(6)}]
    answer = broker_client.get(reverse("volunteering:hours_broker_export"))
    sheet = load_workbook(io.BytesIO(b"".join(answer.streaming_content))).worksheets[0]
    assert sheet.max_row == 4


def test_the_municipalitys_insurance_text_is_on_vacancy_pages_and_for_organisations(
    client, org_client, heerde, organisation
):
    vacancy = VacancyFactory(organisation=organisation)
    # Without a text, no heading.
    assert (
        "Verzekerd als vrijwilliger"
        not in client.get(
            reverse("volunteering:vacancy_detail", args=[vacancy.pk])
        ).content.decode()
    )
    heerde.volunteer_insurance_text = (
        "Gedekt: aansprakelijkheid en ongevallen.\n\nSchade melden bij de gemeente."
    )
    heerde.save(update_fields=["volunteer_insurance_text"])
    page = client.get(reverse("volunteering:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "Verzekerd als vrijwilliger" in page
    assert "<p>Gedekt: aansprakelijkheid en ongevallen.</p>" in page
    page = org_client.get(reverse("volunteering:organisation_mine")).content.decode()
    assert "Vrijwilligersverzekering" in page and "Schade melden bij de gemeente." in page


# --- Large exports in the background (common.exports) ------------------------------------------


def _cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [
        (sheet.title, [[(c.value, c.number_format) for c in row] for row in sheet])
        for sheet in workbook.worksheets
    ]


def _in_background(client, url, settings, capture, back: str):
    """The same export at once and, with the threshold below its size, through a job: the
    files' cells, the job's page leading ``back`` to the hours of the year, and the job."""
    immediate = b"".join(client.get(url, {"year": TODAY.year}).streaming_content)
    settings.OMZIEN_EXPORT_BACKGROUND_ROWS = 1
    with capture(execute=True):
        answer = client.get(url, {"year": TODAY.year})
    job = ExportJob.objects.get()
    assert answer["Location"] == reverse("common:export_job", args=[job.pk])
    page = client.get(answer["Location"]).content.decode()
    assert f'href="{back}?year={TODAY.year}">Terug naar de uren</a>' in page
    download = client.get(reverse("common:export_download", args=[job.pk]))
    assert download.status_code == 200
    assert _cells(b"".join(download.streaming_content)) == _cells(immediate)
    return job


def test_a_large_organisation_export_is_made_in_the_background_for_its_member_only(
    org_client,
    client,
    make_member,
    heerde,
    organisation,
    placement,
    settings,
    django_capture_on_commit_callbacks,
):
    HoursEntryFactory(
        placement=placement, status=HoursStatus.APPROVED, hours=Decimal("2.5"), note="=1+1"
    )
    HoursEntryFactory(placement=placement, hours=Decimal(1))
    url = reverse("volunteering:hours_organisation_export", args=[organisation.pk])
    back = reverse("volunteering:hours_organisation", args=[organisation.pk])
    job = _in_background(org_client, url, settings, django_capture_on_commit_callbacks, back)
    assert (job.status, job.rows_total) == (ExportJob.Status.DONE, 2)
    events = AuditEvent.objects.filter(action=AuditAction.EXPORT, reason="hours (xlsx)")
    assert [e.extra for e in events.order_by("pk")] == [
        {"year": TODAY.year, "rows": 2},
        {"year": TODAY.year, "rows": 2, "export_job": job.pk},
    ]
    # Another member of the same organisation does not reach it.
    colleague = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=colleague)
    client.force_login(colleague)
    assert client.get(reverse("common:export_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("common:export_download", args=[job.pk])).status_code == 404


def test_a_large_broker_export_is_made_in_the_background(
    broker_client, placement, settings, django_capture_on_commit_callbacks
):
    for _ in range(3):
        HoursEntryFactory(placement=placement, status=HoursStatus.APPROVED, hours=Decimal(2))
    url = reverse("volunteering:hours_broker_export")
    back = reverse("volunteering:hours_broker")
    job = _in_background(broker_client, url, settings, django_capture_on_commit_callbacks, back)
    assert job.params["title"] == f"Heerde – {TODAY.year}"
    assert AuditEvent.objects.filter(extra__export_job=job.pk).count() == 1
