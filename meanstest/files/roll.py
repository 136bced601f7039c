"""The CSV/XLSX case-roll layout: rows in, household records out, and back.

One row per member. Rows of one household are consecutive and share its id; a blank
id continues the household above (that is how merged cells export). Household
columns may repeat on every row or be left blank after the first; two different
values are an error. Cells are converted to what the contract expects, and nothing
more: money text is passed on as written (``1,200`` is refused, as in JSON), and
every later validation problem is reported against the row and column it came from.

Spreadsheet numbers arrive as floats; money stays exact because a float cell is read
through its shortest decimal form and refused if that has more than two decimals
(the cell readers are in `roll_cells`; writing households as rows, in `roll_write`).

A cell the reader could not read as written (a quote that never closes, a cell past
the size limit, a formula without a value, a number that is not finite) arrives as a
`Flawed` cell: the household it belongs to becomes an error record naming the row,
the column and why, and every other row is read as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ..errors import HouseholdInvalid, Invalid, MeansTestError, Problem
from ..model.fields import MAX_MEMBERS
from . import roll_columns as V
from . import roll_hardship
from .roll_cells import Cell, Flawed, Row, blank, column_letter
from .roll_cells import cell_text as _text
from .roll_cells import field_value as _field_value
from .roll_cells import income as _income
from .roll_cells import integer as _integer
from .roll_cells import money as _money

# Grouping rows into households lives in `roll_groups`; its names are here too.
from .roll_groups import HeaderAgain, Resumed, TooManyRows, group_rows

# Writing a roll (the reverse) lives in `roll_write`; its names are here too.
from .roll_write import roll_columns, roll_header, roll_rows

__all__ = [
    "Cell",
    "Flawed",
    "HeaderAgain",
    "Layout",
    "Resumed",
    "Row",
    "Tabular",
    "TooManyRows",
    "blank",
    "column_letter",
    "group_rows",
    "roll_columns",
    "roll_header",
    "roll_rows",
]


class Tabular(NamedTuple):
    """A household record built from rows, with where each part came from.

    Attributes:
        data: the household as the contract's JSON object.
        origin: dotted path -> (row, header or None) for every part built.
    """

    data: dict[str, Any]
    origin: dict[str, tuple[int, str | None]]

    def relocate(self, problem: Problem) -> Problem:
        """Name the row, and the column, of a problem found in ``data``: a problem in a
        cell is at the cell's header; one about a field no column fills keeps its path."""
        parts = problem.loc.split(".") if problem.loc else []
        for n in range(len(parts), 0, -1):
            hit = self.origin.get(".".join(parts[:n]))
            if hit is not None:
                row, header = hit
                whole = n == len(parts)  # the problem is in what the cell filled
                return problem._replace(loc=header if header and whole else problem.loc, row=row)
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
                problems.append(Problem(where, "roll_not_a_column", {"header": _text(cell)}, row))
            elif col.key in seen:
                problems.append(
                    Problem(
                        where,
                        "roll_same_field",
                        {"header": col.header, "other": seen[col.key]},
                        row,
                    )
                )
            else:
                seen[col.key] = col.header
                columns.append(col)
        if problems and not columns and not seen:
            # Not one header known: this is a row of data (names, ID numbers), which
            # must not be echoed to the terminal or a log.
            raise MeansTestError(
                "roll_no_header", problems=(Problem("", "roll_header_names_nothing", {}, row),)
            )
        layout = cls(columns, len(cells))
        if layout.id_index is None and not problems:
            problems.append(Problem("", "roll_needs_id_column", {}, row))
        if problems:
            raise MeansTestError("roll_header_unreadable", problems=tuple(problems))
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
            (c.position, c.key) for c in self.columns
        ]:
            return True
        raise MeansTestError("roll_second_header", params={"row": row})

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
            raise HouseholdInvalid(
                "rows_unreadable", problems=(self._group_problem()._replace(row=self.first),)
            )
        for number, cells in self.rows:
            self._check_text(number, cells)
        data: dict[str, Any] = {}
        self._household_fields(data)
        members, incomes, expenses = self._members()
        data["members"] = members
        self.origin["members"] = (self.first, None)
        household_items = self._household_items()
        for name, items in (
            ("incomes", incomes + household_items["income"]),
            ("expenses", expenses + household_items["expense"]),
        ):
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
        self._housing_date(data, assets)
        if self.problems:
            raise HouseholdInvalid("rows_unreadable", problems=tuple(self.problems))
        return Tabular(data, self.origin)

    def _housing_date(self, data: dict[str, Any], assets: list[Any]) -> None:
        """The housing date column dates the housing item (the 住房套数 column's); the
        item's ``acquired_on`` is then said to come from the date's cell."""
        if "housing_acquired_on" not in data:
            return
        date = data.pop("housing_acquired_on")
        number, header = self.origin.pop("housing_acquired_on")
        for i, (item, _) in enumerate(assets):
            if item["type"] == "housing":
                item["acquired_on"] = date
                self.origin[f"assets.{i}.acquired_on"] = (number, header)
                return
        self.problems.append(
            Problem(header or "housing_acquired_on", "housing_date_without_count", row=number)
        )

    def _group_problem(self) -> Problem:
        """Why a group of rows as a whole is not a household (at the id column)."""
        where = self.layout.id_header
        if isinstance(self.rows, Resumed):
            return Problem(where, "rows_resume")
        if isinstance(self.rows, HeaderAgain):
            return Problem(where, "header_repeated")
        assert isinstance(self.rows, TooManyRows)  # noqa: S101 - the three kinds of group
        return Problem(
            where,
            "too_many_rows",
            {"last": self.rows.last, "total": self.rows.total, "max": MAX_MEMBERS},
        )

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
                    self.problems.append(
                        Problem(self._where(index), "cell_not_in_encoding", row=number)
                    )
                    continue
            if index not in named and not blank(cell):
                code, params = (
                    (cell.code, cell.params)
                    if type(cell) is Flawed
                    else ("cell_without_header", {})
                )
                self.problems.append(
                    Problem(f"column {column_letter(index)}", code, params, row=number)
                )

    def _where(self, index: int) -> str:
        for col in self.layout.columns:
            if col.position == index:
                return col.header
        return f"column {column_letter(index)}"

    def _cell(self, col: V.Column, number: int, cells: Sequence[Cell], convert: Any) -> object:
        """Return a converted cell, None when blank or unreadable (then noted)."""
        cell = cells[col.position] if col.position < len(cells) else None
        if blank(cell):
            return None
        if type(cell) is Flawed:
            self.problems.append(Problem(col.header, cell.code, cell.params, row=number))
            return None
        try:
            return convert(cell)
        except Invalid as exc:
            self.problems.append(exc.problem(col.header)._replace(row=number))
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
                self.problems.append(
                    Problem(col.header, "household_columns_differ", {"other": found[1]}, row=number)
                )
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
                value = self._cell(col, number, cells, lambda c, f=col.name: _field_value(f, c))
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
                    value = self._cell(
                        col, number, cells, _income if col.kind == "income" else _money
                    )
                    if value is not None:
                        item = {
                            "member": member["id"],
                            "type": col.name,
                            **(value if isinstance(value, dict) else {"amount": value}),
                            "per": col.per,
                        }
                        (incomes if col.kind == "income" else expenses).append(
                            (item, (number, col.header))
                        )
        return members, incomes, expenses

    def _household_items(self) -> dict[str, list[tuple[dict[str, Any], tuple[int, str]]]]:
        out: dict[str, list[tuple[dict[str, Any], tuple[int, str]]]] = {
            "income": [],
            "expense": [],
            "asset": [],
            "vehicle": [],
        }
        for col in self.layout.columns:
            if col.scope != "household" or col.kind == "field":
                continue
            housing = col.kind == "asset" and col.name == "housing"
            found = self._household_cell(
                col, _integer if housing else _income if col.kind == "income" else _money
            )
            if found is None:
                continue
            value, number = found
            item: dict[str, Any]
            if col.kind in ("income", "expense"):
                item = {
                    "type": col.name,
                    **(value if isinstance(value, dict) else {"amount": value}),
                    "per": col.per,
                }
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
