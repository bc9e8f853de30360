"""The English paths of the pages that moved to Dutch ones (docs/adr/0010-dutch-public-paths.md)
answer 301 to the new path, the query string kept, and the new path is the same page."""

import pytest
from django.urls import resolve, reverse

pytestmark = pytest.mark.django_db

# Every public page's path before the move, and the page (URL name, arguments) it is now.
OLD_PATHS = [
    ("/volunteering/organisations/", "volunteering:organisation_public_list", {}),
    ("/volunteering/organisations/7/", "volunteering:organisation_public", {"pk": 7}),
    ("/volunteering/register-organisation/", "volunteering:organisation_register", {}),
    ("/volunteering/my-organisations/", "volunteering:organisation_mine", {}),
    ("/volunteering/my-organisations/7/edit/", "volunteering:organisation_edit", {"pk": 7}),
    ("/volunteering/my-organisations/7/members/", "volunteering:organisation_members", {"pk": 7}),
    (
        "/volunteering/my-organisations/7/members/8/role/",
        "volunteering:organisation_member_role",
        {"pk": 7, "member": 8},
    ),
    (
        "/volunteering/my-organisations/7/members/8/remove/",
        "volunteering:organisation_member_remove",
        {"pk": 7, "member": 8},
    ),
    (
        "/volunteering/my-organisations/7/invitations/8/withdraw/",
        "volunteering:organisation_invitation_cancel",
        {"pk": 7, "invitation": 8},
    ),
    ("/volunteering/my-organisations/7/leave/", "volunteering:organisation_leave", {"pk": 7}),
    (
        "/volunteering/organisation-invitation/Ab-9_x/",
        "volunteering:organisation_invitation",
        {"token": "Ab-9_x"},
    ),
    ("/volunteering/vacancies/", "volunteering:vacancy_search", {}),
    ("/volunteering/vacancies/localities/", "volunteering:vacancy_search_localities", {}),
    ("/volunteering/vacancies/7/", "volunteering:vacancy_detail", {"pk": 7}),
    ("/volunteering/my-vacancies/", "volunteering:vacancy_mine", {}),
    (
        "/volunteering/my-organisations/7/vacancies/new/",
        "volunteering:vacancy_create",
        {"organisation": 7},
    ),
    ("/volunteering/my-vacancies/7/", "volunteering:vacancy_manage", {"pk": 7}),
    ("/volunteering/my-vacancies/7/edit/", "volunteering:vacancy_edit", {"pk": 7}),
    ("/volunteering/my-vacancies/7/status/", "volunteering:vacancy_status", {"pk": 7}),
    ("/volunteering/my-profile/", "volunteering:profile_mine", {}),
    ("/volunteering/my-profile/new/7/", "volunteering:profile_create", {"municipality": 7}),
    ("/volunteering/my-profile/7/edit/", "volunteering:profile_edit", {"pk": 7}),
    ("/volunteering/my-profile/7/pause/", "volunteering:profile_pause", {"pk": 7}),
    ("/volunteering/my-profile/7/delete/", "volunteering:profile_delete", {"pk": 7}),
    (
        "/volunteering/my-profile/take-over/Ab-9_x/",
        "volunteering:profile_claim",
        {"token": "Ab-9_x"},
    ),
    ("/volunteering/vacancies/7/respond/", "volunteering:response_create", {"pk": 7}),
    ("/volunteering/my-responses/", "volunteering:response_mine", {}),
    (
        "/volunteering/my-responses/7/status/",
        "volunteering:response_volunteer_status",
        {"pk": 7},
    ),
    (
        "/volunteering/my-placements/7/answer/",
        "volunteering:placement_volunteer_answer",
        {"pk": 7},
    ),
    ("/volunteering/my-vacancies/7/responses/", "volunteering:vacancy_responses", {"pk": 7}),
    ("/volunteering/responses/7/status/", "volunteering:response_status", {"pk": 7}),
    ("/volunteering/placements/7/start-date/", "volunteering:placement_start_date", {"pk": 7}),
    ("/volunteering/placements/7/start/", "volunteering:placement_start", {"pk": 7}),
    ("/volunteering/placements/7/end/", "volunteering:placement_end", {"pk": 7}),
    ("/volunteering/placements/7/move-up/", "volunteering:placement_move_up", {"pk": 7}),
    ("/volunteering/check-ins/7/done/", "volunteering:check_in_done", {"pk": 7}),
    ("/volunteering/campaigns/", "volunteering:campaign_public_list", {}),
    ("/volunteering/campaigns/7/", "volunteering:campaign_public", {"pk": 7}),
    ("/volunteering/campaigns/7/thank-you/", "volunteering:campaign_thanks", {"pk": 7}),
    ("/volunteering/my-profile/7/hide/", "volunteering:suggestion_hide", {"pk": 7}),
    ("/volunteering/my-profile/7/show-hidden/", "volunteering:suggestion_show_hidden", {"pk": 7}),
    ("/volunteering/my-vacancies/7/volunteers/", "volunteering:vacancy_volunteers", {"pk": 7}),
    ("/carer/register/", "carer:self_register", {}),
    ("/carer/register/done/", "carer:self_register_done", {}),
    ("/carer/mine/", "carer:mine", {}),
    ("/carer/mine/7/edit/", "carer:edit", {"pk": 7}),
    ("/carer/mine/withdraw/", "carer:withdraw", {}),
    ("/carers/screening/thanks/", "caregivers:screening_thanks", {}),
    ("/carers/screening/Ab-9_x/", "caregivers:screening_fill", {"token": "Ab-9_x"}),
]

