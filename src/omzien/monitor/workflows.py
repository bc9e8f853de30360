"""The status of an action, on the shared workflow abstraction.

A policy advisor or municipality admin of the programme's municipality moves an action from
planned to underway and on to done, marks it delayed (and back underway) or stops it; each
change carries a dated note in the log (required when an action is delayed or stopped).

A partner organisation's figures for a period (``REPORT``): its members submit them, the
municipality's policy advisor accepts them or sends them back with a note; sent back, the
members correct and submit them again.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from omzien.accounts.constants import Role
from omzien.common.workflow import Step, Workflow
from omzien.monitor.constants import STAFF as STAFF_ROLES
from omzien.monitor.constants import ActionStatus, ReportStatus
from omzien.monitor.models import (
    Action,
    ActionTransition,
    PartnerReport,
    PartnerReportTransition,
)

STAFF = "staff"

__all__ = ["ACTION", "PARTNER", "REPORT", "STAFF"]


def _staff(action: Action, user) -> bool:
    return user.has_role_in(action.municipality_id, *STAFF_ROLES)


ACTION = Workflow(
    model=Action,
    log=ActionTransition,
    parties={STAFF: _staff},
    steps=[
        Step(ActionStatus.PLANNED, ActionStatus.UNDERWAY, STAFF, _("Started")),
        Step(ActionStatus.PLANNED, ActionStatus.DELAYED, STAFF, _("Delayed"), note_required=True),
        Step(ActionStatus.PLANNED, ActionStatus.STOPPED, STAFF, _("Stopped"), note_required=True),
        Step(ActionStatus.UNDERWAY, ActionStatus.DONE, STAFF, _("Done")),
        Step(ActionStatus.UNDERWAY, ActionStatus.DELAYED, STAFF, _("Delayed"), note_required=True),
        Step(ActionStatus.UNDERWAY, ActionStatus.STOPPED, STAFF, _("Stopped"), note_required=True),
        Step(ActionStatus.DELAYED, ActionStatus.UNDERWAY, STAFF, _("Underway again")),
        Step(ActionStatus.DELAYED, ActionStatus.STOPPED, STAFF, _("Stopped"), note_required=True),
        Step(ActionStatus.DONE, ActionStatus.UNDERWAY, STAFF, _("Reopened"), note_required=True),
    ],
    refused=_("An action that is “%(from)s” cannot become “%(to)s”."),
    stale=_(
        "Someone else already changed this action: it is now “%(status)s”. Nothing was changed."
    ),
)


# --- A partner's figures for a period ---------------------------------------------------------

PARTNER = "partner"


def _partner(report: PartnerReport, user) -> bool:
    """A member of the partner organisation (with the organisation role in its municipality)."""
    return (
        getattr(user, "is_authenticated", False)
        and user.has_role_in(report.municipality_id, Role.ORGANISATION_MEMBER)
        and user.organisation_memberships.filter(organisation_id=report.organisation_id).exists()
    )


def _report_staff(report: PartnerReport, user) -> bool:
    return user.has_role_in(report.municipality_id, *STAFF_ROLES)


REPORT = Workflow(
    model=PartnerReport,
    log=PartnerReportTransition,
    log_parent="report",
    parties={PARTNER: _partner, STAFF: _report_staff},
    steps=[
        Step(ReportStatus.DRAFT, ReportStatus.SUBMITTED, PARTNER, _("Submit")),
        Step(ReportStatus.RETURNED, ReportStatus.SUBMITTED, PARTNER, _("Submit again")),
        Step(
            ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, STAFF, pgettext_lazy("figures", "Accept")
        ),
        Step(
            ReportStatus.SUBMITTED, ReportStatus.RETURNED, STAFF, _("Send back"), note_required=True
        ),
    ],
    refused=_("Figures that are “%(from)s” cannot become “%(to)s”."),
    stale=_(
        "Someone else already changed these figures: they are now “%(status)s”. "
        "Nothing was changed."
    ),
)
