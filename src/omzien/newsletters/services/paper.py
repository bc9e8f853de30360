"""The postal run: one print-ready PDF of the newsletter (A4, large readable type, images
included) and the address list for the mail house, sorted by postcode (XLSX and CSV). Every
download is audited: the list holds names and addresses."""

import csv
import io

from django.template.loader import render_to_string
from django.utils import translation
from openpyxl import Workbook

from omzien.common.exports import ExportFile, Progress, with_progress
from omzien.common.pdf import html_to_pdf
from omzien.common.services import Actor
from omzien.common.spreadsheets import csv_text, xlsx_row
from omzien.newsletters.constants import Channel
from omzien.newsletters.models import Delivery, Newsletter
from omzien.newsletters.selectors.rendering import LANGUAGE, data_image_url, newsletter_parts
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

HEADER = ("Naam", "Straat en huisnummer", "Postcode", "Plaats")


def _postcode_key(postcode: str) -> str:
    return "".join((postcode or "").split()).upper()


def postal_rows(*, newsletter: Newsletter) -> list[tuple[str, str, str, str]]:
    """The post recipients frozen when sending started, sorted by postcode (then street)."""
    rows = Delivery.objects.filter(
        newsletter=newsletter, channel=Channel.POST, address_removed_at__isnull=True
    ).values_list("name", "street_address", "postcode", "town", "pk")
    ordered = sorted(rows, key=lambda r: (_postcode_key(r[2]), r[1], r[4]))
    return [(name, street, postcode, town) for name, street, postcode, town, _pk in ordered]


def paper_pdf(*, newsletter: Newsletter, actor: Actor) -> bytes:
    with translation.override(LANGUAGE):
        html = render_to_string(
            "newsletters/paper/print.html",
            {
                "newsletter": newsletter,
                "municipality": newsletter.municipality,
                "parts": newsletter_parts(newsletter=newsletter, image_url=data_image_url),
            },
        )
    content = html_to_pdf(html)
    audit_by(AuditAction.EXPORT, newsletter, actor, reason="newsletter print PDF")
    return content


ADDRESS_EXPORT = "newsletter_addresses"  # the background export's kind (common.exports)
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def address_file(
    *, newsletter: Newsletter, file_format: str, progress: Progress | None = None
) -> ExportFile:
    """The mail house's address list as CSV or XLSX: the same file whether the page sends it
    at once or a background export (common.exports) stores it; ``progress(done, total)`` is
    called per row."""
    if file_format not in CONTENT_TYPES:
        raise ValueError(file_format)
    rows = postal_rows(newsletter=newsletter)
    counted = with_progress(rows, total=len(rows), progress=progress)
    if file_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows([csv_text(value) for value in row] for row in counted)
        content = ("\ufeff" + out.getvalue()).encode("utf-8")
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = "Adressen"
        sheet.append(HEADER)
        for row in counted:
            sheet.append(xlsx_row(sheet, row))
        out = io.BytesIO()
        book.save(out)
        content = out.getvalue()
    return ExportFile(
        filename=f"nieuwsbrief-{newsletter.pk}-adressen.{file_format}",
        content_type=CONTENT_TYPES[file_format],
        chunks=iter((content,)),
        rows=len(rows),
    )


def address_list_audit(
    *, newsletter: Newsletter, actor: Actor, file_format: str, rows: int, extra=None
) -> None:
    """Every download of the list is audited: it holds names and addresses."""
    audit_by(
        AuditAction.EXPORT,
        newsletter,
        actor,
        reason=f"newsletter address list ({file_format})",
        extra={"rows": rows, **(extra or {})},
    )


def address_list(*, newsletter: Newsletter, actor: Actor, file_format: str) -> bytes:
    """The list at once, audited (the page sends it when it is small)."""
    exported = address_file(newsletter=newsletter, file_format=file_format)
    address_list_audit(
        newsletter=newsletter, actor=actor, file_format=file_format, rows=exported.rows
    )
    return b"".join(exported.chunks)


def build_address_export(*, job, progress: Progress) -> ExportFile:
    """The background export's ``build`` (common.exports): the file the page would have sent."""
    return address_file(
        newsletter=Newsletter.objects.get(pk=job.params["newsletter"]),
        file_format=job.params["format"],
        progress=progress,
    )
