"""A self-contained HTML report of a comparison: inline CSS and SVG, no scripts.

The file can be mailed or printed as it is: nothing is fetched from anywhere. Every
text that comes from data is escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from html import escape

from ..compare import BUCKET_LABELS, Summary
from ..money import fmt
from .compare import MOVEMENTS, _statuses
from .labels import Lang, label

_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;
color:#222;max-width:60em}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .7em;text-align:right;
border-bottom:1px solid #eee}td:first-child,th:first-child{text-align:left}
td.t{text-align:left}.neg{color:#b00}.pos{color:#070}.muted{color:#888}svg text{font-size:11px}
@media print{body{margin:0}}
"""


def _bars(values: list[tuple[str, list[int]]], series: list[tuple[str, str]],
          width: int = 640, height: int = 220) -> str:
    """A grouped bar chart as inline SVG: one group per label, one bar per series."""
    top = max((v for _, vs in values for v in vs), default=0) or 1
    slanted = len(values) > 6  # many groups: slant the labels so they do not overlap
    left, bottom, gap = 40, 80 if slanted else 40, 8
    group = (width - left) / max(len(values), 1)
    bar = max((group - gap) / max(len(series), 1), 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'role="img" viewBox="0 0 {width} {height}">',
           f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
           'stroke="#999"/>']
    scale = (height - bottom - 20) / top
    for i, (name, vs) in enumerate(values):
        x0 = left + i * group + gap / 2
        for j, v in enumerate(vs):
            h = v * scale
            x = x0 + j * bar
            colour = series[j][1]
            out.append(f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar - 1:.1f}" '
                       f'height="{h:.1f}" fill="{colour}"><title>{escape(name)}: {v}</title>'
                       '</rect>')
            if v:
                out.append(f'<text x="{x + bar / 2:.1f}" y="{height - bottom - h - 3:.1f}" '
                           f'text-anchor="middle">{v}</text>')
        cx = x0 + (group - gap) / 2
        if slanted:
            out.append(f'<text x="{cx:.1f}" y="{height - bottom + 12}" text-anchor="end" '
                       f'transform="rotate(-35 {cx:.1f} {height - bottom + 12})">'
                       f'{escape(name)}</text>')
        else:
            out.append(f'<text x="{cx:.1f}" y="{height - bottom + 14}" '
                       f'text-anchor="middle">{escape(name)}</text>')
    for j, (name, colour) in enumerate(series):
        out.append(f'<rect x="{left + j * 110}" y="{height - 14}" width="10" height="10" '
                   f'fill="{colour}"/><text x="{left + j * 110 + 14}" y="{height - 5}">'
                   f'{escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)


_NUMBER = re.compile(r"^[-+]?[0-9][0-9,.]*$|^·$")
_TAG = re.compile(r"<[^>]+>")


def _td(cell: str) -> str:
    # Numbers line up on the right; words read from the left.
    numeric = _NUMBER.match(_TAG.sub("", cell).strip())
    return f"<td>{cell}</td>" if numeric else f'<td class="t">{cell}</td>'


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(_td(c) for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _signed(amount: str) -> str:
    css = "neg" if amount.startswith("-") else "pos" if amount not in ("0.00",) else "muted"
    return f'<span class="{css}">{escape(amount)}</span>'


def report(s: Summary, base: str, proposal: str, lang: Lang, made: dt.date) -> str:
    """Return the comparison as one HTML document."""
    L = partial(label, lang=lang)
    names = _statuses(s)
    caseload_chart = _bars([(L(f"status.{x}"), [s.before[x], s.after[x]]) for x in names],
                           [(L("compare.before"), "#8aa"), (L("compare.after"), "#36c")])
    distribution = _bars([(n, [c]) for n, c in zip(BUCKET_LABELS, s.buckets, strict=True)],
                         [(L("compare.households"), "#36c")], width=720, height=280)
    cost_rows = [[escape(L(k)), fmt(v), fmt(v * 12)]
                 for k, v in (("compare.before", s.total_before),
                              ("compare.after", s.total_after))]
    cost_rows += [[escape(L("compare.difference")), _signed(fmt(s.difference)),
                   _signed(fmt(s.difference * 12))],
                  [escape(L("compare.gained")), fmt(s.gained), fmt(s.gained * 12)],
                  [escape(L("compare.lost")), fmt(s.lost), fmt(s.lost * 12)]]
    matrix = [[escape(L(f"status.{a}")), *(str(s.transitions[(a, b)] or "·") for b in names)]
              for a in names if s.before[a]]
    largest = [[str(c.line), escape(c.household_id or "-"),
                escape(f"{L('status.' + c.before_status)} → {L('status.' + c.after_status)}"),
                fmt(c.before_benefit), fmt(c.after_benefit), _signed(f"{c.delta:.2f}")]
               for c in s.largest]
    moves = [[escape(L(f"movement.{m}")), str(s.movements[m])] for m in MOVEMENTS
             if s.movements[m]]
    title = f"{L('compare.title')}: {base} → {proposal}"
    sections = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">{s.records} · {escape(made.isoformat())}</p>',
        f"<h2>{escape(L('compare.caseload'))}</h2>", caseload_chart,
        _table([L("status"), L("compare.before"), L("compare.after")],
               [[escape(L(f"status.{x}")), str(s.before[x]), str(s.after[x])] for x in names]),
        f"<h2>{escape(L('compare.transitions'))}</h2>",
        _table([f"{L('compare.before')} ↓ / {L('compare.after')} →",
                *(L(f"status.{x}") for x in names)], matrix),
        f"<h2>{escape(L('compare.cost'))}</h2>",
        _table(["", L("compare.monthly"), L("compare.annual")], cost_rows),
        f"<h2>{escape(L('compare.movements'))}</h2>",
        _table(["", L("compare.households")], moves),
        f"<h2>{escape(L('compare.distribution'))}</h2>", distribution,
    ]
    if largest:
        sections += [f"<h2>{escape(L('compare.largest'))}</h2>",
                     _table([L("compare.line"), L("household"), L("status"),
                             L("compare.before"), L("compare.after"), L("compare.change")],
                            largest)]
    body = "\n".join(sections)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
            f"<body>\n{body}\n</body></html>\n")
