"""The propose form picks a volunteer by searching (there can be thousands): the htmx answer
finds at most 20 by name in a fixed number of queries, and without JavaScript the search button
shows the same matches in the page, saving nothing."""

import pytest
from django.urls import reverse

from omzien.ui.picker import MATCHES_MAX, PICK
from omzien.volunteering.models import VacancyResponse
from omzien.volunteering.tests.factories import (
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(heerde):
    return VacancyFactory(organisation__municipality=heerde)


def volunteers(heerde, count, name="Jan Jansen"):
    return [
        VolunteerProfileFactory(municipality=heerde, user=None, full_name=f"{name} {i}")
        for i in range(count)
    ]


def picker(client, vacancy, term):
    url = reverse("volunteering:broker_propose_picker", args=[vacancy.pk])
    return client.get(url, {"profile_search": term}, headers={"HX-Request": "true"})


def test_the_page_has_a_search_box_not_a_select_of_every_volunteer(broker_client, heerde, vacancy):
    volunteers(heerde, 3)
    html = broker_client.get(
        reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    ).content.decode()
    assert 'name="profile_search"' in html
    assert 'aria-live="polite"' in html
    assert reverse("volunteering:broker_propose_picker", args=[vacancy.pk]) in html
    assert "Jan Jansen" not in html
    assert '<select name="profile"' not in html


def test_the_search_finds_by_every_word_and_leaves_out_who_responded(
    broker_client, heerde, dalfsen, vacancy
):
    anna, _bert, responded = (
        VolunteerProfileFactory(municipality=heerde, user=None, full_name=name)
        for name in ("Anna de Boer", "Bert de Boer", "Anna de Vries")
    )
    ResponseFactory(vacancy=vacancy, profile=responded)
    VolunteerProfileFactory(municipality=dalfsen, user=None, full_name="Anna de Boer-Elders")
    response = picker(broker_client, vacancy, "  anna   BOER ")
    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert html.count('type="radio"') == 1
    assert f'value="{anna.pk}"' in html
    assert "Nobody" not in html and "Niemand" not in html
    assert 'type="radio"' not in picker(broker_client, vacancy, "zzz").content.decode()
    assert picker(broker_client, vacancy, "").content.decode().strip() == ""


@pytest.mark.parametrize("count", [MATCHES_MAX + 5, 5 * (MATCHES_MAX + 5)])
def test_at_most_20_matches_in_a_fixed_number_of_queries(
    broker_client, heerde, vacancy, django_assert_num_queries, count
):
    volunteers(heerde, count)
    picker(broker_client, vacancy, "jan")
    # session, user, device, memberships (2), vacancy, the matches.
    with django_assert_num_queries(7):
        html = picker(broker_client, vacancy, "jan").content.decode()
    assert html.count('type="radio"') == MATCHES_MAX


@pytest.mark.parametrize("count", [30, 150])
def test_the_responses_page_costs_the_same_whatever_the_number_of_volunteers(
    broker_client, heerde, vacancy, django_assert_num_queries, count
):
    volunteers(heerde, count)
    url = reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    broker_client.get(url)
    with django_assert_num_queries(QUERIES_PAGE):
        response = broker_client.get(url)
    assert len(response.content) < 40_000


# session, user, device, memberships, vacancy, page count + rows, the suggestion engine's
# change log (one query) and its audit: measured once, the same at 30 and 150 volunteers.
QUERIES_PAGE = 13


def test_without_javascript_the_search_button_shows_matches_and_saves_nothing(
    broker_client, heerde, vacancy
):
    (jan,) = volunteers(heerde, 1)
    url = reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    response = broker_client.post(
        url, {PICK: "profile", "profile_search": "jansen", "message": "Past goed"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not VacancyResponse.objects.exists()
    assert f'value="{jan.pk}"' in html
    assert 'value="jansen"' in html
    assert "Past goed" in html  # what was typed stays
    assert 'role="alert"' not in html  # no errors for what is not filled in yet

    response = broker_client.post(
        url, {"profile": jan.pk, "profile_search": "jansen", "message": "Past goed"}
    )
    assert response.status_code == 302
    assert VacancyResponse.objects.get().profile == jan


def test_a_chosen_volunteer_stays_ticked_when_the_form_comes_back(broker_client, heerde, vacancy):
    (jan,) = volunteers(heerde, 1)
    url = reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    html = broker_client.post(
        url, {PICK: "profile", "profile": jan.pk, "profile_search": "nobody-like-this"}
    ).content.decode()
    assert f'id="id_profile_chosen" value="{jan.pk}" checked' in html


def test_a_volunteer_the_search_never_offers_is_refused(broker_client, heerde, dalfsen, vacancy):
    elsewhere = VolunteerProfileFactory(municipality=dalfsen, user=None)
    url = reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    response = broker_client.post(url, {"profile": elsewhere.pk})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not VacancyResponse.objects.exists()


def test_the_broker_searches_the_volunteer_list_by_name(broker_client, heerde):
    VolunteerProfileFactory(municipality=heerde, user=None, full_name="Grietje Hoekstra")
    VolunteerProfileFactory(municipality=heerde, user=None, full_name="Piet Pieters")
    html = broker_client.get(
        reverse("volunteering:volunteer_list"), {"q": "hoekstra"}
    ).content.decode()
    assert "Grietje Hoekstra" in html
    assert "Piet Pieters" not in html


def test_enter_in_another_box_with_the_search_box_empty_submits_the_form(
    broker_client, heerde, vacancy
):
    """Enter submits with the form's first button, the picker's search: with nothing typed in
    the search box, that is a plain submit."""
    (jan,) = volunteers(heerde, 1)
    url = reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    response = broker_client.post(url, {PICK: "profile", "profile_search": " ", "profile": jan.pk})
    assert response.status_code == 302
    assert VacancyResponse.objects.get().profile == jan


def test_control_characters_in_the_search_are_left_out(broker_client, heerde, vacancy):
    """PostgreSQL refuses a NUL in a query: a pasted one once gave a server error there."""
    (jan,) = volunteers(heerde, 1)
    assert f'value="{jan.pk}"' in picker(broker_client, vacancy, "jan\x00sen\x07").content.decode()
    url = reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    response = broker_client.post(url, {PICK: "profile", "profile_search": "jan\x00sen"})
    assert response.status_code == 200
    assert f'value="{jan.pk}"' in response.content.decode()
