"""Figures a partner organisation reports itself (a performance agreement,
*prestatieovereenkomst*).

An external indicator marked as reported by a partner (``ExternalIndicator.partner``, every
quarter or every year) is filled in by that organisation's members: for the last period that is
over, every indicator agreed with the partner on one form (:class:`PartnerReport`). They save a
draft and submit it; the municipality's policy advisor accepts it — each figure becomes the
indicator's external value on the last day of the period, with the source "opgegeven door
<partner>" — or sends it back with a note, and the members correct and submit it again
(``workflows.REPORT``). Both sides are notified.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.accounts.models import User
from omzien.common.services import Actor, check_version
from omzien.monitor.constants import Frequency, ReportStatus
from omzien.monitor.models import ExternalIndicator, ExternalValue, PartnerFigure, PartnerReport
from omzien.monitor.workflows import REPORT
from omzien.notifications.services import notify, notify_role
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.privacy.statistics import QUARTER, YEAR, Period

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def period_kind(frequency: str) -> str:
    return YEAR if frequency == Frequency.YEAR else QUARTER


def frequency_of(period: Period) -> str:
    return Frequency.YEAR if period.kind == YEAR else Frequency.QUARTER


def report_period(report: PartnerReport) -> Period:
    """The quarter or year a report is about."""
    if (report.period_start.month, report.period_end.month) == (1, 12):
        return Period(report.period_start.year, YEAR)
    return Period(report.period_start.year, QUARTER, (report.period_start.month - 1) // 3 + 1)


def due_period(frequency: str, today: date) -> Period:
    """The period a partner reports now: the last one that is over."""
    return Period.last_complete(today, period_kind(frequency))


def agreed_indicators(*, organisation_id: int, period: Period) -> list[ExternalIndicator]:
    """The indicators agreed with the partner that it reports for a period of this kind."""
    return list(
        ExternalIndicator.objects.filter(
            partner_id=organisation_id, partner_frequency=frequency_of(period)
        ).order_by("name", "pk")
    )


def is_partner_member(user, organisation) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.has_role_in(organisation.municipality_id, Role.ORGANISATION_MEMBER)
        and user.organisation_memberships.filter(organisation_id=organisation.pk).exists()
    )


def _check_period(period: Period, today: date) -> None:
    if period.kind not in (QUARTER, YEAR):
        raise ValidationError(_("Give a quarter or a year."), code="period_kind")
    if period.end >= today:
        raise ValidationError(
            _("Figures can be given once the period is over."), code="period_not_over"
        )


def _report(organisation, period: Period) -> PartnerReport:
    """The partner's report for the period, locked; made (as a draft) when there is none."""
    found = PartnerReport.objects.select_for_update().filter(
        organisation=organisation, period_start=period.start, period_end=period.end
    )
    report = found.first()
    if report is None:
        try:
            with transaction.atomic():
                report = PartnerReport.objects.create(
                    municipality_id=organisation.municipality_id,
                    organisation=organisation,
                    period_start=period.start,
                    period_end=period.end,
                )
        except IntegrityError:  # a colleague made it at the same moment
            report = found.get()
        else:
            report.created = True
    return report


