import pytest
from axes.models import AccessAttempt

from omzien.accounts.constants import Role

pytestmark = pytest.mark.django_db


def test_failed_password_is_not_stored_in_the_attempt_log(client, make_member, heerde):
    user = make_member(Role.RESIDENT, heerde)
    client.post(
        "/account/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": user.email,
            "auth-password": "geheim-fout-wachtwoord",
        },
    )
    attempt = AccessAttempt.objects.get()
    assert "geheim-fout-wachtwoord" not in attempt.post_data
    assert attempt.failures_since_start == 1
