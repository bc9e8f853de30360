import datetime

import pytest
from django.utils import timezone

from omzien.demo import accounts
from omzien.newsletters import demo
from omzien.newsletters.constants import NewsletterStatus
from omzien.newsletters.models import Delivery, Newsletter
from omzien.newsletters.tests.factories import SubscriberFactory
from omzien.tenants.models import Municipality
from omzien.tenants.services import reference_data_load

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "sent", "draft"),
    [
        (datetime.date(2026, 12, 4), datetime.date(2026, 11, 10), datetime.date(2026, 12, 10)),
        # On the issue day itself, today's issue (sent at 10:00, perhaps still to come) is neither.
        (datetime.date(2026, 12, 10), datetime.date(2026, 11, 10), datetime.date(2027, 1, 10)),
        (datetime.date(2026, 12, 11), datetime.date(2026, 12, 10), datetime.date(2027, 1, 10)),
        (datetime.date(2026, 12, 28), datetime.date(2026, 12, 10), datetime.date(2027, 1, 10)),
    ],
)
def test_the_last_issue_went_out_on_its_date_and_the_next_is_the_coming_tenth(today, sent, draft):
    assert demo._issues(today) == (sent, draft)


def test_the_demo_newsletters_were_written_and_sent_in_the_past(
    django_capture_on_commit_callbacks,
):
    reference_data_load()
    accounts.load()
    heerde = Municipality.objects.get(slug="heerde")
    for n in range(3):
        SubscriberFactory(municipality=heerde, email=f"lezer{n}@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        # Heerde has its subscribers already (above): only Dalfsen gets the demo's.
        assert demo.load() == {"newsletters": 4, "subscribers": len(demo.SUBSCRIBED) + 1}
    now = timezone.now()
    newsletters = Newsletter.objects.filter(municipality=heerde)
    sent = newsletters.get(status=NewsletterStatus.SENT)
    draft = newsletters.get(status=NewsletterStatus.DRAFT)
    assert sent.issue_date < timezone.localdate() < draft.issue_date
    assert sent.created_at < sent.sent_at < draft.created_at < now
    assert timezone.localdate(sent.sent_at) == sent.issue_date
    deliveries = Delivery.objects.filter(newsletter=sent, sent_at__isnull=False)
    assert deliveries.count() == 3
    assert set(deliveries.values_list("sent_at", flat=True)) == {sent.sent_at}
    assert demo.load() == {"newsletters": 0, "subscribers": 0}


def test_residents_subscribed_before_the_last_issue_and_received_it(
    django_capture_on_commit_callbacks,
):
    from omzien.newsletters.models import Subscriber

    reference_data_load()
    accounts.load()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    heerde = Municipality.objects.get(slug="heerde")
    sent = Newsletter.objects.get(municipality=heerde, status=NewsletterStatus.SENT)
    subscribers = Subscriber.objects.filter(municipality=heerde)
    confirmed = subscribers.filter(confirmed_at__isnull=False)
    assert confirmed.count() == len(demo.SUBSCRIBED)
    assert all(s.created_at < s.confirmed_at < sent.sent_at for s in confirmed)
    [waiting] = subscribers.filter(confirmed_at__isnull=True)
    assert sent.sent_at < waiting.created_at < timezone.now()
    delivered = Delivery.objects.filter(newsletter=sent, sent_at__isnull=False)
    assert delivered.count() >= confirmed.count()
