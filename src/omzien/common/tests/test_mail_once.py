"""A mail is sent at most once: idempotency keys on queued mail (``common.mail``)."""

import logging
import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from omzien.common.mail import (
    outgoing_mail_apply_retention,
    queue_mail,
    send_mail_task,
    send_templated_mail,
)
from omzien.common.models import OutgoingMail
from omzien.privacy.retention import rules

pytestmark = pytest.mark.django_db(transaction=True)

WORKER = ("db_worker", "--backend", "database", "--batch", "--no-startup-delay", "--no-reload")


def _enqueue(key: str, backend: str = "default"):
    return send_mail_task.using(backend=backend).enqueue(
        subject="Bevestiging", body="Hallo", to=["a@example.org"], key=key
    )


def test_the_same_key_twice_sends_one_mail():
    first = _enqueue("key-1")
    second = _enqueue("key-1")
    assert len(mail.outbox) == 1
    assert (first.return_value, second.return_value) == (1, 0)
    row = OutgoingMail.objects.get()
    assert (row.key, row.status) == ("key-1", OutgoingMail.Status.SENT)
    assert row.sent_at is not None


def test_the_mail_carries_its_key_as_message_id():
    _enqueue("key-2")
    assert mail.outbox[0].message()["Message-ID"] == "<key-2@omzien.localhost>"


def test_each_queued_mail_has_its_own_key():
    """The key is made when a mail is queued, not from its content: the same mail queued
    twice (two confirmations of two responses) goes out twice."""
    for _ in range(2):
        send_templated_mail(
            template="accounts/email/already_registered",
            context={"user": None, "login_url": "https://x/l", "reset_url": "https://x/r"},
            to=["b@example.org"],
        )
    queue_mail(subject="Los", body="Tekst", to=["c@example.org"])
    assert len(mail.outbox) == 3
    ids = {m.message()["Message-ID"] for m in mail.outbox}
    assert len(ids) == 3
    assert OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).count() == 3


def test_a_task_run_again_by_the_worker_sends_nothing_more():
    """The worker ran the task; it is put back (as after a worker was killed) and runs again."""
    _enqueue("key-3", backend="database")
    call_command(*WORKER, verbosity=0)
    DBTaskResult.objects.update(status="READY")
    call_command(*WORKER, verbosity=0)
    assert len(mail.outbox) == 1
    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL"
    assert len(result.worker_ids) == 2
    assert result.return_value == 0


def test_a_key_left_sending_by_a_dead_worker_is_sent_again_under_the_same_message_id(caplog):
    """The worker died between claiming the key and marking it sent: whether the relay had the
    mail is unknown, so it goes again, recognisably the same message."""
    OutgoingMail.objects.create(key="key-4", claimed_at=timezone.now() - timedelta(minutes=2))
    with caplog.at_level(logging.WARNING, logger="omzien.common.mail"):
        result = _enqueue("key-4")
    assert result.return_value == 1
    assert [m.message()["Message-ID"] for m in mail.outbox] == ["<key-4@omzien.localhost>"]
    claim = OutgoingMail.objects.get()
    assert (claim.status, claim.attempts) == (OutgoingMail.Status.SENT, 2)
    assert "<key-4@omzien.localhost>" in caplog.text
    assert _enqueue("key-4").return_value == 0  # and after that, never again
    assert len(mail.outbox) == 1


def test_a_sent_key_sends_nothing():
    OutgoingMail.objects.create(key="key-5", status=OutgoingMail.Status.SENT)
    assert _enqueue("key-5").return_value == 0
    assert mail.outbox == []
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT


def test_the_key_is_marked_sent_before_the_relay_connection_closes():
    """A kill during the QUIT must not send the mail again: the mark comes first."""
    seen = []
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.close",
        autospec=True,
        side_effect=lambda _backend: seen.append(OutgoingMail.objects.get().status),
    ):
        _enqueue("key-7")
    assert seen == [OutgoingMail.Status.SENT]


def test_a_mail_the_relay_refused_is_sent_by_the_next_try():
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPServerDisconnected("relay away"),
    ):
        failed = _enqueue("key-6")
    assert failed.status == "FAILED"
    assert not OutgoingMail.objects.exists()
    assert _enqueue("key-6").return_value == 1
    assert len(mail.outbox) == 1


def test_a_task_queued_without_a_key_uses_its_own_id():
    result = send_mail_task.enqueue(subject="Oud", body="Zonder sleutel", to=["d@example.org"])
    assert OutgoingMail.objects.get().key == str(result.id)


def test_keys_are_deleted_after_the_retention_period():
    assert rules()["outgoing_mail_apply_retention"] is outgoing_mail_apply_retention
    old = OutgoingMail.objects.create(
        key="old", status="sent", claimed_at=timezone.now() - timedelta(days=31)
    )
    OutgoingMail.objects.create(
        key="recent", status="sent", claimed_at=timezone.now() - timedelta(days=29)
    )
    assert outgoing_mail_apply_retention() == 1
    assert list(OutgoingMail.objects.values_list("key", flat=True)) == ["recent"]
    assert not OutgoingMail.objects.filter(pk=old.pk).exists()
