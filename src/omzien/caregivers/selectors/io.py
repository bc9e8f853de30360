"""Export of the carer registry to XLSX and CSV, in the import's format.

The rows are the registry list with the consultant's filters (``selectors.caregiver_list``),
narrowed to one municipality, read in chunks so memory stays bounded whatever the size of
the registry. The columns are ``importing.COLUMNS``, so an exported file can be imported
again (every row is then recognised as already registered). Each export is audited with
its filters and row count. One of more than ``settings.OMZIEN_EXPORT_BACKGROUND_ROWS`` rows is
made by the worker from the same functions (``common.exports``) and audited on every download.
"""

import codecs
import csv
import io
from collections.abc import Iterator
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from omzien.caregivers.models import Caregiver, CareRelationship
from omzien.caregivers.selectors import caregivers as selectors
from omzien.caregivers.services.io import COLUMN_NAMES, COLUMNS, RELATIONSHIP_PART
from omzien.common.exports import BUFFER_BYTES, ExportFile, Progress, with_progress, workbook_chunks
from omzien.common.spreadsheets import csv_text, xlsx_cell
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction

CHUNK_SIZE = 500
EXPORT_KIND = "caregivers"
FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def export_queryset(*, user, municipality, filters: dict):
    """The registry as the user sees it with ``filters``, for one municipality."""
    current = CareRelationship.objects.filter(ended_on__isnull=True).order_by("pk")
    return (
        selectors.caregiver_list(user=user, **filters)
        .filter(municipality=municipality)
        .prefetch_related(
            Prefetch("relationships", queryset=current, to_attr="current_relationships")
        )
    )


def export_row(caregiver: Caregiver) -> list:
    """One carer in the import's columns; the first current care relationship, if any."""
    relationships = getattr(caregiver, "current_relationships", None)
    if relationships is None:
        relationships = list(caregiver.relationships.filter(ended_on__isnull=True).order_by("pk"))
    relationship = relationships[0] if relationships else None
    row = []
    for column in COLUMNS:
        if column.part == RELATIONSHIP_PART:
            row.append(column.format(getattr(relationship, column.field)) if relationship else "")
        else:
            row.append(column.format(getattr(caregiver, column.field)))
    return row


def _csv_cell(value) -> str:
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return csv_text(value)


def _csv_chunks(caregivers) -> Iterator[bytes]:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    first = True
    for caregiver in caregivers:
        writer.writerow([_csv_cell(value) for value in export_row(caregiver)])
        if buffer.tell() >= BUFFER_BYTES:
            yield (codecs.BOM_UTF8 if first else b"") + buffer.getvalue().encode("utf-8")
            first = False
            buffer.seek(0)
            buffer.truncate()
    yield (codecs.BOM_UTF8 if first else b"") + buffer.getvalue().encode("utf-8")


def _xlsx_chunks(caregivers) -> Iterator[bytes]:
    """Write the workbook row by row (write-only mode) to a temporary file, then send it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Mantelzorgers")
    bold = Font(bold=True)

    def cell(value):
        if isinstance(value, date):
            return xlsx_cell(sheet, value, "DD-MM-YYYY")
        return xlsx_cell(sheet, str(value))  # always text, as the import reads it

    header = [cell(name) for name in COLUMN_NAMES]
    for item in header:
        item.font = bold
    sheet.append(header)
    for caregiver in caregivers:
        sheet.append([cell(value) for value in export_row(caregiver)])
    yield from workbook_chunks(workbook)


def _audit_filters(filters: dict) -> dict:
    """The filters as the audit trail keeps them: a search text may be a carer's name, so
    only the fact that one was used is kept, never the text (it outlives anonymisation)."""
    kept = {
        key: (value.pk if hasattr(value, "pk") else value)
        for key, value in filters.items()
        if value not in (None, "")
    }
    if "q" in kept:
        kept["q"] = "…"
    return kept


def filters_to_params(filters: dict) -> dict:
    """The registry's filters as a background export job keeps them (JSON): the locality by
    its number; ``caregiver_list`` takes either."""
    return {key: (value.pk if hasattr(value, "pk") else value) for key, value in filters.items()}


def caregiver_export_file(
    *, user, municipality, filters: dict, fmt: str, progress: Progress | None = None
) -> ExportFile:
    """The filtered registry of ``municipality`` as an XLSX or CSV file, made as it is read.

    The same function makes the file sent at once and the one a background job stores, so both
    are the same; ``progress(done, total)`` is called per row."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    queryset = export_queryset(user=user, municipality=municipality, filters=filters)
    rows = queryset.count()
    caregivers = with_progress(
        queryset.iterator(chunk_size=CHUNK_SIZE), total=rows, progress=progress
    )
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    filename = f"mantelzorgers-{municipality.slug}-{stamp}.{fmt}"
    chunks = _csv_chunks(caregivers) if fmt == "csv" else _xlsx_chunks(caregivers)
    return ExportFile(filename=filename, content_type=CONTENT_TYPES[fmt], chunks=chunks, rows=rows)


def caregiver_export_audit(
    *, user, municipality, filters: dict, fmt: str, rows: int, request=None, extra=None
) -> None:
    """The audit event of an export: its format, filters and row count (and the background
    job's number when it was made by one), on every download."""
    audit_log(
        action=AuditAction.EXPORT,
        actor=user,
        municipality=municipality,
        request=request,
        reason="carer registry export",
        extra={
            "format": fmt,
            "filters": _audit_filters(filters),
            "rows": rows,
            **(extra or {}),
        },
    )


# --- In the background (common.exports) -------------------------------------------------


def build_caregiver_export(*, job, progress: Progress) -> ExportFile:
    """The exporter's ``build``: the file the page would have sent with the job's filters."""
    return caregiver_export_file(
        user=job.created_by,
        municipality=job.municipality,
        filters=job.params["filters"],
        fmt=job.params["format"],
        progress=progress,
    )


def audit_caregiver_export(*, job, request) -> None:
    """The exporter's ``audit``: a download of the job's file, as one sent at once."""
    caregiver_export_audit(
        user=request.user,
        municipality=job.municipality,
        filters=job.params["filters"],
        fmt=job.params["format"],
        rows=job.rows_total,
        request=request,
        extra={"export_job": job.pk},
    )
