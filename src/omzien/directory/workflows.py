"""The status workflows of a social map entry, on the shared workflow abstraction.

An entry: the owner (a member of its organisation) writes a draft and submits it; a broker or
consultant of the municipality publishes it or rejects it with a reason. Staff may also publish
an entry they wrote themselves. A published entry leaves the map when its owner or staff
remove it, or when staff take it offline with a reason (it then needs a new review).

A change of a published entry (``CHANGE``, on ``change_status``): the owner submits the change,
staff approve it (its values replace the published ones) or reject it with a reason; the
published entry stays live meanwhile.
"""

from django.utils.translation import gettext_lazy as _

from omzien.common.workflow import SYSTEM, Step, Workflow
from omzien.directory.constants import ChangeStatus, EntryStatus
from omzien.directory.models import Entry, EntryTransition
from omzien.directory.permissions import member_of, staff_of

OWNER = "owner"  # a member of the entry's organisation
STAFF = "staff"  # a broker or consultant of the entry's municipality

__all__ = ["CHANGE", "ENTRY", "OWNER", "STAFF", "SYSTEM"]


def _owner(entry: Entry, user) -> bool:
    return member_of(entry.organisation_id, user)


def _staff(entry: Entry, user) -> bool:
    return staff_of(entry.municipality_id, user)


ENTRY = Workflow(
    model=Entry,
    log=EntryTransition,
    parties={OWNER: _owner, STAFF: _staff},
    steps=[
        Step(EntryStatus.DRAFT, EntryStatus.AWAITING_REVIEW, OWNER, _("Submit for review")),
        Step(EntryStatus.DRAFT, EntryStatus.PUBLISHED, (STAFF, SYSTEM), _("Publish")),
        Step(
            EntryStatus.AWAITING_REVIEW,
            EntryStatus.PUBLISHED,
            (STAFF, SYSTEM),
            _("Approve and publish"),
        ),
        Step(
            EntryStatus.AWAITING_REVIEW,
            EntryStatus.REJECTED,
            STAFF,
            _("Reject"),
            note_required=True,
        ),
        Step(EntryStatus.AWAITING_REVIEW, EntryStatus.DRAFT, OWNER, _("Withdraw")),
        Step(EntryStatus.REJECTED, EntryStatus.AWAITING_REVIEW, OWNER, _("Submit again")),
        Step(EntryStatus.REJECTED, EntryStatus.DRAFT, (OWNER, STAFF), _("Back to draft")),
        Step(EntryStatus.PUBLISHED, EntryStatus.ARCHIVED, (OWNER, STAFF), _("Remove from the map")),
        Step(
            EntryStatus.PUBLISHED, EntryStatus.DRAFT, STAFF, _("Take offline"), note_required=True
        ),
        Step(EntryStatus.ARCHIVED, EntryStatus.DRAFT, (OWNER, STAFF), _("Reuse as a draft")),
    ],
    refused=_("An entry that is “%(from)s” cannot become “%(to)s”."),
    stale=_(
        "Someone else already changed this entry: it is now “%(status)s”. Nothing was changed."
    ),
)

CHANGE = Workflow(
    model=Entry,
    field="change_status",
    parties={OWNER: _owner, STAFF: _staff},
    steps=[
        Step(ChangeStatus.NONE, ChangeStatus.AWAITING_REVIEW, OWNER, _("Submit the change")),
        Step(ChangeStatus.APPROVED, ChangeStatus.AWAITING_REVIEW, OWNER, _("Submit the change")),
        Step(ChangeStatus.REJECTED, ChangeStatus.AWAITING_REVIEW, OWNER, _("Submit the change")),
        Step(ChangeStatus.AWAITING_REVIEW, ChangeStatus.APPROVED, STAFF, _("Approve the change")),
        Step(
            ChangeStatus.AWAITING_REVIEW,
            ChangeStatus.REJECTED,
            STAFF,
            _("Reject the change"),
            note_required=True,
        ),
        Step(ChangeStatus.AWAITING_REVIEW, ChangeStatus.NONE, OWNER, _("Withdraw the change")),
    ],
    refused=_("A change that is “%(from)s” cannot become “%(to)s”."),
    stale=_(
        "Someone else already decided on this change: it is now “%(status)s”. Nothing was changed."
    ),
)
