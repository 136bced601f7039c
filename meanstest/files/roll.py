"""The CSV/XLSX case-roll layout: rows in, household records out, and back.

One row per member. Rows of one household are consecutive and share its id; a blank
id continues the household above (that is how merged cells export). Household
columns may repeat on every row or be left blank after the first; two different
values are an error. Cells are converted to what the contract expects, and nothing
more: money text is passed on as written (``1,200`` is refused, as in JSON), and
every later validation problem is reported against the row and column it came from.

Spreadsheet numbers arrive as floats; money stays exact because a float cell is read
through its shortest decimal form and refused if that has more than two decimals.

A cell the reader could not read as written (a quote that never closes, a cell past
the size limit, a formula without a value, a number that is not finite) arrives as a
`Flawed` cell: the household it belongs to becomes an error record naming the row,
the column and why, and every other row is read as usual.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from ..errors import HouseholdInvalid, MeansTestError, Problem
from ..model.fields import MAX_MEMBERS
from . import roll_columns as V
from . import roll_hardship

Cell = str | int | float | bool | dt.datetime | dt.date | None
Row = tuple[int, tuple[Cell, ...]]  # (1-based row number in the file, cells)

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
# Whole-number cells (ages, grades, counts), full-width digits (２) included, as int()
# reads them; a run too long for int() stays text and fails validation with a message.
_DIGITS = re.compile(r"^\d{1,9}$")


class _Bad(ValueError):
    """A cell that cannot be read at all (the message says what to do)."""


class Flawed(str):
    """A cell the reader could not read as written: the text it has, and why.

    Never blank (a text of spaces is kept as U+FFFD), so that its row is never skipped;
    the household of its row becomes an error record naming the cell (`_Builder`).
    """

    problem: str

    def __new__(cls, text: str, problem: str) -> Flawed:
        cell = super().__new__(cls, text if text.strip() else "\ufffd")
        cell.problem = problem
        return cell

    def __reduce__(self) -> tuple[type[Flawed], tuple[str, str]]:
        return Flawed, (str(self), self.problem)


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def blank(cell: Cell) -> bool:
    """Whether a cell is empty (None or only spaces); a `Flawed` cell never is."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell: Cell) -> str:
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
            raise _Bad("a date cell holds a time of day; give the date only")
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        raise _Bad(f"the cell holds the number {_text(cell)}, not a date; {_DATE_FORMS}, "
                   "or format the cell as a date")
    match = _DATE.match(_text(cell))
    if match is None:
        raise _Bad(f"expected a date: {_DATE_FORMS}")
    return f"{int(match[1]):04d}-{int(match[2]):02d}-{int(match[3]):02d}"


_DATE_FORMS = "write it as 2021-12-01, 2021/12/1, 2021.12.1 or 2021年12月1日"


def _money(cell: Cell) -> object:
    if isinstance(cell, bool | dt.date):
        raise _Bad("expected an amount in yuan such as 570 or 12.50")
    if isinstance(cell, float):
        if not math.isfinite(cell):
            raise _Bad(f"the number cell holds {cell!r}, which is not a finite amount")
        amount = Decimal(repr(cell))
        if amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise _Bad(f"the cell holds {cell!r}, more than two decimals; round it to the "
                       "fen or store the amount as text")
        return f"{amount:f}"
    return _text(cell)


def _income(cell: Cell) -> dict[str, object]:
    """An income cell: an amount, or the word of the basis it is imputed on (最低工资,
    minimum_wage: wages not established, counted at the minimum wage)."""
    if isinstance(cell, str):
        word = _word("income_basis", cell)
        if word in V.INCOME_BASES:
            return {"basis": word}
    return {"amount": _money(cell)}


def _integer(cell: Cell) -> object:
    if isinstance(cell, float) and not math.isfinite(cell):
        raise _Bad(f"the number cell holds {cell!r}, which is not a finite number")
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell
    text = _text(cell)
    return int(text) if _DIGITS.match(text) else text


def _flag(cell: Cell) -> object:
    if isinstance(cell, bool):
        return cell
    text = _text(cell).lower()
    if text in V.TRUE_WORDS:
        return True
    if text in V.FALSE_WORDS:
        return False
    return text


def _word(field: str, cell: Cell) -> str:
    text = _text(cell)
    return V.VALUES.get(field, {}).get(text, text)


