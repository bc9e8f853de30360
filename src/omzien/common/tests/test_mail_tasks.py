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
