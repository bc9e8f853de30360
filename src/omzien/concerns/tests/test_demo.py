import pytest
from django.utils import timezone

from omzien.concerns import demo
from omzien.concerns.constants import Status
from omzien.concerns.models import Concern
from omzien.demo import accounts
from omzien.tenants.services import reference_data_load

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
    assert demo.load() == {"concerns": 0}
