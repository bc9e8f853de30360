"""The privacy officer's start page: open requests and those due within a week."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.privacy.tests.factories import SubjectRequestFactory
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


def test_open_and_near_requests_of_their_municipality(heerde, dalfsen, make_member, client):
    today = timezone.localdate()
    officer = make_member(Role.PRIVACY_OFFICER, heerde, totp=True)
    SubjectRequestFactory(municipality=heerde, deadline_on=today + datetime.timedelta(days=3))
    SubjectRequestFactory(municipality=heerde, deadline_on=today + datetime.timedelta(days=20))
    SubjectRequestFactory(municipality=heerde, closed_at=timezone.now())
    SubjectRequestFactory(municipality=dalfsen, deadline_on=today)
    login_verified(client, officer)
    response = client.get(reverse("ui:dashboard"))
    found = {str(t.label): t.count for s in response.context["sections"] for t in s.todos}
    assert found["Openstaande privacyverzoeken"] == 2
    assert found["Verzoeken die binnen een week beantwoord moeten zijn"] == 1
