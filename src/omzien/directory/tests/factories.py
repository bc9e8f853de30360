import datetime

import factory
from django.utils import timezone

from omzien.directory import constants
from omzien.directory.models import DirectorySettings, Entry, EntryTransition
from omzien.tenants.tests.factories import MunicipalityFactory


class EntryFactory(factory.django.DjangoModelFactory):
    """A published entry of a named provider, confirmed today (unless told otherwise)."""

    class Meta:
        model = Entry

    municipality = factory.SubFactory(MunicipalityFactory)
    provider_name = "Stip Heerde"
    title = factory.Sequence(lambda n: f"Ondersteuning {n}")
    description = "Een luisterend oor en praktische hulp voor mantelzorgers."
    categories = factory.LazyFunction(lambda: [constants.Category.CARER_SUPPORT])
    target_groups = factory.LazyFunction(lambda: [constants.TargetGroup.CARERS])
    region_wide = True
    phone = "0578 123 456"
    status = constants.EntryStatus.PUBLISHED
    last_confirmed_on = factory.LazyFunction(timezone.localdate)

    @factory.lazy_attribute
    def confirm_due_on(self):
        if self.last_confirmed_on is None:
            return None
        from omzien.common.dates import add_months

        return add_months(self.last_confirmed_on, constants.CONFIRM_MONTHS_DEFAULT)

    @factory.lazy_attribute
    def drops_out_on(self):
        if self.confirm_due_on is None:
            return None
        from omzien.common.dates import add_months

        return add_months(self.confirm_due_on, constants.GRACE_MONTHS_DEFAULT)


class DirectorySettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectorySettings

    municipality = factory.SubFactory(MunicipalityFactory)
    confirm_months = 6
    grace_months = 1


class EntryTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryTransition

    entry = factory.SubFactory(EntryFactory)
    from_status = constants.EntryStatus.AWAITING_REVIEW
    to_status = constants.EntryStatus.PUBLISHED


def draft(**kwargs) -> Entry:
    return EntryFactory(
        status=constants.EntryStatus.DRAFT,
        last_confirmed_on=None,
        **kwargs,
    )


def confirmed_days_ago(days: int, **kwargs) -> Entry:
    return EntryFactory(
        last_confirmed_on=timezone.localdate() - datetime.timedelta(days=days), **kwargs
    )