@transaction.atomic
def report_save(
    *,
    organisation,
    period: Period,
    values: dict[int, Decimal | None],
    version: int | None,
    submit: bool,
    actor: Actor,
    today: date | None = None,
) -> PartnerReport:
    """Save the partner's figures for ``period`` (indicator pk -> value) as a draft, or submit
    them (then every figure is required). ``version`` is the report's version the form showed
    (None for a report not made yet)."""
    today = today or timezone.localdate()
    if not is_partner_member(actor.user, organisation):
        raise PermissionDenied
    _check_period(period, today)
    indicators = agreed_indicators(organisation_id=organisation.pk, period=period)
    if not indicators:
        raise ValidationError(
            _("No figures are agreed with this organisation for this period."), code="no_agreement"
        )
    report = _report(organisation, period)
    created = getattr(report, "created", False)
    if not created:
        check_version(report, version)
    if report.status not in EDITABLE:
        raise ValidationError(
            _("These figures have been submitted: they can no longer be changed."),
            code="not_editable",
        )
    if submit:
        missing = [ind.name for ind in indicators if values.get(ind.pk) is None]
        if missing:
            raise ValidationError(
                _("Fill in every figure before submitting: %(names)s.")
                % {"names": ", ".join(missing)},
                code="incomplete",
            )
    existing = {f.indicator_id: f for f in report.figures.all()}
    for ind in indicators:
        figure = existing.get(ind.pk) or PartnerFigure(report=report, indicator=ind)
        figure.value = values.get(ind.pk)
        figure.full_clean(exclude=["report", "indicator"], validate_constraints=False)
        figure.save()
    if created:
        REPORT.log_step(report, source="", target=report.status, actor=actor)
        audit_by(AuditAction.CREATE, report, actor)
    if submit:
        step, note = REPORT.check(report, target=ReportStatus.SUBMITTED, actor=actor)
        report.submitted_by = actor.authenticated_user
        report.submitted_at = timezone.now()
        report.version = F("version") + 1
        REPORT.record(
            report,
            step=step,
            actor=actor,
            note=note,
            fields=["submitted_by", "submitted_at", "version", "updated_at"],
        )
        report.refresh_from_db()
        notify_role(
            municipality=report.municipality,
            roles=[Role.POLICY_ADVISOR],
            kind="monitor_partner_submitted",
            message=gettext_lazy("%(partner)s has submitted the figures of %(period)s."),
            params={"partner": organisation.name, "period": str(period)},
            url=reverse("monitor:partner_review", args=[report.pk]),
            key=f"monitor_partner_submitted:{report.pk}:{report.version}",
        )
    else:
        report.version = F("version") + 1
        report.save(update_fields=["version", "updated_at"])
        report.refresh_from_db()
        if not created:
            audit_by(AuditAction.UPDATE, report, actor, reason="draft")
    return report


def source_text(organisation) -> str:
    """The source stored with an accepted figure, in the platform's language: "opgegeven door
    Stip"."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("reported by %(partner)s") % {"partner": organisation.name}


@transaction.atomic
def report_review(
    *, report: PartnerReport, target: str, note: str, expected: str, actor: Actor
) -> PartnerReport:
    """A policy advisor accepts the submitted figures (each becomes the indicator's external
    value on the period's last day) or sends them back with a note."""
    locked = PartnerReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    step, note = REPORT.check(locked, target=target, actor=actor, expected=expected, note=note)
    organisation = locked.organisation
    if target == ReportStatus.ACCEPTED:
        source = source_text(organisation)
        for figure in locked.figures.select_related("indicator"):
            if figure.value is None:
                continue
            ExternalValue.objects.update_or_create(
                indicator=figure.indicator,
                measured_on=locked.period_end,
                defaults={
                    "value": figure.value,
                    "source": source,
                    "entered_by": locked.submitted_by,
                    "entered_at": timezone.now(),
                },
            )
    locked.note = note if target == ReportStatus.RETURNED else ""
    locked.version = F("version") + 1
    REPORT.record(
        locked, step=step, actor=actor, note=note, fields=["note", "version", "updated_at"]
    )
    locked.refresh_from_db()
    period = report_period(locked)
    members = User.objects.filter(
        organisation_memberships__organisation=organisation, is_active=True
    ).distinct()
    if target == ReportStatus.ACCEPTED:
        message = gettext_lazy("The municipality has accepted your figures of %(period)s.")
    else:
        message = gettext_lazy(
            "The municipality has sent back your figures of %(period)s: %(note)s"
        )
    notify(
        recipients=list(members),
        kind=f"monitor_partner_{target}",
        message=message,
        params={"period": str(period), "note": note},
        url=reverse("monitor:partner_report", args=[organisation.pk, period.code]),
        key=f"monitor_partner_{target}:{locked.pk}:{locked.version}",
        municipality=locked.municipality,
    )
    return locked
