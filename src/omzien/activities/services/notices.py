"""The e-mails of the calendar, queued after the commit of the change they tell about.

Each builds its text now and leaves the sending to the worker (``common.mail``). A cancel link
cannot be rebuilt from the database (only its hash is stored), so mails after the confirmation
send people to the calendar and, where it helps, to "Mijn Omzien".

The confirmation goes out in the language of the visitor's own request; the later mails are
caused by someone else (the organiser, another visitor, the nightly job) and go out in the
language of the account that signed up, and in Dutch to a visitor without an account.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import lazy

from omzien.activities.ical import calendar_for
from omzien.activities.models import SignUp
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail


def _when(occurrence) -> str:
    start = timezone.localtime(occurrence.starts_at)
    end = timezone.localtime(occurrence.ends_at)
    return f"{formats.date_format(start, 'l j F Y')}, {start:%H:%M}–{end:%H:%M}"


def _context(signup: SignUp, request=None) -> dict:
    occurrence = signup.occurrence
    return {
        "signup": signup,
        "occurrence": occurrence,
        "activity": occurrence.activity,
        # Lazy: day and month names in the language the mail is rendered in.
        "when": lazy(_when, str)(occurrence),
        "occurrence_url": absolute_url(
            request, reverse("activities_public:occurrence", args=[occurrence.pk])
        ),
    }


def _signups(ids):
    return SignUp.objects.filter(pk__in=ids, anonymised_at__isnull=True).select_related(
        "occurrence__activity__locality", "user"
    )


def _language(signup: SignUp) -> str:
    """The language of a mail that the one who signed up did not cause themselves."""
    return (signup.user.preferred_language if signup.user else "") or "nl"


def ics_attachment(occurrence, request=None) -> list[str]:
    content = calendar_for(
        [occurrence],
        name=occurrence.activity.title,
        link=lambda o: absolute_url(request, reverse("activities_public:occurrence", args=[o.pk])),
    )
    return ["activiteit.ics", content.decode(), "text/calendar"]


def mail_confirmation(*, signup_id: int, token: str, request=None) -> None:
    signup = _signups([signup_id]).first()
    if signup is None or not signup.email:
        return
    context = _context(signup, request)
    context["cancel_url"] = absolute_url(request, reverse("activities_public:cancel", args=[token]))
    send_templated_mail(
        template="activities/mails/confirmation",
        context=context,
        to=[signup.email],
        attachments=[ics_attachment(signup.occurrence, request)],
    )


def mail_moved_up(*, signup_id: int) -> None:
    signup = _signups([signup_id]).first()
    if signup is None or not signup.email:
        return
    send_templated_mail(
        template="activities/mails/moved_up",
        context=_context(signup),
        to=[signup.email],
        attachments=[ics_attachment(signup.occurrence)],
        language=_language(signup),
    )


def mail_cancelled(*, signup_ids: list[int]) -> None:
    for signup in _signups(signup_ids):
        if signup.email:
            send_templated_mail(
                template="activities/mails/cancelled",
                context=_context(signup),
                to=[signup.email],
                language=_language(signup),
            )


def mail_reminder(*, signup: SignUp) -> None:
    send_templated_mail(
        template="activities/mails/reminder",
        context=_context(signup),
        to=[signup.email],
        language=_language(signup),
    )
