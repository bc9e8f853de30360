"""Sending a newsletter: freezing its recipients, and the worker that mails them.

``newsletter_send`` (staff, "Send") locks the newsletter, checks the step draft → sending,
builds the audience and inserts one ``Delivery`` per recipient; the unique constraint on
(newsletter, recipient key) and the status check make a repeated click add nobody twice. After
the commit it queues ``tasks.send_newsletter``.

``deliveries_process`` (the task) mails the e-mail rows in batches, one SMTP connection per
batch, no faster than the municipality's messages per minute. Crash safety, row by row:

1. a batch of queued rows is *claimed* (status sending, a random claim token, the time) and
   committed before any message of it leaves; on PostgreSQL with ``SELECT ... FOR UPDATE SKIP
   LOCKED``, so several workers share one newsletter without taking the same rows (SQLite
   serialises writers; the claim token tells each worker which rows it got);
2. each message is sent; the batch's sent rows are marked sent after;
3. a row still "sending" longer than ``STUCK_MINUTES`` belonged to a worker that died between
   1 and 2: it becomes "unknown" and is never sent again (its message may have left), and
   staff see it. So a killed worker never causes a second copy.

A message the server refuses for its address fails (status failed, reason kept). Any other
error (the connection went down) puts the rows not yet sent back in the queue and ends the
task; running it again ("Resume sending") carries on where it stopped.
"""

import contextlib
import secrets
import smtplib
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.links import absolute_url
from omzien.common.mail import header_text
from omzien.common.services import Actor
from omzien.newsletters import constants
from omzien.newsletters.constants import DeliveryStatus
from omzien.newsletters.models import Delivery, Newsletter, NewsletterSettings, Section
from omzien.newsletters.selectors.audiences import audience_build
from omzien.newsletters.selectors.rendering import UNSUBSCRIBE_PLACEHOLDER, email_render
from omzien.newsletters.workflows import NEWSLETTER
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

UNSUBSCRIBE_SALT = "omzien.newsletters.unsubscribe"
# Errors that are about one message's address: that message fails, the others go on.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)


def unsubscribe_token(delivery_id: int) -> str:
    return signing.dumps({"d": delivery_id}, salt=UNSUBSCRIBE_SALT, compress=False)


def unsubscribe_url(delivery_id: int) -> str:
    path = reverse("newsletters_public:unsubscribe", args=[unsubscribe_token(delivery_id)])
    return absolute_url(None, path)


def sender_of(municipality) -> tuple[str, int]:
    """The From header and messages per minute of the municipality's newsletters."""
    found = NewsletterSettings.objects.filter(municipality=municipality).first()
    if found is None:
        return settings.DEFAULT_FROM_EMAIL, settings.OMZIEN_NEWSLETTER_PER_MINUTE
    name = header_text(found.sender_name.replace('"', ""))
    return f'"{name}" <{found.sender_email}>', found.per_minute


