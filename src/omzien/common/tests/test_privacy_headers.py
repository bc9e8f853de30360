import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


def cache_directives(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (Role.RESIDENT, "ui:dashboard"),
        (Role.RESIDENT, "accounts:settings"),
        (Role.CONSULTANT, "ui:dashboard"),
        (Role.MUNICIPALITY_ADMIN, "privacy:audit_list"),
    ],
)
def test_no_page_of_a_logged_in_user_is_cacheable(client, make_member, heerde, role, url):
    login_verified(client, make_member(role, heerde, totp=True))
    response = client.get(reverse(url))
    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_directives(response)


def test_a_redirect_for_a_logged_in_user_is_not_cacheable_either(client, make_member, heerde):
    client.force_login(make_member(Role.RESIDENT, heerde))
    response = client.get(reverse("accounts:sign_up"))  # sends a logged-in user on
    assert response.status_code == 302
    assert "no-store" in cache_directives(response)


def test_public_pages_for_visitors_stay_cacheable(client):
    response = client.get(reverse("ui:home"))
    assert response.status_code == 200
    assert "no-store" not in cache_directives(response)


@pytest.mark.parametrize("path", ["/", "/account/login/", "/healthz", "/bestaat-niet/"])
def test_every_response_has_a_permissions_policy(client, path):
    policy = client.get(path)["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()"
    assert "interest-cohort" not in features  # obsolete; browsers warn about it
