"""The newsletters' provider for access, rectification and erasure requests
(``privacy.rights``; registered in apps.py).

A person is found by e-mail address as a public subscriber (``subscriber:<pk>``) and as a
recipient of a newsletter (``delivery:<pk>``, one per newsletter, while the delivery keeps its
address; postal recipients by postcode and house number). Erasure removes the subscriber and
blanks the delivery's address (its count stays); the suppression hash of an unsubscribed
address holds no address and is not found by a request, but it is kept on erasure of a
subscriber so the person is not mailed again.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.newsletters.addresses import email_hash
from omzien.newsletters.models import Delivery, Subscriber, Suppression
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.privacy.rights import Erasure, KindsProvider, Match, RecordKind, by_email, records_of

NAME = "newsletters"


def _subscriber_erase(match: Match, actor) -> Erasure:
    with transaction.atomic():
        subscriber = Subscriber.objects.filter(pk=match.obj.pk).first()
        if subscriber is not None:
            Suppression.objects.get_or_create(
                municipality_id=subscriber.municipality_id, email_hash=email_hash(subscriber.email)
            )
            audit_by(AuditAction.DELETE, subscriber, actor, reason="removal on request")
            subscriber.delete()
    return Erasure(erased=[str(match.kind)])


def _delivery_findable(rows, query):
    if query.email.strip():
        return by_email(rows, query)
    if query.postcode.strip():
        return rows.exclude(postcode="")
    return rows.none()


def _delivery_erase(match: Match, actor) -> Erasure:
    Delivery.objects.filter(pk=match.obj.pk).update(
        email="",
        name="",
        street_address="",
        postcode="",
        town="",
        error="",
        address_removed_at=timezone.now(),
    )
    audit_by(
        AuditAction.UPDATE,
        match.obj.newsletter,
        actor,
        reason="newsletter delivery address removed on request",
    )
    return Erasure(erased=[str(match.kind)])


class NewslettersProvider(KindsProvider):
    name = NAME
    label = _("Newsletters")
    models = (Subscriber, Delivery, Suppression)
    kinds = (
        RecordKind(
            key="subscriber",
            label=_("Newsletter subscription"),
            rows=lambda municipality: Subscriber.objects.filter(municipality=municipality),
            findable=by_email,
            name=lambda subscriber: subscriber.email,
            details=lambda subscriber: {"email": subscriber.email},
            export=lambda match: records_of([match.obj]),
            erase=_subscriber_erase,
        ),
        RecordKind(
            key="delivery",
            label=_("Newsletter received"),
            rows=lambda municipality: Delivery.objects.filter(
                newsletter__municipality=municipality, address_removed_at__isnull=True
            ).select_related("newsletter"),
            findable=_delivery_findable,
            name=lambda delivery: delivery.name or delivery.email,
            details=lambda delivery: {
                "email": delivery.email,
                "postcode": delivery.postcode,
                "street": delivery.street_address,
            },
            export=lambda match: records_of([match.obj], skip=("claim",)),
            erase=_delivery_erase,
        ),
    )
