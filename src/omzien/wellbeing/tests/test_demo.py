"""The wellbeing demo reads like months of work: a referral was sent before its intake, a
trajectory closed after it, and the referrer's list does not show everything sent today."""

from datetime import timedelta

import pytest
from django.utils import timezone

from omzien.notifications.models import Notification
from omzien.testing.demo import demo_loaded_for_class, in_writing_order
from omzien.wellbeing.models import Trajectory

pytestmark = pytest.mark.django_db


loaded_demo = demo_loaded_for_class("wellbeing")


@pytest.mark.usefixtures("loaded_demo")
class TestWellbeingDemo:
    def test_a_trajectory_runs_from_referral_to_intake_to_close(self):
        trajectories = list(Trajectory.objects.prefetch_related("transitions"))
        assert len(trajectories) > 40
        today = timezone.localdate()
        for trajectory in trajectories:
            sent = timezone.localdate(trajectory.created_at)
            assert sent <= today
            if trajectory.intake_on:
                assert sent < trajectory.intake_on, trajectory.pk
            if trajectory.closed_on:
                assert trajectory.intake_on < trajectory.closed_on < today, trajectory.pk
            moments = [t.created_at for t in in_writing_order(trajectory.transitions.all())]
            assert moments == sorted(moments)
        assert len({timezone.localdate(t.created_at) for t in trajectories}) > 20

    def test_the_referrer_was_told_of_a_closure_when_it_closed_and_read_the_older_ones(self):
        closures = list(Notification.objects.filter(kind="wellbeing_referral_closed"))
        assert closures
        two_weeks_ago = timezone.localdate() - timedelta(days=14)
        for notification in closures:
            pk = int(notification.key.rsplit(":", 1)[1])
            closed_on = Trajectory.objects.get(pk=pk).closed_on
            assert timezone.localdate(notification.created_at) == closed_on
            assert (notification.read_at is not None) == (closed_on < two_weeks_ago)