def _check_ready(newsletter: Newsletter) -> None:
    errors = []
    if not newsletter.segments:
        errors.append(ValidationError(_("Choose at least one audience first."), code="no_audience"))
    if not Section.objects.filter(newsletter=newsletter).exists():
        errors.append(ValidationError(_("Add at least one section first."), code="no_sections"))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def newsletter_send(*, newsletter: Newsletter, actor: Actor, expected: str = "") -> int:
    """Freeze the recipients and start sending; returns how many deliveries were made."""
    locked = (
        Newsletter.objects.select_for_update().select_related("municipality").get(pk=newsletter.pk)
    )
    step, _note = NEWSLETTER.check(
        locked, target=constants.NewsletterStatus.SENDING, actor=actor, expected=expected
    )
    _check_ready(locked)
    audience = audience_build(municipality=locked.municipality, segments=locked.segments)
    Delivery.objects.bulk_create(
        [
            Delivery(
                newsletter=locked,
                recipient_key=r.key,
                channel=r.channel,
                email=r.email,
                name=r.name[:255],
                street_address=r.street_address,
                postcode=r.postcode,
                town=r.town,
            )
            for r in audience.recipients
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    locked.send_started_at = timezone.now()
    NEWSLETTER.record(locked, step=step, actor=actor, fields=["send_started_at", "updated_at"])
    newsletter_id = locked.pk
    transaction.on_commit(lambda: _enqueue(newsletter_id))
    return len(audience.recipients)


def _enqueue(newsletter_id: int) -> None:
    from omzien.newsletters.tasks import send_newsletter

    send_newsletter.enqueue(newsletter_id=newsletter_id)


def newsletter_resume(*, newsletter: Newsletter, actor: Actor) -> None:
    """Queue the sending task again (after a worker stopped): it carries on with the queued
    rows only; several runs at once share the rows."""
    status = Newsletter.objects.filter(pk=newsletter.pk).values_list("status", flat=True).first()
    if status != constants.NewsletterStatus.SENDING:
        raise ValidationError(
            _("Only a newsletter that is being sent can be resumed."), code="not_sending"
        )
    audit_by(AuditAction.UPDATE, newsletter, actor, reason="sending resumed")
    transaction.on_commit(lambda: _enqueue(newsletter.pk))


def deliveries_mark_stuck(*, newsletter_id: int, older_than: timedelta | None = None) -> int:
    """Rows claimed longer ago than ``older_than`` (default ``STUCK_MINUTES``) by a worker that
    never finished them: unknown, never sent again."""
    cutoff = timezone.now() - (
        older_than if older_than is not None else timedelta(minutes=constants.STUCK_MINUTES)
    )
    return Delivery.objects.filter(
        newsletter_id=newsletter_id, status=DeliveryStatus.SENDING, claimed_at__lte=cutoff
    ).update(status=DeliveryStatus.UNKNOWN)


def _claim(newsletter_id: int, size: int) -> list[Delivery]:
    token = secrets.token_hex(16)
    with transaction.atomic():
        queued = Delivery.objects.filter(
            newsletter_id=newsletter_id,
            channel=constants.Channel.EMAIL,
            status=DeliveryStatus.QUEUED,
        ).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        ids = list(queued.values_list("pk", flat=True)[:size])
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.SENDING, claim=token, claimed_at=timezone.now()
        )
    return list(
        Delivery.objects.filter(claim=token, status=DeliveryStatus.SENDING)
        .only("pk", "email")
        .order_by("pk")
    )


def _message(parts, sender: str, row: Delivery, conn) -> EmailMultiAlternatives:
    url = unsubscribe_url(row.pk)
    message = EmailMultiAlternatives(
        subject=header_text(parts.subject),
        body=parts.text.replace(UNSUBSCRIBE_PLACEHOLDER, url),
        from_email=sender,
        to=[row.email],
        connection=conn,
        headers={
            # RFC 2369 and RFC 8058: one-click unsubscribe by the mail program, over https.
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(parts.html.replace(UNSUBSCRIBE_PLACEHOLDER, url), "text/html")
    return message


def _send_batch(rows: list[Delivery], parts, sender: str) -> None:
    sent: list[int] = []
    failed: list[tuple[int, str]] = []
    conn = get_connection()
    try:
        conn.open()
    except Exception:
        # Nothing of this batch left: back in the queue.
        Delivery.objects.filter(pk__in=[r.pk for r in rows]).update(
            status=DeliveryStatus.QUEUED, claim=""
        )
        raise
    try:
        for row in rows:
            try:
                _message(parts, sender, row, conn).send()
            except MESSAGE_ERRORS as error:
                failed.append((row.pk, str(error)[:255]))
            else:
                sent.append(row.pk)
    except Exception:
        # The connection failed: what was not sent goes back in the queue for the next run.
        done = set(sent) | {pk for pk, _reason in failed}
        Delivery.objects.filter(
            pk__in=[r.pk for r in rows if r.pk not in done], status=DeliveryStatus.SENDING
        ).update(status=DeliveryStatus.QUEUED, claim="")
        raise
    finally:
        now = timezone.now()
        if sent:
            Delivery.objects.filter(pk__in=sent).update(status=DeliveryStatus.SENT, sent_at=now)
        for pk, reason in failed:
            Delivery.objects.filter(pk=pk).update(status=DeliveryStatus.FAILED, error=reason)
        with contextlib.suppress(Exception):  # closing a broken connection
            conn.close()


def deliveries_process(
    *,
    newsletter_id: int,
    stuck_after: timedelta | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, int]:
    """Mail the queued e-mail rows of a newsletter that is being sent; returns the counts."""
    newsletter = Newsletter.objects.select_related("municipality").get(pk=newsletter_id)
    if newsletter.status != constants.NewsletterStatus.SENDING:
        return delivery_counts(newsletter_id=newsletter_id)
    deliveries_mark_stuck(newsletter_id=newsletter_id, older_than=stuck_after)
    sender, per_minute = sender_of(newsletter.municipality)
    parts = email_render(newsletter=newsletter)
    size = max(1, min(constants.BATCH_SIZE, per_minute))
    started, handled = clock(), 0
    while True:
        rows = _claim(newsletter_id, size)
        if not rows:
            break
        _send_batch(rows, parts, sender)
        handled += len(rows)
        # Throttle: ``handled`` messages take at least handled / per_minute minutes.
        wait = handled * 60 / per_minute - (clock() - started)
        if wait > 0:
            sleep(wait)
    newsletter_finish(newsletter_id=newsletter_id)
    return delivery_counts(newsletter_id=newsletter_id)


@transaction.atomic
def newsletter_finish(*, newsletter_id: int) -> bool:
    """Sending → sent once no e-mail row is queued or being sent (the last worker does it)."""
    locked = Newsletter.objects.select_for_update().get(pk=newsletter_id)
    if locked.status != constants.NewsletterStatus.SENDING:
        return False
    if Delivery.objects.filter(
        newsletter_id=newsletter_id,
        channel=constants.Channel.EMAIL,
        status__in=(DeliveryStatus.QUEUED, DeliveryStatus.SENDING),
    ).exists():
        return False
    step, _note = NEWSLETTER.check(locked, target=constants.NewsletterStatus.SENT, actor=Actor())
    locked.sent_at = timezone.now()
    NEWSLETTER.record(locked, step=step, actor=Actor(), fields=["sent_at", "updated_at"])
    return True


def delivery_counts(*, newsletter_id: int) -> dict[str, int]:
    from omzien.newsletters.selectors.newsletters import delivery_counts as counts

    return counts(newsletter=Newsletter(pk=newsletter_id))
