"""The staff pages of applications as an appreciation officer or consultant (the walk covers the
other roles): the queue, an application, deciding (and a stale decision), the sample, a
correction, a paper objection, the consultant's and the paper entry."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application
from omzien.appreciation.tests.factories import (
    TEST_IBAN,
    AgeBandFactory,
    ApplicationFactory,
    RoundFactory,
)
from omzien.appreciation.tests.views.test_public import form_data
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import LocalityFactory, PostcodeFactory
from omzien.testing.demo import in_writing_order
from omzien.testing.login import login_verified
from omzien.ui.startpage import sections_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(heerde):
    PostcodeFactory(code="8181", locality=LocalityFactory(municipality=heerde, name="Heerde"))
    found = RoundFactory(municipality=heerde, name="Mantelzorgwaardering Heerde")
    AgeBandFactory(round=found, min_age=18, amount=Decimal("100.00"))
    return found


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)


@pytest.fixture
def staff_client(client, officer):
    return login_verified(client, officer)


def test_queue_filters_and_shows_the_columns(staff_client, round_, dalfsen, officer):
    sampled = ApplicationFactory(
        round=round_,
        first_name="Anna",
        last_name="Jansen",
        sampled=True,
        check_results=[{"code": "hours", "message": "Te weinig uren", "applicant": True}],
    )
    ApplicationFactory(
        round=round_, first_name="Bert", last_name="Smit", status=ApplicationStatus.GRANTED
    )
    ApplicationFactory(round=RoundFactory(municipality=dalfsen), first_name="Dirk")
    url = reverse("appreciation:application_list", args=[round_.pk])
    page = staff_client.get(url).content.decode()
    assert sampled.number in page and "Bert Smit" in page and "Dirk" not in page
    assert "Te controleren" in page  # the sample mark
    only_hours = staff_client.get(url, {"check": "hours"}).content.decode()
    assert "Anna Jansen" in only_hours and "Bert Smit" not in only_hours
    granted = staff_client.get(url, {"status": ApplicationStatus.GRANTED}).content.decode()
    assert "Bert Smit" in granted and "Anna Jansen" not in granted
    assert "Bert Smit" in staff_client.get(url, {"q": "smit"}).content.decode()
    # The start page's "sampled applications to check" leads here: only those still to check.
    ApplicationFactory(
        round=round_, first_name="Cees", sampled=True, sample_checked_at=timezone.now()
    )
    to_check = staff_client.get(url, {"sample": "1"}).content.decode()
    assert "Anna Jansen" in to_check and "Bert Smit" not in to_check and "Cees" not in to_check
    todo = next(
        todo
        for section in sections_for(officer)
        for todo in section.todos
        if "steekproef" in str(todo.label)
    )
    assert todo.url == f"{url}?sample=1" and todo.count == 1


def test_detail_masks_the_iban_and_explains_the_checks(staff_client, round_):
    application = ApplicationFactory(
        round=round_,
        check_results=[
            {"code": "hours", "message": "Minder dan 8 uur zorg per week.", "applicant": True}
        ],
    )
    page = staff_client.get(
        reverse("appreciation:application_detail", args=[application.pk])
    ).content.decode()
    assert TEST_IBAN not in page
    assert application.masked_iban in page
    assert "Minder dan 8 uur zorg per week." in page
    assert "de aanvrager kan dit verbeteren" in page
    assert AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_grant_and_a_stale_second_decision(staff_client, round_):
    application = ApplicationFactory(round=round_, amount=Decimal("100"))
    url = reverse("appreciation:application_decide", args=[application.pk])
    assert TEST_IBAN in staff_client.get(url).content.decode()  # full IBAN where it is checked
    seen = {"expected": ApplicationStatus.SUBMITTED, "version": application.version}
    response = staff_client.post(url, {"decision": ApplicationStatus.GRANTED, **seen})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.GRANTED
    assert application.amount == Decimal("100.00")
    # A second officer who opened the page before the grant refuses: told, nothing changes.
    stale = staff_client.post(
        url,
        {"decision": ApplicationStatus.REFUSED, "reason": constants.Check.HOURS, **seen},
        follow=True,
    )
    assert "Iemand anders heeft over deze aanvraag beslist" in stale.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.GRANTED


def test_a_refusal_needs_a_reason(staff_client, round_):
    application = ApplicationFactory(round=round_)
    url = reverse("appreciation:application_decide", args=[application.pk])
    data = {
        "decision": ApplicationStatus.REFUSED,
        "expected": ApplicationStatus.SUBMITTED,
        "version": application.version,
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Verbeter het volgende" in response.content.decode()
    response = staff_client.post(
        url, {**data, "reason": constants.Check.HOURS, "note": "8 uur nodig"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.refusal_reason) == (
        ApplicationStatus.REFUSED,
        constants.Check.HOURS,
    )


def test_the_sample_is_checked_before_granting(staff_client, round_):
    application = ApplicationFactory(round=round_, sampled=True)
    staff_client.post(reverse("appreciation:application_sample_checked", args=[application.pk]))
    application.refresh_from_db()
    assert application.sample_checked_at is not None


def test_correct_the_iban_and_a_version_conflict(staff_client, round_):
    application = ApplicationFactory(round=round_, iban="")
    url = reverse("appreciation:application_correct", args=[application.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="version"' in page
    data = form_data(version=application.version)
    del data["submission_key"]
    assert staff_client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert application.iban == "NL91ABNA0417164300"
    stale = staff_client.post(url, {**data, "iban": "DE89370400440532013000"}, follow=True)
    assert "Iemand anders heeft deze aanvraag gewijzigd" in stale.content.decode()
    application.refresh_from_db()
    assert application.iban == "NL91ABNA0417164300"


def test_record_an_objection_on_paper(staff_client, round_):
    application = ApplicationFactory(
        round=round_,
        status=ApplicationStatus.REFUSED,
        refusal_reason=constants.Check.HOURS,
        objection_until=timezone.localdate() + datetime.timedelta(days=5),
    )
    url = reverse("appreciation:application_objection", args=[application.pk])
    response = staff_client.post(
        url, {"objection": "Per brief: 9 uur.", "expected": ApplicationStatus.REFUSED}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.OBJECTED


def test_paper_entry_keeps_the_day_it_came_in(staff_client, round_):
    url = reverse("appreciation:application_paper", args=[round_.pk])
    came_in = timezone.localdate() - datetime.timedelta(days=3)
    data = form_data(received_on=came_in.isoformat(), filled_in_by=constants.FilledInBy.STAFF)
    response = staff_client.post(url, data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.channel, application.received_on) == (constants.Channel.PAPER, came_in)
    assert response["Location"] == reverse("appreciation:application_detail", args=[application.pk])


def test_a_consultant_applies_for_a_registered_carer(client, make_member, round_):
    consultant = make_member(Role.CONSULTANT, round_.municipality, totp=True)
    login_verified(client, consultant)
    carer = CaregiverFactory(
        municipality=round_.municipality,
        first_name="Carla",
        last_name="Zorgman",
        date_of_birth=datetime.date(1970, 1, 1),
        street_address="Stationsweg 4",
        postcode="8181 AB",
        town="Heerde",
    )
    url = reverse("appreciation:application_for_carer", args=[round_.pk])
    found = client.get(url, {"q": "Zorgman"}).content.decode()
    assert f"?caregiver={carer.pk}" in found
    page = client.get(url, {"caregiver": carer.pk}).content.decode()
    assert 'value="Zorgman"' in page and 'value="Stationsweg"' in page
    data = form_data(
        caregiver=carer.pk,
        first_name="Carla",
        last_name="Zorgman",
        date_of_birth="1970-01-01",
        filled_in_by=constants.FilledInBy.STAFF,
    )
    assert client.post(url, data).status_code == 302
    application = Application.objects.get()
    assert (application.channel, application.caregiver) == (constants.Channel.CONSULTANT, carer)


def test_the_demo_queue_shows_real_work(client, heerde, dalfsen, make_member):
    from omzien.appreciation import demo

    make_member(Role.MUNICIPALITY_ADMIN, heerde)
    make_member(Role.CONSULTANT, heerde)
    officer = make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)
    PostcodeFactory(code="8181", locality=LocalityFactory(municipality=heerde, name="Heerde"))
    demo.load()
    assert demo.load_applications() == {"applications": 40}
    assert demo.load_applications() == {"applications": 0}  # idempotent
    round_ = Application.objects.filter(municipality=heerde).first().round
    channels = set(Application.objects.values_list("channel", flat=True))
    assert {constants.Channel.ONLINE, constants.Channel.PAPER} <= channels
    statuses = set(Application.objects.values_list("status", flat=True))
    assert ApplicationStatus.SUBMITTED in statuses
    assert statuses & {ApplicationStatus.GRANTED, ApplicationStatus.PAID}
    # They came in all through the round so far, not on one day.
    days_open = (timezone.localdate() - round_.opens_on).days + 1
    assert Application.objects.values("received_on").distinct().count() >= min(10, days_open)
    for application in Application.objects.prefetch_related("transitions"):
        submitted = in_writing_order(application.transitions.all())[0]
        assert timezone.localdate(submitted.created_at) == application.received_on
    login_verified(client, officer)
    page = client.get(reverse("appreciation:application_list", args=[round_.pk]))
    assert "Aanvragen in deze ronde van Heerde: 40." in page.content.decode()


def test_grant_every_application_that_passed_from_the_queue(staff_client, round_):
    passed = ApplicationFactory(round=round_, check_results=[])
    failed = ApplicationFactory(
        round=round_,
        check_results=[{"code": "hours", "message": "Te weinig uren", "applicant": True}],
    )
    queue = reverse("appreciation:application_list", args=[round_.pk])
    page = staff_client.get(queue).content.decode()
    assert "1 ingediende aanvraag voldoet aan elke controle" in page
    answer = staff_client.post(
        reverse("appreciation:application_grant_passed", args=[round_.pk]), follow=True
    )
    assert "Toegekend: 1." in answer.content.decode()
    passed.refresh_from_db()
    failed.refresh_from_db()
    assert (passed.status, failed.status) == (
        ApplicationStatus.GRANTED,
        ApplicationStatus.SUBMITTED,
    )
    assert "in één keer" not in staff_client.get(queue).content.decode()


def test_the_demo_has_applications_made_with_an_invitation_code(heerde, dalfsen, make_member):
    from omzien.appreciation import demo
    from omzien.appreciation.models import Invitation
    from omzien.caregivers.tests.factories import CaregiverFactory

    make_member(Role.MUNICIPALITY_ADMIN, heerde)
    make_member(Role.CONSULTANT, heerde)
    make_member(Role.APPRECIATION_OFFICER, heerde)
    PostcodeFactory(code="8181", locality=LocalityFactory(municipality=heerde, name="Heerde"))
    for _ in range(20):
        CaregiverFactory(municipality=heerde, postcode="8181 AB", town="Heerde")
    demo.load()
    assert demo.load_applications() == {"applications": 40 + demo.INVITED}
    invited = Application.objects.filter(channel=constants.Channel.INVITATION)
    assert invited.count() == demo.INVITED
    for application in invited:
        invitation = Invitation.objects.get(used_by=application)
        assert application.caregiver == invitation.caregiver
        assert application.round == invitation.round
    consultant = Application.objects.filter(channel=constants.Channel.CONSULTANT)
    assert not set(consultant.values_list("caregiver", flat=True)) & set(
        invited.values_list("caregiver", flat=True)
    )
