"""E-mail through Django's mail framework, always sent from a background task.

Services call :func:`send_templated_mail` inside ``transaction.on_commit`` so that no mail
leaves for a change that was rolled back.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_mail_task(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    attachments: list[list[str]] | None = None,
) -> int:
    """``attachments``: ``[filename, text content, mimetype]`` each (text only: task arguments
    are JSON), e.g. an iCalendar file."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    return message.send()


def deliverable(addresses: list[str]) -> list[str]:
    """The addresses a mail can reach: none under the reserved top-level domain ``.invalid``
    (RFC 2606), which Omzien gives to what must never receive mail (an anonymised sign-up, a
    partner key's account, docs/api.md)."""
    return [a for a in addresses if not a.rsplit("@", 1)[-1].lower().endswith(".invalid")]


def send_templated_mail(
    *,
    template: str,
    context: dict,
    to: list[str],
    language: str | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` and queue the mail.

    Rendering happens now (in the request's language), sending in the worker. Nothing is
    queued for an address that cannot receive mail (:func:`deliverable`).
    """
    to = deliverable(to)
    if not to:
        return
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    if attachments:
        send_mail_task.enqueue(subject=subject, body=body, to=to, attachments=attachments)
    else:
        send_mail_task.enqueue(subject=subject, body=body, to=to)
