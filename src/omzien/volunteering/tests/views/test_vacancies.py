"""Vacancy pages: the public page, the members' form and status buttons, broker review."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.testing.login import login_verified
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Vacancy, VacancyTransition
from omzien.volunteering.tests.factories import OrganisationFactory, VacancyFactory

TODAY = timezone.localdate()


def make(**kwargs) -> Vacancy:
    kwargs.setdefault("address", "Dorpsstraat 1")
    return VacancyFactory(**kwargs)


def form_post(**overrides) -> dict:
    data = {
        "title": "Jeugdtrainer voetbal",
        "description": "Train de F-jes op woensdagmiddag.",
        "domains": [volunteering_constants.Domain.SPORT],
        "tasks": "Trainen",
        "target_groups": [volunteering_constants.TargetGroup.CHILDREN],
        "kind": volunteering_constants.VacancyKind.STRUCTURAL,
        "day_parts": ["wed_afternoon"],
        "hours_per_week": "2",
        "starts_at": "",
        "ends_at": "",
        "places": "2",
        "location_kind": volunteering_constants.LocationKind.ADDRESS,
        "locality": "",
        "address": "Sportlaan 3",
        "min_age": "16",
        "languages": ["nl"],
        "suitable_young": "on",
        "publish_from": TODAY.isoformat(),
        "publish_until": "",
        "version": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def outsider_client(client, make_member, heerde):
    client.force_login(make_member(Role.ORGANISATION_MEMBER, heerde))
    return client


@pytest.fixture
def epe_broker_client(client, make_member, epe):
    return login_verified(client, make_member(Role.BROKER, epe, totp=True))


# --- Public page -------------------------------------------------------------------------------


def test_public_vacancy_page_with_schedule_and_share_links(client, organisation):
    vacancy = make(
        organisation=organisation,
        title="Tuinhulp",
        day_parts=["tue_morning", "tue_afternoon", "sat_morning"],
        vog_required=True,
        suitable_young=True,
    )
    response = client.get(reverse("volunteering:vacancy_detail", args=[vacancy.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dinsdag: ochtend, middag" in html
    assert "Zaterdag: ochtend" in html
    assert "Een VOG (Verklaring Omtrent Gedrag) is nodig" in html
    assert "Jongeren (maatschappelijke stage, MDT)" in html
    assert "Sportclub Heerde" in html
    page_url = f"http://testserver/vrijwilligerswerk/vacatures/{vacancy.pk}/"
    assert page_url in html
    assert "https://wa.me/?text=Tuinhulp" in html
    assert "mailto:?subject=Tuinhulp" in html
    assert "<script" not in html.split("<main", 1)[1]


@pytest.mark.parametrize(
    ("role", "offered"),
    [(None, True), (Role.RESIDENT, True), (Role.PRIVACY_OFFICER, False), (Role.BROKER, False)],
)
def test_the_respond_button_is_offered_to_those_who_may_respond(
    client, organisation, make_member, role, offered
):
    vacancy = make(organisation=organisation)
    respond = reverse("volunteering:response_create", args=[vacancy.pk])
    if role:
        login_verified(client, make_member(role, organisation.municipality, totp=True))
    html = client.get(reverse("volunteering:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert (f'href="{respond}"' in html) is offered
    if role:  # the button leads to the form, not to a refusal
        assert client.get(respond).status_code == (200 if offered else 403)
    # Who may not respond is not asked to "respond below".
    assert ("Reageer hieronder" in html) is offered


@pytest.mark.parametrize(
    "status",
    [
        volunteering_constants.VacancyStatus.DRAFT,
        volunteering_constants.VacancyStatus.AWAITING_REVIEW,
        volunteering_constants.VacancyStatus.CLOSED,
        volunteering_constants.VacancyStatus.EXPIRED,
    ],
)
def test_unpublished_vacancy_is_404_for_the_public_but_not_for_members_and_brokers(
    client, organisation, org_admin, broker, status
):
    vacancy = make(organisation=organisation, status=status)
    url = reverse("volunteering:vacancy_detail", args=[vacancy.pk])
    assert client.get(url).status_code == 404
    client.force_login(org_admin)
    response = client.get(url)
    assert response.status_code == 200
    assert "niet openbaar te zien" in response.content.decode()
    login_verified(client, broker)
    assert client.get(url).status_code == 200


def test_unpublished_vacancy_is_404_for_another_member_and_another_municipality(
    organisation, outsider_client, make_member, epe
):
    vacancy = make(organisation=organisation, status=volunteering_constants.VacancyStatus.DRAFT)
    url = reverse("volunteering:vacancy_detail", args=[vacancy.pk])
    assert outsider_client.get(url).status_code == 404
    login_verified(outsider_client, make_member(Role.BROKER, epe, totp=True))
    assert outsider_client.get(url).status_code == 404


# --- Members ---------------------------------------------------------------------------------


def test_member_creates_a_draft_through_the_form(org_client, organisation, wapenveld):
    url = reverse("volunteering:vacancy_create", args=[organisation.pk])
    assert org_client.get(url).status_code == 200
    response = org_client.post(url, form_post(locality=str(wapenveld.pk)))
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("volunteering:vacancy_manage", args=[vacancy.pk])
    assert vacancy.status == volunteering_constants.VacancyStatus.DRAFT
    assert vacancy.day_parts == ["wed_afternoon"]
    assert vacancy.locality == wapenveld
    assert vacancy.suitable_young is True


def test_one_off_task_through_the_form(org_client, organisation):
    url = reverse("volunteering:vacancy_create", args=[organisation.pk])
    when = (timezone.localtime() + datetime.timedelta(days=7)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    response = org_client.post(
        url,
        form_post(
            kind=volunteering_constants.VacancyKind.ONE_OFF,
            day_parts=None,
            starts_at=when.strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.starts_at == when
    assert vacancy.publish_until == when.date()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Vul een titel in."),
        ({"places": "0"}, "places", "Er is minstens één vrijwilliger nodig."),
        ({"min_age": "100"}, "min_age", "De minimumleeftijd is hoogstens 99."),
        ({"domains": None}, "domains", "Kies minstens één terrein."),
        (
            {"kind": volunteering_constants.VacancyKind.ONE_OFF},
            "starts_at",
            "Een eenmalige klus heeft een datum en een begintijd nodig.",
        ),
        (
            {"day_parts": None},
            "day_parts",
            "Kies minstens één dagdeel waarop de vrijwilliger nodig is.",
        ),
        (
            {"address": ""},
            "locality",
            "Kies een dorp of kern, of vul het adres in.",
        ),
        (
            {"publish_until": (TODAY - datetime.timedelta(days=2)).isoformat()},
            "publish_until",
            "Het einde van de publicatie ligt vóór het begin.",
        ),
    ],
)
def test_form_errors_are_dutch_and_on_their_field(
    org_client, organisation, overrides, field, message
):
    url = reverse("volunteering:vacancy_create", args=[organisation.pk])
    response = org_client.post(url, form_post(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in form.errors[field]
    assert "Verbeter het volgende" in response.content.decode()
    assert not Vacancy.objects.exists()


@pytest.mark.parametrize("name", ["vacancy_manage", "vacancy_edit"])
def test_non_member_cannot_open_the_members_pages(outsider_client, organisation, name):
    vacancy = make(organisation=organisation)
    assert (
        outsider_client.get(reverse(f"volunteering:{name}", args=[vacancy.pk])).status_code == 404
    )


def test_non_member_cannot_create_or_change_status(outsider_client, organisation):
    vacancy = make(organisation=organisation, status=volunteering_constants.VacancyStatus.DRAFT)
    url = reverse("volunteering:vacancy_create", args=[organisation.pk])
    assert outsider_client.post(url, form_post()).status_code == 404
    response = outsider_client.post(
        reverse("volunteering:vacancy_status", args=[vacancy.pk]),
        {"to_status": volunteering_constants.VacancyStatus.AWAITING_REVIEW},
    )
    assert response.status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.status == volunteering_constants.VacancyStatus.DRAFT


def test_edit_with_a_stale_version_saves_nothing(org_client, organisation):
    vacancy = make(organisation=organisation, title="Oud", version=3)
    url = reverse("volunteering:vacancy_edit", args=[vacancy.pk])
    response = org_client.post(
        url, form_post(title="Nieuw", version="2", day_parts=["sat_morning"])
    )
    assert response.status_code == 302 and response.url == url
    vacancy.refresh_from_db()
    assert vacancy.title == "Oud"
    response = org_client.post(url, form_post(title="Nieuw", version="3"))
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert (vacancy.title, vacancy.version, vacancy.status) == (
        "Nieuw",
        4,
        volunteering_constants.VacancyStatus.PUBLISHED,
    )


def test_manage_page_offers_the_members_steps_and_submits(org_client, organisation):
    vacancy = make(organisation=organisation, status=volunteering_constants.VacancyStatus.DRAFT)
    url = reverse("volunteering:vacancy_manage", args=[vacancy.pk])
    html = org_client.get(url).content.decode()
    assert "Indienen ter beoordeling" in html
    assert "Publiceren</button>" not in html
    response = org_client.post(
        reverse("volunteering:vacancy_status", args=[vacancy.pk]),
        {"to_status": volunteering_constants.VacancyStatus.AWAITING_REVIEW},
    )
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == volunteering_constants.VacancyStatus.AWAITING_REVIEW
    html = org_client.get(url).content.decode()
    assert "Van “Concept” naar “Wacht op beoordeling”" in html


def test_member_cannot_publish_through_the_status_button(org_client, organisation):
    vacancy = make(
        organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    )
    response = org_client.post(
        reverse("volunteering:vacancy_status", args=[vacancy.pk]),
        {"to_status": volunteering_constants.VacancyStatus.PUBLISHED},
    )
    assert response.status_code == 403
    vacancy.refresh_from_db()
    assert vacancy.status == volunteering_constants.VacancyStatus.AWAITING_REVIEW


def test_my_vacancies_lists_the_members_vacancies(org_client, organisation, heerde):
    make(organisation=organisation, title="Van ons")
    make(organisation=OrganisationFactory(municipality=heerde), title="Van een ander")
    html = org_client.get(reverse("volunteering:vacancy_mine")).content.decode()
    assert "Van ons" in html and "Van een ander" not in html
    assert reverse("volunteering:vacancy_create", args=[organisation.pk]) in html


# --- Brokers ---------------------------------------------------------------------------------


def test_review_queue_shows_the_brokers_municipality_only(broker_client, organisation, epe):
    make(
        organisation=organisation,
        status=volunteering_constants.VacancyStatus.AWAITING_REVIEW,
        title="Heerde wacht",
    )
    make(
        organisation=organisation,
        status=volunteering_constants.VacancyStatus.DRAFT,
        title="Heerde concept",
    )
    make(
        organisation=OrganisationFactory(municipality=epe),
        status=volunteering_constants.VacancyStatus.AWAITING_REVIEW,
        title="Epe wacht",
    )
    html = broker_client.get(reverse("volunteering:vacancy_review_list")).content.decode()
    assert "Heerde wacht" in html
    assert "Heerde concept" not in html and "Epe wacht" not in html


def test_review_queue_shows_when_each_was_sent_for_review_oldest_first(broker_client, organisation):
    waiting = volunteering_constants.VacancyStatus.AWAITING_REVIEW
    later = make(organisation=organisation, status=waiting, title="Later ingediend")
    earlier = make(organisation=organisation, status=waiting, title="Eerder ingediend")
    for vacancy, day in (
        (earlier, datetime.date(2026, 11, 2)),
        (later, datetime.date(2026, 11, 20)),
    ):
        VacancyTransition.objects.create(
            vacancy=vacancy,
            from_status=volunteering_constants.VacancyStatus.DRAFT,
            to_status=waiting,
            created_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
        )
    # Edited after it was sent: it was not sent again.
    Vacancy.objects.filter(pk=earlier.pk).update(updated_at=timezone.now())
    html = broker_client.get(reverse("volunteering:vacancy_review_list")).content.decode()
    assert html.index("Eerder ingediend") < html.index("Later ingediend")
    assert "02-11-2026" in html and "20-11-2026" in html


def test_review_queue_runs_the_same_queries_for_3_and_30(
    broker_client, organisation, django_assert_num_queries
):
    url = reverse("volunteering:vacancy_review_list")
    for _i in range(3):
        make(organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW)
    broker_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        broker_client.get(url)
    for _i in range(27):
        make(organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW)
    with django_assert_num_queries(len(captured)):
        response = broker_client.get(url)
    assert response.context["page"].paginator.count == 30


def test_broker_publishes_from_the_review_page(broker_client, organisation):
    vacancy = make(
        organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    )
    url = reverse("volunteering:vacancy_review", args=[vacancy.pk])
    assert "Publiceren" in broker_client.get(url).content.decode()
    response = broker_client.post(url, {"action": "publish"})
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == volunteering_constants.VacancyStatus.PUBLISHED


def test_send_back_needs_a_reason(broker_client, organisation):
    vacancy = make(
        organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    )
    url = reverse("volunteering:vacancy_review", args=[vacancy.pk])
    response = broker_client.post(url, {"action": "send_back", "note": ""})
    assert response.status_code == 200
    assert (
        "Geef de reden, zodat de organisatie weet wat zij moet aanpassen."
        in (response.context["form"].errors["note"])
    )
    vacancy.refresh_from_db()
    assert vacancy.status == volunteering_constants.VacancyStatus.AWAITING_REVIEW
    broker_client.post(url, {"action": "send_back", "note": "Vul de tijden in."})
    vacancy.refresh_from_db()
    assert vacancy.status == volunteering_constants.VacancyStatus.DRAFT
    assert vacancy.transitions.latest("pk").note == "Vul de tijden in."


def test_broker_of_epe_cannot_review_a_heerde_vacancy(epe_broker_client, organisation):
    vacancy = make(
        organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    )
    url = reverse("volunteering:vacancy_review", args=[vacancy.pk])
    assert epe_broker_client.get(url).status_code == 404
    assert epe_broker_client.post(url, {"action": "publish"}).status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.status == volunteering_constants.VacancyStatus.AWAITING_REVIEW


@pytest.mark.parametrize("name", ["vacancy_review_list", "vacancy_review"])
def test_review_pages_are_for_brokers_only(org_client, organisation, name):
    vacancy = make(
        organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    )
    args = [vacancy.pk] if name == "vacancy_review" else []
    assert org_client.get(reverse(f"volunteering:{name}", args=args)).status_code == 403


def test_navigation_links(client, broker):
    html = client.get(reverse("ui:home")).content.decode()
    assert reverse("volunteering:vacancy_search") in html
    assert "Vrijwilligerswerk" in html
    assert reverse("volunteering:vacancy_review_list") not in html
    login_verified(client, broker)
    html = client.get(reverse("ui:home")).content.decode()
    assert "Vacatures beoordelen" in html