def _field_value(field: str, cell: Cell) -> object:
    """Convert a field cell to the value the contract expects."""
    if field in V.DATE_FIELDS:
        return _date_text(cell)
    if field in V.MONEY_FIELDS:
        return _money(cell)
    if field == "disability_grade":
        return _integer(_word(field, cell) if isinstance(cell, str) else cell)
    if field in V.INT_FIELDS:
        return _integer(cell)
    if field in V.FLAG_FIELDS:
        return _flag(cell)
    if field in roll_hardship.PAYMENT_FIELDS:
        try:
            return roll_hardship.payments(_text(cell))
        except ValueError as exc:
            raise _Bad(str(exc)) from None
    if field == "self_care_failed":
        words = V.LIST_SEPARATORS.split(_text(cell))
        return [V.VALUES[field].get(w, w) for w in words if w]
    if field == "id_number" and isinstance(cell, int | float):
        raise _Bad("store ID numbers as text: a number cell keeps only 15 digits")
    return _word(field, cell)


class Tabular(NamedTuple):
    """A household record built from rows, with where each part came from.

    Attributes:
        data: the household as the contract's JSON object.
        origin: dotted path -> (row, header or None) for every part built.
    """

    data: dict[str, Any]
    origin: dict[str, tuple[int, str | None]]

    def relocate(self, problem: Problem) -> Problem:
        """Name the column and row of a problem found in ``data``."""
        parts = problem.loc.split(".") if problem.loc else []
        for n in range(len(parts), 0, -1):
            hit = self.origin.get(".".join(parts[:n]))
            if hit is not None:
                row, header = hit
                rest = ".".join(parts[n:])
                msg = f"row {row}: " + (f"{rest}: " if rest else "") + problem.msg
                return Problem(header or problem.loc, msg)
        return problem


class Layout:
    """The columns of one roll, read from its header row."""

    def __init__(self, columns: Sequence[V.Column], width: int) -> None:
        self.columns = tuple(columns)
        self.width = width
        ids = [c for c in columns if c.key == ("household", "field", "household_id", None, False)]
        self.id_index = ids[0].position if ids else None
        self.id_header = ids[0].header if ids else ""

    @classmethod
    def from_header(cls, cells: Sequence[Cell], row: int) -> Layout:
        """Read the header row.

        Raises:
            MeansTestError: a header names nothing known, is given twice, or the roll
                has no household id column; the whole roll cannot be read then.
        """
        columns: list[V.Column] = []
        problems: list[Problem] = []
        seen: dict[tuple[Any, ...], str] = {}
        for index, cell in enumerate(cells):
            if blank(cell):
                continue
            where = f"column {column_letter(index)}"
            col = V.column(index, _text(cell))
            if col is None:
                problems.append(Problem(where, f"'{_text(cell)}' is not a column of the "
                                        "case-roll layout (see docs/batch.md)", row))
            elif col.key in seen:
                problems.append(Problem(where, f"'{col.header}' fills the same field as "
                                        f"'{seen[col.key]}'", row))
            else:
                seen[col.key] = col.header
                columns.append(col)
        if problems and not columns and not seen:
            # Not one header known: this is a row of data (names, ID numbers), which
            # must not be echoed to the terminal or a log.
            raise MeansTestError("the case roll has no header row", problems=(Problem(
                "", "no cell names a column of the case-roll layout; the first row must "
                "be the header (户编号, 姓名, … or household_id, name, …; see "
                "docs/batch.md)", row),))
        layout = cls(columns, len(cells))
        if layout.id_index is None and not problems:
            problems.append(Problem("", "the roll needs a household id column (户编号 or "
                                    "household_id): it groups member rows into households",
                                    row))
        if problems:
            raise MeansTestError("the header row of the case roll cannot be read",
                                 problems=tuple(problems))
        return layout

    def household_id(self, cells: Sequence[Cell]) -> str | None:
        """Return the household id written on a row, or None when blank."""
        assert self.id_index is not None  # noqa: S101 - from_header requires the column
        cell = cells[self.id_index] if self.id_index < len(cells) else None
        return None if blank(cell) else _text(cell)

    def repeated_by(self, cells: Sequence[Cell], row: int) -> bool:
        """Whether a row whose id cell names the id column is this header again.

        Raises:
            MeansTestError: it is a header of other columns (two rolls with different
                columns joined together): the rows below it cannot be read with this one.
        """
        try:
            again = Layout.from_header(cells, row)
        except MeansTestError:
            again = None
        if again is not None and [(c.position, c.key) for c in again.columns] == [
                (c.position, c.key) for c in self.columns]:
            return True
        raise MeansTestError(
            f"row {row} is a second header row, with other columns than the first (two rolls "
            "joined together?); the rows below it cannot be read with the first header — "
            "give them the same columns, or read the two rolls apart")

    def household(self, rows: Sequence[Row]) -> Tabular:
        """Build one household record from its rows.

        Raises:
            HouseholdInvalid: a cell cannot be read (problems name row and column).
        """
        return _Builder(self, rows).build()


