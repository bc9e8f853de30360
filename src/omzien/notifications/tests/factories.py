import factory

from omzien.accounts.tests.factories import UserFactory
from omzien.notifications.models import Notification, NotificationSettings
from omzien.tenants.tests.factories import MunicipalityFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    kind = "test"
    message = "Er is een nieuwe aanmelding."
    url = "/my/"
    key = factory.Sequence(lambda n: f"test:{n}")


class NotificationSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationSettings

    user = factory.SubFactory(UserFactory)
