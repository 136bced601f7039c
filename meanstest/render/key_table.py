"""Tables whose first column holds dotted rule keys (`rules show`, `rules diff`): a
key is what policy staff copy into a rule file, so it is never cut short, however
narrow the terminal.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text

from .text import visible

__all__ = ["DottedKey", "KeyTable"]


class DottedKey:
    """A dotted rule key in a table cell: a narrow column wraps it after a dot
    (``dibao.standard.`` / ``rural``), never inside a word as rich's folding would
    (``dibao.standard.ru`` / ``ral``). It asks for the width of its widest part, so
    the other columns wrap first. A part wider than the column (a terminal too narrow
    for the table) is broken after an underscore (``livelihood_`` / ``exempt``), and a
    word still wider folded over lines: a key is copied into rule files, so it is
    never cut short."""

    def __init__(self, key: str) -> None:
        self.key = visible(key)
        self.parts: list[str] = re.findall(r"[^.]*\.|[^.]+$", self.key) or [self.key]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """At least the widest part between dots; at most the whole key."""
        return Measurement(max(cell_len(p) for p in self.parts), cell_len(self.key)).with_maximum(
            options.max_width
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The key in lines broken after dots, each as long as fits the width."""
        width = max(options.max_width, 1)
        lines = [""]
        for part in self.parts:
            for piece in _pieces(part, width):
                if lines[-1] and cell_len(lines[-1] + piece) > width:
                    lines.append("")
                lines[-1] += piece
        yield Text("\n".join(lines), no_wrap=True)


def _pieces(part: str, width: int) -> list[str]:
    """``part`` of a key as it may be broken to fit ``width`` columns: whole when it
    fits, else after its underscores, and a word still too wide in ``width``-wide
    slices (a key is ASCII: a character takes one column)."""
    if cell_len(part) <= width:
        return [part]
    words = re.findall(r"[^_]*_|[^_]+$", part) or [part]
    return [w[i : i + width] for w in words for i in range(0, len(w), width)]


class KeyTable(Table):
    """A table whose first column holds dotted keys (`DottedKey`): when it is printed,
    that column is made as wide as the widest part of a key (so none is cut) and up to
    a third of the width, before rich shares the rest among the other columns, which
    wrap at spaces (rich's own sharing would squeeze the keys as much as the rest). On
    a terminal too narrow for that (70 columns and fewer for `rules show`), each row is
    printed as a block instead (`_stacked`)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Fix the key column's width for this width, then lay the table out as rich does.

        The other columns keep what they cannot do without (a date, a level: their
        width; text that wraps: 8 columns), so that a terminal too narrow for every
        key's widest part breaks a part of a key (`DottedKey`) rather than drop a
        column."""
        keys = [cell for cell in self.columns[0].cells if isinstance(cell, DottedKey)]
        if keys:
            widest = max(cell_len(p) for key in keys for p in key.parts)
            longest = max(cell_len(key.key) for key in keys)
            others = sum(self._needs(console, options, column) for column in self.columns[1:])
            room = options.max_width - others - 3 * len(self.columns)
            readable = sum(self._needs(console, options, c, 16) for c in self.columns[1:])
            if options.max_width - readable - 3 * len(self.columns) < min(widest, 10):
                # Too narrow for the keys and 16 columns of each text: a source would be
                # cut into syllables, or rich would drop columns. Each row as a block.
                yield from self._stacked(options)
                return
            fits = min(longest, max(widest, options.max_width // 3), room)
            self.columns[0].width = max(fits, min(widest, 10))
        yield from super().__rich_console__(console, options)

    def _stacked(self, options: ConsoleOptions) -> RenderResult:
        """The table on a terminal too narrow for its columns (40 columns): the title, a
        rule, then each row as its key across the whole width and, below it and
        indented, each other column's heading beside its value, so no value is lost."""
        if self.title:
            yield Text(str(self.title), overflow="fold")
        yield Text("─" * options.max_width)
        headings = [Text(str(column.header), style="bold") for column in self.columns[1:]]
        cells = [list(column.cells) for column in self.columns]
        # Headings short enough go beside their values (值 否); long ones (the rule sets'
        # ids of `rules diff`) above them, the value indented below across the width.
        beside = max(h.cell_len for h in headings) <= options.max_width // 4
        for row in range(self.row_count):
            yield cells[0][row]
            grid = Table.grid(padding=(0, 1), pad_edge=False)
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for heading, column in zip(headings, cells[1:], strict=True):
                cell = column[row]
                if not (cell.plain if isinstance(cell, Text) else str(cell)):
                    continue  # a blank cell: nothing to say
                if beside:
                    grid.add_row(heading, cell)
                else:
                    yield Padding(heading, (0, 0, 0, 2))
                    yield Padding(cell, (0, 0, 0, 4))
            if grid.row_count:
                yield Padding(grid, (0, 0, 0, 2))

    @staticmethod
    def _needs(console: Console, options: ConsoleOptions, column: Column, text: int = 8) -> int:
        widths = [Measurement.get(console, options, cell).maximum for cell in column.cells]
        widest = max([*widths, cell_len(str(column.header))])
        return widest if column.no_wrap else min(widest, text)
