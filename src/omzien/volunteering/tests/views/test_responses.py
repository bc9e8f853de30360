"""VacancyResponse and placement pages: access per role, actions, bounded queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.testing.login import login_verified
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Placement, VacancyResponse
from omzien.volunteering.tests.factories import (
    CheckInFactory,
    OrganisationMemberFactory,
    PlacementFactory,
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)


@pytest.fixture
def vacancy(organisation):
    return VacancyFactory(organisation=organisation, places=2, title="Trainer jeugd")


@pytest.fixture
def volunteer(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Vera de Vries")


@pytest.fixture
def profile(volunteer, heerde):
    return VolunteerProfileFactory(user=volunteer, municipality=heerde)


@pytest.fixture
def outsider(make_member, heerde):
    user = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(user=user)
    return user


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


# --- Volunteers ------------------------------------------------------------------------------


def test_vacancy_page_has_respond_button(client, vacancy):
    page = client.get(reverse("volunteering:vacancy_detail", args=[vacancy.pk]))
    assert reverse("volunteering:response_create", args=[vacancy.pk]) in page.content.decode()


def test_respond_page_sends_response(client, vacancy, volunteer, profile):
    client.force_login(volunteer)
    url = reverse("volunteering:response_create", args=[vacancy.pk])
    assert client.get(url).status_code == 200
    page = client.post(url, {"message": "Ik kom graag."}, follow=True)
    assert page.redirect_chain[-1][0] == reverse("volunteering:response_mine")
    response = VacancyResponse.objects.get()
    assert (response.profile, response.message, response.status) == (
        profile,
        "Ik kom graag.",
        volunteering_constants.ResponseStatus.OPEN,
    )
    assert "Trainer jeugd" in page.content.decode()


def test_respond_twice_shows_the_existing_response(client, vacancy, volunteer, profile):
    ResponseFactory(vacancy=vacancy, profile=profile)
    client.force_login(volunteer)
    url = reverse("volunteering:response_create", args=[vacancy.pk])
    page = client.post(url, {"message": ""})
    assert page.status_code == 302
    assert page["Location"] == url
    html = client.get(url).content.decode()
    assert "U heeft al gereageerd op deze vacature." in html
    assert "U heeft al gereageerd" in html
    assert VacancyResponse.objects.count() == 1


def test_respond_needs_login(client, vacancy):
    page = client.get(reverse("volunteering:response_create", args=[vacancy.pk]))
    assert page.status_code == 302


def test_my_responses_shows_only_own(client, vacancy, volunteer, profile, heerde):
    ResponseFactory(vacancy=vacancy, profile=profile)
    other = ResponseFactory(
        vacancy=VacancyFactory(organisation=vacancy.organisation, title="Kantinedienst"),
        profile=VolunteerProfileFactory(municipality=heerde),
    )
    client.force_login(volunteer)
    page = client.get(reverse("volunteering:response_mine"))
    body = page.content.decode()
    assert "Trainer jeugd" in body and "Kantinedienst" not in body
    denied = client.post(
        reverse("volunteering:response_volunteer_status", args=[other.pk]),
        {
            "to_status": volunteering_constants.ResponseStatus.WITHDRAWN,
            "expected": volunteering_constants.ResponseStatus.OPEN,
        },
    )
    assert denied.status_code == 404
    other.refresh_from_db()
    assert other.status == volunteering_constants.ResponseStatus.OPEN


def test_volunteer_withdraws_and_agrees(client, vacancy, volunteer, profile, broker):
    response = ResponseFactory(
        vacancy=vacancy, profile=profile, status=volunteering_constants.ResponseStatus.PROPOSED
    )
    client.force_login(volunteer)
    url = reverse("volunteering:response_volunteer_status", args=[response.pk])
    client.post(
        url,
        {
            "to_status": volunteering_constants.ResponseStatus.OPEN,
            "expected": volunteering_constants.ResponseStatus.PROPOSED,
        },
    )
    response.refresh_from_db()
    assert response.status == volunteering_constants.ResponseStatus.OPEN
    # An organisation's step is not the volunteer's to take.
    client.post(
        url,
        {
            "to_status": volunteering_constants.ResponseStatus.ACCEPTED,
            "expected": volunteering_constants.ResponseStatus.OPEN,
        },
    )
    response.refresh_from_db()
    assert response.status == volunteering_constants.ResponseStatus.OPEN
    client.post(
        url,
        {
            "to_status": volunteering_constants.ResponseStatus.WITHDRAWN,
            "expected": volunteering_constants.ResponseStatus.OPEN,
        },
    )
    response.refresh_from_db()
    assert response.status == volunteering_constants.ResponseStatus.WITHDRAWN


def test_volunteer_confirms_start(client, vacancy, volunteer, profile):
    response = ResponseFactory(
        vacancy=vacancy, profile=profile, status=volunteering_constants.ResponseStatus.ACCEPTED
    )
    placement = PlacementFactory(
        response=response,
        status=volunteering_constants.PlacementStatus.RUNNING,
        start_date=timezone.localdate(),
        started_confirmed_at=timezone.now(),
    )
    client.force_login(volunteer)
    page = client.get(reverse("volunteering:response_mine"))
    answer_url = reverse("volunteering:placement_volunteer_answer", args=[placement.pk])
    assert answer_url in page.content.decode()
    client.post(answer_url, {"answer": "confirm"})
    placement.refresh_from_db()
    assert placement.volunteer_confirmed_at is not None and placement.is_match


def test_my_responses_bounded_queries(client, django_assert_num_queries, volunteer, heerde):
    profile = VolunteerProfileFactory(user=volunteer, municipality=heerde)
    client.force_login(volunteer)

    def make(n):
        for _ in range(n):
            response = ResponseFactory(
                vacancy=VacancyFactory(municipality=heerde, organisation__municipality=heerde),
                profile=profile,
                status=volunteering_constants.ResponseStatus.ACCEPTED,
            )
            PlacementFactory(response=response)

    url = reverse("volunteering:response_mine")
    make(3)
    client.get(url)
    # session, user, memberships, the count for the pages, the page.
    with django_assert_num_queries(5) as small:
        assert client.get(url).status_code == 200
    make(27)
    with django_assert_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count('id="response-') == 25  # a page; 5 more on page 2


# --- Organisation members --------------------------------------------------------------------


def test_organisation_page_lists_responses_but_not_proposals(org_client, vacancy, profile, heerde):
    ResponseFactory(vacancy=vacancy, profile=profile, message="Zaterdag kan ik.")
    ResponseFactory(
        vacancy=vacancy,
        profile=VolunteerProfileFactory(municipality=heerde, full_name="Piet Voorstel"),
        status=volunteering_constants.ResponseStatus.PROPOSED,
    )
    body = org_client.get(reverse("volunteering:vacancy_responses", args=[vacancy.pk])).content
    assert "Vera de Vries" in body.decode() and "Zaterdag kan ik." in body.decode()
    assert "Piet Voorstel" not in body.decode()


@pytest.mark.parametrize("assisted", [False, True], ids=["volunteer-says-no", "broker-says-no"])
def test_organisation_page_never_shows_a_declined_proposal(
    assisted, client, org_client, broker, vacancy, profile, volunteer, heerde
):
    """Issue 10.3: nothing of a proposal the volunteer said no to reaches the organisation."""
    if assisted:
        profile = VolunteerProfileFactory(
            user=None, municipality=heerde, full_name="Anna Assist", phone="0698765432"
        )
    else:
        profile.phone = "0612345678"
        profile.save()
    from omzien.volunteering.services import responses as services
    from omzien.volunteering.services.responses import Actor

    proposal = services.response_propose(
        vacancy=vacancy,
        profile=profile,
        message="Bericht van de makelaar.",
        actor=Actor(user=broker),
    )
    services.response_transition(
        response=proposal,
        to_status=volunteering_constants.ResponseStatus.WITHDRAWN,
        actor=Actor(user=broker if assisted else volunteer),
    )
    body = org_client.get(reverse("volunteering:vacancy_responses", args=[vacancy.pk])).content
    for personal in (profile.full_name, profile.phone, "Bericht van de makelaar."):
        assert personal not in body.decode()
    if profile.email:
        assert profile.email not in body.decode()


def test_manage_page_links_to_responses(org_client, vacancy):
    page = org_client.get(reverse("volunteering:vacancy_manage", args=[vacancy.pk]))
    assert reverse("volunteering:vacancy_responses", args=[vacancy.pk]) in page.content.decode()


def test_other_organisation_member_refused(client, outsider, vacancy, profile):
    response = ResponseFactory(vacancy=vacancy, profile=profile)
    client.force_login(outsider)
    assert (
        client.get(reverse("volunteering:vacancy_responses", args=[vacancy.pk])).status_code == 404
    )
    denied = client.post(
        reverse("volunteering:response_status", args=[response.pk]),
        {
            "to_status": volunteering_constants.ResponseStatus.ACCEPTED,
            "expected": volunteering_constants.ResponseStatus.OPEN,
        },
    )
    assert denied.status_code == 404
    assert not Placement.objects.exists()


def test_proposal_cannot_be_answered_by_organisation(org_client, vacancy, profile):
    response = ResponseFactory(
        vacancy=vacancy, profile=profile, status=volunteering_constants.ResponseStatus.PROPOSED
    )
    page = org_client.post(
        reverse("volunteering:response_status", args=[response.pk]),
        {
            "to_status": volunteering_constants.ResponseStatus.ACCEPTED,
            "expected": volunteering_constants.ResponseStatus.OPEN,
        },
    )
    assert page.status_code == 404


def test_organisation_accepts_and_plans_the_start(org_client, vacancy, profile):
    response = ResponseFactory(vacancy=vacancy, profile=profile)
    org_client.post(
        reverse("volunteering:response_status", args=[response.pk]),
        {
            "to_status": volunteering_constants.ResponseStatus.ACCEPTED,
            "expected": volunteering_constants.ResponseStatus.OPEN,
        },
    )
    placement = Placement.objects.get(response=response)
    assert placement.status == volunteering_constants.PlacementStatus.PLANNED
    today = timezone.localdate()
    org_client.post(
        reverse("volunteering:placement_start_date", args=[placement.pk]),
        {
            "start_date": today.isoformat(),
            "category": volunteering_constants.VolunteerCategory.SUPPORTING,
            "version": placement.version,
        },
    )
    org_client.post(reverse("volunteering:placement_start", args=[placement.pk]))
    placement.refresh_from_db()
    # With the start date the organisation says in which category the volunteer works.
    assert placement.category == volunteering_constants.VolunteerCategory.SUPPORTING
    assert (
        placement.status == volunteering_constants.PlacementStatus.RUNNING
        and placement.check_ins.count() == 2
    )
    check_in = placement.check_ins.first()
    org_client.post(
        reverse("volunteering:check_in_done", args=[check_in.pk]), {"notes": "Loopt goed."}
    )
    check_in.refresh_from_db()
    assert check_in.notes == "Loopt goed."
    org_client.post(
        reverse("volunteering:placement_end", args=[placement.pk]),
        {"end_reason": volunteering_constants.PlacementEndReason.COMPLETED, "evaluation": "Dank!"},
    )
    placement.refresh_from_db()
    assert (
        placement.status == volunteering_constants.PlacementStatus.ENDED
        and placement.evaluation == "Dank!"
    )


def test_accepting_says_where_the_placement_stands(org_client, organisation, vacancy, heerde):
    vacancy.places = 1
    vacancy.save()
    first, second = (
        ResponseFactory(vacancy=vacancy, profile=VolunteerProfileFactory(municipality=heerde))
        for _n in range(2)
    )
    task = VacancyFactory(
        organisation=organisation,
        kind=volunteering_constants.VacancyKind.ONE_OFF,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        day_parts=[],
    )
    on_task = ResponseFactory(vacancy=task, profile=VolunteerProfileFactory(municipality=heerde))

    def accept(response):
        page = org_client.post(
            reverse("volunteering:response_status", args=[response.pk]),
            {
                "to_status": volunteering_constants.ResponseStatus.ACCEPTED,
                "expected": volunteering_constants.ResponseStatus.OPEN,
            },
            follow=True,
        )
        return messages_of(page)

    assert "wachtlijst" not in accept(first)
    assert "staat op de wachtlijst" in accept(second)
    assert "deelname op de datum van de klus is vastgelegd" in accept(on_task)
    assert list(Placement.objects.order_by("pk").values_list("status", flat=True)) == [
        volunteering_constants.PlacementStatus.PLANNED,
        volunteering_constants.PlacementStatus.WAITING_LIST,
        volunteering_constants.PlacementStatus.RUNNING,
    ]


def test_stale_second_action_shows_error(org_client, vacancy, profile):
    response = ResponseFactory(vacancy=vacancy, profile=profile)
    url = reverse("volunteering:response_status", args=[response.pk])
    org_client.post(
        url,
        {
            "to_status": volunteering_constants.ResponseStatus.INTRODUCTION,
            "expected": volunteering_constants.ResponseStatus.OPEN,
        },
    )
    page = org_client.post(
        url,
        {
            "to_status": volunteering_constants.ResponseStatus.DECLINED,
            "expected": volunteering_constants.ResponseStatus.OPEN,
            "note": "Vol",
        },
        follow=True,
    )
    text = messages_of(page)
    assert "Iemand anders heeft deze reactie al veranderd" in text
    response.refresh_from_db()
    assert response.status == volunteering_constants.ResponseStatus.INTRODUCTION


def test_decline_without_reason_shows_error(org_client, vacancy, profile):
    response = ResponseFactory(vacancy=vacancy, profile=profile)
    org_client.post(
        reverse("volunteering:response_status", args=[response.pk]),
        {
            "to_status": volunteering_constants.ResponseStatus.DECLINED,
            "expected": volunteering_constants.ResponseStatus.OPEN,
            "note": "",
        },
    )
    response.refresh_from_db()
    assert response.status == volunteering_constants.ResponseStatus.OPEN


def test_organisation_page_bounded_queries(org_client, django_assert_num_queries, vacancy, heerde):
    def make(n):
        for _ in range(n):
            response = ResponseFactory(
                vacancy=vacancy, profile=VolunteerProfileFactory(municipality=heerde)
            )
            CheckInFactory(
                placement__response=response,
                placement__status=volunteering_constants.PlacementStatus.RUNNING,
                placement__start_date=datetime.date(2026, 1, 1),
                due_on=datetime.date(2026, 2, 1),
            )

    url = reverse("volunteering:vacancy_responses", args=[vacancy.pk])
    make(3)
    org_client.get(url)
    with django_assert_num_queries(7) as small:
        assert org_client.get(url).status_code == 200
    make(27)
    with django_assert_num_queries(len(small.captured_queries)):
        page = org_client.get(url)
    assert page.content.decode().count('id="response-') == 30


# --- Brokers ---------------------------------------------------------------------------------


def test_broker_proposes_from_vacancy(broker_client, vacancy, heerde):
    assisted = VolunteerProfileFactory(user=None, municipality=heerde, full_name="Ans Zonder")
    detail = broker_client.get(reverse("volunteering:vacancy_detail", args=[vacancy.pk]))
    url = reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    assert url in detail.content.decode()
    broker_client.post(url, {"profile": assisted.pk, "message": "Past goed."})
    response = VacancyResponse.objects.get()
    assert (
        response.status == volunteering_constants.ResponseStatus.PROPOSED
        and response.proposed_by is not None
    )
    broker_client.post(
        reverse("volunteering:broker_record_agreement", args=[response.pk]), {"answer": "agree"}
    )
    response.refresh_from_db()
    assert response.status == volunteering_constants.ResponseStatus.OPEN


def test_broker_cannot_agree_for_volunteer_with_account(broker_client, vacancy, profile):
    response = ResponseFactory(
        vacancy=vacancy, profile=profile, status=volunteering_constants.ResponseStatus.PROPOSED
    )
    broker_client.post(
        reverse("volunteering:broker_record_agreement", args=[response.pk]), {"answer": "agree"}
    )
    response.refresh_from_db()
    assert response.status == volunteering_constants.ResponseStatus.PROPOSED


def test_broker_records_override(broker_client, vacancy, profile):
    vacancy.vog_required = True
    vacancy.save()
    response = ResponseFactory(
        vacancy=vacancy, profile=profile, status=volunteering_constants.ResponseStatus.ACCEPTED
    )
    placement = PlacementFactory(response=response)
    page = broker_client.get(reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk]))
    override_url = reverse("volunteering:placement_override", args=[placement.pk])
    assert override_url in page.content.decode()
    broker_client.post(override_url, {"reason": "VOG is aangevraagd"})
    placement.refresh_from_db()
    assert placement.override_reason == "VOG is aangevraagd"


def test_broker_of_epe_gets_404(client, make_member, epe, vacancy, profile):
    epe_broker = make_member(Role.BROKER, epe, totp=True)
    login_verified(client, epe_broker)
    response = ResponseFactory(
        vacancy=vacancy, profile=profile, status=volunteering_constants.ResponseStatus.ACCEPTED
    )
    placement = PlacementFactory(response=response)
    assert (
        client.get(reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("volunteering:placement_override", args=[placement.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("volunteering:broker_record_agreement", args=[response.pk]), {"answer": "agree"}
        ).status_code
        == 404
    )


def test_resident_cannot_open_broker_page(client, volunteer, vacancy):
    client.force_login(volunteer)
    page = client.get(reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk]))
    assert page.status_code in (302, 403)


def test_the_organisations_inbox_lists_waiting_responses_oldest_first(
    org_client, django_assert_num_queries, vacancy, organisation, heerde
):
    other = VacancyFactory(organisation=organisation, title="Chauffeur")
    elsewhere = ResponseFactory(status=volunteering_constants.ResponseStatus.OPEN)

    def make(n, target):
        return [
            ResponseFactory(
                vacancy=target,
                profile=VolunteerProfileFactory(municipality=heerde),
                status=volunteering_constants.ResponseStatus.OPEN,
            )
            for _ in range(n)
        ]

    first = make(2, vacancy)
    VacancyResponse.objects.filter(pk=first[0].pk).update(
        created_at=timezone.now() - datetime.timedelta(days=9)
    )
    make(1, other)
    ResponseFactory(vacancy=vacancy, status=volunteering_constants.ResponseStatus.DECLINED)
    ResponseFactory(
        vacancy=vacancy,
        status=volunteering_constants.ResponseStatus.OPEN,
        sent_to_organisation=False,
    )
    url = reverse("volunteering:response_waiting")
    org_client.get(url)
    with django_assert_num_queries(5) as small:
        html = org_client.get(url).content.decode()
    assert html.count("#response-") == 3
    assert html.index(f"#response-{first[0].pk}-") < html.index(f"#response-{first[1].pk}-")
    assert f"#response-{elsewhere.pk}-" not in html
    make(20, other)
    with django_assert_num_queries(len(small.captured_queries)):
        assert org_client.get(url).content.decode().count("#response-") == 23


def test_the_start_page_sends_the_organisation_to_its_inbox(org_client, vacancy, heerde):
    ResponseFactory(
        vacancy=vacancy,
        profile=VolunteerProfileFactory(municipality=heerde),
        status=volunteering_constants.ResponseStatus.OPEN,
    )
    html = org_client.get(reverse("ui:dashboard")).content.decode()
    assert f'href="{reverse("volunteering:response_waiting")}"' in html
