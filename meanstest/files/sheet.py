"""Read the first sheet of a workbook as rows: every cell that is there, as it is there.

openpyxl reads the workbook's parts (shared texts, styles that make a number a date,
the date system); the sheet itself is streamed here, a row at a time, because a case
roll must be read exactly:

- The size a sheet states (``<dimension ref="A1"/>``) is not trusted: scripts and export
  tools write wrong ones, and openpyxl's streaming reader would stop at it. Every row
  and column present is read.
- A formula cell that holds no calculated value (a file written by a script, or never
  opened in Excel) is not a blank: it is a `Flawed` cell naming the formula.
- A number that is not finite (``NaN``, ``inf``, ``1e400``), an error value
  (``#DIV/0!``), or a cell that cannot be read at all is a `Flawed` cell naming why.

Rows are parsed one by one and dropped once read, so memory stays flat whatever the
number of rows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from ..errors import MeansTestError
from .roll import Cell, Flawed, Row

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

_ROW = f"{{{SHEET_MAIN_NS}}}row"
_CELL = f"{{{SHEET_MAIN_NS}}}c"
_VALUE = f"{{{SHEET_MAIN_NS}}}v"
_FORMULA = f"{{{SHEET_MAIN_NS}}}f"
_INLINE = f"{{{SHEET_MAIN_NS}}}is"
_T = f"{{{SHEET_MAIN_NS}}}t"
_RUN = f"{{{SHEET_MAIN_NS}}}r"
_SHEET_DATA = f"{{{SHEET_MAIN_NS}}}sheetData"
# The most rows and columns a workbook can have (Excel's limits).
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
_INTEGER = re.compile(r"-?[0-9]{1,4300}")


class _Unreadable(ValueError):
    """A sheet that cannot be read: the code of why, and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class SheetReader:
    """Streams the rows of one worksheet of an open (read-only) workbook."""

    def __init__(self, book: Workbook, index: int = 0) -> None:
        sheet = book.worksheets[index]
        self.title = sheet.title
        # openpyxl's streaming reader keeps these on the workbook and the sheet; it has no
        # public way to stream a sheet without its stated size.
        self._source: Any = getattr(sheet, "_get_source")  # noqa: B009
        self._strings: list[Any] = getattr(sheet, "_shared_strings")  # noqa: B009
        self._epoch = book.epoch
        self._dates: Any = getattr(book, "_date_formats")  # noqa: B009
        self._durations: Any = getattr(book, "_timedelta_formats")  # noqa: B009
        self.stated_rows: int | None = sheet.max_row  # from <dimension>: an estimate only

    def rows(self) -> Iterator[Row]:
        """Yield (row number, cells) for every row from the first one present.

        A row missing between two present ones is yielded empty, so that it is counted
        as a blank row, as a spreadsheet shows it.

        Raises:
            MeansTestError: the sheet's XML cannot be read, or numbers its rows or cells
                outside a worksheet's limits.
        """
        last = 0
        with self._source() as source:
            parts = iterparse(source, events=("start", "end"))
            data: Any = None
            try:
                for event, element in parts:
                    if event == "start":
                        if element.tag == _SHEET_DATA:
                            data = element
                        continue
                    if element.tag != _ROW:
                        continue
                    number, cells = self._row(element, last)
                    if data is not None:
                        data.remove(element)  # a row read is let go of
                    else:
                        element.clear()
                    if last:
                        for empty in range(last + 1, number):
                            yield empty, ()
                    last = number
                    yield number, cells
            except _Unreadable as exc:
                raise MeansTestError(exc.code, params=exc.params) from None
            except SyntaxError as exc:  # ElementTree's ParseError
                raise MeansTestError(
                    "sheet_not_xml", params={"sheet": self.title, "detail": str(exc)}
                ) from None

    def _row(self, element: Any, last: int) -> tuple[int, tuple[Cell, ...]]:
        attribute = element.get("r")
        number = _row_number(attribute) if attribute is not None else last + 1
        if number > MAX_ROWS:
            raise _Unreadable("sheet_row_past_limit", number=number, max=MAX_ROWS)
        if number <= last:
            raise _Unreadable("sheet_row_order", number=number, last=last)
        values: dict[int, Cell] = {}
        column = 0
        for cell in element.iter(_CELL):
            reference = cell.get("r")
            if reference is not None:
                try:
                    row, column = coordinate_to_tuple(reference)
                except ValueError:
                    raise _Unreadable(
                        "sheet_bad_reference", number=number, reference=reference[:20]
                    ) from None
                if row != number or column > MAX_COLUMNS:
                    raise _Unreadable("sheet_cell_elsewhere", number=number, reference=reference)
            else:
                column += 1
                if column > MAX_COLUMNS:
                    raise _Unreadable("sheet_too_many_cells", number=number, max=MAX_COLUMNS)
                reference = f"{get_column_letter(column)}{number}"
            values[column] = self._value(cell, reference)
        width = max(values, default=0)
        return number, tuple(values.get(c) for c in range(1, width + 1))

    def _value(self, cell: Any, where: str) -> Cell:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            return None if inline is None else _inline_text(inline)
        text = cell.findtext(_VALUE)
        if not text:
            formula = cell.find(_FORMULA)
            # No value: no <v>, or an empty <v/> as scripts (openpyxl) write. Only a text
            # formula (t="str") with an empty <v></v> has calculated the empty text.
            if formula is not None and (cell.find(_VALUE) is None or kind != "str"):
                shown = (
                    f"={formula.text[:200]}" if formula.text else "shared with the cells around it"
                )
                return Flawed(
                    shown,
                    "sheet_formula_no_value",
                    {"cell": where, "sheet": self.title, "formula": shown},
                )
            return None
        try:
            return self._typed(kind, text, cell, where)
        except (ValueError, OverflowError, IndexError, TypeError):
            return Flawed(
                text[:40],
                "sheet_cell_unreadable",
                {"cell": where, "kind": kind[:10], "text": text[:40]},
            )

    def _typed(self, kind: str, text: str, cell: Any, where: str) -> Cell:
        if kind == "n":
            try:
                number: int | float = int(text) if _INTEGER.fullmatch(text) else float(text)
            except ValueError:
                return Flawed(text[:40], "sheet_not_a_number", {"cell": where, "text": text[:40]})
            if isinstance(number, float) and not math.isfinite(number):
                return Flawed(text[:40], "sheet_not_finite", {"cell": where, "text": text[:40]})
            style = int(cell.get("s", 0))
            if style in self._dates:
                try:
                    return from_excel(  # type: ignore[no-any-return]
                        number,
                        self._epoch,
                        timedelta=style in self._durations,
                    )
                except (OverflowError, ValueError):
                    return Flawed(
                        text[:40], "sheet_date_out_of_range", {"cell": where, "text": text[:40]}
                    )
            return number
        if kind == "s":
            return str(self._strings[int(text)])
        if kind == "str":
            return text
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)  # type: ignore[no-any-return,no-untyped-call]
        if kind == "e":
            return Flawed(text[:40], "sheet_error_value", {"cell": where, "text": text[:40]})
        raise ValueError(kind)


def _inline_text(inline: Any) -> str:
    """The text of an inline string, as openpyxl's ``Text.content`` gives it: the plain
    text, then the text of each formatted run (phonetic guides left out)."""
    plain = inline.findtext(_T)
    runs = [run.findtext(_T) for run in inline.iterfind(_RUN)]
    if not runs:
        return plain or ""
    return (plain or "") + "".join(text for text in runs if text)


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise _Unreadable("sheet_bad_row_number", text=text[:20]) from None
