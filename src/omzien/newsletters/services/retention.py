"""Retention of the newsletters (privacy.retention; docs/privacy.md):

- a delivery keeps its e-mail address, name and postal address for
  ``OMZIEN_NEWSLETTER_ADDRESS_DAYS`` after the newsletter was sent; then they are blanked and
  only the row (channel, status: the counts) remains;
- an unconfirmed subscription is removed after ``UNCONFIRMED_DAYS``;
- an unsubscribed subscriber is removed at once (``services.subscribers``); its suppression
  hash stays, as it holds no address.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from omzien.newsletters.constants import UNCONFIRMED_DAYS
from omzien.newsletters.models import Delivery, Subscriber


def newsletters_apply_retention(*, now=None) -> int:
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.OMZIEN_NEWSLETTER_ADDRESS_DAYS)
    blanked = Delivery.objects.filter(
        newsletter__sent_at__lte=cutoff, address_removed_at__isnull=True
    ).update(
        email="",
        name="",
        street_address="",
        postcode="",
        town="",
        error="",
        address_removed_at=now,
    )
    removed, _by_model = Subscriber.objects.filter(
        confirmed_at__isnull=True, created_at__lte=now - timedelta(days=UNCONFIRMED_DAYS)
    ).delete()
    return blanked + removed
