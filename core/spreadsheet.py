"""Spreadsheet files (CSV and XLSX) whose cells a spreadsheet never runs as formulas.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel and LibreOffice, whether it comes from a CSV file or is typed back into an XLSX cell.
Every export writes through this module, so any text a person typed (a unit's code or name, a
goal, a comment) reaches the reader as text: such a cell gets a leading apostrophe, the
character spreadsheets themselves use to mark text.

Numbers stay numbers: a Python ``int``, ``float`` or ``Decimal`` is written as it is (a
negative figure stays a negative number in XLSX), and so is text that is nothing but a plain
decimal number (``-5``, ``-0.25``), as open data figures are: a spreadsheet reads it as that
number and can run nothing in it, while an apostrophe would turn the figure into text for
everyone who loads the file.

``tests/core/test_spreadsheet.py`` fails if a CSV or XLSX writer is made anywhere else.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

#: What a spreadsheet takes for the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Text that is only a decimal number, perhaps negative: a figure, never a formula.
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def safe_cell(value: Any) -> Any:
    """The value as a cell holds it safely: text that a spreadsheet would run gets a leading apostrophe.

    Anything that is not text (numbers, dates, ``None``) is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_cell(value: Any) -> Any:
    """A value as written to a CSV file: ``None`` empty, a ``Decimal`` with a decimal point, text made safe."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return safe_cell(value)


class _TextFile(Protocol):
    def write(self, s: str, /) -> Any: ...


class CsvWriter:
    """``csv.writer`` (comma-separated, CRLF line ends) whose every cell goes through :func:`csv_cell`."""

    def __init__(self, out: _TextFile) -> None:
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(value) for value in values])


def new_workbook() -> Workbook:
    """An empty workbook; add its rows with :func:`append_row`."""
    return Workbook()


CellValue = str | int | float | Decimal | date | datetime | time | None


def append_row(ws: Worksheet, values: Iterable[CellValue]) -> None:
    """Append a row of plain values to a worksheet; text is made safe and nothing is stored as a formula."""
    ws.append([safe_cell(value) for value in values])
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":  # openpyxl takes text starting with "=" for a formula
            cell.data_type = "s"
