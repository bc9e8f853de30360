from omzien.common.services import Actor
from omzien.newsletters import constants
from omzien.newsletters.addresses import email_hash
from omzien.newsletters.models import Delivery, Subscriber, Suppression
from omzien.newsletters.rights import NAME, NewslettersProvider
from omzien.newsletters.tests.factories import DeliveryFactory, NewsletterFactory
from omzien.privacy.rights import PersonQuery, providers


def test_a_subscriber_and_the_newsletters_received_are_found_exported_and_erased(heerde):
    assert isinstance(providers()[NAME], NewslettersProvider)
    Subscriber.objects.create(municipality=heerde, email="lezer@example.org")
    sent = NewsletterFactory(municipality=heerde, status=constants.NewsletterStatus.SENT)
    DeliveryFactory(newsletter=sent, email="lezer@example.org")
    DeliveryFactory(newsletter=sent, email="ander@example.org")
    provider = NewslettersProvider()
    matches = provider.find(heerde, PersonQuery(email="Lezer@example.org"))
    assert sorted(m.key.split(":")[0] for m in matches) == ["delivery", "subscriber"]
    for match in matches:
        assert provider.export(match)
        provider.erase(match, Actor())
    assert not Subscriber.objects.exists()
    assert Suppression.objects.get().email_hash == email_hash("lezer@example.org")
    assert list(Delivery.objects.order_by("pk").values_list("email", flat=True)) == [
        "",
        "ander@example.org",
    ]


def test_the_provider_covers_every_model_with_personal_data():
    from omzien.newsletters import models

    personal = {models.Subscriber, models.Delivery, models.Suppression}
    assert set(NewslettersProvider.models) == personal
