"""A self-contained HTML report of a comparison: inline CSS and SVG, no scripts.

The file can be mailed or printed as it is: nothing is fetched from anywhere. The page
is a Jinja2 template (`render/templates/`) with autoescaping on, so every text that
comes from data is escaped by the template engine, not by hand.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from functools import partial

import jinja2
from markupsafe import Markup

from ..compare import BUCKET_LABELS, Summary
from ..money import fmt
from .compare import MOVEMENTS, _statuses, temporary_rows
from .compare_report import Report, report_label
from .labels import Lang, label
from .text import colon


@functools.cache
def _environment() -> jinja2.Environment:
    """The templates, every value escaped unless marked safe (the charts, made here)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("meanstest", "render/templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _bars(
    values: list[tuple[str, list[int]]],
    series: list[tuple[str, str]],
    width: int = 640,
    height: int = 220,
    lang: Lang = "en",
) -> Markup:
    """A grouped bar chart as inline SVG: one group per label, one bar per series (each
    bar's tooltip "label: value" punctuated in ``lang``)."""
    top = max((v for _, vs in values for v in vs), default=0) or 1
    slanted = len(values) > 6  # many groups: slant the labels so they do not overlap
    left, gap = 40, 8
    group = (width - left) / max(len(values), 1)
    # Few groups: a label wider than its group goes on more lines (the picture grows).
    wrapped = [[name] if slanted else _wrap(name, group - gap) for name, _ in values]
    more = 13 * (max((len(lines) for lines in wrapped), default=1) - 1)
    height += more
    bottom = 80 if slanted else 40 + more
    bar = max((group - gap) / max(len(series), 1), 1)
    base = height - bottom
    scale = (base - 20) / top
    groups = []
    for i, (name, vs) in enumerate(values):
        x0 = left + i * group + gap / 2
        bars = []
        for j, v in enumerate(vs):
            h, x = v * scale, x0 + j * bar
            bars.append(
                {
                    "x": f"{x:.1f}",
                    "y": f"{base - h:.1f}",
                    "width": f"{bar - 1:.1f}",
                    "height": f"{h:.1f}",
                    "colour": series[j][1],
                    "value": v,
                    "cx": f"{x + bar / 2:.1f}",
                    "label_y": f"{base - h - 3:.1f}",
                }
            )
        lines = [
            {"text": text, "y": f"{base + 14 + 13 * k:.1f}"} for k, text in enumerate(wrapped[i])
        ]
        groups.append(
            {"name": name, "bars": bars, "cx": f"{x0 + (group - gap) / 2:.1f}", "lines": lines}
        )
    legend = [
        {"x": left + j * 110, "name": name, "colour": colour}
        for j, (name, colour) in enumerate(series)
    ]
    # Safe: the output of an autoescaped template, every data text in it escaped.
    return Markup(  # noqa: S704
        _environment()
        .get_template("bars.svg.j2")
        .render(
            width=width,
            height=height,
            left=left,
            base=base,
            groups=groups,
            legend=legend,
            slanted=slanted,
            colon=colon(lang),
        )
    )


def _text_width(text: str) -> float:
    """Roughly how wide a text is at the charts' 11 px (report.css): a CJK character
    11 px, another 6.2 px."""
    return sum(11 if ord(c) > 0x2E80 else 6.2 for c in text)


