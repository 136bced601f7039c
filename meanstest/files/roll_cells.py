"""The cells of a case roll (CSV/XLSX), read as the household contract expects them.

A cell arrives as the reader has it (text from CSV; numbers, dates and booleans from
a workbook) and is converted to what the contract expects, and nothing more: money
text is passed on as written (``1,200`` is refused, as in JSON); a float cell is read
through its shortest decimal form and refused if that has more than two decimals.
A fault is an `Invalid` (a code and its parameters); `files.roll` places it at the
row and column of the cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from decimal import Decimal

from ..errors import Invalid
from . import roll_columns as V
from . import roll_hardship

Cell = str | int | float | bool | dt.datetime | dt.date | None
Row = tuple[int, tuple[Cell, ...]]  # (1-based row number in the file, cells)

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
# Whole-number cells (ages, grades, counts), full-width digits (２) included, as int()
# reads them; a run too long for int() stays text and fails validation with a message.
_DIGITS = re.compile(r"^\d{1,9}$")


class Flawed(str):
    """A cell the reader could not read as written: the text it has, and why (a code and
    its parameters).

    Never blank (a text of spaces is kept as U+FFFD), so that its row is never skipped;
    the household of its row becomes an error record naming the cell (`files.roll`).
    """

    code: str
    params: Mapping[str, object]

    def __new__(cls, text: str, code: str, params: Mapping[str, object] | None = None) -> Flawed:
        cell = super().__new__(cls, text if text.strip() else "\ufffd")
        cell.code = code
        cell.params = params or {}
        return cell

    def __reduce__(self) -> tuple[type[Flawed], tuple[str, str, Mapping[str, object]]]:
        return Flawed, (str(self), self.code, self.params)


# openpyxl names columns A to ZZZ; a CSV row may hold more cells than that.
_LAST_LETTERED = 18_278


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column (0 -> A, 26 -> AA).

    A column past ZZZ (more than any spreadsheet has; only a CSV row can reach it) is
    named by its number, ``#18279``.
    """
    if index >= _LAST_LETTERED:
        return f"#{index + 1}"
    # Worked out here, not by openpyxl's get_column_letter: a CSV roll's header names
    # every column, and openpyxl (with numpy, which it loads) took 0.2 s to start up, in
    # `batch --detail full` too (try18).
    letters = ""
    number = index + 1
    while number:
        number, last = divmod(number - 1, 26)
        letters = chr(ord("A") + last) + letters
    return letters


def blank(cell: Cell) -> bool:
    """Whether a cell is empty (None or only spaces); a `Flawed` cell never is."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, dt.datetime | dt.date):
        return _date_text(cell)
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return str(cell).strip()


def _date_text(cell: Cell) -> str:
    if isinstance(cell, dt.datetime):
        if cell.time() != dt.time(0):
            raise Invalid("cell_time_of_day")
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        number = cell_text(cell)
        if sum(c.isdigit() for c in number) > 8:
            # No date (nor 20211201): an ID number, a phone or an account in a shifted
            # column, quoted masked (render.privacy.masked_params).
            raise Invalid("cell_number_not_date", number=number, personal="number")
        raise Invalid("cell_number_not_date", number=number)
    match = _DATE.match(cell_text(cell))
    if match is None:
        raise Invalid("cell_date_expected")
    return f"{int(match[1]):04d}-{int(match[2]):02d}-{int(match[3]):02d}"


def money(cell: Cell) -> object:
    if isinstance(cell, bool | dt.date):
        raise Invalid("money_text")
    if isinstance(cell, float):
        if not math.isfinite(cell):
            raise Invalid("cell_not_finite", value=repr(cell))
        amount = Decimal(repr(cell))
        if amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise Invalid("cell_too_many_decimals", value=repr(cell))
        return f"{amount:f}"
    return cell_text(cell)


def income(cell: Cell) -> dict[str, object]:
    """An income cell: an amount, or the word of the basis it is imputed on (最低工资,
    minimum_wage: wages not established, counted at the minimum wage)."""
    if isinstance(cell, str):
        word = _word("income_basis", cell)
        if word in V.INCOME_BASES:
            return {"basis": word}
    return {"amount": money(cell)}


def integer(cell: Cell) -> object:
    if isinstance(cell, float) and not math.isfinite(cell):
        raise Invalid("cell_not_finite", value=repr(cell))
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell
    text = cell_text(cell)
    return int(text) if _DIGITS.match(text) else text


def _flag(cell: Cell) -> object:
    if isinstance(cell, bool):
        return cell
    text = cell_text(cell).lower()
    if text in V.TRUE_WORDS:
        return True
    if text in V.FALSE_WORDS:
        return False
    return text


def _word(field: str, cell: Cell) -> str:
    text = cell_text(cell)
    return V.VALUES.get(field, {}).get(text, text)


def field_value(field: str, cell: Cell) -> object:
    """Convert a field cell to the value the contract expects."""
    if field in V.DATE_FIELDS:
        return _date_text(cell)
    if field in V.MONEY_FIELDS:
        return money(cell)
    if field == "disability_grade":
        return integer(_word(field, cell) if isinstance(cell, str) else cell)
    if field in V.INT_FIELDS:
        return integer(cell)
    if field in V.FLAG_FIELDS:
        return _flag(cell)
    if field in roll_hardship.PAYMENT_FIELDS:
        return roll_hardship.payments(cell_text(cell))
    if field == "self_care_failed":
        words = V.LIST_SEPARATORS.split(cell_text(cell))
        return [V.VALUES[field].get(w, w) for w in words if w]
    if field == "id_number" and isinstance(cell, int | float):
        raise Invalid("id_number_as_number")
    return _word(field, cell)