class _Builder:
    """Turns the rows of one household into the contract's JSON object."""

    def __init__(self, layout: Layout, rows: Sequence[Row]) -> None:
        self.layout = layout
        self.rows = rows
        self.first = rows[0][0]
        self.origin: dict[str, tuple[int, str | None]] = {}
        self.problems: list[Problem] = []

    def build(self) -> Tabular:
        if isinstance(self.rows, Resumed | HeaderAgain | TooManyRows):
            raise HouseholdInvalid("the rows cannot be read", problems=(
                Problem(self.layout.id_header, f"row {self.first}: {self._group_problem()}"),))
        for number, cells in self.rows:
            self._check_text(number, cells)
        data: dict[str, Any] = {}
        self._household_fields(data)
        members, incomes, expenses = self._members()
        data["members"] = members
        self.origin["members"] = (self.first, None)
        household_items = self._household_items()
        for name, items in (("incomes", incomes + household_items["income"]),
                            ("expenses", expenses + household_items["expense"])):
            if items:
                data[name] = []
                for i, (item, where) in enumerate(items):
                    data[name].append(item)
                    self._item_origin(f"{name}.{i}", item, where)
        assets = household_items["asset"] + household_items["vehicle"]
        if assets:
            data["assets"] = [item for item, _ in assets]
            for i, (item, where) in enumerate(assets):
                self._item_origin(f"assets.{i}", item, where)
        if self.problems:
            raise HouseholdInvalid("the rows cannot be read", problems=tuple(self.problems))
        return Tabular(data, self.origin)

    def _group_problem(self) -> str:
        """Why a group of rows as a whole is not a household."""
        if isinstance(self.rows, Resumed):
            return ("this household's rows resume here after other households; its rows "
                    "above were assessed without these — keep each household's rows "
                    "together and run again")
        if isinstance(self.rows, HeaderAgain):
            return ("this row repeats the header row (two rolls joined together?); it is not "
                    "a household — delete it")
        assert isinstance(self.rows, TooManyRows)  # noqa: S101 - the three kinds of group
        return (f"this household goes on to row {self.rows.last}, {self.rows.total:,} rows, "
                f"more than the {MAX_MEMBERS} members a household may have; is its id "
                "filled in on the right rows?")

    def _item_origin(self, path: str, item: dict[str, Any], where: tuple[int, str]) -> None:
        """A typed column fills a whole item: each of its fields comes from that cell."""
        self.origin[path] = where
        for key in item:
            self.origin[f"{path}.{key}"] = where

    def _check_text(self, number: int, cells: Sequence[Cell]) -> None:
        """Undecodable bytes (read as surrogates) and values under no header."""
        named = {c.position for c in self.layout.columns}
        for index, cell in enumerate(cells):
            if isinstance(cell, str):
                try:
                    cell.encode("utf-8")
                except UnicodeEncodeError:
                    self.problems.append(Problem(self._where(index), f"row {number}: the "
                                                 "text is not in the file's encoding (a GBK "
                                                 "file? use --encoding gbk)"))
                    continue
            if index not in named and not blank(cell):
                why = (cell.problem if type(cell) is Flawed
                       else "a value in a column without a header")
                self.problems.append(Problem(f"column {column_letter(index)}",
                                             f"row {number}: {why}"))

    def _where(self, index: int) -> str:
        for col in self.layout.columns:
            if col.position == index:
                return col.header
        return f"column {column_letter(index)}"

    def _cell(self, col: V.Column, number: int, cells: Sequence[Cell],
              convert: Any) -> object:
        """Return a converted cell, None when blank or unreadable (then noted)."""
        cell = cells[col.position] if col.position < len(cells) else None
        if blank(cell):
            return None
        if type(cell) is Flawed:
            self.problems.append(Problem(col.header, f"row {number}: {cell.problem}"))
            return None
        try:
            return convert(cell)
        except _Bad as exc:
            self.problems.append(Problem(col.header, f"row {number}: {exc}"))
            return None

    def _household_cell(self, col: V.Column, convert: Any) -> tuple[object, int] | None:
        """The household's value of a column: one value, on any of its rows."""
        found: tuple[object, int] | None = None
        for number, cells in self.rows:
            value = self._cell(col, number, cells, convert)
            if value is None:
                continue
            if found is None:
                found = (value, number)
            elif value != found[0]:
                self.problems.append(Problem(col.header, f"row {number}: differs from row "
                                             f"{found[1]}; household columns must agree"))
        return found

    def _household_fields(self, data: dict[str, Any]) -> None:
        current: dict[str, Any] = {}
        hardship: dict[str, tuple[object, int, str]] = {}
        for col in self.layout.columns:
            if col.scope != "household" or col.kind != "field":
                continue
            found = self._household_cell(col, lambda c, f=col.name: _field_value(f, c))
            if found is None:
                continue
            value, number = found
            if col.name.startswith("hardship_"):
                hardship[col.name] = (value, number, col.header)
            elif col.name.startswith("current_"):
                key = col.name.removeprefix("current_")
                current[key] = value
                self.origin[f"current.{key}"] = (number, col.header)
            else:
                key = "id" if col.name == "household_id" else col.name
                data[key] = value
                self.origin[key] = (number, col.header)
        if current:
            data["current"] = current
            self.origin["current"] = (self.first, None)
        if hardship:
            data["hardship"], where = roll_hardship.nest(hardship)
            self.origin["hardship"] = (self.first, None)
            self.origin.update(where)

    def _members(self) -> tuple[list[dict[str, Any]], list[Any], list[Any]]:
        members: list[dict[str, Any]] = []
        incomes: list[tuple[dict[str, Any], tuple[int, str]]] = []
        expenses: list[tuple[dict[str, Any], tuple[int, str]]] = []
        for position, (number, cells) in enumerate(self.rows):
            path = f"members.{position}"
            self.origin[path] = (number, None)
            member: dict[str, Any] = {}
            disability: dict[str, Any] = {}
            for col in self.layout.columns:
                if col.scope != "member" or col.kind != "field":
                    continue
                value = self._cell(col, number, cells,
                                   lambda c, f=col.name: _field_value(f, c))
                if value is None:
                    continue
                if col.name.startswith("disability_"):
                    key = col.name.removeprefix("disability_")
                    disability[key] = value
                    self.origin[f"{path}.disability.{key}"] = (number, col.header)
                    self.origin.setdefault(f"{path}.disability", (number, col.header))
                else:
                    key = "id" if col.name == "member_id" else col.name
                    member[key] = value
                    self.origin[f"{path}.{key}"] = (number, col.header)
            member.setdefault("id", f"p{position + 1}")
            if disability:
                member["disability"] = disability
            members.append(member)
            for col in self.layout.columns:
                if col.scope == "member" and col.kind in ("income", "expense"):
                    value = self._cell(col, number, cells,
                                       _income if col.kind == "income" else _money)
                    if value is not None:
                        item = {"member": member["id"], "type": col.name,
                                **(value if isinstance(value, dict) else {"amount": value}),
                                "per": col.per}
                        (incomes if col.kind == "income" else expenses).append(
                            (item, (number, col.header)))
        return members, incomes, expenses

    def _household_items(self) -> dict[str, list[tuple[dict[str, Any], tuple[int, str]]]]:
        out: dict[str, list[tuple[dict[str, Any], tuple[int, str]]]] = {
            "income": [], "expense": [], "asset": [], "vehicle": []}
        for col in self.layout.columns:
            if col.scope != "household" or col.kind == "field":
                continue
            housing = col.kind == "asset" and col.name == "housing"
            found = self._household_cell(col, _integer if housing else _income
                                         if col.kind == "income" else _money)
            if found is None:
                continue
            value, number = found
            item: dict[str, Any]
            if col.kind in ("income", "expense"):
                item = {"type": col.name,
                        **(value if isinstance(value, dict) else {"amount": value}),
                        "per": col.per}
            elif housing:
                item = {"type": "housing", "count": value}
            elif col.kind == "vehicle":
                item = {"type": "vehicle", "kind": col.name, "value": value}
            else:
                item = {"type": col.name, "value": value}
            if col.livelihood:
                item["for_livelihood"] = True
            out[col.kind].append((item, (number, col.header)))
        return out


