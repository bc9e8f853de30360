"""The cells of every exported spreadsheet (XLSX and CSV), written one way.

Text that anyone typed (a sign-up's name, a shop, a volunteer's note, an indicator's name)
stays text in the file:

- in XLSX a text cell is stored as text (:func:`xlsx_cell`), so a value that starts with "="
  never becomes a formula (formula or CSV injection: ``=HYPERLINK(...)`` typed as a name would
  be a live link in the organiser's sheet), and the control characters an XLSX file cannot hold
  are left out (openpyxl refuses them, and the whole export would fail);
- in CSV, which a spreadsheet reads as if typed, such a value gets a leading single quote
  (:func:`csv_text`), which the carer import takes off again.

Numbers, dates and empty cells stay what they are. (The HSDS datapackage of the social map is
data for other systems, written as the standard has it.)
"""

from django.utils.functional import Promise

# Characters with which a spreadsheet starts a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value) -> str:
    """A value as a CSV cell: text a spreadsheet would read as a formula gets a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def xlsx_cell(sheet, value, number_format: str = ""):
    """One cell for ``sheet.append`` (a write-only sheet's or a normal one's): text stored as
    text without the characters XLSX cannot hold; ``number_format`` such as "DD-MM-YYYY"."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str | Promise):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        cell.data_type = "s"  # not "f" for a text starting with "="
    else:
        cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    return cell


def xlsx_row(sheet, values) -> list:
    """A row for ``sheet.append``: every value through :func:`xlsx_cell`, but a cell already
    made (with a number format, a font) as it is."""
    from openpyxl.cell.cell import Cell

    return [value if isinstance(value, Cell) else xlsx_cell(sheet, value) for value in values]
