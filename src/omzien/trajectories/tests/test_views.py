"""The trajectories' pages: a fixed number of queries whatever the number of rows, every read
of a trajectory audited, the client manager sees the status of what they sent and nothing
more, the organisation member sees nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified
from omzien.trajectories import constants
from omzien.trajectories.tests.factories import (
    EvaluationMomentFactory,
    GoalFactory,
    GoalProgressFactory,
    ReferralFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("page", ["list", "detail", "referrals", "figures"])
def test_pages_cost_the_same_at_1x_and_10x(
    page, broker_client, heerde, trajectory, django_assert_max_num_queries
):
    urls = {
        "list": reverse("trajectories:list") + "?show=all",
        "detail": reverse("trajectories:detail", args=[trajectory.pk]),
        "referrals": reverse("trajectories:referrals"),
        "figures": reverse("trajectories:figures"),
    }

    def grow(n):
        for _ in range(n):
            TrajectoryFactory(municipality=heerde)
            ReferralFactory(municipality=heerde)
            progress = GoalProgressFactory(evaluation__trajectory=trajectory)
            GoalFactory(trajectory=trajectory)
            EvaluationMomentFactory(trajectory=trajectory)
            assert progress.goal.trajectory_id == trajectory.pk

    grow(1)
    once = _queries(broker_client, urls[page])
    grow(9)
    with django_assert_max_num_queries(once):
        assert broker_client.get(urls[page]).status_code == 200


def test_reading_a_trajectory_or_a_referral_is_audited(
    broker_client, broker, trajectory, profile, heerde
):
    broker_client.get(reverse("trajectories:detail", args=[trajectory.pk]))
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        actor=broker,
        object_type="trajectories.trajectory",
        object_id=str(trajectory.pk),
    ).exists()
    # A referral's page: the referral and the volunteers its search shows.
    referral = ReferralFactory(municipality=heerde, full_name=profile.full_name)
    page = broker_client.get(reverse("trajectories:referral", args=[referral.pk]))
    assert profile.full_name in page.content.decode()
    assert AuditEvent.objects.filter(
        object_type="trajectories.referral", object_id=str(referral.pk)
    ).exists()
    search = AuditEvent.objects.get(reason="volunteer search for a trajectory")
    assert search.extra["shown"] == [f"volunteering.volunteerprofile:{profile.pk}"]


def test_the_client_manager_sees_the_status_only(client, client_manager, heerde, broker):
    referral = ReferralFactory(
        municipality=heerde,
        submitted_by=client_manager,
        status=constants.ReferralStatus.DECLINED,
        decline_reason="Past beter bij het wijkteam van Epe",
        reason="Heeft last van somberheid",
    )
    ReferralFactory(municipality=heerde, full_name="Iemand Anders")  # another's referral
    login_verified(client, client_manager)
    page = client.get(reverse("trajectories:my_referrals")).content.decode()
    assert referral.full_name in page and "Afgewezen" in page
    assert "wijkteam" not in page and "somberheid" not in page
    assert "Iemand Anders" not in page
    assert client.get(reverse("trajectories:referral", args=[referral.pk])).status_code == 403


def test_an_organisation_member_sees_no_trajectory(client, make_member, heerde, trajectory):
    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    client.force_login(member)
    assert client.get(reverse("trajectories:detail", args=[trajectory.pk])).status_code == 403