class Resumed(tuple[Row, ...]):
    """Rows of a household whose earlier rows, further up, were already a record."""

    __slots__ = ()


class HeaderAgain(tuple[Row, ...]):
    """A row that repeats the header row, where two rolls were joined together."""

    __slots__ = ()


class TooManyRows(tuple[Row, ...]):
    """The first rows of a household with more rows than a household may have members;
    the rest were counted, not kept, so that one household never fills the memory."""

    total: int  # all its rows
    last: int  # the number of its last row


def group_rows(rows: Iterable[Row], layout: Layout) -> Iterator[tuple[int, tuple[Row, ...]]]:
    """Group consecutive member rows into households; blank rows are skipped.

    Yields (first row, rows) per household. A row with a blank id continues the
    household above; a first row with a blank id starts a household of its own
    (which then fails for want of an id). Rows of a household that resume after other
    households come as `Resumed`, which `Layout.household` refuses: the stream cannot
    take back the record its first rows made, so the run must say it was incomplete.
    """
    finished: set[str] = set()  # ids of the households already yielded
    group: list[Row] = []
    extra = 0  # rows of the current household past the most it may have: counted, not kept
    last = 0  # the number of the current household's last row
    current: str | None = None
    for row in rows:
        if all(blank(c) for c in row[1]):
            continue
        hid = layout.household_id(row[1])
        if group and (hid is None or hid == current):
            if len(group) <= MAX_MEMBERS:
                group.append(row)
            else:
                extra += 1
                last = row[0]
            continue
        if group:
            yield group[0][0], _rows(group, current, finished, extra, last)
        if hid is not None and V.normalize(hid) in _ID_HEADERS and layout.repeated_by(
                row[1], row[0]):
            yield row[0], HeaderAgain((row,))
            group, current = [], None
            continue
        group, extra, last = [row], 0, row[0]
        current = hid
    if group:
        yield group[0][0], _rows(group, current, finished, extra, last)


