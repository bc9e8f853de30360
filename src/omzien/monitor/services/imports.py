"""Upload of external indicator values (CSV or XLSX), through the platform's background import
(``common.imports``): a trial run checks every row and saves nothing; a real run saves every
row or, when one row has an error, none.

The file has a header row with the columns ``indicator`` (the external indicator's name, as
on *Externe indicatoren*), ``datum`` (dd-mm-jjjj or jjjj-mm-dd), ``waarde`` (a comma or a point
for decimals) and optionally ``bron``. English headers (indicator, date, value, source) are read
too. A value for a date the indicator already has replaces it.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from omzien.common import tabular
from omzien.common.imports import ImportOutcome
from omzien.common.services import Actor
from omzien.common.tabular import ImportFileError
from omzien.monitor.models import ExternalIndicator
from omzien.monitor.services.external import external_value_set

IMPORT_KIND = "monitor_external_values"
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
HEADERS = {
    "indicator": "indicator",
    "datum": "date",
    "date": "date",
    "waarde": "value",
    "value": "value",
    "bron": "source",
    "source": "source",
}
REQUIRED = ("indicator", "date", "value")


def read_rows(data: bytes, filename: str) -> tuple[list[dict], list[str]]:
    """The rows as dicts of the known columns (with their row number), and the warnings about
    the file; ImportFileError when the file as a whole cannot be used."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB."))
    cells, warnings, _lossy = tabular.read_rows(data, filename, max_rows=MAX_ROWS)
    rows = []
    for row in cells:
        if any(str(cell or "").strip() for cell in row):
            rows.append(list(row))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(_("The file has more than 5000 rows."))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [HEADERS.get(str(c or "").strip().lower()) for c in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportFileError(
            _(
                "The first row must name the columns indicator, datum and waarde "
                "(missing: %(missing)s)."
            )
            % {"missing": ", ".join(missing)}
        )
    found = []
    for number, row in enumerate(rows[1:], start=2):
        found.append(
            {"row": number}
            | {key: row[i] if i < len(row) else None for i, key in enumerate(header) if key}
        )
    return found, warnings


def _date(raw) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw or "").strip()
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    return None


def _value(raw) -> Decimal | None:
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        return Decimal(str(raw))
    text = str(raw or "").strip().replace(" ", "").replace("%", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() and abs(value) < Decimal("1e12") else None


def run_external_import(*, job, data: bytes, progress) -> ImportOutcome:
    """The importer (``common.imports``): check every row, then write all or nothing."""
    try:
        rows, warnings = read_rows(data, job.filename)
    except ImportFileError as error:
        return ImportOutcome(file_errors=[str(error)])
    by_name = {
        indicator.name.strip().lower(): indicator
        for indicator in ExternalIndicator.objects.filter(municipality=job.municipality)
    }
    report, prepared = [], []
    for row in rows:
        errors = []
        name = str(row.get("indicator") or "").strip()
        indicator = by_name.get(name.lower())
        if indicator is None:
            errors.append(
                _("No external indicator is called “%(name)s”.") % {"name": name}
                if name
                else _("The indicator is missing.")
            )
        on = _date(row.get("date"))
        if on is None:
            errors.append(_("The date is missing or not a date (dd-mm-jjjj)."))
        value = _value(row.get("value"))
        if value is None:
            errors.append(_("The value is missing or not a number."))
        source = str(row.get("source") or "").strip()[:200]
        report.append(
            {
                "row": row["row"],
                "status": "error" if errors else "ok",
                "name": name,
                "errors": errors,
            }
        )
        prepared.append((indicator, on, value, source))
        progress(len(report), len(rows))
    failed = sum(1 for r in report if r["errors"])
    summary = {"rows": len(rows), "failed": failed, "saved": 0}
    if failed or job.dry_run:
        return ImportOutcome(
            summary=summary, report=report, warnings=warnings, rows_total=len(rows)
        )
    actor = Actor(user=job.created_by)
    with transaction.atomic():
        for indicator, on, value, source in prepared:
            external_value_set(
                indicator=indicator, measured_on=on, value=value, source=source, actor=actor
            )
    summary["saved"] = len(prepared)
    return ImportOutcome(summary=summary, report=report, warnings=warnings, rows_total=len(rows))
