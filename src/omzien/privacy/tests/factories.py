import datetime

import factory
from django.utils import timezone

from omzien.accounts.tests.factories import UserFactory
from omzien.common.dates import add_months
from omzien.privacy.constants import AuditAction, RequestKind
from omzien.privacy.models import AuditEvent, SubjectRequest
from omzien.tenants.tests.factories import MunicipalityFactory


class AuditEventFactory(factory.django.DjangoModelFactory):
    """A staff member of the municipality viewed a record of it.

    Append-only like the real thing: build a new event rather than change one.
    """

    class Meta:
        model = AuditEvent

    actor = factory.SubFactory(UserFactory)
    actor_label = factory.LazyAttribute(lambda o: o.actor.email if o.actor else "")
    action = AuditAction.VIEW
    object_type = "accounts.user"
    object_id = factory.LazyAttribute(lambda o: str(o.actor.pk) if o.actor else "")
    municipality = factory.SubFactory(MunicipalityFactory)
    reason = "Dossier ingezien"


class SubjectRequestFactory(factory.django.DjangoModelFactory):
    """An access request received today, recorded by the municipality's privacy officer."""

    class Meta:
        model = SubjectRequest

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = RequestKind.ACCESS
    name = factory.Sequence(lambda n: f"Henk Verzoeker {n}")
    date_of_birth = datetime.date(1958, 3, 14)
    email = factory.Sequence(lambda n: f"verzoeker{n}@example.org")
    received_on = factory.LazyFunction(timezone.localdate)
    deadline_on = factory.LazyAttribute(lambda o: add_months(o.received_on, 1))
    created_by = factory.SubFactory(UserFactory)
