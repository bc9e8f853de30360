"""common.spreadsheets: typed text stays text in every exported spreadsheet."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from omzien.common.spreadsheets import csv_text, xlsx_row

HOSTILE = [
    '=HYPERLINK("https://example.org";"klik")',
    "+31 6 1234",
    "-2",
    "@som",
    "Jan\x0bJansen\x00",
]


@pytest.mark.parametrize("write_only", [False, True])
def test_text_is_text_in_xlsx_without_the_characters_it_cannot_hold(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("Blad") if write_only else book.active
    sheet.append(xlsx_row(sheet, [*HOSTILE, None, 12]))
    out = io.BytesIO()
    book.save(out)
    cells = list(load_workbook(io.BytesIO(out.getvalue())).worksheets[0].iter_rows())[0]
    assert [cell.data_type for cell in cells[:5]] == ["s"] * 5  # no formula
    assert [cell.value for cell in cells] == [*HOSTILE[:4], "JanJansen", None, 12]


def test_a_csv_cell_a_spreadsheet_would_compute_gets_a_quote():
    assert [csv_text(value) for value in [*HOSTILE[:4], "Jan", None, 3]] == [
        '\'=HYPERLINK("https://example.org";"klik")',
        "'+31 6 1234",
        "'-2",
        "'@som",
        "Jan",
        "",
        "3",
    ]
