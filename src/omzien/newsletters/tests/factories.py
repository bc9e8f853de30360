import datetime

import factory
from django.utils import timezone

from omzien.newsletters import constants
from omzien.newsletters.models import (
    Delivery,
    Newsletter,
    NewsletterSettings,
    NewsletterTransition,
    Section,
    Subscriber,
    Suppression,
)
from omzien.tenants.tests.factories import MunicipalityFactory


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Nieuwsbrief {n + 1}")
    issue_date = factory.LazyFunction(datetime.date.today)
    intro = "Nieuws over mantelzorg en vrijwilligerswerk."
    segments = factory.LazyFunction(lambda: [constants.Segment.CARERS])


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    newsletter = factory.SubFactory(NewsletterFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = constants.SectionKind.TEXT
    heading = "Lotgenotencontact"
    body = "Elke eerste dinsdag van de maand.\n\nWelkom in het dorpshuis."


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    municipality = factory.SubFactory(MunicipalityFactory)
    email = factory.Sequence(lambda n: f"lezer{n}@example.org")
    confirmed_at = factory.LazyFunction(timezone.now)


class SuppressionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suppression

    municipality = factory.SubFactory(MunicipalityFactory)
    email_hash = factory.Sequence(lambda n: f"{n:064x}")


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    newsletter = factory.SubFactory(NewsletterFactory, status=constants.NewsletterStatus.SENT)
    recipient_key = factory.Sequence(lambda n: f"subscriber:{n + 1}")
    channel = constants.Channel.EMAIL
    status = constants.DeliveryStatus.SENT
    email = factory.Sequence(lambda n: f"ontvanger{n}@example.org")


class NewsletterSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsletterSettings

    municipality = factory.SubFactory(MunicipalityFactory)
    sender_name = "Gemeente Heerde"
    sender_email = "nieuwsbrief@heerde.example"
    per_minute = 600


class NewsletterTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsletterTransition

    newsletter = factory.SubFactory(NewsletterFactory)
    from_status = constants.NewsletterStatus.DRAFT
    to_status = constants.NewsletterStatus.SENDING
