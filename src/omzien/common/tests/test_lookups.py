"""A record number no integer column can hold matches nothing (omzien.common.lookups)."""

import pytest

from omzien.tenants.models import Locality, Municipality
from omzien.tenants.tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db

TOO_LARGE = 10**23  # typed into a form: int() takes it, no 64-bit column holds it
TOO_SMALL = -(10**23)


@pytest.fixture
def locality(heerde):
    return LocalityFactory(municipality=heerde, name="Wapenveld")


def test_in_on_a_primary_key_leaves_out_what_no_row_can_hold(locality):
    assert list(Locality.objects.filter(pk__in=[TOO_LARGE, locality.pk])) == [locality]
    assert list(Locality.objects.filter(pk__in=[TOO_LARGE, TOO_SMALL])) == []
    assert list(Locality.objects.exclude(pk__in=[TOO_LARGE])) == [locality]


def test_lookups_through_a_relation_leave_it_out_too(locality, heerde):
    assert list(Locality.objects.filter(municipality=TOO_LARGE)) == []
    assert list(Locality.objects.filter(municipality_id=TOO_SMALL)) == []
    assert list(Locality.objects.exclude(municipality=TOO_LARGE)) == [locality]
    assert list(Locality.objects.filter(municipality__in=[TOO_LARGE, heerde.pk])) == [locality]
    # The other way round: a municipality by the number of one of its localities.
    assert list(Municipality.objects.filter(localities=TOO_LARGE)) == []
    assert list(Municipality.objects.filter(localities=locality.pk)) == [heerde]


def test_values_that_fit_are_looked_up_as_before(locality, heerde):
    assert list(Locality.objects.filter(pk__in=[locality.pk, None])) == [locality]
    assert list(Locality.objects.filter(municipality__in=Municipality.objects.all())) == [locality]
    assert list(Locality.objects.filter(municipality=heerde)) == [locality]
