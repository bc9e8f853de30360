import pytest
from django.utils import timezone

from omzien.demo import accounts
from omzien.homevisits import demo
from omzien.homevisits.constants import Status
from omzien.homevisits.models import Visit
from omzien.tenants.services import reference_data_load
from omzien.testing.demo import in_writing_order
from omzien.volunteering import demo as volunteering_demo

pytestmark = pytest.mark.django_db


def test_demo_home_visits_load_once_with_work_for_the_volunteer_and_the_team():
    reference_data_load()
    accounts.load()
    volunteering_demo.load()
    assert demo.load() == {"home visits": len(demo.OLDER) + len(demo.CARERS)}
    statuses = set(Visit.objects.values_list("status", flat=True))
    assert statuses == {Status.PLANNED, Status.ASSIGNED, Status.HELD, Status.NOT_HOME}
    assert (
        Visit.objects.filter(
            status=Status.ASSIGNED, assigned_to__email="inwoner.heerde@omzien.test"
        ).count()
        == 3
    )
    assert Visit.objects.exclude(follow_up="").filter(concern__isnull=True).count() == 2
    # The history on the days it happened: imported, assigned, visited.
    today = timezone.localdate()
    for visit in Visit.objects.prefetch_related("transitions"):
        days = [timezone.localdate(t.created_at) for t in in_writing_order(visit.transitions.all())]
        assert days == sorted(days) and days[-1] < today
        if visit.visited_on:
            assert days[-1] == visit.visited_on
    assert demo.load() == {"home visits": 0}
