"""Notifications: made once per key, in the recipient's language, e-mailed once (each or as a
digest), read by their owner only, and kept no longer than the retention says."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory, UserFactory
from omzien.notifications import services
from omzien.notifications.models import Notification
from omzien.notifications.services import notifications_apply_retention
from omzien.notifications.tasks import send_digests
from omzien.notifications.tests.factories import NotificationFactory, NotificationSettingsFactory
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.testing.errors import error_codes

pytestmark = pytest.mark.django_db

MESSAGE = _("A new carer registered in %(municipality)s")


def _notify(recipients, key="carer:1", **kwargs):
    return services.notify(
        recipients=recipients,
        kind="carer_registered",
        message=MESSAGE,
        params={"municipality": "Heerde"},
        url="/carers/",
        key=key,
        **kwargs,
    )


def test_a_key_notifies_each_person_once(django_capture_on_commit_callbacks):
    anna, bert = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert len(_notify([anna, bert, anna])) == 2
        assert _notify([anna, bert]) == []  # a retry
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([anna.email, bert.email])


def test_the_message_is_in_the_recipients_language():
    dutch, english = UserFactory(preferred_language="nl"), UserFactory(preferred_language="en")
    _notify([dutch, english])
    texts = dict(Notification.objects.values_list("recipient_id", "message"))
    assert texts[english.pk] == "A new carer registered in Heerde"
    assert texts[dutch.pk] == "Er is een nieuwe mantelzorger aangemeld in Heerde"


def test_inactive_people_and_foreign_links_are_refused():
    assert _notify([UserFactory(is_active=False)]) == []
    with pytest.raises(ValidationError) as raised:
        services.notify(
            recipients=[UserFactory()],
            kind="x",
            message=MESSAGE,
            url="https://evil.example/",
            key="k",
        )
    assert error_codes(raised.value) == {"__all__": ["bad_link"]}


def test_notify_role_reaches_the_role_holders_of_that_municipality_only():
    heerde, dalfsen = MunicipalityFactory(), MunicipalityFactory()
    here = MembershipFactory(municipality=heerde, role=Role.CONSULTANT).user
    MembershipFactory(municipality=dalfsen, role=Role.CONSULTANT)
    MembershipFactory(municipality=heerde, role=Role.BROKER)
    MembershipFactory(municipality=heerde, role=Role.CONSULTANT, is_active=False)
    made = services.notify_role(
        municipality=heerde,
        roles=[Role.CONSULTANT],
        kind="x",
        message=MESSAGE,
        params={"municipality": "Heerde"},
        url="/carers/",
        key="k",
    )
    assert [n.recipient for n in made] == [here]


def test_the_email_choice_decides_how_mail_goes(django_capture_on_commit_callbacks):
    each, daily, none = UserFactory(), UserFactory(), UserFactory()
    NotificationSettingsFactory(user=daily, email="daily")
    NotificationSettingsFactory(user=none, email="none")
    with django_capture_on_commit_callbacks(execute=True):
        _notify([each, daily, none], key="a")
        _notify([daily], key="b")
    assert [m.to for m in mail.outbox] == [[each.email]]
    assert "/carers/" in mail.outbox[0].body
    mail.outbox.clear()

    assert send_digests.call() == 1
    assert [m.to for m in mail.outbox] == [[daily.email]]
    assert mail.outbox[0].body.count("/carers/") == 2
    assert send_digests.call() == 0  # nothing mailed twice


def test_read_notifications_are_not_mailed(django_capture_on_commit_callbacks):
    user = UserFactory()
    NotificationSettingsFactory(user=user, email="daily")
    _notify([user])
    services.mark_read(user=user)
    assert send_digests.call() == 0


def test_the_digest_command_runs_now(capsys):
    user = UserFactory()
    NotificationSettingsFactory(user=user, email="daily")
    _notify([user])
    call_command("send_digests", "--now")
    assert "Digests sent: 1" in capsys.readouterr().out


def test_resolve_marks_everyones_notification_of_the_key_read():
    anna, bert = UserFactory(), UserFactory()
    _notify([anna, bert], key="carer:7")
    _notify([anna], key="carer:8")
    assert services.resolve(key="carer:7") == 2
    assert Notification.objects.unread().count() == 1


def test_retention_deletes_old_read_and_very_old_notifications():
    now = timezone.now()
    kept = NotificationFactory(read_at=now - timedelta(days=30))
    unread = NotificationFactory(created_at=now - timedelta(days=200))
    NotificationFactory(read_at=now - timedelta(days=91))
    NotificationFactory(created_at=now - timedelta(days=366))
    assert notifications_apply_retention() == 2
    assert set(Notification.objects.all()) == {kept, unread}


def test_the_list_shows_own_notifications_and_opening_one_marks_it_read(client):
    user, other = UserFactory(), UserFactory()
    mine = NotificationFactory(recipient=user, message="Voor mij", url="/carers/")
    theirs = NotificationFactory(recipient=other, message="Niet voor mij")
    client.force_login(user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Voor mij" in page and "Niet voor mij" not in page
    bell = client.get(reverse("notifications:bell")).content.decode()
    assert ">Meldingen: 1 ongelezen</span>" in bell and ">1</span>" in bell

    response = client.post(reverse("notifications:read"), {"id": theirs.pk})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None

    response = client.post(reverse("notifications:read"), {"id": mine.pk})
    assert response.status_code == 302 and response["Location"] == "/carers/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    page = client.get(reverse("notifications:list")).content.decode()
    assert "U bent bij: er is niets nieuws." in page
    assert "ongelezen" not in client.get(reverse("notifications:bell")).content.decode()


def test_mark_all_read_and_choose_the_digest(client):
    user = UserFactory()
    NotificationFactory.create_batch(3, recipient=user)
    client.force_login(user)
    client.post(reverse("notifications:read"), {"all": "1"})
    assert Notification.objects.unread().count() == 0
    client.post(reverse("notifications:settings"), {"email": "daily"})
    assert user.notification_settings.email == "daily"
    response = client.post(reverse("notifications:settings"), {"email": "weekly"})
    assert response.status_code == 302
    user.notification_settings.refresh_from_db()
    assert user.notification_settings.email == "daily"


def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    user = UserFactory()
    client.force_login(user)
    NotificationFactory.create_batch(3, recipient=user)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notifications:list"))
    NotificationFactory.create_batch(30, recipient=user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:list"))
