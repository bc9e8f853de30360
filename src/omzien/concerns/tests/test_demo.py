import pytest
from django.utils import timezone

from omzien.concerns import demo
from omzien.concerns.constants import Status
from omzien.concerns.models import Concern
from omzien.demo import accounts
from omzien.tenants.services import reference_data_load
from omzien.testing.demo import in_writing_order

pytestmark = pytest.mark.django_db


def test_demo_concerns_load_once_in_every_status_in_both_municipalities():
    reference_data_load()
    accounts.load()
    assert demo.load() == {"concerns": 2 * len(demo.CONCERNS)}
    for slug in ("heerde", "dalfsen"):
        statuses = set(
            Concern.objects.filter(municipality__slug=slug).values_list("status", flat=True)
        )
        assert statuses == set(Status.values), slug
    # Overdue work for the start page.
    assert Concern.objects.filter(
        status=Status.NEW, first_contact_due__lt=timezone.localdate()
    ).exists()
    # The status log on the days it happened, from the report to the close.
    for concern in Concern.objects.prefetch_related("transitions"):
        moments = [t.created_at for t in in_writing_order(concern.transitions.all())]
        assert moments[0] == concern.created_at and moments == sorted(moments)
        assert moments[-1] < timezone.now()
        if concern.closed_on:
            assert concern.first_contact_on < concern.closed_on < timezone.localdate()
    assert demo.load() == {"concerns": 0}
