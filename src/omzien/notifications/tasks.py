"""The e-mails of notifications: one per notification, or a daily digest (in the worker)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.notifications.constants import EmailChoice
from omzien.notifications.models import Notification, NotificationSettings

DIGEST_LIMIT = 50


def _claim(queryset) -> list[Notification]:
    """Mark the notifications e-mailed before the mail is queued: a retried task finds them
    claimed and mails nothing twice."""
    notifications = list(queryset.select_for_update().select_related("recipient"))
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        emailed_at=timezone.now()
    )
    return notifications


@task()
def send_notification_mail(*, notification_id: int) -> int:
    with transaction.atomic():
        claimed = _claim(
            Notification.objects.filter(
                pk=notification_id, emailed_at__isnull=True, read_at__isnull=True
            )
        )
    if not claimed:
        return 0
    notification = claimed[0]
    user = notification.recipient
    if not (user.is_active and user.email):
        return 0
    send_templated_mail(
        template="notifications/email/notification",
        context={
            "message": notification.message,
            "link": absolute_url(None, notification.url),
            "settings_link": absolute_url(None, reverse("notifications:list")),
        },
        to=[user.email],
        language=user.preferred_language,
    )
    return 1


@task()
def send_digests() -> int:
    """One e-mail per person who chose the daily digest, with their notifications that are
    unread and not mailed yet; returns how many e-mails were queued."""
    mailed = 0
    choices = NotificationSettings.objects.filter(
        email=EmailChoice.DAILY, user__is_active=True
    ).select_related("user")
    for choice in choices:
        user = choice.user
        with transaction.atomic():
            pending = _claim(
                Notification.objects.filter(
                    recipient=user, emailed_at__isnull=True, read_at__isnull=True
                ).order_by("created_at", "pk")[:DIGEST_LIMIT]
            )
            NotificationSettings.objects.filter(pk=choice.pk).update(last_digest_at=timezone.now())
        if not pending or not user.email:
            continue
        send_templated_mail(
            template="notifications/email/digest",
            context={
                "notifications": [
                    {"message": n.message, "link": absolute_url(None, n.url)} for n in pending
                ],
                "list_link": absolute_url(None, reverse("notifications:list")),
            },
            to=[user.email],
            language=user.preferred_language,
        )
        mailed += 1
    return mailed
