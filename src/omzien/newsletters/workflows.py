"""The status workflow of a newsletter: staff send a draft; the worker marks it sent when every
e-mail has been handled (sent, failed or unknown)."""

from django.utils.translation import gettext_lazy as _

from omzien.common.workflow import SYSTEM, Step, Workflow
from omzien.newsletters.constants import NewsletterStatus
from omzien.newsletters.models import Newsletter, NewsletterTransition
from omzien.newsletters.permissions import staff_of

STAFF = "staff"

__all__ = ["NEWSLETTER", "STAFF", "SYSTEM"]

NEWSLETTER = Workflow(
    model=Newsletter,
    log=NewsletterTransition,
    parties={STAFF: lambda newsletter, user: staff_of(newsletter.municipality_id, user)},
    steps=[
        Step(NewsletterStatus.DRAFT, NewsletterStatus.SENDING, STAFF, _("Send")),
        Step(NewsletterStatus.SENDING, NewsletterStatus.SENT, (STAFF, SYSTEM), _("Mark sent")),
    ],
    refused=_("A newsletter that is “%(from)s” cannot become “%(to)s”."),
    stale=_("Someone else already sent this newsletter: it is now “%(status)s”."),
)
