"""VOG, VOG requests and certificates: the services, the reminders and the pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.notifications.models import Notification
from omzien.testing.errors import error_codes
from omzien.volunteering import constants
from omzien.volunteering.models import Placement, Qualification, Vog, VogRequest
from omzien.volunteering.selectors.vog import vog_fits
from omzien.volunteering.services import responses as response_services
from omzien.volunteering.services import vog as services
from omzien.volunteering.services.retention import vog_requests_apply_retention
from omzien.volunteering.tests.factories import (
    OrganisationMemberFactory,
    QualificationFactory,
    ResponseFactory,
    VacancyFactory,
    VogFactory,
    VogRequestFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
Status = constants.VogRequestStatus


@pytest.fixture
def volunteer(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Vera de Vries")


@pytest.fixture
def vacancy(organisation):
    return VacancyFactory(
        organisation=organisation,
        municipality=organisation.municipality,
        vog_required=True,
        vog_aspects=[constants.VogAspect.CARE_FOR_MINORS],
    )


@pytest.fixture
def accepted(vacancy, volunteer, heerde, org_admin):
    profile = VolunteerProfileFactory(municipality=heerde, user=volunteer)
    response = ResponseFactory(vacancy=vacancy, profile=profile)
    return response_services.response_transition(
        response=response, to_status=constants.ResponseStatus.ACCEPTED, actor=Actor(org_admin)
    )


def start(response, org_admin) -> VogRequest:
    return services.vog_request_start(
        response=response, aspects=response.vacancy.vog_aspects, actor=Actor(org_admin)
    )


# --- Requests -------------------------------------------------------------------------------


def test_a_vog_request_runs_from_selection_to_the_placement_start(
    accepted, org_admin, volunteer, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    organisation.free_vog = True
    organisation.save()
    with django_capture_on_commit_callbacks(execute=True):
        request = start(accepted, org_admin)
    assert (request.status, request.free, request.aspects) == (Status.REQUESTED, True, ["84"])
    assert list(request.transitions.values_list("from_status", "to_status")) == [
        ("", Status.REQUESTED)
    ]
    # The volunteer is notified and mailed what to do (Justis's e-screener, DigiD, free).
    assert Notification.objects.filter(recipient=volunteer, kind="vog_request").count() == 1
    (mail,) = [m for m in mailoutbox if m.to == [volunteer.email] and "e-screener" in m.body]
    assert "e-screener" in mail.body and "DigiD" in mail.body and "Gratis VOG" in mail.body
    # The start waits for the VOG.
    placement = Placement.objects.get(response=accepted)
    with pytest.raises(ValidationError) as caught:
        response_services.placement_set_start(
            placement=placement, start_date=TODAY, actor=Actor(org_admin)
        )
    assert caught.value.error_list[0].code == "requirement_not_met"
    services.vog_request_transition(
        request=request,
        to_status=Status.RECEIVED,
        expected=Status.REQUESTED,
        issued_on=TODAY,
        actor=Actor(volunteer),
    )
    vog = Vog.objects.get(profile=accepted.profile)
    assert (vog.issued_on, vog.aspects) == (TODAY, ["84"])
    assert Notification.objects.get(recipient=volunteer, kind="vog_request").read_at is not None
    assert Notification.objects.filter(recipient=org_admin, kind="vog_received").count() == 1
    placement = response_services.placement_set_start(
        placement=placement, start_date=TODAY, actor=Actor(org_admin)
    )
    placement = response_services.placement_confirm_start(
        placement=placement, actor=Actor(org_admin)
    )
    assert placement.status == constants.PlacementStatus.RUNNING


def test_only_a_member_asks_and_only_a_selected_volunteer_once(
    vacancy, accepted, org_admin, broker, make_member, heerde
):
    with pytest.raises(PermissionDenied):
        services.vog_request_start(response=accepted, aspects=[], actor=Actor(broker))
    open_response = ResponseFactory(vacancy=vacancy)
    with pytest.raises(ValidationError) as caught:
        start(open_response, org_admin)
    assert caught.value.code == "not_selected"
    with pytest.raises(ValidationError) as caught:
        services.vog_request_start(response=accepted, aspects=["99"], actor=Actor(org_admin))
    assert error_codes(caught.value) == {"aspects": ["invalid_choice"]}
    start(accepted, org_admin)
    with pytest.raises(ValidationError) as caught:
        start(accepted, org_admin)
    assert caught.value.code == "already_requested"
    assert VogRequest.objects.count() == 1


def test_the_issue_date_is_neither_in_the_future_nor_before_the_request(
    accepted, org_admin, volunteer
):
    request = start(accepted, org_admin)
    for day, code in (
        (TODAY + datetime.timedelta(days=1), "future"),
        (TODAY - datetime.timedelta(days=1), "before_request"),
    ):
        with pytest.raises(ValidationError) as caught:
            services.vog_request_transition(
                request=request, to_status=Status.RECEIVED, issued_on=day, actor=Actor(volunteer)
            )
        assert error_codes(caught.value) == {"issued_on": [code]}
    assert not Vog.objects.exists()


def test_the_exception_path_stays(accepted, org_admin, broker):
    """Without a VOG, a broker's exception still lets the placement start."""
    placement = Placement.objects.get(response=accepted)
    response_services.placement_override(
        placement=placement, reason="VOG is aangevraagd", actor=Actor(broker)
    )
    assert response_services.placement_set_start(
        placement=placement, start_date=TODAY, actor=Actor(org_admin)
    )


