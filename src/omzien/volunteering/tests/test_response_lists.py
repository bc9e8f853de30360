"""Response lists are paged and bounded; the propose picker tells volunteers apart."""

import datetime

import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.tenants.tests.factories import LocalityFactory
from omzien.volunteering.tests.factories import (
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db


def test_propose_list_tells_two_jan_brouwers_apart(broker_client, heerde):
    vacancy = VacancyFactory(organisation__municipality=heerde)
    VolunteerProfileFactory(
        municipality=heerde,
        user=None,
        full_name="Jan Brouwer",
        locality=LocalityFactory(municipality=heerde, name="Wapenveld"),
        date_of_birth=datetime.date(1950, 3, 1),
    )
    VolunteerProfileFactory(
        municipality=heerde,
        user=None,
        full_name="Jan Brouwer",
        locality=LocalityFactory(municipality=heerde, name="Vorchten"),
        date_of_birth=datetime.date(1988, 7, 9),
    )
    html = broker_client.get(
        reverse("volunteering:broker_propose_picker", args=[vacancy.pk]),
        {"profile_search": "brouwer"},
    ).content.decode()
    assert "Jan Brouwer (Wapenveld, geboren 1950)" in html
    assert "Jan Brouwer (Vorchten, geboren 1988)" in html


def many_responses(vacancy, count, heerde):
    for _ in range(count):
        ResponseFactory(vacancy=vacancy, profile__locality=LocalityFactory(municipality=heerde))


@pytest.mark.parametrize("factor", [1, 3])
def test_broker_responses_page_is_paged_and_bounded(
    broker_client, heerde, django_assert_max_num_queries, factor
):
    vacancy = VacancyFactory(organisation__municipality=heerde)
    many_responses(vacancy, 10 * factor, heerde)
    url = reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    broker_client.get(url)
    with django_assert_max_num_queries(BROKER_PAGE_QUERIES):
        response = broker_client.get(url)
    assert response.status_code == 200


def test_broker_responses_page_shows_25_a_page(broker_client, heerde):
    vacancy = VacancyFactory(organisation__municipality=heerde)
    many_responses(vacancy, 30, heerde)
    url = reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    first = broker_client.get(url).content.decode()
    assert first.count('id="response-') == 25
    assert "Pagina 1 van 2" in first
    second = broker_client.get(url, {"page": 2}).content.decode()
    assert second.count('id="response-') == 5


@pytest.mark.parametrize("factor", [1, 3])
def test_own_responses_are_paged_and_bounded(
    client, make_member, heerde, django_assert_num_queries, factor
):
    resident = make_member(Role.RESIDENT, heerde)
    profile = VolunteerProfileFactory(municipality=heerde, user=resident)
    for _ in range(10 * factor):
        ResponseFactory(vacancy__organisation__municipality=heerde, profile=profile)
    client.force_login(resident)
    url = reverse("volunteering:response_mine")
    client.get(url)
    with django_assert_num_queries(MINE_QUERIES):
        response = client.get(url)
    html = response.content.decode()
    assert html.count('id="response-') == min(25, 10 * factor)
    if factor == 3:
        assert "Pagina 1 van 2" in html
        assert client.get(url, {"page": 2}).content.decode().count('id="response-') == 5


# session, user, device, memberships, vacancy, page count + rows, the
# suggestion engine's sync (up to 8: one only when a vacancy changed just now) and its audit.
BROKER_PAGE_QUERIES = 18
# session, user, memberships, count, page.
MINE_QUERIES = 5
