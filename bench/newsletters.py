"""``make bench-newsletters``: a newsletter to 20,000 recipients through the task worker, with
the worker killed halfway and started again.

In its own database (reference data only): 20,000 confirmed subscribers of Heerde and a
newsletter with two sections. "Send" (``services.sending.newsletter_send``) freezes the
recipients into deliveries and queues the task in the database queue; a real worker
(``manage.py db_worker``, a subprocess, the in-memory mail backend that also appends every
recipient to a file as it sends) is killed with SIGKILL once about a third has left; sending is
resumed (``newsletter_resume``, what staff click) and a new worker finishes it. Rows the killed
worker had claimed are never sent again: after the claim timeout they become "unknown" (the
bench does not wait the five minutes: it applies the timeout at once, as the dead worker is
known to be dead).

Prints one JSON line: recipients, queued_s (send: the 20,000 deliveries frozen), sent_s (from
"send" until every e-mail is handled, the kill and restart included), sent, unknown,
duplicates_sent (addresses that got more than one message: must be 0), killed_after (messages
out when the worker was killed).

Not a test: the tests check behaviour; this prints figures.
"""

import argparse
import collections
import json
import logging
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from django.core.mail.backends.locmem import EmailBackend

SENT_LOG_ENV = "BENCH_NEWSLETTER_SENT_LOG"


class RecordingBackend(EmailBackend):
    """The in-memory backend, and one line per recipient in a file, written before the
    message counts as sent (so a kill right after still shows it)."""

    def send_messages(self, messages):
        count = super().send_messages(messages)
        fd = os.open(os.environ[SENT_LOG_ENV], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, "".join(f"{m.to[0]}\n" for m in messages).encode())
        finally:
            os.close(fd)
        return count


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=20_000)
    args = parser.parse_args()

    var = Path(__file__).resolve().parent.parent / "var"
    var.mkdir(exist_ok=True)
    sent_log = var / "bench-newsletters-sent.txt"
    sent_log.unlink(missing_ok=True)
    os.environ.update(
        {
            "EMAIL_BACKEND": "newsletters.RecordingBackend",
            SENT_LOG_ENV: str(sent_log),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "NEWSLETTER_PER_MINUTE": "1000000",  # no throttle: the bench measures throughput
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver",
            "PYTHONPATH": os.pathsep.join(
                [str(Path(__file__).resolve().parent), os.environ.get("PYTHONPATH", "")]
            ),
        }
    )
    import omzien

    manage = [sys.executable, str(Path(omzien.__file__).resolve().parent.parent / "manage.py")]
    _log("migrating a fresh benchmark database and loading the reference data …")
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True)  # noqa: S603
    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.utils import timezone

    from omzien.accounts.constants import Role
    from omzien.accounts.models import Membership, User
    from omzien.common.services import Actor
    from omzien.newsletters import constants as c
    from omzien.newsletters.models import Delivery, Newsletter, Section, Subscriber
    from omzien.newsletters.services import sending
    from omzien.tenants.models import Municipality
    from omzien.tenants.services import reference_data_load

    reference_data_load()
    heerde = Municipality.objects.get(slug="heerde")
    consultant = User.objects.create_user(email="consulent@bench.test", full_name="Cas Consulent")
    Membership.objects.create(user=consultant, municipality=heerde, role=Role.CONSULTANT)
    consultant = User.objects.get(pk=consultant.pk)
    now = timezone.now()
    _log(f"{args.recipients} subscribers …")
    Subscriber.objects.bulk_create(
        [
            Subscriber(municipality=heerde, email=f"lezer{n}@bench.example", confirmed_at=now)
            for n in range(args.recipients)
        ],
        batch_size=2000,
    )
    newsletter = Newsletter.objects.create(
        municipality=heerde,
        title="Nieuwsbrief mantelzorg",
        issue_date=timezone.localdate(),
        intro="Nieuws over steun voor mantelzorgers en activiteiten in Heerde.",
        segments=[c.Segment.SUBSCRIBERS],
    )
    for position, heading in enumerate(("Dag van de mantelzorg", "Lotgenotencontact"), 1):
        Section.objects.create(
            newsletter=newsletter,
            position=position,
            kind=c.SectionKind.TEXT,
            heading=heading,
            body="Op 10 november zetten we u in het zonnetje.\n\nU bent van harte welkom.",
        )

    started = time.perf_counter()
    sending.newsletter_send(newsletter=newsletter, actor=Actor(user=consultant))
    queued_s = time.perf_counter() - started

    def sent_so_far() -> int:
        return sum(1 for _line in sent_log.open()) if sent_log.exists() else 0

    def worker() -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603
            [*manage, "db_worker", "--interval", "0.2", "--no-startup-delay"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    _log("worker 1 …")
    first = worker()
    kill_at = args.recipients // 3
    while sent_so_far() < kill_at:
        if first.poll() is not None:
            raise SystemExit("the worker stopped before it was killed")
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_after = sent_so_far()
    _log(f"killed after {killed_after} messages; resuming with worker 2 …")
    sending.newsletter_resume(newsletter=newsletter, actor=Actor(user=consultant))
    second = worker()
    email = Delivery.objects.filter(newsletter=newsletter, channel=c.Channel.EMAIL)
    while email.filter(status=c.DeliveryStatus.QUEUED).exists():
        time.sleep(0.2)
    # The rows claimed by the killed worker: the claim timeout, applied now (it is dead).
    while (
        email.filter(status=c.DeliveryStatus.SENDING)
        .exclude(claimed_at__lte=timezone.now() - timedelta(seconds=1))
        .exists()
    ):
        time.sleep(0.2)
    sending.deliveries_mark_stuck(newsletter_id=newsletter.pk, older_than=timedelta(0))
    sending.newsletter_finish(newsletter_id=newsletter.pk)
    sent_s = time.perf_counter() - started
    second.terminate()
    second.wait()

    counts = collections.Counter(sent_log.read_text().split())
    newsletter.refresh_from_db()
    result = {
        "recipients": email.count(),
        "queued_s": round(queued_s, 2),
        "sent_s": round(sent_s, 2),
        "sent": email.filter(status=c.DeliveryStatus.SENT).count(),
        "unknown": email.filter(status=c.DeliveryStatus.UNKNOWN).count(),
        "messages_out": sum(counts.values()),
        "duplicates_sent": sum(1 for n in counts.values() if n > 1),
        "killed_after": killed_after,
        "status": newsletter.status,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
