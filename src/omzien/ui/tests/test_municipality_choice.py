"""A staff member of two municipalities works in either (omzien.ui.municipality)."""

import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db

ADMIN = Role.MUNICIPALITY_ADMIN
PAGES = {
    "caregivers:settings": ADMIN,
    "concerns:settings": ADMIN,
    "directory:settings": ADMIN,
    "newsletters:settings": ADMIN,
    "volunteering:volunteering_settings": ADMIN,
    "directory:import": Role.BROKER,
    "directory:figures": ADMIN,
    "api_keys:list": ADMIN,
    # Pages that make something in one municipality.
    "caregivers:register": Role.CONSULTANT,
    "caregivers:import": Role.CONSULTANT,
    "buddies:programme_create": Role.BROKER,
    "marketplace:event_new": Role.BROKER,
    "recognition:round_new": Role.BROKER,
    "activities:staff_create": Role.BROKER,
    "academy:course_new": Role.BROKER,
    "academy:budget": Role.BROKER,
    "academy:requests": Role.BROKER,
    "monitor:programme_create": Role.POLICY_ADVISOR,
    "monitor:external_create": Role.POLICY_ADVISOR,
    "monitor:external_import": Role.POLICY_ADVISOR,
    "surveys:survey_create": Role.WELFARE_WORKER,
    "surveys:survey_list": Role.WELFARE_WORKER,
    "wellbeing:participant_create": Role.WELFARE_WORKER,
}


def _staff_of_both(client, make_member, heerde, dalfsen, role):
    user = make_member(role, heerde, totp=True)
    MembershipFactory(user=user, municipality=dalfsen, role=role)
    login_verified(client, user)
    return user


@pytest.mark.parametrize("name", PAGES)
def test_the_page_offers_each_municipality_and_works_in_the_chosen_one(
    client, make_member, heerde, dalfsen, name
):
    _staff_of_both(client, make_member, heerde, dalfsen, PAGES[name])
    url = reverse(name)
    first = client.get(url)
    assert first.context["municipality"] == dalfsen  # the first by name
    choice = first.text.split('id="id_municipality_choice"', 1)[1].split("</select>", 1)[0]
    assert [f'value="{dalfsen.pk}" selected', f'value="{heerde.pk}"'] == [
        option.split(">", 1)[0].strip() for option in choice.split("<option ")[1:]
    ]
    chosen = client.get(f"{url}?municipality={heerde.pk}")
    assert chosen.context["municipality"] == heerde
    assert f'<option value="{heerde.pk}" selected>' in chosen.text


@pytest.mark.parametrize("name", PAGES)
def test_one_municipality_needs_no_choice(client, make_member, heerde, dalfsen, name):
    login_verified(client, make_member(PAGES[name], heerde, totp=True))
    response = client.get(f"{reverse(name)}?municipality={dalfsen.pk}")
    assert response.context["municipality"] == heerde  # not one of theirs: their own
    assert "id_municipality_choice" not in response.text


def test_the_form_saves_in_the_municipality_that_was_shown(client, make_member, heerde, dalfsen):
    _staff_of_both(client, make_member, heerde, dalfsen, ADMIN)
    url = f"{reverse('caregivers:settings')}?municipality={heerde.pk}"
    page = client.get(url)
    data = {**page.context["form"].initial, "ediz_heavy_threshold": 5}
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert client.get(url).context["form"].initial["ediz_heavy_threshold"] == 5
    other = client.get(reverse("caregivers:settings"))  # Dalfsen's, unchanged
    assert other.context["form"].initial["ediz_heavy_threshold"] != 5


def test_the_caseload_of_a_consultant_of_two_municipalities_is_chosen_in_its_filter(
    client, make_member, heerde, dalfsen
):
    _staff_of_both(client, make_member, heerde, dalfsen, Role.CONSULTANT)
    url = reverse("caregivers:caseload")
    assert client.get(url).context["municipality"] == dalfsen
    chosen = client.get(f"{url}?municipality={heerde.pk}&age_group=")
    assert chosen.context["municipality"] == heerde
    assert 'name="municipality"' in chosen.text


def test_an_export_of_a_consultant_of_two_municipalities_asks_which(
    client, make_member, heerde, dalfsen
):
    _staff_of_both(client, make_member, heerde, dalfsen, Role.CONSULTANT)
    export = reverse("caregivers:export")
    response = client.get(f"{export}?format=csv", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("caregivers:registry"))
    assert "één gemeente" in response.text
    chosen = client.get(f"{export}?format=csv&municipality={heerde.pk}")
    assert chosen.status_code == 200
    assert 'filename="mantelzorgers-heerde-' in chosen["Content-Disposition"]


def test_the_choice_keeps_the_pages_other_choices(client, make_member, heerde, dalfsen):
    _staff_of_both(client, make_member, heerde, dalfsen, Role.BROKER)
    page = client.get(f"{reverse('academy:budget')}?jaar=2025&page=3&municipality={heerde.pk}")
    choice = page.text.split('class="utrecht-form omzien-form omzien-filter omzien-municip', 1)[1]
    choice = choice.split("</form>", 1)[0]
    assert '<input type="hidden" name="jaar" value="2025">' in choice
    assert 'name="page"' not in choice
    assert choice.count('name="municipality"') == 1  # the select, not a hidden copy


def _header(response) -> str:
    return response.text.split('omzien-header">', 1)[1].split("</header>", 1)[0]


def test_the_header_names_the_municipality_the_page_works_in(client, make_member, heerde, dalfsen):
    """Not the first of the user's municipalities: a page over both names neither."""
    _staff_of_both(client, make_member, heerde, dalfsen, ADMIN)
    settings_page = reverse("caregivers:settings")
    assert "Gemeente Heerde" in _header(client.get(f"{settings_page}?municipality={heerde.pk}"))
    assert "Gemeente Dalfsen" in _header(client.get(settings_page))
    start = _header(client.get(reverse("ui:dashboard")))
    assert "Gemeente Dalfsen" not in start and "Gemeente Heerde" not in start


def test_the_header_names_the_only_municipality(client, make_member, heerde):
    login_verified(client, make_member(ADMIN, heerde, totp=True))
    assert "Gemeente Heerde" in _header(client.get(reverse("ui:dashboard")))
