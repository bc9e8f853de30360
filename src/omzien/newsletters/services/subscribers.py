"""Public subscribers (double opt-in) and the unsubscribe that needs no login.

Subscribing stores the address unconfirmed and mails a signed confirmation link (valid for
``UNCONFIRMED_DAYS``; unconfirmed subscriptions are removed after that by the retention rule).
Confirming is the explicit new opt-in: it also lifts a suppression of the address.

Unsubscribing (the signed link in every newsletter, also as RFC 8058 one-click POST) stops the
newsletter for the address everywhere in the municipality: a carer's channel becomes "none"
(through the caregivers service, audited), a volunteer's consent is turned off, a subscriber is
removed, and the address's keyed hash is kept (``Suppression``) so a bounce list or a
re-import cannot subscribe it again by accident.
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from omzien.caregivers.constants import Newsletter as CarerChannel
from omzien.caregivers.models import Caregiver
from omzien.caregivers.services.caregivers import caregiver_set_newsletter
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.services import Actor
from omzien.newsletters import constants
from omzien.newsletters.addresses import email_hash, normalise_email
from omzien.newsletters.models import Delivery, Subscriber, Suppression
from omzien.newsletters.services.sending import UNSUBSCRIBE_SALT
from omzien.privacy.audit import audit_by, audit_log
from omzien.privacy.constants import AuditAction
from omzien.volunteering.models import Organisation, VolunteerProfile
from omzien.volunteering.services.profiles import profile_stop_newsletter

CONFIRM_SALT = "omzien.newsletters.confirm"


class InvalidLink(Exception):
    """The link is not one Omzien made, has expired, or its subscription was removed."""


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps(
        {"s": subscriber.pk, "h": email_hash(subscriber.email)[:16]}, salt=CONFIRM_SALT
    )


def subscriber_subscribe(*, municipality, email: str, actor: Actor) -> None:
    """Store the address unconfirmed and mail the confirmation link. An address that is
    already confirmed gets nothing (the page says the same either way, so it tells nobody who
    is subscribed)."""
    email = normalise_email(email)
    with transaction.atomic():
        subscriber = Subscriber.objects.filter(municipality=municipality, email=email).first()
        if subscriber is not None and subscriber.confirmed_at is not None:
            return
        if subscriber is None:
            subscriber = Subscriber(municipality=municipality, email=email)
            subscriber.full_clean()
            try:
                with transaction.atomic():
                    subscriber.save()
            except IntegrityError:  # the same address a moment ago
                return
            audit_by(AuditAction.CREATE, subscriber, actor, reason="newsletter subscription")
        else:
            subscriber.created_at = timezone.now()  # a new link: a new week to confirm
            subscriber.save(update_fields=["created_at"])
        link = absolute_url(
            None, reverse("newsletters_public:confirm", args=[confirm_token(subscriber)])
        )
        context = {"municipality": municipality, "link": link, "days": constants.UNCONFIRMED_DAYS}
        transaction.on_commit(
            lambda: send_templated_mail(
                template="newsletters/email/confirm", context=context, to=[email], language="nl"
            )
        )


def subscriber_for_token(token: str, *, lock: bool = False) -> Subscriber:
    """The subscriber a confirmation link was made for, or ``InvalidLink``."""
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=constants.UNCONFIRMED_DAYS * 24 * 3600
        )
    except signing.BadSignature as error:
        raise InvalidLink from error
    rows = Subscriber.objects.select_related("municipality")
    if lock:
        rows = rows.select_for_update(of=("self",))
    subscriber = rows.filter(pk=data.get("s")).first()
    if subscriber is None or email_hash(subscriber.email)[:16] != data.get("h"):
        raise InvalidLink
    return subscriber


@transaction.atomic
def subscriber_confirm(*, token: str, actor: Actor) -> Subscriber:
    subscriber = subscriber_for_token(token, lock=True)
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
        # The person asked again themselves: an earlier unsubscribe no longer holds.
        Suppression.objects.filter(
            municipality=subscriber.municipality, email_hash=email_hash(subscriber.email)
        ).delete()
        audit_by(AuditAction.UPDATE, subscriber, actor, reason="newsletter subscription confirmed")
    return subscriber


def delivery_for_token(token: str) -> Delivery:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise InvalidLink from error
    delivery = (
        Delivery.objects.select_related("newsletter__municipality").filter(pk=data.get("d")).first()
    )
    if delivery is None:
        raise InvalidLink
    return delivery


def _address_of(delivery: Delivery) -> str:
    """The delivery's address, or (after retention blanked it) its recipient's."""
    if delivery.email:
        return delivery.email
    kind, _sep, pk = delivery.recipient_key.partition(":")
    if not pk.isdigit():
        return ""
    if kind == "carer":
        return Caregiver.objects.filter(pk=pk).values_list("email", flat=True).first() or ""
    if kind == "volunteer":
        profile = VolunteerProfile.objects.filter(pk=pk).select_related("user").first()
        return (profile.email or (profile.user.email if profile.user_id else "")) if profile else ""
    if kind == "organisation":
        return (
            Organisation.objects.filter(pk=pk).values_list("contact_email", flat=True).first() or ""
        )
    if kind == "subscriber":
        return Subscriber.objects.filter(pk=pk).values_list("email", flat=True).first() or ""
    return ""


@transaction.atomic
def newsletter_unsubscribe(*, token: str, actor: Actor) -> Delivery:
    """Stop the newsletter for the address the link was sent to (see the module docstring)."""
    delivery = delivery_for_token(token)
    municipality = delivery.newsletter.municipality
    email = normalise_email(_address_of(delivery))
    kind, _sep, pk = delivery.recipient_key.partition(":")
    carers = Caregiver.objects.filter(municipality=municipality).exclude(
        newsletter=CarerChannel.NONE
    )
    carer_match = Q(pk=pk) if kind == "carer" and pk.isdigit() else Q(pk__in=[])
    if email:
        carer_match |= Q(email__iexact=email)
    for carer in carers.filter(carer_match):
        caregiver_set_newsletter(caregiver=carer, newsletter=CarerChannel.NONE, actor=actor)
    volunteer_match = Q(pk=pk) if kind == "volunteer" and pk.isdigit() else Q(pk__in=[])
    if email:
        volunteer_match |= Q(email__iexact=email) | Q(email="", user__email__iexact=email)
    for profile in VolunteerProfile.objects.filter(
        volunteer_match, municipality=municipality, wants_newsletter=True
    ):
        profile_stop_newsletter(profile=profile, actor=actor)
    if email:
        for subscriber in Subscriber.objects.filter(municipality=municipality, email=email):
            audit_by(AuditAction.DELETE, subscriber, actor, reason="newsletter unsubscribed")
            subscriber.delete()
        Suppression.objects.get_or_create(municipality=municipality, email_hash=email_hash(email))
    audit_log(
        action=AuditAction.UPDATE,
        actor=actor.user,
        request=actor.request,
        obj=delivery.newsletter,
        reason="newsletter unsubscribe",
        extra={"recipient": delivery.recipient_key},
    )
    return delivery
