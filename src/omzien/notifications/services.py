"""Notify people of what needs their action; mark notifications read; retention.

Capabilities call :func:`notify` (or :func:`notify_role`) from their services, inside the
transaction of the change: the notifications are written with it, and the e-mail of each
(for those who want one per notification) is queued when it commits. The ``key`` makes a
notification happen once per recipient, however often a request or task is retried.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from omzien.accounts.models import Membership
from omzien.notifications.constants import KEEP_DAYS, KEEP_READ_DAYS, EmailChoice
from omzien.notifications.models import Notification, NotificationSettings


def _local(url: str) -> bool:
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)


def notify(
    *,
    recipients: Iterable,
    kind: str,
    message,
    url: str,
    key: str,
    municipality=None,
    params: dict | None = None,
) -> list[Notification]:
    """Notify each active recipient once per ``key``; returns the notifications made now.

    ``message`` is a translatable text (``gettext_lazy``) with ``%(name)s`` placeholders filled
    from ``params``; each recipient gets it in their own language. ``url`` is a local path.
    """
    if not _local(url):
        raise ValidationError(_("A notification links to a page of Omzien."), code="bad_link")
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not people:
        return []
    wants = dict(
        NotificationSettings.objects.filter(user_id__in=people).values_list("user_id", "email")
    )
    made = []
    for user in people.values():
        with translation.override(user.preferred_language or "nl"):
            text = str(message) % (params or {})
        try:
            with transaction.atomic():
                notification, created = Notification.objects.get_or_create(
                    recipient=user,
                    key=key[:200],
                    defaults={
                        "kind": kind,
                        "message": text[:300],
                        "url": url,
                        "municipality": municipality,
                    },
                )
        except IntegrityError:  # the same notification, made at this moment by a retry
            continue
        if created:
            made.append(notification)
    mail_now = [n.pk for n in made if wants.get(n.recipient_id, EmailChoice.EACH) == "each"]
    if mail_now:
        from omzien.notifications.tasks import send_notification_mail

        transaction.on_commit(
            lambda: [send_notification_mail.enqueue(notification_id=pk) for pk in mail_now]
        )
    return made


def role_holders(municipality, roles: Iterable[str]) -> list:
    """The active accounts holding one of ``roles`` in ``municipality``."""
    return [
        membership.user
        for membership in Membership.objects.filter(
            municipality=municipality, role__in=list(roles), is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
        .distinct()
    ]


def notify_role(*, municipality, roles: Iterable[str], **kwargs) -> list[Notification]:
    """Notify everyone holding one of ``roles`` in ``municipality`` (e.g. all consultants of
    a new registration that has no consultant yet)."""
    return notify(recipients=role_holders(municipality, roles), municipality=municipality, **kwargs)


def mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (``ids``, or all of them); returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


def resolve(*, key: str) -> int:
    """The work a key stands for is done (a colleague took it on): everyone's notification
    of it is marked read, so no one else starts on it."""
    return Notification.objects.filter(key=key[:200], read_at__isnull=True).update(
        read_at=timezone.now()
    )


def email_choice_update(*, user, email: str) -> NotificationSettings:
    if email not in EmailChoice.values:
        raise ValidationError(_("Choose how you want to be e-mailed."), code="bad_choice")
    settings, _created = NotificationSettings.objects.update_or_create(
        user=user, defaults={"email": email}
    )
    return settings


def notifications_apply_retention() -> int:
    """Delete notifications read more than 90 days ago, and all older than a year."""
    now = timezone.now()
    deleted, _per_model = Notification.objects.filter(
        read_at__lt=now - timedelta(days=KEEP_READ_DAYS)
    ).delete()
    older, _per_model = Notification.objects.filter(
        created_at__lt=now - timedelta(days=KEEP_DAYS)
    ).delete()
    return deleted + older
