"""What a partner organisation's members and the policy advisors see of the partners' figures.

The start page asks a fixed number of queries: the partner organisations the user is a member
of with what they report, and the reports of the periods due; for staff one count.
"""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.monitor.constants import STAFF, ReportStatus
from omzien.monitor.models import ExternalIndicator, PartnerReport
from omzien.monitor.services.partners import due_period
from omzien.privacy.statistics import QUARTER, Period
from omzien.ui.startpage import Section, Todo


def period_label(period: Period) -> str:
    """Q3 2026, or 2025 for a year."""
    if period.kind == QUARTER:
        return _("Q%(number)s %(year)s") % {"number": period.number, "year": period.year}
    return str(period.year)


def due_reports(user, today: date) -> list[dict]:
    """Per partner organisation of the user and reporting frequency: the period due, its
    report (None when nothing is saved yet) and whether it still waits for the partner."""
    agreed = (
        ExternalIndicator.objects.filter(
            partner__members__user=user,
            partner__municipality_id__in=user.municipality_ids_for([Role.ORGANISATION_MEMBER]),
        )
        .values_list("partner_id", "partner__name", "partner_frequency")
        .distinct()
        .order_by("partner__name", "partner_frequency")
    )
    due = [
        {"organisation_id": pk, "name": name, "period": due_period(frequency, today)}
        for pk, name, frequency in agreed
    ]
    if not due:
        return []
    reports = {
        (r.organisation_id, r.period_start, r.period_end): r
        for r in PartnerReport.objects.filter(
            organisation_id__in={d["organisation_id"] for d in due},
            period_end__in={d["period"].end for d in due},
        )
    }
    for item in due:
        period = item["period"]
        item["report"] = reports.get((item["organisation_id"], period.start, period.end))
        item["waiting"] = item["report"] is None or item["report"].status in (
            ReportStatus.DRAFT,
            ReportStatus.RETURNED,
        )
    return due


def todos_for(user, today: date | None = None) -> list[Section]:
    from django.utils import timezone

    today = today or timezone.localdate()
    sections = []
    if user.has_role(Role.ORGANISATION_MEMBER):
        todos = []
        for item in due_reports(user, today):
            report, period = item["report"], item["period"]
            if item["waiting"]:
                label = _("Enter the figures of %(period)s") % {"period": period_label(period)}
            else:
                label = _("Figures of %(period)s: %(status)s") % {
                    "period": period_label(period),
                    "status": report.get_status_display(),
                }
            hint = ""
            if report is not None and report.status == ReportStatus.RETURNED:
                hint = _("Sent back: %(note)s") % {"note": report.note}
            todos.append(
                Todo(
                    label=label,
                    url=reverse(
                        "monitor:partner_report", args=[item["organisation_id"], period.code]
                    ),
                    count=None if item["waiting"] else 0,
                    hint=hint or item["name"],
                )
            )
        if todos:
            sections.append(Section(title=_("Performance agreement"), todos=todos, order=60))
    if user.has_role(*STAFF):
        waiting = (
            PartnerReport.objects.visible_to(user).filter(status=ReportStatus.SUBMITTED).count()
        )
        if waiting:
            sections.append(
                Section(
                    title=_("Policy monitor"),
                    todos=[
                        Todo(
                            label=_("Figures submitted by partners"),
                            url=reverse("monitor:partner_reports"),
                            count=waiting,
                        )
                    ],
                    order=90,
                )
            )
    return sections


def report_list(*, user):
    """The partners' reports of the user's municipalities, submitted ones first (at most the
    latest 200)."""
    return list(
        PartnerReport.objects.visible_to(user)
        .select_related("organisation")
        .order_by("-period_end", "organisation__name", "pk")[:200]
    )
