"""The paperwork a batch writes: the payment roll and the publication list.

`open_paper_sink` collects a batch's result records (the `meanstest.assessment/1` and
`meanstest.error/1` dicts, in input order), and when the run is over makes the document
(`render.payroll`, `render.notice`) and writes it whole: a workbook (one sheet each for
the roll, the records not on it and the errors; headings and totals in bold, money to
the fen) or CSV (the same sheets one after another, a blank row between them).
"""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import IO, Any, Literal

from ..render.document import Document, Record, Sheet, essentials
from ..render.labels import Lang
from ..render.notice import notice
from ..render.payroll import payroll
from .outputs import FIXED_TIME, _Reproducible
from .placing import atomic_file
from .records import Outcome

Kind = Literal["payroll", "notice"]


class PaperSink:
    """Collects the records of a run; `document` makes the roll or list from them."""

    def __init__(self, kind: Kind, lang: Lang, month: str | None, show_personal_data: bool) -> None:
        self.kind, self.lang, self.month, self.show = kind, lang, month, show_personal_data
        self.records: list[Record] = []
        self.made: Document | None = None  # the document, once written

    def add(self, outcome: Outcome) -> None:
        """Keep one record (a result or an error record)."""
        self.records.append(essentials(outcome.output))

    def finish(self) -> None:
        """Nothing to flush: the document is written when the run is over."""

    def document(self) -> Document:
        """The roll or the list of the records kept."""
        if self.kind == "payroll":
            return payroll(self.records, self.month, self.lang, show_personal_data=self.show)
        return notice(self.records, self.lang, show_personal_data=self.show)


@contextlib.contextmanager
def open_paper_sink(
    kind: Kind,
    container: str,
    lang: Lang,
    path: str | None,
    stdout: IO[bytes],
    *,
    month: str | None = None,
    show_personal_data: bool = False,
) -> Iterator[PaperSink]:
    """Yield a sink; when the run is over, write its document to ``path`` (atomically)
    or to ``stdout``, as a workbook (``container`` xlsx) or CSV."""
    sink = PaperSink(kind, lang, month, show_personal_data)
    yield sink
    sink.made = sink.document()
    data = write_xlsx(sink.made) if container == "xlsx" else write_csv(sink.made)
    if path is None:
        stdout.write(data)
        stdout.flush()
        return
    with atomic_file(path) as temp:
        temp.write_bytes(data)


# A cell a spreadsheet would read as a formula when it opens the CSV (=, +, -, @, and the
# tab or carriage return some read past first): OWASP's "CSV injection".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: object) -> object:
    """A cell of the CSV: money with its two decimals; a text that a spreadsheet would run
    as a formula (a name or id "=HYPERLINK(...)") behind an apostrophe, which Excel and
    WPS show as text. The payroll and the notice are for people to open and print; batch's
    CSV, data for programs, keeps every text as given."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return f"'{value}"
    return value


def write_csv(document: Document) -> bytes:
    """The document as CSV (UTF-8 without a BOM, as batch's CSV: for Excel, write .xlsx)."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    for i, sheet in enumerate(document.sheets):
        if i:
            writer.writerow([])
        writer.writerows([line] for line in sheet.head)
        writer.writerow(sheet.columns)
        writer.writerows([_plain(v) for v in row] for row in sheet.rows)
    return text.getvalue().encode("utf-8")


def write_xlsx(document: Document) -> bytes:
    """The document as a workbook, streamed (write-only): the same document gives the
    same bytes. Sheets print on A4 landscape, fitted to the page's width."""
    from openpyxl import Workbook  # noqa: PLC0415 - only for Excel output
    from openpyxl.writer.excel import ExcelWriter  # noqa: PLC0415

    book = Workbook(write_only=True)
    for sheet in document.sheets:
        _sheet(book.create_sheet(_title(sheet.name)), sheet)
    book.properties.created = book.properties.modified = FIXED_TIME
    out = io.BytesIO()
    with _Reproducible(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return out.getvalue()


def _title(name: str) -> str:
    """A sheet title Excel accepts (at most 31 characters, none of []:*?/\\)."""
    return "".join(c for c in name if c not in "[]:*?/\\")[:31] or "sheet"


def _sheet(ws: Any, sheet: Sheet) -> None:
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    bold, title = Font(bold=True), Font(bold=True, sz=14)
    ws.freeze_panes = f"A{len(sheet.head) + 2}"  # below the column headers
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    def row(values: Sequence[object], font: Any = None) -> list[Any]:
        cells = []
        for value in values:
            cell = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: "=1+2" is no formula
            elif isinstance(value, Decimal):
                cell.number_format = "0.00"
            if font is not None:
                cell.font = font
            cells.append(cell)
        return cells

    for n, line in enumerate(sheet.head):
        ws.append(row([line], title if n == 0 else None))
    ws.append(row(sheet.columns, bold))
    styles = list(sheet.styles) + [""] * (len(sheet.rows) - len(sheet.styles))
    for values, style in zip(sheet.rows, styles, strict=True):
        ws.append(row(values, bold if style else None))
