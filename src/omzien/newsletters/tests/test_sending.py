"""Sending: frozen recipients, every e-mail exactly once however often "send" is clicked or
the task runs, and after a backend that breaks down halfway; a claimed row whose worker died
is never sent again. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from omzien.caregivers.constants import Newsletter as CarerChannel
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.services import Actor
from omzien.newsletters import constants
from omzien.newsletters.constants import DeliveryStatus
from omzien.newsletters.models import Delivery, Newsletter
from omzien.newsletters.services import sending
from omzien.newsletters.services.subscribers import delivery_for_token
from omzien.newsletters.tests.factories import (
    NewsletterFactory,
    NewsletterSettingsFactory,
    SectionFactory,
    SubscriberFactory,
)
from omzien.privacy.models import AuditEvent


class BreaksHalfway(EmailBackend):
    """The locmem backend whose connection breaks after ``allowed`` messages."""

    allowed = 0

    def send_messages(self, messages):
        if len(mail.outbox) >= type(self).allowed:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return super().send_messages(messages)


class RefusesOne(EmailBackend):
    def send_messages(self, messages):
        if messages[0].to == ["weg@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"weg@example.org": (550, b"no such user")})
        return super().send_messages(messages)


@pytest.fixture
def newsletter(heerde):
    newsletter = NewsletterFactory(
        municipality=heerde, segments=[constants.Segment.CARERS, constants.Segment.SUBSCRIBERS]
    )
    SectionFactory(newsletter=newsletter)
    for n in range(7):
        CaregiverFactory(
            municipality=heerde, newsletter=CarerChannel.EMAIL, email=f"carer{n}@example.org"
        )
    CaregiverFactory(municipality=heerde, newsletter=CarerChannel.POST)
    for n in range(5):
        SubscriberFactory(municipality=heerde, email=f"lezer{n}@example.org")
    return newsletter


def _send(newsletter, user, **kwargs):
    return sending.newsletter_send(newsletter=newsletter, actor=Actor(user=user), **kwargs)


def _received() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def _expected() -> list[str]:
    return sorted(
        [f"carer{n}@example.org" for n in range(7)] + [f"lezer{n}@example.org" for n in range(5)]
    )


def test_send_freezes_recipients_and_the_worker_mails_each_once(
    newsletter, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(newsletter, consultant) == 13
    assert _received() == _expected()
    newsletter.refresh_from_db()
    assert newsletter.status == constants.NewsletterStatus.SENT
    assert Delivery.objects.filter(newsletter=newsletter, status=DeliveryStatus.SENT).count() == 12
    post = Delivery.objects.get(newsletter=newsletter, channel=constants.Channel.POST)
    assert post.status == DeliveryStatus.QUEUED and post.postcode
    # The transition log and the audit trail have the steps.
    assert list(newsletter.transitions.values_list("to_status", flat=True)) == [
        constants.NewsletterStatus.SENDING,
        constants.NewsletterStatus.SENT,
    ]
    assert AuditEvent.objects.filter(
        object_type="newsletters.newsletter", object_id=str(newsletter.pk)
    ).exists()


def test_a_second_send_and_a_rerun_of_the_task_send_nothing_more(
    newsletter, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send(newsletter, consultant, expected=constants.NewsletterStatus.DRAFT)
    with pytest.raises(ValidationError) as refused:
        _send(newsletter, consultant, expected=constants.NewsletterStatus.DRAFT)
    assert refused.value.code == "stale"
    Newsletter.objects.filter(pk=newsletter.pk).update(status=constants.NewsletterStatus.SENDING)
    sending.deliveries_process(newsletter_id=newsletter.pk)
    assert _received() == _expected()
    assert Delivery.objects.filter(newsletter=newsletter).count() == 13


def test_a_backend_that_breaks_halfway_then_a_rerun_mails_everyone_exactly_once(
    newsletter, consultant, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BreaksHalfway"
    BreaksHalfway.allowed = 5
    # The task fails (the worker records the error) halfway.
    with django_capture_on_commit_callbacks(execute=True):
        _send(newsletter, consultant)
    assert len(mail.outbox) == 5
    counts = sending.delivery_counts(newsletter_id=newsletter.pk)
    assert (counts["sent"], counts["queued"], counts["sending"]) == (5, 7, 0)
    BreaksHalfway.allowed = 100
    sending.deliveries_process(newsletter_id=newsletter.pk)
    assert _received() == _expected()
    newsletter.refresh_from_db()
    assert newsletter.status == constants.NewsletterStatus.SENT


def test_a_row_whose_worker_died_is_marked_unknown_and_never_sent_again(
    newsletter, consultant, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(sending, "_enqueue", lambda newsletter_id: None)  # no worker yet
    _send(newsletter, consultant)
    # A worker claimed two rows and was killed before it marked them.
    dead = list(Delivery.objects.filter(channel=constants.Channel.EMAIL).order_by("pk")[:2])
    Delivery.objects.filter(pk__in=[d.pk for d in dead]).update(
        status=DeliveryStatus.SENDING, claim="dead", claimed_at=timezone.now()
    )
    # Rerun at once: the fresh claims are left alone (their worker may still be running).
    sending.deliveries_process(newsletter_id=newsletter.pk)
    assert len(mail.outbox) == 10
    newsletter.refresh_from_db()
    assert newsletter.status == constants.NewsletterStatus.SENDING  # two rows still undecided
    # Minutes later: unknown, not sent, and the newsletter is done.
    Delivery.objects.filter(claim="dead").update(
        claimed_at=timezone.now() - timedelta(minutes=constants.STUCK_MINUTES + 1)
    )
    sending.deliveries_process(newsletter_id=newsletter.pk)
    assert len(mail.outbox) == 10
    assert sorted(
        Delivery.objects.filter(status=DeliveryStatus.UNKNOWN).values_list("pk", flat=True)
    ) == [d.pk for d in dead]
    newsletter.refresh_from_db()
    assert newsletter.status == constants.NewsletterStatus.SENT


def test_a_refused_address_fails_and_the_others_go_on(
    heerde, consultant, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusesOne"
    newsletter = NewsletterFactory(municipality=heerde, segments=[constants.Segment.SUBSCRIBERS])
    SectionFactory(newsletter=newsletter)
    for email in ("een@example.org", "weg@example.org", "drie@example.org"):
        SubscriberFactory(municipality=heerde, email=email)
    with django_capture_on_commit_callbacks(execute=True):
        _send(newsletter, consultant)
    assert _received() == ["drie@example.org", "een@example.org"]
    failed = Delivery.objects.get(status=DeliveryStatus.FAILED)
    assert failed.email == "weg@example.org" and "no such user" in failed.error


def test_each_message_has_html_text_and_one_click_unsubscribe_headers(
    heerde, consultant, django_capture_on_commit_callbacks
):
    NewsletterSettingsFactory(municipality=heerde, sender_name="Gemeente Heerde")
    newsletter = NewsletterFactory(
        municipality=heerde, title="Nieuws maart", segments=[constants.Segment.SUBSCRIBERS]
    )
    SectionFactory(newsletter=newsletter, heading="Lotgenoten", body="Eén.\n\nTwee.")
    SubscriberFactory(municipality=heerde, email="lezer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _send(newsletter, consultant)
    (message,) = mail.outbox
    delivery = Delivery.objects.get(newsletter=newsletter)
    # The link is signed with the second it was made in: read it back rather than make another.
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith("/>")
    url = header[1:-1]
    assert url.startswith(sending.unsubscribe_url(delivery.pk).rsplit("/", 2)[0] + "/")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert delivery_for_token(token) == delivery
    assert message.subject == "Nieuws maart"
    assert message.from_email == '"Gemeente Heerde" <nieuwsbrief@heerde.example>'
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body and "Lotgenoten" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert url in html and "<p" in html and "Twee." in html
    assert sending.UNSUBSCRIBE_PLACEHOLDER not in html + message.body


def test_sending_is_throttled_to_the_rate(heerde, consultant, monkeypatch):
    NewsletterSettingsFactory(municipality=heerde, per_minute=3)
    newsletter = NewsletterFactory(municipality=heerde, segments=[constants.Segment.SUBSCRIBERS])
    SectionFactory(newsletter=newsletter)
    for n in range(7):
        SubscriberFactory(municipality=heerde, email=f"r{n}@example.org")
    monkeypatch.setattr(sending, "_enqueue", lambda newsletter_id: None)
    _send(newsletter, consultant)
    waits = []
    sending.deliveries_process(newsletter_id=newsletter.pk, sleep=waits.append, clock=lambda: 0.0)
    # Batches of 3 at 3 a minute: after 3 and 6 messages the worker waits until minute 1
    # and 2, after the last (7) until 2 min 20 s.
    assert waits == [60.0, 120.0, 140.0]
    assert len(mail.outbox) == 7


def test_send_refuses_without_audience_or_sections(heerde, consultant):
    newsletter = NewsletterFactory(municipality=heerde, segments=[])
    with pytest.raises(ValidationError) as refused:
        _send(newsletter, consultant)
    assert {e.code for e in refused.value.error_list} == {"no_audience", "no_sections"}
    newsletter.refresh_from_db()
    assert newsletter.status == constants.NewsletterStatus.DRAFT


def test_staff_of_another_municipality_may_not_send(newsletter, make_member, dalfsen):
    from django.core.exceptions import PermissionDenied

    from omzien.accounts.constants import Role

    other = make_member(Role.CONSULTANT, dalfsen)
    with pytest.raises(PermissionDenied):
        _send(newsletter, other)


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_one_send_without_a_duplicate(heerde, consultant, monkeypatch):
    """Several workers at once: on PostgreSQL each claims other rows (SKIP LOCKED); on SQLite
    the claim token keeps them apart while the database serialises them."""
    import threading

    from django.db import connection

    monkeypatch.setattr(sending, "_enqueue", lambda newsletter_id: None)
    newsletter = NewsletterFactory(municipality=heerde, segments=[constants.Segment.SUBSCRIBERS])
    SectionFactory(newsletter=newsletter)
    for n in range(300):
        SubscriberFactory(municipality=heerde, email=f"w{n}@example.org")
    _send(newsletter, consultant)
    errors = []

    def work():
        try:
            sending.deliveries_process(newsletter_id=newsletter.pk, sleep=lambda s: None)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite in memory is one connection)")
    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    received = [address for message in mail.outbox for address in message.to]
    assert len(received) == 300 and len(set(received)) == 300
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 300


def test_a_title_and_sender_name_with_line_breaks_are_sent_on_one_line(
    newsletter, consultant, django_capture_on_commit_callbacks
):
    NewsletterSettingsFactory(
        municipality=newsletter.municipality, sender_name='Gemeente\r\n"Heerde"'
    )
    Newsletter.objects.filter(pk=newsletter.pk).update(title="Nieuws\nBcc: x@example.org")
    newsletter.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _send(newsletter, consultant)
    assert _received() == _expected()
    message = mail.outbox[0]
    assert message.subject == "Nieuws Bcc: x@example.org"
    assert message.from_email.startswith('"Gemeente Heerde" <')
    assert message.bcc == []
