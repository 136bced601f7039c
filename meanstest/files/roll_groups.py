"""Grouping the rows of a case roll into households (`group_rows`), and the kinds of
group the `roll.Layout` refuses: rows that resume a household already read, a repeated
header row, and a household with more rows than it may have members.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..model.fields import MAX_MEMBERS
from . import roll_columns as V
from .roll_cells import Row, blank

if TYPE_CHECKING:
    from .roll import Layout


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
        if (
            hid is not None
            and V.normalize(hid) in _ID_HEADERS
            and layout.repeated_by(row[1], row[0])
        ):
            yield row[0], HeaderAgain((row,))
            group, current = [], None
            continue
        group, extra, last = [row], 0, row[0]
        current = hid
    if group:
        yield group[0][0], _rows(group, current, finished, extra, last)


_ID_HEADERS = frozenset(V.normalize(h) for h in V.HOUSEHOLD_FIELDS["household_id"])


def _rows(
    group: list[Row], hid: str | None, finished: set[str], extra: int, last: int
) -> tuple[Row, ...]:
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
