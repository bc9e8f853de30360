import pytest
from django.utils import timezone

from omzien.demo import accounts
from omzien.tenants.services import reference_data_load
from omzien.testing.demo import in_writing_order
from omzien.trajectories import demo
from omzien.trajectories.constants import ReferralStatus, TrajectoryStatus
from omzien.trajectories.models import Referral, Trajectory, TrajectoryTransition
from omzien.volunteering import demo as volunteering_demo

pytestmark = pytest.mark.django_db


def test_heerde_has_trajectories_in_every_state_and_a_new_referral():
    reference_data_load()
    accounts.load()
    volunteering_demo.load()
    assert demo.load() == {"trajectories": 5}
    statuses = set(
        Trajectory.objects.filter(municipality__slug="heerde").values_list("status", flat=True)
    )
    assert statuses == set(TrajectoryStatus.values)
    new = Referral.objects.get(status=ReferralStatus.NEW)
    assert new.submitted_by.email == "verwijzer.heerde@omzien.test"
    assert timezone.localdate(new.created_at) < timezone.localdate()
    assert all(t.created_at == new.created_at for t in new.transitions.all())
    # None began today: each was started on an earlier day.
    started = Trajectory.objects.values_list("started_on", flat=True)
    assert all(day < timezone.localdate() for day in started)
    # The history on the days it happened: intake, placement, evaluation, end.
    for trajectory in Trajectory.objects.prefetch_related("transitions"):
        moments = [t.created_at for t in in_writing_order(trajectory.transitions.all())]
        assert moments == sorted(moments) and moments[-1] < timezone.now()
        assert timezone.localdate(moments[0]) == trajectory.started_on
    assert len({timezone.localdate(t.created_at) for t in TrajectoryTransition.objects.all()}) > 5
    assert demo.load() == {"trajectories": 0}