# Staff pages kept their paths: no redirect in front of them.
STAFF_PATHS = [
    ("/volunteering/volunteers/", "volunteering:volunteer_list"),
    ("/volunteering/vacancy-review/7/responses/", "volunteering:broker_vacancy_responses"),
    ("/volunteering/work-queue/", "volunteering:work_queue"),
    ("/volunteering/campaign-management/", "volunteering:campaign_list"),
    ("/carers/", "caregivers:registry"),
    ("/carers/7/", "caregivers:detail"),
    ("/carers/signals/", "caregivers:alerts"),
    ("/carers/refer/", "caregivers:refer"),
]


@pytest.mark.parametrize(("old", "name", "kwargs"), OLD_PATHS)
def test_an_old_path_answers_301_to_the_dutch_path_of_the_same_page(client, old, name, kwargs):
    new = reverse(name, kwargs=kwargs)
    assert new.startswith(("/vrijwilligerswerk/", "/mantelzorg/"))

    response = client.get(f"{old}?q=zorg&pagina=2")

    assert response.status_code == 301
    assert response["Location"] == f"{new}?q=zorg&pagina=2"
    assert resolve(new).view_name == name


def test_without_a_query_string_the_redirect_adds_none(client):
    response = client.get("/volunteering/vacancies/")
    assert response.status_code == 301 and response["Location"] == "/vrijwilligerswerk/vacatures/"


def test_an_old_path_without_its_trailing_slash_goes_to_the_page_with_one(client):
    response = client.get("/carer/register")
    assert response.status_code == 301 and response["Location"] == "/mantelzorg/aanmelden/"


@pytest.mark.parametrize("old", ["/volunteering/vacancies/x/y/", "/carer/nothing/"])
def test_an_old_path_of_no_page_answers_404_not_a_redirect(client, old):
    assert client.get(old).status_code == 404


@pytest.mark.parametrize(("path", "name"), STAFF_PATHS)
def test_staff_pages_keep_their_english_paths(path, name):
    assert resolve(path).view_name == name


def test_the_carers_prefix_is_not_taken_for_the_carer_prefix(client):
    """/carer/ moved, /carers/ (the consultants' registry) did not: the redirect of /carer/
    must not catch it."""
    response = client.get("/carers/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))
