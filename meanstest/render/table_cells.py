"""The building blocks of the terminal view (`render.table`): a plain table, a grid of
names and values, rows whose strings are never markup, a status's colour and a member's
notes."""

from __future__ import annotations

from collections.abc import Callable

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..model.result import MemberResult
from ..model.vocabulary import ELIGIBLE
from ..money import fmt
from . import common
from .labels import Lang
from .text import colon, semicolon, visible_lines

TEKUN_WORD = {True: "tekun.yes", False: "tekun.no", None: "tekun.unknown"}


def status_style(status: str) -> str:
    """Green when paid (on dibao, or 特困 support), red when not eligible, yellow for the
    statuses between."""
    if status in ELIGIBLE or status == "tekun":
        return "bold green"
    return "bold red" if status == "not_eligible" else "bold yellow"


def plain_table(
    title: str, *columns: str, right: tuple[int, ...] = (), keep: tuple[int, ...] = ()
) -> Table:
    """A plain table; ``right`` columns are numbers, ``keep`` columns never wrap."""
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        title_style="bold",
        pad_edge=False,
    )
    for i, column in enumerate(columns):
        table.add_column(
            column,
            justify="right" if i in right else "left",
            overflow="fold",
            no_wrap=i in right or i in keep,
        )
    return table


def add_row(table: Table, *cells: RenderableType) -> None:
    """Add a row; plain strings become Text, so data such as "[b]" is never markup, and
    control characters in them are shown as escapes, never sent to the terminal."""
    table.add_row(*(Text(visible_lines(c)) if isinstance(c, str) else c for c in cells))


def member_notes(m: MemberResult, L: Callable[[str], str], lang: Lang) -> str:
    notes = []
    if m.tekun is not None and m.tekun.eligible is not False:
        notes.append(f"{L('tekun')}{colon(lang)}{L(TEKUN_WORD[m.tekun.eligible])}")
    child = common.child_note(m, lang)
    if child is not None:
        notes.append(child)
    if not m.counted and m.excluded_because:
        notes.append(L(f"excluded.{m.excluded_because}"))
    if m.single_person and m.single_person_benefit is not None:
        notes.append(f"{L('single_person')} {fmt(m.single_person_benefit)}")
    return semicolon(lang).join(notes)


def value_grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    return grid