def test_a_fitting_vog_is_young_enough_and_covers_the_aspects(vacancy, heerde):
    profile = VolunteerProfileFactory(municipality=heerde)
    day = datetime.date(2026, 6, 1)
    assert not vog_fits(vog=None, vacancy=vacancy, day=day)
    vog = VogFactory(profile=profile, issued_on=datetime.date(2023, 6, 1), aspects=["84", "85"])
    assert vog_fits(vog=vog, vacancy=vacancy, day=day)
    vog.issued_on = datetime.date(2023, 5, 31)
    assert not vog_fits(vog=vog, vacancy=vacancy, day=day)
    vacancy.vog_max_age_years = 5
    assert vog_fits(vog=vog, vacancy=vacancy, day=day)
    vog.aspects = ["85"]
    assert not vog_fits(vog=vog, vacancy=vacancy, day=day)


def test_the_municipality_sets_the_default_age(vacancy, heerde, make_member):
    from omzien.volunteering.models import VolunteeringSettings
    from omzien.volunteering.services.allowances import volunteering_settings_update

    profile = VolunteerProfileFactory(municipality=heerde)
    vog = VogFactory(profile=profile, issued_on=datetime.date(2024, 6, 1), aspects=["84"])
    day = datetime.date(2026, 6, 2)
    assert vog_fits(vog=vog, vacancy=vacancy, day=day)
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    volunteering_settings_update(
        settings=VolunteeringSettings.for_municipality(heerde),
        data={"vog_max_age_years": 2},
        version=None,
        actor=Actor(admin),
    )
    assert not vog_fits(vog=vog, vacancy=vacancy, day=day)


def test_the_volunteer_records_a_vog_they_have(heerde, volunteer, broker, make_member):
    profile = VolunteerProfileFactory(municipality=heerde, user=volunteer)
    with pytest.raises(PermissionDenied):
        services.vog_record(profile=profile, issued_on=TODAY, aspects=[], actor=Actor(broker))
    with pytest.raises(ValidationError) as caught:
        services.vog_record(
            profile=profile,
            issued_on=TODAY + datetime.timedelta(days=1),
            aspects=[],
            actor=Actor(volunteer),
        )
    assert error_codes(caught.value) == {"issued_on": ["future"]}
    services.vog_record(profile=profile, issued_on=TODAY, aspects=["85"], actor=Actor(volunteer))
    services.vog_record(profile=profile, issued_on=TODAY, aspects=["84"], actor=Actor(volunteer))
    assert list(Vog.objects.values_list("profile_id", "aspects")) == [(profile.pk, ["84"])]
    # For a volunteer without an account, the broker records it.
    assisted = VolunteerProfileFactory(municipality=heerde, user=None)
    services.vog_record(profile=assisted, issued_on=TODAY, aspects=[], actor=Actor(broker))


# --- Qualifications and their reminders -------------------------------------------------------


def test_a_qualification_needs_its_category_or_name(heerde, volunteer):
    profile = VolunteerProfileFactory(municipality=heerde, user=volunteer)
    for kind, field, code in (
        (constants.QualificationKind.DRIVING_LICENCE, "licence_category", "category_required"),
        (constants.QualificationKind.TRAINING, "name", "name_required"),
    ):
        with pytest.raises(ValidationError) as caught:
            services.qualification_add(profile=profile, kind=kind, actor=Actor(volunteer))
        assert error_codes(caught.value) == {field: [code]}
    licence = services.qualification_add(
        profile=profile,
        kind=constants.QualificationKind.DRIVING_LICENCE,
        licence_category="BE",
        name="wordt niet bewaard",
        actor=Actor(volunteer),
    )
    assert (licence.label, licence.name) == ("Rijbewijs BE", "")


def test_an_organisation_records_a_qualification_of_its_own_volunteers_only(
    accepted, organisation, org_admin, heerde
):
    placed = accepted.profile
    services.qualification_add(
        profile=placed,
        kind=constants.QualificationKind.FOOD_HYGIENE,
        organisation=organisation,
        actor=Actor(org_admin),
    )
    stranger = VolunteerProfileFactory(municipality=heerde)
    with pytest.raises(PermissionDenied):
        services.qualification_add(
            profile=stranger,
            kind=constants.QualificationKind.FIRST_AID,
            organisation=organisation,
            actor=Actor(org_admin),
        )
    assert Qualification.objects.get().organisation == organisation


