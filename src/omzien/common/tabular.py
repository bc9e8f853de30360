"""Reading an uploaded file as a table, the one way every import does it.

:func:`read_rows` turns the bytes of a CSV or XLSX upload into rows of cells (the carer
registry, the home-visit address lists, the monitor's external figures); :func:`open_zip`
opens any zip upload (an .xlsx is one, so is an HSDS datapackage). Both refuse a hostile file
with :class:`ImportFileError`, whose message is for the user: a zip that unpacks to far more
than any real list, a sheet that declares a billion cells, a cell that cannot be read, a CSV
that is not text. What the rows mean is the importer's business.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A zip upload may unpack to at most this much: far more than any real list.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A sheet may declare (and openpyxl then pads) up to 1,048,576 rows of 16,384 cells. Only
# the rows an import takes (plus SPARE_ROWS for the header and blank rows) and MAX_COLUMNS
# columns are read; a sheet that declares more is refused, and reading stops after
# CELLS_PER_ROW cells per row on average, empty ones included.
SPARE_ROWS = 1_000
MAX_COLUMNS = 100
CELLS_PER_ROW = 40


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is for the user."""


def read_rows(data: bytes, filename: str, *, max_rows: int) -> tuple[Iterable, list[str], bool]:
    """The rows of an uploaded CSV or XLSX file (each a sequence of cells, the first row the
    header), the warnings to show, and whether text was read as Windows-1252 (so letters may
    have been lost). ``max_rows`` is the most the import takes; the rows are read lazily and
    may still raise ImportFileError."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    name = (filename or "").lower()
    warnings: list[str] = []
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data, warnings, max_sheet_rows=max_rows + SPARE_ROWS), warnings, False
    if name.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read. Save the file as .xlsx or as CSV.")
        )
    if name.endswith((".csv", ".txt")):
        text, warnings, lossy = decode(data)
        return csv_rows(text, delimiter=_sniff_delimiter(text)), warnings, lossy
    raise ImportFileError(_("Upload a CSV file (.csv) or an Excel file (.xlsx)."))


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The uploaded zip file, opened, once its members' sizes show it unpacks to no more than
    MAX_UNPACKED_BYTES."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise ImportFileError(_("The file is not a valid zip file.")) from error
    try:
        _check_unpacked_size(archive)
    except ImportFileError:
        archive.close()
        raise
    return archive


def _check_unpacked_size(archive: zipfile.ZipFile) -> None:
    # zipfile unpacks a member to no more than the size it declares, so the sum is a bound.
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise ImportFileError(_("The file is too large when unpacked."))


def decode(data: bytes) -> tuple[str, list[str], bool]:
    """The text of an uploaded text file, the warnings to show, and whether it was lossy.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as they are; anything else as
    Windows-1252, where Excel's "CSV" (not "CSV UTF-8") has written "?" for every letter
    outside that code page, and the few undefined bytes become U+FFFD.
    """
    warnings = []
    lossy = False
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("The file is not valid UTF-16 text.")) from error
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            lossy = True
            warnings.append(
                _(
                    "The file is not in UTF-8, so it was read as Western European text "
                    "(Windows-1252). Check that letters such as é and ë came through correctly; "
                    "if not, save the file as “CSV UTF-8” and upload it again."
                )
            )
    if "\x00" in text:
        raise ImportFileError(
            _("The file could not be read as text. Save it as CSV (UTF-8) or as .xlsx.")
        )
    return text, warnings, lossy


def csv_rows(text: str, **options) -> Iterator[list[str]]:
    """The rows of CSV text (``options`` as for csv.reader); a row the csv module cannot read
    (a cell longer than its limit, a stray carriage return) is an ImportFileError that names
    the line."""
    reader = csv.reader(io.StringIO(text, newline=""), **options)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line = number_format(reader.line_num, force_grouping=True)
            if "field limit" in str(error):
                raise ImportFileError(
                    _(
                        "Line %(line)s of the file holds a cell longer than %(limit)s "
                        "characters. Check that the file is the list you meant to upload."
                    )
                    % {
                        "line": line,
                        "limit": number_format(csv.field_size_limit(), force_grouping=True),
                    }
                ) from error
            raise ImportFileError(
                _(
                    "Line %(line)s of the file could not be read as CSV. Save the file as "
                    "CSV (UTF-8) or as .xlsx and upload it again."
                )
                % {"line": line}
            ) from error
        yield row


def _sniff_delimiter(text: str) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    best, best_count = ";", 1
    for delimiter in (";", ",", "\t"):
        count = len(next(csv.reader([first_line], delimiter=delimiter), []))
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _template_sheet_titles() -> set[str]:
    """The title of the explanation sheet of our own templates, in any language."""
    from django.conf import settings
    from django.utils import translation

    titles = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles.add(_("Explanation")[:31])
    return titles


def _xlsx_rows(data: bytes, warnings: list[str], *, max_sheet_rows: int) -> Iterator[tuple]:
    from openpyxl import load_workbook  # imported here: only an XLSX upload needs it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_unpacked_size(archive)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken or foreign file
        raise ImportFileError(
            _("The file could not be read as an Excel file (.xlsx). Save it again as .xlsx or CSV.")
        ) from error
    try:
        if not workbook.worksheets:
            return
        sheet, *others = workbook.worksheets
        ignored = [other.title for other in others if other.title not in _template_sheet_titles()]
        if ignored:
            warnings.append(
                ngettext(
                    "Only the first sheet, “%(sheet)s”, was read; the sheet %(ignored)s was "
                    "ignored. Put all rows on the first sheet.",
                    "Only the first sheet, “%(sheet)s”, was read; the sheets %(ignored)s were "
                    "ignored. Put all rows on the first sheet.",
                    len(ignored),
                )
                % {"sheet": sheet.title, "ignored": ", ".join(f"“{title}”" for title in ignored)}
            )
        # openpyxl pads every row to the declared width and every gap up to the declared
        # height, so a tiny file can declare a billion cells: refuse that before reading.
        if (sheet.max_row or 0) > max_sheet_rows or (sheet.max_column or 0) > MAX_COLUMNS:
            raise ImportFileError(
                _(
                    "The sheet is declared larger than %(rows)s rows or %(columns)s columns. "
                    "Copy the rows to a new sheet, or save the file as CSV."
                )
                % {
                    "rows": number_format(max_sheet_rows, force_grouping=True),
                    "columns": MAX_COLUMNS,
                }
            )
        rows = sheet.iter_rows(
            min_row=1,
            max_row=max_sheet_rows,
            max_col=min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS),
            values_only=True,
        )
        number, cells = 0, 0
        while True:
            try:
                row = next(rows, None)
            except Exception as error:  # a cell openpyxl cannot convert, while it parses
                raise ImportFileError(
                    _(
                        "Row %(row)s of the Excel file has a cell that cannot be read, such as "
                        "an impossible date or text in a number cell. Correct the row, or save "
                        "the file as CSV and check it."
                    )
                    % {"row": number + 1}
                ) from error
            if row is None:
                return
            number += 1
            cells += len(row)
            if cells > max_sheet_rows * CELLS_PER_ROW:
                raise ImportFileError(
                    _("The Excel file has too many cells. Copy the rows to a new sheet.")
                )
            yield row
    finally:
        workbook.close()
