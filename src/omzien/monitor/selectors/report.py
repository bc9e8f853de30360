"""The council's progress report (*voortgangsrapportage*) of a programme, as a PDF
(``common.pdf``) and as a spreadsheet (openpyxl), built from the dashboard's own selector:
the same measures, values, traffic lights, charts and small-number suppression."""

import re
from datetime import date
from io import BytesIO

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from omzien.common.pdf import html_to_pdf
from omzien.common.spreadsheets import xlsx_row
from omzien.monitor.constants import Light
from omzien.monitor.models import MeasureSentence
from omzien.monitor.selectors.dashboard import programme_dashboard
from omzien.privacy.statistics import Period


def written_sentences(*, measures, period: Period) -> dict:
    """{measure pk: the advisor's sentence} for the quarter, in one query."""
    return {
        s.measure_id: s
        for s in MeasureSentence.objects.filter(
            measure__in=measures, period_start=period.start, period_end=period.end
        )
    }


def report(*, programme, today: date, period: Period | None = None) -> dict:
    """The report of today's figures, or of a quarter that is over (``period``): that
    quarter's snapshots, with the sentences the advisor rewrote for it."""
    page = programme_dashboard(programme=programme, today=today, as_of=period)
    if period is not None:
        written = written_sentences(measures=[v.measure for v in page["measures"]], period=period)
        for view in page["measures"]:
            if view.measure.pk in written:
                view.sentence = written[view.measure.pk].text
    for item in page["themes"]:
        for a in item["ambitions"]:
            a["report_measures"] = [
                *a["measures"],
                *(view for act in a["actions"] for view in act["measures"]),
            ]
    return {"programme": programme, "report_date": today, "period": period, **page}


def report_pdf(*, programme, today: date, period: Period | None = None) -> bytes:
    html = render_to_string(
        "monitor/report_pdf.html", report(programme=programme, today=today, period=period)
    )
    return html_to_pdf(html)


def _sheet_title(name: str, taken: set) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:28] or _("Theme")
    title, n = base, 1
    while title.lower() in taken:
        n += 1
        title = f"{base[:28]} {n}"
    taken.add(title.lower())
    return title


def report_xlsx(*, programme, today: date, period: Period | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    page = report(programme=programme, today=today, period=period)
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set = set()
    bold = Font(bold=True)
    hidden = _("hidden")
    lights, unknown = dict(Light.choices), Light.UNKNOWN.label
    widths = (30, 34, 12, 10, 8, 10, 14, 24, 10, 24, 12, 24, 16)

    def header(sheet, cells):
        sheet.append(xlsx_row(sheet, cells))
        for cell in sheet[sheet.max_row]:
            cell.font = bold

    for item in page["themes"]:
        sheet = workbook.create_sheet(_sheet_title(item["theme"].name, taken))
        sheet.append(
            xlsx_row(
                sheet,
                [programme.name, programme.municipality.name, f"{today:%d-%m-%Y}"]
                + ([str(period)] if period else []),
            )
        )
        sheet.append([])
        header(sheet, [_("Measures")])
        header(
            sheet,
            [
                _("Ambition"),
                _("Measure"),
                _("Date"),
                _("Value"),
                _("Unit"),
                _("Baseline"),
                _("Date of the baseline"),
                _("Source of the baseline"),
                _("Target"),
                _("Direction"),
                _("Deadline"),
                _("Source"),
                _("Assessment"),
            ],
        )
        for a in item["ambitions"]:
            for view in a["report_measures"]:
                m = view.measure
                for on, value, is_hidden in view.history or [(None, None, False)]:
                    sheet.append(
                        xlsx_row(
                            sheet,
                            [
                                a["ambition"].title,
                                view.name,
                                on,
                                hidden if is_hidden else value,
                                view.unit,
                                m.baseline_value,
                                m.baseline_date,
                                m.baseline_source,
                                m.target_value,
                                str(m.get_direction_display()),
                                m.deadline,
                                view.source,
                                hidden if view.hidden else str(lights.get(view.light, unknown)),
                            ],
                        )
                    )
        sheet.append([])
        header(sheet, [_("What we do")])
        header(
            sheet,
            [
                _("Ambition"),
                _("Action"),
                _("Status"),
                _("Carried out by"),
                _("Year"),
                _("Planned (EUR)"),
                _("Spent (EUR)"),
            ],
        )
        for a in item["ambitions"]:
            for act in a["actions"]:
                action = act["action"]
                first = [
                    a["ambition"].title,
                    action.what,
                    str(action.get_status_display()),
                    action.carried_out_by,
                ]
                for b in act["budgets"] or [None]:
                    row = [*first, b.year, b.planned, b.spent] if b else [*first, None, None, None]
                    sheet.append(xlsx_row(sheet, row))
        for column, width in zip("ABCDEFGHIJKLM", widths, strict=True):
            sheet.column_dimensions[column].width = width
    if not workbook.worksheets:
        workbook.create_sheet(_("Theme")).append([_("This programme has no themes yet.")])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
