"""E-mail through Django's mail framework, always sent from a background task.

Services call :func:`send_templated_mail` (or :func:`queue_mail` for a mail rendered
elsewhere) inside ``transaction.on_commit`` so that no mail leaves for a change that was rolled
back.

Sent once: every queued mail carries an idempotency key made when it is queued. The task claims
the key (an ``OutgoingMail`` row, in its own committed transaction) before it hands the mail to
the relay and marks it sent after, so a task that runs again (its worker was killed and the
task was put back, ``common.workers``; or someone queued the same arguments again) finds the
key sent and sends nothing. The one window left is the relay call itself: a worker killed
during it leaves the key ``sending``, and nobody can tell whether the relay had accepted the
mail. The next run then sends it again (at least once: a mail is never lost to a dead worker),
under the same Message-ID, ``<key@sender's domain>``, so that a copy the relay did receive
twice is recognisable as the same message. The double can only happen when the kill falls
between the relay's "accepted" and the next database write; a kill anywhere else in the task
sends the mail exactly once. Keys are deleted after :data:`RETENTION_DAYS`.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import TaskContext, task

from omzien.common.models import OutgoingMail

logger = logging.getLogger(__name__)

# Longer than a task result is kept (``prune_db_task_results --min-age-days 14``): no task that
# could still run again outlives its key.
RETENTION_DAYS = 30


def header_text(value: str) -> str:
    """A value for a mail header (a subject, a sender's name) on one line, as a header must
    be: a line break typed into a title or a name (a crafted post can hold one) becomes a
    space. Django refuses a header with a line break, and the mail would not leave."""
    return " ".join(str(value).split())


def _message_id(key: str) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "omzien.localhost"
    return f"<{key}@{domain}>"


def _claim(key: str) -> bool:
    """Claim ``key`` for sending, committed at once. False when it was sent before; a key left
    ``sending`` by a worker that died is taken over (by one run only: the update is guarded by
    the claim read)."""
    try:
        with transaction.atomic():
            OutgoingMail.objects.create(key=key)
        return True
    except IntegrityError:
        pass
    claim = OutgoingMail.objects.filter(key=key).first()
    if claim is None or claim.status != OutgoingMail.Status.SENDING:
        return claim is None and _claim(key)  # deleted meanwhile (the relay refused it)
    taken = OutgoingMail.objects.filter(
        key=key, status=OutgoingMail.Status.SENDING, claimed_at=claim.claimed_at
    ).update(claimed_at=timezone.now(), attempts=F("attempts") + 1)
    if taken:
        logger.warning(
            "Mail %s was being sent when its worker stopped; sent again with Message-ID %s",
            key,
            _message_id(key),
        )
    return bool(taken)


@task(takes_context=True)
def send_mail_task(
    context: TaskContext,
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    attachments: list[list[str]] | None = None,
    key: str = "",
) -> int:
    """``attachments``: ``[filename, text content, mimetype]`` each (text only: task arguments
    are JSON), e.g. an iCalendar file. ``key``: the idempotency key :func:`queue_mail` made (a
    task queued without one uses its own id). Returns how many mails left: 0 when the key was
    sent before."""
    key = key or str(context.task_result.id)
    if not _claim(key):
        return 0
    message = EmailMultiAlternatives(
        subject=header_text(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers={"Message-ID": _message_id(key)},
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    # The connection is opened here and closed only after the key is marked sent, so the window
    # between the relay's "accepted" and the mark is one database write (not also the QUIT).
    relay = get_connection()
    try:
        relay.open()
        sent = relay.send_messages([message])
    except Exception:
        # The relay refused it or could not be reached: the key is free again, so a run that
        # tries again sends it. (A worker stopped in the call raises no Exception: its key
        # stays ``sending``.)
        relay.close()
        OutgoingMail.objects.filter(key=key, status=OutgoingMail.Status.SENDING).delete()
        raise
    try:
        OutgoingMail.objects.filter(key=key).update(
            status=OutgoingMail.Status.SENT, sent_at=timezone.now()
        )
    finally:
        relay.close()
    return sent


def queue_mail(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    attachments: list[list[str]] | None = None,
) -> None:
    """Queue one mail for the worker, with a new idempotency key."""
    extra = {"html": html} if html else {}
    if attachments:
        extra["attachments"] = attachments
    send_mail_task.enqueue(subject=subject, body=body, to=to, key=str(uuid.uuid4()), **extra)


def outgoing_mail_apply_retention() -> int:
    """Delete the idempotency keys of mails older than RETENTION_DAYS."""
    cutoff = timezone.now() - timedelta(days=RETENTION_DAYS)
    deleted, _per_model = OutgoingMail.objects.filter(claimed_at__lt=cutoff).delete()
    return deleted


def deliverable(addresses: list[str]) -> list[str]:
    """The addresses a mail can reach: none under the reserved top-level domain ``.invalid``
    (RFC 2606), which Omzien gives to what must never receive mail (an anonymised sign-up, a
    partner key's account, docs/api.md)."""
    return [a for a in addresses if not a.rsplit("@", 1)[-1].lower().endswith(".invalid")]


def _account_language(to: list[str]) -> str | None:
    """The language the one recipient chose for their account, if the address has one."""
    if len(to) != 1:
        return None
    return (
        get_user_model()
        .objects.filter(email=to[0].lower(), is_active=True)
        .values_list("preferred_language", flat=True)
        .first()
    )


def send_templated_mail(
    *,
    template: str,
    context: dict,
    to: list[str],
    language: str | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` and queue the mail.

    Rendering happens now, sending in the worker. It is rendered in the language of the
    recipient's account (whoever caused the mail); for an address without an account in
    ``language``, which a mail that someone else caused sets (Dutch, the product's first
    language); else in the language of the request (a visitor's own). Nothing is queued for an
    address that cannot receive mail (:func:`deliverable`).
    """
    to = deliverable(to)
    if not to:
        return
    language = (
        _account_language(to) or language or translation.get_language() or settings.LANGUAGE_CODE
    )
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    queue_mail(subject=subject, body=body, to=to, attachments=attachments)
