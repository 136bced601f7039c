"""A comparison for policy staff: terminal tables, JSON, CSV rows and an HTML report.

The change rows (CSV and JSON Lines, and their Chinese columns) are in `compare_rows`;
their names are here too.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from ..compare import BUCKET_LABELS, STATUSES, Summary, TemporaryTotals
from ..money import fmt
from .compare_rows import CHANGE_FIELDS, change_row, csv_text, with_zh_labels, zh_columns
from .labels import Lang, label
from .text import colon, visible

__all__ = [
    "CHANGE_FIELDS",
    "MOVEMENTS",
    "change_row",
    "csv_text",
    "renderables",
    "summary_json",
    "temporary_json",
    "temporary_rows",
    "with_zh_labels",
    "zh_columns",
]

if TYPE_CHECKING:  # rich loads only for the terminal view
    from rich.table import Table

    from .compare_report import Report

MOVEMENTS = ("enters", "leaves", "phase_out", "gains", "loses", "same", "error")
# Neutral colours for changes: more spending is not good news, less is not bad news.
MORE, LESS = "blue", "magenta"


def _statuses(s: Summary) -> list[str]:
    return [x for x in STATUSES if s.before[x] or s.after[x]]


def summary_json(
    s: Summary, base: str, proposal: str, lang: Lang = "en", report: Report | None = None
) -> dict[str, Any]:
    """The comparison summary as JSON-ready data (`meanstest.comparison/1`); with the
    report, its title, stamp, notices, rule changes, schemes, budget year and groups."""
    return {
        "schema": "meanstest.comparison/1",
        "base": base,
        "proposal": proposal,
        **(report.json() if report else {}),
        "records": s.records,
        "errors": s.errors,
        "caseload": {x: {"before": s.before[x], "after": s.after[x]} for x in _statuses(s)},
        "transitions": [
            {"from": a, "to": b, "households": n} for (a, b), n in sorted(s.transitions.items())
        ],
        "movements": {m: s.movements[m] for m in MOVEMENTS},
        "cost": {
            "monthly_before": fmt(s.total_before),
            "monthly_after": fmt(s.total_after),
            "monthly_difference": fmt(s.difference),
            "annual_before": fmt(s.total_before * 12),
            "annual_after": fmt(s.total_after * 12),
            "annual_difference": fmt(s.difference * 12),
            "gained_monthly": fmt(s.gained),
            "lost_monthly": fmt(s.lost),
        },
        "distribution": dict(zip(BUCKET_LABELS, s.buckets, strict=True)),
        "largest": [change_row(c, lang) for c in s.largest],
        **({"temporary_assistance": temporary_json(s.temporary)} if s.temporary.cases else {}),
    }


def temporary_json(t: TemporaryTotals) -> dict[str, Any]:
    """Temporary assistance (one-off sums) before and after: present when a household of
    the roll has a hardship."""
    return {
        "households": t.cases,
        "eligible": dict(t.eligible),
        "to_verify": dict(t.to_verify),
        "suggested_before": fmt(t.suggested["before"]),
        "suggested_after": fmt(t.suggested["after"]),
        "suggested_difference": fmt(t.suggested["after"] - t.suggested["before"]),
        "maximum_before": fmt(t.maximum["before"]),
        "maximum_after": fmt(t.maximum["after"]),
        "maximum_difference": fmt(t.maximum["after"] - t.maximum["before"]),
    }


def temporary_rows(t: TemporaryTotals, lang: Lang) -> list[list[str]]:
    """The temporary-assistance table: households, then the cost at the suggested amounts
    and at the maximum, before, after and the difference."""
    L = partial(label, lang=lang)
    rows = [
        [L("compare.temporary_cases"), str(t.cases), str(t.cases), ""],
        [
            L("compare.temporary_eligible"),
            str(t.eligible["before"]),
            str(t.eligible["after"]),
            f"{t.eligible['after'] - t.eligible['before']:+d}",
        ],
        [
            L("compare.temporary_to_verify"),
            str(t.to_verify["before"]),
            str(t.to_verify["after"]),
            f"{t.to_verify['after'] - t.to_verify['before']:+d}",
        ],
    ]
    for key, sums in (
        ("compare.temporary_suggested", t.suggested),
        ("compare.temporary_maximum", t.maximum),
    ):
        rows.append(
            [L(key), fmt(sums["before"]), fmt(sums["after"]), fmt(sums["after"] - sums["before"])]
        )
    return rows


def renderables(
    s: Summary, base: str, proposal: str, lang: Lang, report: Report | None = None
) -> list[Any]:
    """The comparison as rich tables and a bar chart, top to bottom."""
    from rich.text import Text  # noqa: PLC0415 - rich loads only for the terminal view

    L = partial(label, lang=lang)
    title = (
        f"{L('compare.title')}{colon(lang)}{visible(base)} → {visible(proposal)}"
        if report is None
        else f"{L('compare.title')}{colon(lang)}{visible(report.title)}"
    )
    parts: list[Any] = [Text(title, style="bold")]
    if report is not None:
        parts += _report_head(report)
    parts += _caseload(s, lang)
    parts += _money(s, lang)
    if report is not None:
        parts += _report_tables(report)
    if s.temporary.cases:
        table = _table(
            L("compare.temporary"),
            "",
            L("compare.before"),
            L("compare.after"),
            L("compare.change"),
            right=(1, 2, 3),
        )
        for row in temporary_rows(s.temporary, lang):
            table.add_row(*row)
        parts.append(table)
    if s.largest:
        parts.append(_largest(s, lang))
    parts.append(_chart(s, lang))
    if s.errors:
        parts.append(Text(f"{L('compare.errors')}{colon(lang)}{s.errors}", style="red"))
    return parts


def _table(title: str, *columns: str, right: tuple[int, ...] = ()) -> Table:
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    t = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for i, column in enumerate(columns):
        t.add_column(column, justify="right" if i in right else "left")
    return t


def _caseload(s: Summary, lang: Lang) -> list[Table]:
    """Households by status before and after, and the matrix of transitions."""
    L = partial(label, lang=lang)
    caseload = _table(
        L("compare.caseload"),
        L("status"),
        L("compare.before"),
        L("compare.after"),
        L("compare.change"),
        right=(1, 2, 3),
    )
    for x in _statuses(s):
        caseload.add_row(
            L(f"status.{x}"), str(s.before[x]), str(s.after[x]), f"{s.after[x] - s.before[x]:+d}"
        )
    names = _statuses(s)
    matrix = _table(
        L("compare.transitions"),
        f"{L('compare.before')} ↓ / {L('compare.after')} →",
        *(L(f"status.{x}") for x in names),
        right=tuple(range(1, len(names) + 1)),
    )
    for a in names:
        if s.before[a]:
            matrix.add_row(L(f"status.{a}"), *(str(s.transitions[(a, b)] or "·") for b in names))
    return [caseload, matrix]


def _money(s: Summary, lang: Lang) -> list[Table]:
    """The cost per month and per year, and how many households move which way."""
    L = partial(label, lang=lang)
    cost = _table(L("compare.cost"), "", L("compare.monthly"), L("compare.annual"), right=(1, 2))
    for key, value in (
        ("compare.before", s.total_before),
        ("compare.after", s.total_after),
        ("compare.difference", s.difference),
    ):
        cost.add_row(L(key), fmt(value), fmt(value * 12))
    cost.add_row(L("compare.gained"), fmt(s.gained), fmt(s.gained * 12))
    cost.add_row(L("compare.lost"), fmt(s.lost), fmt(s.lost * 12))
    moves = _table(L("compare.movements"), "", L("compare.households"), right=(1,))
    for m in MOVEMENTS:
        if s.movements[m]:
            moves.add_row(L(f"movement.{m}"), str(s.movements[m]))
    return [cost, moves]


def _largest(s: Summary, lang: Lang) -> Table:
    """The largest changes, one household a row."""
    from rich.text import Text  # noqa: PLC0415

    L = partial(label, lang=lang)
    big = _table(
        L("compare.largest"),
        L("compare.line"),
        L("household"),
        L("status"),
        L("compare.before"),
        L("compare.after"),
        L("compare.change"),
        right=(0, 3, 4, 5),
    )
    for c in s.largest:
        big.add_row(
            str(c.line),
            Text(visible(c.household_id or "-")),
            f"{L('status.' + c.before_status)} → {L('status.' + c.after_status)}",
            fmt(c.paid_before),
            fmt(c.paid_after),
            f"{c.delta:+.2f}",
        )
    return big


def _chart(s: Summary, lang: Lang) -> Table:
    """The distribution of monthly changes as a bar chart."""
    from rich.text import Text  # noqa: PLC0415

    L = partial(label, lang=lang)
    chart = _table(
        L("compare.distribution"),
        L("compare.change_per_month"),
        "",
        L("compare.households"),
        right=(2,),
    )
    # Bars are scaled to the largest bucket of households whose benefit changes; the
    # unchanged majority would otherwise flatten every other bar. Its bar is cut short,
    # and says so (→, with a caption), so that no bar looks smaller than it is.
    changed = [c for n, c in zip(BUCKET_LABELS, s.buckets, strict=True) if n != "0"]
    widest = max(changed, default=0) or max(s.buckets) or 1
    clipped = False
    for name, count in zip(BUCKET_LABELS, s.buckets, strict=True):
        bar, cut = chart_bar(count, widest)
        clipped = clipped or cut
        style = (
            LESS
            if name.startswith("<") or name.startswith("−")
            else ("dim" if name == "0" else MORE)
        )
        chart.add_row(name, Text(bar, style=style), str(count))
    if clipped:
        chart.caption = L("compare.clipped")
        chart.caption_justify = "left"
    return chart


BAR_CELLS = 30  # the longest bar of the text chart, in character cells
CLIPPED = "→"  # the end of a bar cut short (GBK has it, as it has █ and ▏)
THIN = "▏"  # a count too small for a whole cell


def chart_bar(count: int, widest: int) -> tuple[str, bool]:
    """A bar of the text chart for a count, scaled so that ``widest`` fills BAR_CELLS
    cells, and whether it was cut short: a count above ``widest`` is drawn BAR_CELLS
    cells long and then the mark CLIPPED, so it is longer than any bar not cut; a
    count above 0 too small for one cell is drawn as THIN, never as nothing."""
    if count <= 0:
        return "", False
    if count > widest:
        return "█" * BAR_CELLS + CLIPPED, True
    cells = round(BAR_CELLS * count / widest)
    return ("█" * cells if cells else THIN), False


def _report_head(report: Report) -> list[Any]:
    """The stamp and the notices, under the title."""
    from rich.panel import Panel  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    from .compare_report import report_label  # noqa: PLC0415

    parts: list[Any] = [Text("\n".join(visible(x) for x in report.stamp_lines()), style="dim")]
    if report.notices:
        parts.append(
            Panel(
                Text("\n".join(report.notices)),
                style="bold yellow",
                title=report_label("notices", report.lang),
                title_align="left",
            )
        )
    legend = Text(report_label("legend", report.lang) + "  ")
    legend.append("█ " + report_label("legend.more", report.lang), style=MORE)
    legend.append("  ")
    legend.append("█ " + report_label("legend.less", report.lang), style=LESS)
    parts.append(legend)
    return parts


def _report_tables(report: Report) -> list[Any]:
    """The rule changes, the schemes, the budget year and the groups."""
    from rich.text import Text  # noqa: PLC0415

    from .compare_report import report_label  # noqa: PLC0415

    parts: list[Any] = []
    for i, (heading, header, rows) in enumerate(report.tables()):
        table = _table(heading, *header, right=tuple(range(1, len(header))))
        for column in table.columns:  # a value or a figure is folded, never cut short
            column.overflow = "fold"
        if i == 0:  # the rule changes: a key is never split
            for column in table.columns[:-2]:
                column.no_wrap = True
                column.justify = "left"
        for row in rows:
            table.add_row(*(Text(visible(cell), style=_change_style(cell)) for cell in row))
        parts.append(table)
    if not report.json()["places"]:
        parts.append(Text(report_label("groups_no_places", report.lang), style="dim"))
    return parts


def _change_style(cell: str) -> str:
    """A signed amount in its neutral colour; anything else plain."""
    if cell.startswith("+") and cell[1:2].isdigit():
        return MORE
    if cell.startswith("-") and cell[1:2].isdigit():
        return LESS
    return ""