_ID_HEADERS = frozenset(V.normalize(h) for h in V.HOUSEHOLD_FIELDS["household_id"])


def _rows(group: list[Row], hid: str | None, finished: set[str], extra: int,
          last: int) -> tuple[Row, ...]:
    if extra:
        too_many = TooManyRows(group)
        too_many.total, too_many.last = len(group) + extra, last
        return too_many
    if hid is None:
        return tuple(group)
    if hid in finished:
        return Resumed(group)
    finished.add(hid)
    return tuple(group)


# ------------------------------------------------------------- writing a roll


def roll_columns(households: Iterable[Mapping[str, Any]]) -> list[V.Column]:
    """Return the columns needed to write these households as a roll, in layout order."""
    keys: set[tuple[str, str, str, str | None, bool]] = set()
    for data in households:
        for member_cells in _cells(data):
            keys.update(member_cells)
    return [V.Column(i, "", *key) for i, key in enumerate(sorted(keys, key=_rank))]


_GROUPS = (("household", "field"), ("member", "field"), ("member", "income"),
           ("member", "expense"), ("household", "income"), ("household", "expense"),
           ("household", "asset"), ("household", "vehicle"))
_NAMES = (*V.HOUSEHOLD_FIELDS, *V.MEMBER_FIELDS, *V.INCOME_TYPES, *V.EXPENSE_TYPES,
          *V.ASSET_TYPES, *V.VEHICLE_KINDS)


def _rank(key: tuple[str, str, str, str | None, bool]) -> tuple[int, int, str, str, bool]:
    """Layout order: household fields, member fields, typed columns by vocabulary order."""
    scope, kind, name, per, livelihood = key
    known = _NAMES.index(name) if name in _NAMES else len(_NAMES)
    return (_GROUPS.index((scope, kind)), known, name, per or "", livelihood)


def roll_header(columns: Sequence[V.Column], lang: str) -> list[str]:
    """Return the header row, in Chinese or English."""
    name = V.chinese_header if lang == "zh" else V.english_header
    return [name(c) for c in columns]


