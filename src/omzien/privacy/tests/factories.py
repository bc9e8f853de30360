import factory

from omzien.accounts.tests.factories import UserFactory
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
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
