"""The vacancy search starts in the visitor's municipality, folds the rarer filters away and
offers the villages of the chosen municipality only."""

import pytest
from django.conf import settings
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.tenants.tests.factories import LocalityFactory
from omzien.volunteering.forms.vacancies import VacancySearchForm
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)
from omzien.volunteering.views.vacancies import SEARCH_MUNICIPALITY

pytestmark = pytest.mark.django_db
URL = reverse("volunteering:vacancy_search")


@pytest.fixture
def two_places(heerde, dalfsen):
    VacancyFactory(organisation=OrganisationFactory(municipality=heerde), title="Werk in Heerde")
    VacancyFactory(organisation=OrganisationFactory(municipality=dalfsen), title="Werk in Dalfsen")


def titles(response) -> set[str]:
    return {vacancy.title for vacancy in response.context["page"]}


def test_a_resident_sees_their_own_municipality_first(client, make_member, dalfsen, two_places):
    resident = make_member(Role.RESIDENT, dalfsen)
    VolunteerProfileFactory(municipality=dalfsen, user=resident)
    client.force_login(resident)
    response = client.get(URL)
    assert titles(response) == {"Werk in Dalfsen"}
    assert response.context["form"]["municipality"].value() == str(dalfsen.pk)


def test_a_member_without_profile_gets_their_membership_municipality(
    client, make_member, dalfsen, two_places
):
    client.force_login(make_member(Role.RESIDENT, dalfsen))
    assert titles(client.get(URL)) == {"Werk in Dalfsen"}


def test_anonymous_visitor_sees_everything_until_they_choose(client, dalfsen, two_places):
    assert titles(client.get(URL)) == {"Werk in Heerde", "Werk in Dalfsen"}
    client.get(URL, {"municipality": dalfsen.pk})
    # Remembered in a cookie: the next visit starts in Dalfsen.
    assert titles(client.get(URL)) == {"Werk in Dalfsen"}
    # "All municipalities" is a choice too.
    client.get(URL, {"municipality": ""})
    assert titles(client.get(URL)) == {"Werk in Heerde", "Werk in Dalfsen"}


def test_the_choice_is_a_functional_cookie_not_a_session(client, dalfsen, two_places):
    response = client.get(URL, {"municipality": dalfsen.pk})
    cookie = response.cookies[SEARCH_MUNICIPALITY]
    assert cookie.value == str(dalfsen.pk)
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # a visitor who only looks
    # The same choice again sets nothing new.
    assert SEARCH_MUNICIPALITY not in client.get(URL, {"municipality": dalfsen.pk}).cookies


@pytest.mark.parametrize("value", ["abc", "99999999", "1 OR 1=1", "-1"])
def test_a_cookie_that_names_no_active_municipality_is_ignored(client, dalfsen, two_places, value):
    client.cookies[SEARCH_MUNICIPALITY] = value
    response = client.get(URL)
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert titles(response) == {"Werk in Heerde", "Werk in Dalfsen"}
    # Nor is an unknown municipality in the address remembered.
    client.cookies.pop(SEARCH_MUNICIPALITY)
    assert SEARCH_MUNICIPALITY not in client.get(URL, {"municipality": value}).cookies


def test_a_deactivated_municipality_is_no_longer_offered(client, dalfsen, two_places):
    client.cookies[SEARCH_MUNICIPALITY] = str(dalfsen.pk)
    dalfsen.is_active = False
    dalfsen.save()  # the cached reference data follows (tenants.reference)
    response = client.get(URL)
    assert str(dalfsen.pk) not in {
        str(value) for value, _label in response.context["form"].fields["municipality"].choices
    }
    assert not response.context["form"].errors


def test_the_three_main_filters_show_and_the_rest_folds_away(client):
    html = client.get(URL).content.decode()
    # The filters' fold, not the navigation's menu (also a <details>).
    start = html.index('<details class="omzien-card"')
    details = html[start : html.index("</details>", start)]
    for name in ('name="q"', 'name="municipality"', 'name="locality"', 'name="domain"'):
        assert name in html and name not in details
    for name in ('name="kind"', 'name="young"', 'name="no_vog"', 'name="sort"', 'name="area"'):
        assert name in details
    assert '<details class="omzien-card">' in html  # closed
    assert '<details class="omzien-card" open>' in client.get(URL, {"young": "on"}).content.decode()


def test_villages_follow_the_chosen_municipality(heerde, dalfsen):
    LocalityFactory(municipality=heerde, name="Vorchten")
    LocalityFactory(municipality=dalfsen, name="Lemelerveld")
    names = lambda form: {  # noqa: E731
        str(label) for value, label in form.fields["locality"].choices if value
    }
    assert names(VacancySearchForm({"municipality": dalfsen.pk})) == {"Lemelerveld"}
    grouped = dict(VacancySearchForm().fields["locality"].choices[1:])
    assert {"Heerde", "Dalfsen"} <= set(grouped)


def test_a_village_of_another_municipality_is_dropped_not_an_error(heerde, dalfsen):
    vorchten = LocalityFactory(municipality=heerde, name="Vorchten")
    form = VacancySearchForm({"municipality": dalfsen.pk, "locality": vorchten.pk})
    assert form.is_valid()
    assert form.filters()["locality"] is None
    assert form.filters()["municipality"] == dalfsen


def test_htmx_reloads_the_village_select(client, heerde, dalfsen):
    LocalityFactory(municipality=heerde, name="Vorchten")
    LocalityFactory(municipality=dalfsen, name="Lemelerveld")
    html = client.get(URL).content.decode()
    assert f'hx-get="{reverse("volunteering:vacancy_search_localities")}"' in html
    part = client.get(
        reverse("volunteering:vacancy_search_localities"),
        {"municipality": dalfsen.pk},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert part.startswith('<div id="locality-field">')
    assert "Lemelerveld" in part and "Vorchten" not in part
