"""How the authorization walk (ui/tests/access.py) requests the policy monitor's URLs."""

from django.utils import timezone

from omzien.monitor.constants import ReportStatus
from omzien.monitor.tests.factories import (
    ActionFactory,
    ExternalIndicatorFactory,
    MeasureFactory,
    PartnerReportFactory,
)
from omzien.privacy.statistics import Period
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    side.monitor_action = ActionFactory(
        ambition__theme__programme__municipality=side.municipality,
        ambition__theme__programme__published=True,
    )
    side.monitor_ambition = side.monitor_action.ambition
    side.monitor_theme = side.monitor_ambition.theme
    side.monitor_programme = side.monitor_theme.programme
    side.monitor_external = ExternalIndicatorFactory(municipality=side.municipality)
    side.monitor_measure = MeasureFactory(
        ambition=side.monitor_ambition, external=side.monitor_external
    )
    # A performance agreement with the side's organisation (volunteering's build made it) and
    # its figures of the last quarter, submitted.
    side.monitor_period = Period.last_complete(timezone.localdate())
    ExternalIndicatorFactory(municipality=side.municipality, partner=side.organisation)
    side.monitor_partner_report = PartnerReportFactory(
        organisation=side.organisation,
        period_start=side.monitor_period.start,
        period_end=side.monitor_period.end,
        status=ReportStatus.SUBMITTED,
    )


def _pk(name):
    return lambda side: {"pk": getattr(side, name).pk}


PAGES = {
    "monitor:programme_list": Page(),
    "monitor:programme_create": Page(),
    "monitor:programme_detail": Page(_pk("monitor_programme")),
    "monitor:programme_edit": Page(_pk("monitor_programme")),
    "monitor:programme_report_pdf": Page(_pk("monitor_programme")),
    "monitor:programme_report_xlsx": Page(_pk("monitor_programme")),
    # A programme of the factory's 2023-2024: its quarters are over.
    "monitor:programme_sentences": Page(_pk("monitor_programme")),
    "monitor:programme_publish": action(_pk("monitor_programme")),
    "monitor:snapshot_recompute": action(_pk("monitor_programme")),
    "monitor:theme_create": Page(_pk("monitor_programme")),
    "monitor:theme_edit": Page(_pk("monitor_theme")),
    "monitor:ambition_create": Page(_pk("monitor_theme")),
    "monitor:ambition_edit": Page(_pk("monitor_ambition")),
    "monitor:action_create": Page(_pk("monitor_ambition")),
    "monitor:action_edit": Page(_pk("monitor_action")),
    "monitor:action_status": Page(_pk("monitor_action")),
    "monitor:budget_set": Page(_pk("monitor_action")),
    "monitor:ambition_measure_create": Page(_pk("monitor_ambition")),
    "monitor:action_measure_create": Page(_pk("monitor_action")),
    "monitor:measure_edit": Page(_pk("monitor_measure")),
    "monitor:programme_delete": Page(_pk("monitor_programme")),
    "monitor:theme_delete": Page(_pk("monitor_theme")),
    "monitor:ambition_delete": Page(_pk("monitor_ambition")),
    "monitor:action_delete": Page(_pk("monitor_action")),
    "monitor:measure_delete": Page(_pk("monitor_measure")),
    "monitor:external_list": Page(),
    "monitor:external_edit": Page(_pk("monitor_external")),
    "monitor:external_create": Page(),
    "monitor:external_import": Page(),
    # Only the one who uploaded sees a job; the import tests show it to them.
    "monitor:external_import_job": Page(lambda s: {"pk": 999999}, success=404),
    "monitor:external_value_add": Page(_pk("monitor_external")),
    "monitor:partner_report": Page(
        lambda side: {"pk": side.organisation.pk, "period": side.monitor_period.code}
    ),
    "monitor:partner_reports": Page(),
    "monitor:region_compare": Page(),
    "monitor:partner_review": Page(_pk("monitor_partner_report")),
    "monitor_public:programme": Page(_pk("monitor_programme")),
}