def _wrap(text: str, width: float) -> list[str]:
    """A label as lines no wider than ``width``: broken between words, and a word (or a
    run of CJK) wider than a line between its characters."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if _text_width(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = ""
        for c in word:
            if line and _text_width(line + c) > width:
                lines.append(line)
                line = ""
            line += c
    return [*lines, line] if line or not lines else lines


_NUMBER = re.compile(r"^[-+]?[0-9][0-9,.]*$|^·$|^[0-9]+ → [0-9]+$")


def _cell(text: str, css: str | None = None) -> dict[str, object]:
    # Numbers line up on the right; words read from the left.
    return {"text": text, "css": css, "numeric": bool(_NUMBER.match(text.strip()))}


def _table(header: list[str], rows: list[list[str | dict[str, object]]]) -> dict[str, object]:
    return {
        "header": header,
        "rows": [[c if isinstance(c, dict) else _cell(c) for c in row] for row in rows],
    }


def _signed(amount: str) -> dict[str, object]:
    # Neutral colours with a legend: more spending is not good news (issue 15).
    css = (
        "less"
        if amount.startswith("-")
        else "more"
        if amount.lstrip("+") not in ("0.00",)
        else "muted"
    )
    return _cell(amount, css)


def _extra(extra: Report) -> list[dict[str, object]]:
    """The issue-15 sections: rule changes, schemes, budget year, groups."""
    sections: list[dict[str, object]] = []
    for heading, header, rows in extra.tables():
        cells: list[list[str | dict[str, object]]] = [
            [_signed(c) if c[:1] in "+-" and c[1:2].isdigit() else c for c in row] for row in rows
        ]
        sections.append({"heading": heading, "chart": None, "table": _table(header, cells)})
    if not extra.json()["places"]:
        sections[-1]["note"] = report_label("groups_no_places", extra.lang)
    return sections


def report(
    s: Summary, base: str, proposal: str, lang: Lang, made: dt.date, extra: Report | None = None
) -> str:
    """Return the comparison as one HTML document (with ``extra``: titled by the
    proposal's name, stamped, with its notices, a legend and the issue-15 sections)."""
    L = partial(label, lang=lang)
    sections = [*_caseload(s, lang), _cost(s, lang), _moves(s, lang), _distribution(s, lang)]
    if extra is not None:
        sections[3:3] = _extra(extra)
    if s.temporary.cases:
        sections.append(
            {
                "heading": L("compare.temporary"),
                "chart": None,
                "table": _table(
                    ["", L("compare.before"), L("compare.after"), L("compare.change")],
                    [[*row] for row in temporary_rows(s.temporary, lang)],
                ),
            }
        )
    if s.largest:
        sections.append(_largest(s, lang))
    title = (
        f"{L('compare.title')}{colon(lang)}{base} → {proposal}"
        if extra is None
        else f"{L('compare.title')}{colon(lang)}{extra.title}"
    )
    return (
        _environment()
        .get_template("compare.html.j2")
        .render(
            lang=lang,
            title=title,
            made=report_label("made", lang, records=s.records, made=made.isoformat()),
            sections=sections,
            stamp=extra.stamp_lines() if extra else [],
            notices=extra.notices if extra else [],
            notices_heading=report_label("notices", lang),
            legend=report_label("legend", lang),
            more=report_label("legend.more", lang),
            less=report_label("legend.less", lang),
        )
        + "\n"
    )


# The sections of `report`, one step each.
Rows = list[list[str | dict[str, object]]]


def _caseload(s: Summary, lang: Lang) -> list[dict[str, object]]:
    """Households by status before and after (a chart and a table), and the matrix of
    transitions."""
    L = partial(label, lang=lang)
    names = _statuses(s)
    caseload_chart = _bars(
        [(L(f"status.{x}"), [s.before[x], s.after[x]]) for x in names],
        [(L("compare.before"), "#8aa"), (L("compare.after"), "#36c")],
        lang=lang,
    )
    matrix: Rows = [
        [L(f"status.{a}"), *(str(s.transitions[(a, b)] or "·") for b in names)]
        for a in names
        if s.before[a]
    ]
    return [
        {
            "heading": L("compare.caseload"),
            "chart": caseload_chart,
            "table": _table(
                [L("status"), L("compare.before"), L("compare.after"), L("compare.change")],
                [
                    [L(f"status.{x}"), str(s.before[x]), str(s.after[x]), _count(s, x)]
                    for x in names
                ],
            ),
        },
        {
            "heading": L("compare.transitions"),
            "chart": None,
            "table": _table(
                [
                    f"{L('compare.before')} ↓ / {L('compare.after')} →",
                    *(L(f"status.{x}") for x in names),
                ],
                matrix,
            ),
        },
    ]


def _count(s: Summary, status: str) -> dict[str, object]:
    """The change in a status's households, signed as in the table (+0 unchanged); not
    coloured, since the legend's colours are for money."""
    return _cell(f"{s.after[status] - s.before[status]:+d}")


def _cost(s: Summary, lang: Lang) -> dict[str, object]:
    """The cost per month and per year."""
    L = partial(label, lang=lang)
    cost_rows: Rows = [
        [L(k), fmt(v), fmt(v * 12)]
        for k, v in (("compare.before", s.total_before), ("compare.after", s.total_after))
    ]
    cost_rows += [
        [L("compare.difference"), _signed(fmt(s.difference)), _signed(fmt(s.difference * 12))],
        [L("compare.gained"), fmt(s.gained), fmt(s.gained * 12)],
        [L("compare.lost"), fmt(s.lost), fmt(s.lost * 12)],
    ]
    return {
        "heading": L("compare.cost"),
        "chart": None,
        "table": _table(["", L("compare.monthly"), L("compare.annual")], cost_rows),
    }


def _moves(s: Summary, lang: Lang) -> dict[str, object]:
    """How many households move which way."""
    L = partial(label, lang=lang)
    moves: Rows = [[L(f"movement.{m}"), str(s.movements[m])] for m in MOVEMENTS if s.movements[m]]
    return {
        "heading": L("compare.movements"),
        "chart": None,
        "table": _table(["", L("compare.households")], moves),
    }


def _distribution(s: Summary, lang: Lang) -> dict[str, object]:
    """The distribution of monthly changes as a bar chart."""
    L = partial(label, lang=lang)
    distribution = _bars(
        [(n, [c]) for n, c in zip(BUCKET_LABELS, s.buckets, strict=True)],
        [(L("compare.households"), "#36c")],
        width=720,
        height=280,
        lang=lang,
    )
    return {"heading": L("compare.distribution"), "chart": distribution, "table": None}


def _largest(s: Summary, lang: Lang) -> dict[str, object]:
    """The largest changes, one household a row."""
    L = partial(label, lang=lang)
    largest: Rows = [
        [
            str(c.line),
            c.household_id or "-",
            f"{L('status.' + c.before_status)} → {L('status.' + c.after_status)}",
            fmt(c.paid_before),
            fmt(c.paid_after),
            _signed(f"{c.delta:+.2f}"),  # signed as in the table
        ]
        for c in s.largest
    ]
    return {
        "heading": L("compare.largest"),
        "chart": None,
        "table": _table(
            [
                L("compare.line"),
                L("household"),
                L("status"),
                L("compare.before"),
                L("compare.after"),
                L("compare.change"),
            ],
            largest,
        ),
    }
