"""Double opt-in, the unsubscribe without login (one click, RFC 8058), and the suppression
hash that keeps an unsubscribed address from being subscribed again by accident."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from omzien.caregivers.constants import Newsletter as CarerChannel
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.services import Actor
from omzien.newsletters import constants
from omzien.newsletters.addresses import email_hash
from omzien.newsletters.models import Subscriber, Suppression
from omzien.newsletters.selectors.audiences import audience_build
from omzien.newsletters.services import subscribers as services
from omzien.newsletters.services.retention import newsletters_apply_retention
from omzien.newsletters.services.sending import unsubscribe_token
from omzien.newsletters.tests.factories import DeliveryFactory, NewsletterFactory
from omzien.privacy.models import AuditEvent
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.tests.factories import OrganisationFactory, VolunteerProfileFactory


def _link(message) -> str:
    return re.search(r"http\S+/nieuwsbrief/bevestigen/\S+/", message.body).group(0)


def test_double_opt_in(client, heerde, django_capture_on_commit_callbacks):
    archive = reverse("newsletters_public:archive", args=["heerde"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("newsletters_public:subscribe", args=["heerde"]),
            {"email": "Lezer@Example.org"},
        )
    assert response.status_code == 200
    assert "Kijk in uw e-mail" in response.text or "e-mail" in response.text
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lezer@example.org" and subscriber.confirmed_at is None
    assert (
        audience_build(municipality=heerde, segments=[constants.Segment.SUBSCRIBERS]).recipients
        == []
    )
    (message,) = mail.outbox
    assert message.to == ["lezer@example.org"]
    link = _link(message)
    assert "lezer" not in link  # the address is not in the link
    path = link[link.index("/nieuwsbrief/") :]
    response = client.get(path)  # a link checker opening it confirms nothing
    assert response.status_code == 200 and "<button" in response.text
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    response = client.post(path)
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert [
        r.email
        for r in audience_build(
            municipality=heerde, segments=[constants.Segment.SUBSCRIBERS]
        ).recipients
    ] == ["lezer@example.org"]
    assert client.get(archive).status_code == 200


def test_a_tampered_or_unknown_link_is_refused(client, heerde):
    response = client.get(reverse("newsletters_public:confirm", args=["nonsense"]))
    assert response.status_code == 404
    response = client.get(reverse("newsletters_public:unsubscribe", args=["nonsense"]))
    assert response.status_code == 404


def test_unconfirmed_subscriptions_are_removed_after_a_week(heerde):
    old = Subscriber.objects.create(
        municipality=heerde,
        email="oud@example.org",
        created_at=timezone.now() - timedelta(days=constants.UNCONFIRMED_DAYS, minutes=1),
    )
    fresh = Subscriber.objects.create(municipality=heerde, email="nieuw@example.org")
    confirmed = Subscriber.objects.create(
        municipality=heerde,
        email="blijft@example.org",
        created_at=timezone.now() - timedelta(days=60),
        confirmed_at=timezone.now() - timedelta(days=60),
    )
    newsletters_apply_retention()
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not Subscriber.objects.filter(pk=old.pk).exists()


@pytest.fixture
def sent(heerde):
    return NewsletterFactory(municipality=heerde, status=constants.NewsletterStatus.SENT)


def test_get_shows_a_button_and_changes_nothing(client, heerde, sent):
    subscriber = Subscriber.objects.create(
        municipality=heerde, email="a@example.org", confirmed_at=timezone.now()
    )
    delivery = DeliveryFactory(
        newsletter=sent, recipient_key=f"subscriber:{subscriber.pk}", email="a@example.org"
    )
    response = client.get(
        reverse("newsletters_public:unsubscribe", args=[unsubscribe_token(delivery.pk)])
    )
    assert response.status_code == 200
    assert "<button" in response.text
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_one_click_post_unsubscribes_everywhere_and_keeps_a_hash(client, heerde, sent):
    """RFC 8058: the mail program POSTs List-Unsubscribe=One-Click, without a CSRF token."""
    carer = CaregiverFactory(
        municipality=heerde, newsletter=CarerChannel.EMAIL, email="a@example.org"
    )
    profile = VolunteerProfileFactory(
        municipality=heerde, wants_newsletter=True, email="A@example.org"
    )
    Subscriber.objects.create(
        municipality=heerde, email="a@example.org", confirmed_at=timezone.now()
    )
    other = Subscriber.objects.create(
        municipality=heerde, email="b@example.org", confirmed_at=timezone.now()
    )
    delivery = DeliveryFactory(
        newsletter=sent, recipient_key=f"carer:{carer.pk}", email="a@example.org"
    )
    csrf_client = type(client)(enforce_csrf_checks=True)
    response = csrf_client.post(
        reverse("newsletters_public:unsubscribe", args=[unsubscribe_token(delivery.pk)]),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    carer.refresh_from_db()
    profile.refresh_from_db()
    assert carer.newsletter == CarerChannel.NONE
    assert profile.wants_newsletter is False
    assert list(Subscriber.objects.values_list("pk", flat=True)) == [other.pk]
    (suppression,) = Suppression.objects.all()
    assert suppression.email_hash == email_hash("a@example.org")
    assert "a@example.org" not in suppression.email_hash
    # Audited: the carer's change through the caregivers service, and the unsubscribe.
    assert AuditEvent.objects.filter(
        object_type="caregivers.caregiver", object_id=str(carer.pk), reason="newsletter none"
    ).exists()
    assert AuditEvent.objects.filter(reason="newsletter unsubscribe").exists()
    recipients = audience_build(municipality=heerde, segments=constants.Segment.values).recipients
    assert [r.email for r in recipients] == ["b@example.org"]


def test_a_suppressed_organisation_is_not_mailed_and_a_new_opt_in_lifts_it(
    heerde, sent, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(
        municipality=heerde, status=OrganisationStatus.APPROVED, contact_email="info@club.nl"
    )
    delivery = DeliveryFactory(
        newsletter=sent, recipient_key=f"organisation:{organisation.pk}", email="info@club.nl"
    )
    services.newsletter_unsubscribe(token=unsubscribe_token(delivery.pk), actor=Actor())
    everyone = [constants.Segment.ORGANISATIONS, constants.Segment.SUBSCRIBERS]
    assert audience_build(municipality=heerde, segments=everyone).recipients == []
    # The person signs up again themselves and confirms: the suppression is lifted.
    with django_capture_on_commit_callbacks(execute=True):
        services.subscriber_subscribe(municipality=heerde, email="info@club.nl", actor=Actor())
    token = _link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]
    services.subscriber_confirm(token=token, actor=Actor())
    assert not Suppression.objects.exists()
    recipients = audience_build(municipality=heerde, segments=everyone).recipients
    assert [r.email for r in recipients] == ["info@club.nl"]


def test_the_unsubscribe_link_still_works_after_retention_blanked_the_address(heerde, sent):
    subscriber = Subscriber.objects.create(
        municipality=heerde, email="laat@example.org", confirmed_at=timezone.now()
    )
    delivery = DeliveryFactory(
        newsletter=sent, recipient_key=f"subscriber:{subscriber.pk}", email=""
    )
    services.newsletter_unsubscribe(token=unsubscribe_token(delivery.pk), actor=Actor())
    assert not Subscriber.objects.exists()
    assert Suppression.objects.get().email_hash == email_hash("laat@example.org")


def test_subscribing_is_rate_limited(client, heerde, settings):
    settings.OMZIEN_RATE_LIMITS = {
        **settings.OMZIEN_RATE_LIMITS,
        "newsletter_subscribe": {"ip": 2, "address": 5},
    }
    url = reverse("newsletters_public:subscribe", args=["heerde"])
    for n in range(2):
        assert client.post(url, {"email": f"x{n}@example.org"}).status_code == 200
    response = client.post(url, {"email": "x9@example.org"})
    assert response.status_code == 429
    assert "te vaak" in response.text
    assert Subscriber.objects.count() == 2


def test_an_invalid_address_gets_a_dutch_error(client, heerde):
    response = client.post(
        reverse("newsletters_public:subscribe", args=["heerde"]), {"email": "geen-adres"}
    )
    assert response.status_code == 200
    assert "geldig e-mailadres" in response.text
    assert not Subscriber.objects.exists()