def test_reminders_go_60_and_14_days_before_expiry_once_each(
    accepted, org_admin, volunteer, organisation
):
    colleague = OrganisationMemberFactory(organisation=organisation).user
    first_aid = QualificationFactory(
        profile=accepted.profile, expires_on=TODAY + datetime.timedelta(days=60)
    )
    QualificationFactory(profile=accepted.profile, expires_on=TODAY + datetime.timedelta(days=200))
    QualificationFactory(profile=accepted.profile, expires_on=None)
    QualificationFactory(profile=accepted.profile, expires_on=TODAY - datetime.timedelta(days=1))

    def reminded(user):
        return sorted(
            Notification.objects.filter(recipient=user, kind="qualification_expiring").values_list(
                "key", flat=True
            )
        )

    assert services.qualifications_remind(today=TODAY) == {60: 1, 14: 0}
    assert services.qualifications_remind(today=TODAY) == {60: 0, 14: 0}  # a rerun sends none
    assert reminded(volunteer) == [f"qualification_expiring:{first_aid.pk}:60"]
    assert len(reminded(org_admin)) == len(reminded(colleague)) == 1
    later = TODAY + datetime.timedelta(days=46)
    assert services.qualifications_remind(today=later) == {60: 0, 14: 1}
    assert services.qualifications_remind(today=later) == {60: 0, 14: 0}
    assert reminded(volunteer) == [
        f"qualification_expiring:{first_aid.pk}:14",
        f"qualification_expiring:{first_aid.pk}:60",
    ]
    first_aid.refresh_from_db()
    assert first_aid.reminded_60_at and first_aid.reminded_14_at


def test_a_late_entry_gets_only_the_14_day_reminder(heerde, volunteer):
    profile = VolunteerProfileFactory(municipality=heerde, user=volunteer)
    QualificationFactory(profile=profile, expires_on=TODAY + datetime.timedelta(days=10))
    assert services.qualifications_remind(today=TODAY) == {60: 0, 14: 1}


def test_the_command_runs_the_reminders(heerde, volunteer, capsys):
    profile = VolunteerProfileFactory(municipality=heerde, user=volunteer)
    QualificationFactory(profile=profile, expires_on=TODAY + datetime.timedelta(days=30))
    call_command("remind_qualifications", "--now")
    assert "60 days: 1" in capsys.readouterr().out
    call_command("remind_qualifications")  # queued: the immediate backend runs it at once
    assert Notification.objects.filter(kind="qualification_expiring").count() == 1


# --- Retention ------------------------------------------------------------------------------


def test_answered_vog_requests_go_after_a_year():
    kept = VogRequestFactory(status=Status.REQUESTED)
    old = VogRequestFactory(status=Status.WITHDRAWN)
    recent = VogRequestFactory(status=Status.RECEIVED)
    VogRequest.objects.filter(pk__in=[kept.pk, old.pk]).update(
        updated_at=timezone.now() - datetime.timedelta(days=366)
    )
    assert vog_requests_apply_retention() == 1
    assert set(VogRequest.objects.values_list("pk", flat=True)) == {kept.pk, recent.pk}


# --- Pages ----------------------------------------------------------------------------------


def test_the_broker_sees_expired_certificates_marked_and_can_filter_them(
    broker_client, heerde, django_assert_max_num_queries
):
    def plant(n):
        for i in range(n):
            profile = VolunteerProfileFactory(municipality=heerde, full_name=f"Vrijwilliger {i}")
            QualificationFactory(profile=profile, expires_on=TODAY - datetime.timedelta(days=i + 1))
            QualificationFactory(profile=profile, expires_on=TODAY + datetime.timedelta(days=i + 1))
            VogRequestFactory(
                response__vacancy__organisation__municipality=heerde, response__profile=profile
            )

    url = reverse("volunteering:qualification_broker")
    plant(1)
    with django_assert_max_num_queries(20) as small:
        html = broker_client.get(url).content.decode()
    assert html.count("omzien-badge--error") == 1
    plant(9)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = broker_client.get(url + "?expired=on").content.decode()
    assert html.count("omzien-badge--error") == 10
    assert "10 certificaten" in html


def test_the_organisation_page_lists_its_volunteers_certificates(
    org_client, accepted, organisation
):
    QualificationFactory(profile=accepted.profile, expires_on=TODAY - datetime.timedelta(days=3))
    QualificationFactory(expires_on=TODAY - datetime.timedelta(days=3))  # someone elsewhere
    url = reverse("volunteering:qualification_organisation", args=[organisation.pk])
    html = org_client.get(url).content.decode()
    assert html.count("omzien-badge--error") == 1
    response = org_client.post(
        url, {"profile": accepted.profile.pk, "kind": "driving_licence", "licence_category": ""}
    )
    assert "Kies de categorie van het rijbewijs." in response.content.decode()
