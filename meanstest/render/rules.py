"""Rule sets for people: the list of rule files, the values in force on a date, and the
differences between two rule sets.

Nothing here reads a file: the command line loads the rule sets and hands them in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..errors import MeansTestError
from ..ruleset.checks import BREACH_CODES, Breach, Gap
from ..ruleset.model import RulesAt, RuleSet
from .errors import headline
from .json import warning_message
from .labels import Lang, label, message
from .text import visible


def _add(table: Table, *cells: RenderableType) -> None:
    """Add a row; plain strings become Text, so data such as "[b]" is never markup, and
    control characters in them (a rule file is untrusted) are shown as escapes."""
    table.add_row(*(Text(visible(c)) if isinstance(c, str) else c for c in cells))


def _provisional(rule_set: RuleSet) -> tuple[int, int]:
    """How many of the rule set's dated values are provisional, and how many there are."""
    entries = [e for s in rule_set.series.values() for e in s.entries]
    return sum(e.source.provisional for e in entries), len(entries)


class Listed(NamedTuple):
    """A rule file for `rules list`: where it is, and what it holds."""

    name: str  # the file name
    origin: str | None  # the directory it was found in; None: the shipped rules
    hidden_by: str | None  # a file of the same id found first, which is used instead
    rule_set: RuleSet | MeansTestError  # or why it does not load


def rule_list(files: Iterable[Listed], lang: Lang = "en") -> Table:
    """Return a table of rule files, each with the directory it comes from ("shipped"
    for meanstest's own), in the order ids are looked up."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("id", "level", "name", "extends", "file", "provisional", "from"):
        table.add_column(label("found_in", lang) if column == "from" else column,
                         no_wrap=column in ("id", "file"), overflow="fold")
    for listed in files:
        origin: Text | str = listed.origin or label("shipped", lang)
        if listed.hidden_by:
            origin = Text(visible(f"{origin} ({label('hidden_by', lang)} {listed.hidden_by})"),
                          style="dim")
        rule_set = listed.rule_set
        if isinstance(rule_set, MeansTestError):
            _add(table, "?", "", Text(f"invalid: {headline(rule_set, 'en', visible)}",
                                      style="red"),
                 "", listed.name, "", origin)
            continue
        provisional, entries = _provisional(rule_set)
        parent = rule_set.chain[-2] if len(rule_set.chain) > 1 else ""
        _add(table, rule_set.id, rule_set.level, f"{rule_set.name.zh} {rule_set.name.en}",
             parent, listed.name, f"{provisional}/{entries}", origin)
    return table


def validated(name: str, rule_set: RuleSet) -> str:
    """The line `rules validate` says of a good rule file."""
    provisional, _ = _provisional(rule_set)
    return (f"ok {name}: rule set {rule_set.id} ({' → '.join(rule_set.chain)}), "
            f"{len(rule_set.series)} keys, {provisional} provisional values")


def snapshot_table(rule_set: RuleSet, snapshot: RulesAt, lang: Lang) -> Table:
    """Return the values in force, one row per key, with source or provisional mark."""
    name = rule_set.name.zh if lang == "zh" else rule_set.name.en
    table = Table(title=f"{visible(name)} ({rule_set.id}) @ {snapshot.on.isoformat()}  "
                  f"{snapshot.digest}", title_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    for column in ("key", "value", "since", "level", "source"):
        table.add_column(label(column, lang), overflow="fold",
                         no_wrap=column in ("since", "level"))
    for key in sorted(rule_set.series):
        param = snapshot.params.get(key)
        if param is None:
            _add(table, key, "—", "", "", Text(label("not_in_force", lang), style="dim"))
            continue
        source = Text(visible(param.source.short()),
                      style="yellow" if param.provisional else "")
        for breach in param.breaches:  # a provisional value below a minimum, say
            code = f"{BREACH_CODES[breach.op]}_short"
            source.append("\n" + visible(warning_message(code, None, breach.source,
                                                          _params(breach), lang)), style="red")
        level = _level(rule_set, key, snapshot.on)
        _add(table, key, param.written, param.since.isoformat(),
             label(f"level.{level}", lang) if level else "", source)
    return table


def _level(rule_set: RuleSet, key: str, on: dt.date) -> str | None:
    """The level of the file the value in force comes from: national ... proposal."""
    entry = rule_set.series[key].at(on)
    return entry.level if entry is not None else None


def _params(breach: Breach) -> dict[str, object]:
    return {"value": breach.value, "limit": breach.limit, "since": breach.since,
            "check": breach.text, "level": breach.level or ""}


def snapshot_json(rule_set: RuleSet, snapshot: RulesAt, lang: Lang) -> dict[str, Any]:
    """Return the values in force as JSON-ready data."""
    return {
        "schema": "meanstest.rules-snapshot/1",
        "id": rule_set.id,
        "name": getattr(rule_set.name, lang),
        "chain": list(rule_set.chain),
        "as_of": snapshot.on.isoformat(),
        "digest": snapshot.digest,
        "values": {
            key: {"value": p.written, "since": p.since.isoformat(),
                  "level": _level(rule_set, key, snapshot.on),
                  "description": getattr(p.description, lang),
                  "source": p.source.as_json(),
                  **({"breaches": [_breach_json(b, key, lang) for b in p.breaches]}
                     if p.breaches else {})}
            for key, p in sorted(snapshot.params.items())
        },
    }


def _breach_json(breach: Breach, key: str, lang: Lang) -> dict[str, Any]:
    """A check a provisional value fails on the date, as JSON-ready data."""
    code = BREACH_CODES[breach.op]
    return {"code": code, "check": breach.text, "limit": breach.limit,
            "since": breach.since and breach.since.isoformat(),
            "source": breach.source.as_json() if breach.source else None,
            "message": warning_message(code, key, breach.source, _params(breach), lang)}


def diff_json(a_id: str, b_id: str, on: dt.date,
              rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The differences (`compare.diff_rows`) as JSON-ready data (`meanstest.rules-diff/1`)."""
    return {"schema": "meanstest.rules-diff/1", "a": a_id, "b": b_id,
            "as_of": on.isoformat(), "differences": rows}


