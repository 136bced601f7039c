"""Rule sets for people: the list of rule files, the values in force on a date, and the
differences between two rule sets.

Nothing here reads a file: the command line loads the rule sets and hands them in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..errors import MeansTestError
from ..ruleset.model import RulesAt, RuleSet
from .labels import Lang, label
from .text import visible


def _add(table: Table, *cells: RenderableType) -> None:
    """Add a row; plain strings become Text, so data such as "[b]" is never markup, and
    control characters in them (a rule file is untrusted) are shown as escapes."""
    table.add_row(*(Text(visible(c)) if isinstance(c, str) else c for c in cells))


def _provisional(rule_set: RuleSet) -> tuple[int, int]:
    """How many of the rule set's dated values are provisional, and how many there are."""
    entries = [e for s in rule_set.series.values() for e in s.entries]
    return sum(e.source.provisional for e in entries), len(entries)


def rule_list(files: Iterable[tuple[str, RuleSet | MeansTestError]]) -> Table:
    """Return a table of rule files: (file name, its rule set or why it does not load)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("id", "level", "name", "extends", "file", "provisional"):
        table.add_column(column, no_wrap=column in ("id", "file"))
    for name, rule_set in files:
        if isinstance(rule_set, MeansTestError):
            _add(table, "?", "", Text(f"invalid: {visible(rule_set.message)}", style="red"),
                 "", name, "")
            continue
        provisional, entries = _provisional(rule_set)
        parent = rule_set.chain[-2] if len(rule_set.chain) > 1 else ""
        _add(table, rule_set.id, rule_set.level, f"{rule_set.name.zh} {rule_set.name.en}",
             parent, name, f"{provisional}/{entries}")
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
    for column in ("key", "value", "since", "source"):
        table.add_column(label(column, lang), overflow="fold",
                         no_wrap=column == "since")
    for key in sorted(rule_set.series):
        param = snapshot.params.get(key)
        if param is None:
            _add(table, key, "—", "", Text(label("not_in_force", lang), style="dim"))
            continue
        source = Text(visible(param.source.short()),
                      style="yellow" if param.provisional else "")
        _add(table, key, param.written, param.since.isoformat(), source)
    return table


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
                  "description": getattr(p.description, lang),
                  "source": p.source.as_json()}
            for key, p in sorted(snapshot.params.items())
        },
    }


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
