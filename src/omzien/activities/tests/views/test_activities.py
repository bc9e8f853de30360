"""The organiser's pages: an organisation member and a consultant add an activity, see the
sign-ups, mark attendance, export the list and the phone list, cancel a date."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from omzien.accounts.constants import Role
from omzien.activities import constants
from omzien.activities.models import Activity, SignUp
from omzien.activities.tests.factories import ActivityFactory, OccurrenceFactory, SignUpFactory
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(heerde, make_member):
    user = make_member(Role.ORGANISATION_MEMBER, heerde)
    organisation = OrganisationFactory(municipality=heerde, name="Stip Heerde")
    OrganisationMemberFactory(organisation=organisation, user=user)
    return user, organisation


def form_data(**changes):
    day = timezone.localdate() + datetime.timedelta(days=10)
    return {
        "title": "Alzheimer Café",
        "description": "Informatie en ontmoeting over dementie.",
        "kind": constants.Kind.MEETING,
        "address": "Het Dorpshuis",
        "capacity": "30",
        "cost": "",
        "signup_required": "on",
        "duration_minutes": "120",
        "target_groups": ["dementia", "carers"],
        "first_date": day.isoformat(),
        "start_time": "19:30",
        "repeat": constants.Repeat.MONTHLY_NTH,
        "count": "4",
        **changes,
    }


def test_a_member_adds_an_activity_and_edits_its_dates(client, member):
    user, organisation = member
    client.force_login(user)
    url = reverse("activities:org_create", args=[organisation.pk])
    response = client.post(url, form_data(address="", online_url=""))
    assert response.status_code == 200
    assert "Vul een adres in, of een online link." in response.content.decode()
    response = client.post(url, form_data())
    activity = Activity.objects.get()
    assert response["Location"] == reverse(
        "activities:org_detail", args=[organisation.pk, activity.pk]
    )
    assert activity.organisation == organisation and activity.occurrences.count() == 4
    detail = client.get(response["Location"]).content.decode()
    assert "Alzheimer Café" in detail
    edit = reverse("activities:org_edit", args=[organisation.pk, activity.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, form_data(count="6", version="1"))
    assert response.status_code == 302
    assert activity.occurrences.count() == 6
    # A stale form: the conflict message, nothing saved.
    response = client.post(edit, form_data(count="2", version="1"))
    assert activity.occurrences.count() == 6


def test_a_pending_organisation_has_no_organiser_pages(client, heerde, make_member):
    user = make_member(Role.ORGANISATION_MEMBER, heerde)
    pending = OrganisationFactory(municipality=heerde, status=OrganisationStatus.PENDING)
    OrganisationMemberFactory(organisation=pending, user=user)
    client.force_login(user)
    assert client.get(reverse("activities:org_list", args=[pending.pk])).status_code == 404


@pytest.fixture
def held_date(heerde):
    activity = ActivityFactory(municipality=heerde, title="Lotgenotenbijeenkomst")
    date = OccurrenceFactory(
        activity=activity, starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    SignUpFactory(occurrence=date, name="Anna de Vries", email="anna@example.org")
    SignUpFactory(occurrence=date, name="Bert Smit", email="", phone="0578-123456")
    return date


def test_a_consultant_marks_attendance_and_exports(client, heerde, make_member, held_date):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, consultant)
    url = reverse("activities:staff_date", args=[held_date.activity_id, held_date.pk])
    page = client.get(url).content.decode()
    assert "Anna de Vries" in page and "0578-123456" in page
    assert AuditEvent.objects.filter(action="view", reason="activity sign-ups").exists()
    anna = SignUp.objects.get(name="Anna de Vries")
    client.post(url, {"signup": anna.pk, "status": "attended"})
    anna.refresh_from_db()
    assert anna.status == constants.SignUpStatus.ATTENDED
    response = client.get(
        reverse("activities:staff_export", args=[held_date.activity_id, held_date.pk])
    )
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[3][:4] == ("Anna de Vries", "anna@example.org", None, "Aanwezig")
    assert AuditEvent.objects.filter(action="export").exists()
    phones = client.get(
        reverse("activities:staff_phones", args=[held_date.activity_id, held_date.pk])
    ).content.decode()
    assert "Bert Smit" in phones and "Anna de Vries" not in phones


def test_the_export_keeps_a_typed_formula_as_text(client, heerde, make_member, held_date):
    """A sign-up is open to anyone: a name typed as a formula stays text in the organiser's
    sheet (no live link), and a control character in it does not break the export."""
    SignUpFactory(occurrence=held_date, name='=HYPERLINK("https://example.org";"Klik")')
    SignUpFactory(occurrence=held_date, name="Cor\x0bCornelissen")
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, consultant)
    response = client.get(
        reverse("activities:staff_export", args=[held_date.activity_id, held_date.pk])
    )
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    names = {row[0].value: row[0].data_type for row in sheet.iter_rows(min_row=4)}
    assert names['=HYPERLINK("https://example.org";"Klik")'] == "s"
    assert "CorCornelissen" in names


def test_the_organiser_cancels_a_coming_date(
    client, heerde, make_member, mailoutbox, django_capture_on_commit_callbacks
):
    broker = make_member(Role.BROKER, heerde, totp=True)
    login_verified(client, broker)
    date = OccurrenceFactory(activity=ActivityFactory(municipality=heerde))
    SignUpFactory(occurrence=date, email="anna@example.org")
    url = reverse("activities:staff_cancel", args=[date.activity_id, date.pk])
    response = client.post(url, {"message": ""})
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "De zaal is dicht."})
    assert response.status_code == 302
    date.refresh_from_db()
    assert date.is_cancelled
    assert [m.to for m in mailoutbox] == [["anna@example.org"]]
    assert "De zaal is dicht." in mailoutbox[0].body


@pytest.mark.parametrize("page", ["list", "date"])
def test_organiser_pages_cost_the_same_at_one_and_five_times(client, heerde, make_member, page):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, consultant)
    activity = ActivityFactory(municipality=heerde)
    date = OccurrenceFactory(activity=activity)

    def grow(n):
        for _ in range(n):
            OccurrenceFactory(activity=ActivityFactory(municipality=heerde))
            SignUpFactory(occurrence=date)

    url = (
        reverse("activities:staff_list")
        if page == "list"
        else reverse("activities:staff_date", args=[activity.pk, date.pk])
    )
    grow(1)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(4)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_the_figures_page(client, heerde, make_member):
    advisor = make_member(Role.POLICY_ADVISOR, heerde, totp=True)
    login_verified(client, advisor)
    response = client.get(
        reverse("activities:figures"), {"period": f"{timezone.localdate().year - 1}"}
    )
    assert response.status_code == 200
    assert "Aanwezig bij een lotgenotenbijeenkomst" in response.content.decode()