def roll_rows(data: Mapping[str, Any], columns: Sequence[V.Column], lang: str = "en", *,
              repeat: bool = True) -> list[list[str]]:
    """Return one household as roll rows (one per member), cells as text.

    With ``lang="zh"`` enumerated values are written as the Chinese words a roll
    uses (农村, 申请人, 是 …); English values are what the contract spells. With
    ``repeat=False`` household cells are left blank after the first row, as merged
    cells export.

    Raises:
        ValueError: the household uses something the layout cannot hold (supporters,
            two incomes of one type and period for one member, ...).
    """
    index = {c.key: c.position for c in columns}
    rows = []
    for n, member_cells in enumerate(_cells(data)):
        row = [""] * len(columns)
        for key, value in member_cells.items():
            if n and not repeat and key[0] == "household":
                continue
            field = "income_basis" if key[1] == "income" else key[2]
            row[index[key]] = _chinese(field, value) if lang == "zh" else value
        rows.append(row)
    return rows


_ZH_WORDS = {field: {en: zh for zh, en in reversed(words.items())}
             for field, words in V.VALUES.items()}


def _chinese(field: str, text: str) -> str:
    """The Chinese word for an enumerated value (the first listed), else the text."""
    if field in V.FLAG_FIELDS:
        return "是" if text == "true" else "否"
    if field == "self_care_failed":
        return "、".join(_ZH_WORDS[field].get(w, w) for w in text.split(";"))
    if field.startswith("current_") and field != "current_status":
        return text
    return _ZH_WORDS.get(field, {}).get(text, text)


_Key = tuple[str, str, str, str | None, bool]


def _cells(data: Mapping[str, Any]) -> list[dict[_Key, str]]:
    """The cells of each member row, keyed by what their column fills."""
    if any("member" in asset for asset in data.get("assets", ())):
        raise ValueError("the layout has no column for an asset of one member")
    house = _household_cells(data)
    rows = [{**house, **_member_cells(member)} for member in data["members"]]
    by_id = {m["id"]: n for n, m in enumerate(data["members"])}
    for kind in ("income", "expense"):
        for item in data.get(f"{kind}s", ()):
            scope = "household" if item.get("member") is None else "member"
            per = item.get("per") or "month"  # an imputed item may leave out its period
            item_key: _Key = (scope, kind, item["type"], per, False)
            targets = rows if scope == "household" else [rows[by_id[item["member"]]]]
            if item_key in targets[0]:
                raise ValueError(f"two {scope} {kind}s of type {item['type']} per {per}")
            for cells in targets:
                cells[item_key] = str(item["basis"] if "basis" in item else item["amount"])
    for asset in data.get("assets", ()):
        asset_key, text = _asset_cell(asset)
        if asset_key in rows[0]:
            raise ValueError(f"two assets of type {asset_key[2]}")
        for cells in rows:
            cells[asset_key] = text
    return rows


def _household_cells(data: Mapping[str, Any]) -> dict[_Key, str]:
    """The cells of the household's own fields, the same on each of its rows."""
    house: dict[_Key, str] = {}
    for name, field in (("id", "household_id"), ("region", "region"), ("area", "area"),
                        ("assessed_on", "assessed_on")):
        if data.get(name) is not None:
            house[("household", "field", field, None, False)] = str(data[name])
    if data.get("single_parent_family") is not None:
        house[("household", "field", "single_parent_family", None, False)] = (
            "true" if data["single_parent_family"] else "false")
    for name, value in (data.get("current") or {}).items():
        house[("household", "field", f"current_{name}", None, False)] = str(value)
    for name, text in roll_hardship.flatten(data.get("hardship") or {}).items():
        house[("household", "field", name, None, False)] = text
    return house


def _member_cells(member: Mapping[str, Any]) -> dict[_Key, str]:
    unsupported = {"supporters", "parents"} & member.keys()
    if unsupported:
        raise ValueError(f"the layout has no columns for {sorted(unsupported)}")
    cells: dict[_Key, str] = {}
    for key, value in member.items():
        if key == "disability":
            for sub, sub_value in value.items():
                cells[("member", "field", f"disability_{sub}", None, False)] = str(sub_value)
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, list | tuple):
            text = ";".join(value)
        else:
            text = str(value)
        cells[("member", "field", "member_id" if key == "id" else key, None, False)] = text
    return cells


def _asset_cell(asset: Mapping[str, Any]) -> tuple[_Key, str]:
    if asset["type"] == "housing":
        return ("household", "asset", "housing", None, False), str(asset.get("count", 1))
    kind, name = (("vehicle", asset["kind"]) if asset["type"] == "vehicle"
                  else ("asset", asset["type"]))
    key = ("household", kind, name, None, bool(asset.get("for_livelihood")))
    return key, str(asset.get("value", 0))
