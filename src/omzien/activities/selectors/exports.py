"""The organiser's list of a date as a spreadsheet (openpyxl)."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.spreadsheets import xlsx_row


def signups_xlsx(occurrence, signups) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Sign-ups")[:31]
    start = timezone.localtime(occurrence.starts_at)
    sheet.append(xlsx_row(sheet, [occurrence.activity.title, f"{start:%d-%m-%Y %H:%M}"]))
    sheet.append([])
    header = [_("Name"), _("E-mail address"), _("Phone number"), _("Status"), _("Signed up on")]
    sheet.append(xlsx_row(sheet, header))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for signup in signups:
        sheet.append(
            xlsx_row(
                sheet,
                [
                    signup.name,
                    signup.email,
                    signup.phone,
                    signup.get_status_display(),
                    f"{timezone.localtime(signup.created_at):%d-%m-%Y %H:%M}",
                ],
            )
        )
    for column, width in zip("ABCDE", (30, 34, 18, 20, 18), strict=True):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
