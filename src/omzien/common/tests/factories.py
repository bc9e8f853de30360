import hashlib

import factory

from omzien.accounts.tests.factories import UserFactory
from omzien.common.models import ExportJob, ImportJob, OutgoingMail, WorkerHeartbeat
from omzien.tenants.tests.factories import MunicipalityFactory

CSV = b"voornaam;achternaam\r\nAnna;de Vries\r\n"


class ImportJobFactory(factory.django.DjangoModelFactory):
    """A carer import a consultant uploaded, waiting for the worker."""

    class Meta:
        model = ImportJob

    kind = "caregivers"
    municipality = factory.SubFactory(MunicipalityFactory)
    created_by = factory.SubFactory(UserFactory)
    language = "nl"
    filename = "mantelzorgers.csv"
    data = CSV
    size = len(CSV)
    sha256 = hashlib.sha256(CSV).hexdigest()


class ExportJobFactory(factory.django.DjangoModelFactory):
    """A large export of the carer registry a consultant asked for, waiting for the worker."""

    class Meta:
        model = ExportJob

    kind = "caregivers"
    municipality = factory.SubFactory(MunicipalityFactory)
    created_by = factory.SubFactory(UserFactory)
    language = "nl"
    params = factory.LazyFunction(lambda: {"format": "csv", "filters": {}})
    rows_total = 20_000


class OutgoingMailFactory(factory.django.DjangoModelFactory):
    """The key of a mail a worker has sent."""

    class Meta:
        model = OutgoingMail

    key = factory.Faker("uuid4")
    status = OutgoingMail.Status.SENT


class WorkerHeartbeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkerHeartbeat

    worker_id = factory.Sequence(lambda n: f"host-{n}")
