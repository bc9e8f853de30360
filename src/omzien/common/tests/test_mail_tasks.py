import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from omzien.common.mail import send_mail_task, send_templated_mail

pytestmark = pytest.mark.django_db(transaction=True)


def test_templated_mail_is_sent_through_the_task(make_member, heerde):
    from omzien.accounts.constants import Role

    user = make_member(Role.RESIDENT, heerde, full_name="Jan Jansen")
    send_templated_mail(
        template="accounts/email/already_registered",
        context={"user": user, "login_url": "https://x/login", "reset_url": "https://x/reset"},
        to=[user.email],
        language="nl",
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "Beste Jan Jansen" in mail.outbox[0].body


def test_database_backend_queues_and_worker_sends():
    send_mail_task.using(backend="database").enqueue(
        subject="Test", body="Hallo", to=["a@example.org"]
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    call_command(
        "db_worker",
        "--backend",
        "database",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_subject_with_a_line_break_is_sent_on_one_line():
    """A name or title typed with a line break (a crafted post) ends up in a subject: the mail
    is still sent, and the break cannot add a header."""
    send_mail_task.enqueue(
        subject="Nieuwe reactie op Soep\r\nBcc: iedereen@example.org", body="Hallo", to=["a@x.nl"]
    )
    [message] = mail.outbox
    assert message.subject == "Nieuwe reactie op Soep Bcc: iedereen@example.org"
    assert "Bcc" not in message.message() and message.bcc == []


def _subject_to(address: str, language: str | None, active: str) -> str:
    from django.utils import translation

    mail.outbox.clear()
    with translation.override(active):
        send_templated_mail(
            template="accounts/email/already_registered",
            context={"login_url": "https://x/login", "reset_url": "https://x/reset"},
            to=[address],
            language=language,
        )
    [message] = mail.outbox
    return message.subject


def test_a_mail_is_in_the_recipients_account_language_whoever_caused_it(make_member, heerde):
    """Staff working in English mail a resident whose account is Dutch, and the other way
    round; an address without an account gets the caller's ``language``, else the request's."""
    from omzien.accounts.constants import Role

    dutch = make_member(Role.RESIDENT, heerde, preferred_language="nl")
    english = make_member(Role.RESIDENT, heerde, preferred_language="en")
    dutch_subject = "U heeft al een account bij Omzien"
    english_subject = "You already have an Omzien account"

    assert _subject_to(dutch.email, None, active="en") == dutch_subject
    assert _subject_to(dutch.email.upper(), "en", active="en") == dutch_subject
    assert _subject_to(english.email, "nl", active="nl") == english_subject
    assert _subject_to("nobody@example.org", "nl", active="en") == dutch_subject
    assert _subject_to("nobody@example.org", None, active="en") == english_subject
