from datetime import timedelta

from django.utils import timezone

from omzien.newsletters import constants
from omzien.newsletters.models import Delivery
from omzien.newsletters.services.retention import newsletters_apply_retention
from omzien.newsletters.tests.factories import DeliveryFactory, NewsletterFactory
from omzien.privacy.retention import rules


def test_deliveries_lose_their_address_after_the_period_and_keep_the_count(heerde, settings):
    settings.OMZIEN_NEWSLETTER_ADDRESS_DAYS = 30
    old = NewsletterFactory(
        municipality=heerde,
        status=constants.NewsletterStatus.SENT,
        sent_at=timezone.now() - timedelta(days=31),
    )
    recent = NewsletterFactory(
        municipality=heerde, status=constants.NewsletterStatus.SENT, sent_at=timezone.now()
    )
    DeliveryFactory(newsletter=old)
    DeliveryFactory(
        newsletter=old, channel=constants.Channel.POST, email="", name="Jan", postcode="8181 AB"
    )
    kept = DeliveryFactory(newsletter=recent)
    assert newsletters_apply_retention() == 2
    blanked = Delivery.objects.filter(newsletter=old)
    assert blanked.count() == 2
    assert set(blanked.values_list("email", "name", "postcode")) == {("", "", "")}
    assert Delivery.objects.get(pk=kept.pk).email == kept.email
    assert "newsletters_apply_retention" in rules()