def diff_table(a_id: str, b_id: str, on: dt.date, rows: list[dict[str, Any]],
               lang: Lang) -> Table:
    """The differences as a table: key, value in A, value in B, each with its source."""
    table = Table(title=f"{visible(a_id)} ↔ {visible(b_id)} @ {on.isoformat()}",
                  title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("key", a_id, b_id):
        table.add_column(visible(column) if column != "key" else label("key", lang),
                         overflow="fold")

    def cell(side: dict[str, Any] | None) -> Text:
        if side is None:
            return Text(label("not_in_force", lang), style="dim")
        source = side["source"]
        cite = (f"provisional: {source.get('note', '')}" if source["provisional"]
                and "title" not in source else
                " ".join(str(source[k]) for k in ("title", "article") if k in source))
        return Text(f"{visible(str(side['value']))}\n{visible(cite)}")

    for row in rows:
        _add(table, row["key"], cell(row["a"]), cell(row["b"]))
    if not rows:
        _add(table, label("no_differences", lang), "", "")
    return table


def breach_lines(breaches: Iterable[Breach], lang: Lang) -> list[str]:
    """One warning line for each check a provisional value fails, with the dates it lasts:
    for `rules validate`, and for `compare` of a proposal."""
    lines = []
    for breach in breaches:
        code = BREACH_CODES[breach.op]
        text = warning_message(code, breach.keys[0] if breach.keys else None, breach.source,
                               _params(breach), lang)
        start = "" if breach.start == dt.date.min else breach.start.isoformat()
        end = breach.end.isoformat() if breach.end else ""
        if start or end:  # the dates it lasts: from ... to ... (the end not included)
            text += f" [{start or '…'} – {end or '…'})"
        lines.append(f"{label('warning', lang)}: {text}")
    return lines


def gap_lines(gaps: Iterable[Gap], level: str, lang: Lang) -> list[str]:
    """The dates a rule set has no dibao standard in force, for `rules validate`: a
    warning when it has none at all (it cannot assess a household), a note when one
    area's is missing. The national baseline has none by design: it is not told."""
    lines = []
    for gap in gaps:
        if level == "national":
            continue
        dates = _dates(gap.dates, lang)
        keys = ", ".join(gap.keys)
        if len(gap.keys) > 1:
            code = "no_standard" if level in ("county", "proposal") else "no_standard_parent"
            word = "warning" if code == "no_standard" else "note"
            lines.append(f"{label(word, lang)}: " + message(code, {"dates": dates,
                                                                    "keys": keys}, lang))
        elif level in ("county", "proposal"):
            area = label(gap.keys[0].rsplit(".", 1)[1], lang)
            lines.append(f"{label('note', lang)}: " + message(
                "no_area_standard", {"dates": dates, "keys": keys, "area": area}, lang))
    return lines


def _dates(dates: tuple[dt.date, ...], lang: Lang) -> str:
    texts = [d.isoformat() for d in dates]
    if len(texts) == 1:
        return texts[0]
    return "、".join(texts) if lang == "zh" else f"{', '.join(texts[:-1])} and {texts[-1]}"
