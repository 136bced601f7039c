"""Rule sets for people: the list of rule files, the values in force on a date, and the
differences between two rule sets.

Nothing here reads a file: the command line loads the rule sets and hands them in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..errors import MeansTestError
from ..ruleset.amounts import Share
from ..ruleset.checks import BREACH_CODES, Breach, Gap
from ..ruleset.model import Param, RulesAt, RuleSet
from .errors import headline
from .json import warning_message
from .key_table import DottedKey, KeyTable
from .labels import Lang, label, message
from .labels_tools import cite, in_units
from .rule_values import code_words, declared_labels
from .text import colon, in_brackets, visible


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
        heading = label(f"rule_list.{column}", lang) if lang == "zh" else column
        table.add_column(
            label("found_in", lang) if column == "from" else heading,
            no_wrap=column in ("id", "file"),
            overflow="fold",
        )
    for listed in files:
        origin: Text | str = listed.origin or label("shipped", lang)
        if listed.hidden_by:
            origin = Text(
                visible(f"{origin} ({label('hidden_by', lang)} {listed.hidden_by})"), style="dim"
            )
        rule_set = listed.rule_set
        if isinstance(rule_set, MeansTestError):
            _add(
                table,
                "?",
                "",
                Text(
                    f"{label('rule_list.invalid', lang)}{headline(rule_set, lang, visible)}",
                    style="red",
                ),
                "",
                listed.name,
                "",
                origin,
            )
            continue
        provisional, entries = _provisional(rule_set)
        parent = rule_set.chain[-2] if len(rule_set.chain) > 1 else ""
        _add(
            table,
            rule_set.id,
            label(f"level.{rule_set.level}", lang) if lang == "zh" else rule_set.level,
            rule_set.name.zh if lang == "zh" else f"{rule_set.name.zh} {rule_set.name.en}",
            parent,
            listed.name,
            f"{provisional}/{entries}",
            origin,
        )
    return table


# Below this width `rules list` is a block per rule set: seven columns in 80 cut codes
# and names inside words ("nationa" / "l").
LIST_TABLE_WIDTH = 100


def rule_blocks(files: Iterable[Listed], lang: Lang = "en") -> Group:
    """`rules list` for a narrow terminal: per rule set a line with its id, level,
    parent and provisional count, then its name, then its file and directory (each
    line wrapped between words)."""
    lines: list[Text] = []
    for listed in files:
        origin = listed.origin or label("shipped", lang)
        if listed.hidden_by:
            origin = f"{origin} ({label('hidden_by', lang)} {listed.hidden_by})"
        rule_set = listed.rule_set
        if isinstance(rule_set, MeansTestError):
            invalid = f"{label('rule_list.invalid', lang)}{headline(rule_set, lang, visible)}"
            lines.append(Text(f"?  {invalid}", style="red"))
        else:
            provisional, entries = _provisional(rule_set)
            level = label(f"level.{rule_set.level}", lang) if lang == "zh" else rule_set.level
            head = [rule_set.id, level]
            if len(rule_set.chain) > 1:
                head.append(f"{label('rule_list.extends', lang)} {rule_set.chain[-2]}")
            head.append(f"{label('rule_list.provisional', lang)} {provisional}/{entries}")
            name = rule_set.name.zh if lang == "zh" else rule_set.name.en
            lines += [Text(visible("  ".join(head))), Text(f"    {visible(name)}")]
        # A directory is data: folded over lines when it is long, never cut short.
        lines.append(Text(f"    {visible(listed.name)}  {visible(origin)}", overflow="fold"))
    return Group(*lines)


def validated(name: str, rule_set: RuleSet, lang: Lang = "en") -> str:
    """The line `rules validate` says of a good rule file, in ``lang``."""
    provisional, _ = _provisional(rule_set)
    chain = " → ".join(rule_set.chain)
    if lang == "zh":
        return (
            f"通过 {name}：规则集 {rule_set.id}（{chain}），"
            f"{len(rule_set.series)} 个键，{provisional} 个暂定值"
        )
    return (
        f"ok {name}: rule set {rule_set.id} ({chain}), "
        f"{len(rule_set.series)} keys, {provisional} provisional values"
    )


def snapshot_table(rule_set: RuleSet, snapshot: RulesAt, lang: Lang) -> Table:
    """Return the values in force, one row per key, with source or provisional mark."""
    name = rule_set.name.zh if lang == "zh" else rule_set.name.en
    table = KeyTable(
        title=f"{visible(name)}{in_brackets(rule_set.id, lang)} @ {snapshot.on.isoformat()}  "
        f"{snapshot.digest}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for column in ("key", "value", "since", "level", "source"):
        table.add_column(label(column, lang), overflow="fold", no_wrap=column in ("since", "level"))
    declared = declared_labels(snapshot.income_types, snapshot.expense_types)
    for key in sorted(rule_set.series):
        param = snapshot.params.get(key)
        if param is None:
            _add(table, DottedKey(key), "—", "", "", Text(label("not_in_force", lang), style="dim"))
            continue
        source = Text(
            visible(cite(param.source, lang)), style="yellow" if param.provisional else ""
        )
        for breach in param.breaches:  # a provisional value below a minimum, say
            code = f"{BREACH_CODES[breach.op]}_short"
            source.append(
                "\n" + visible(warning_message(code, None, breach.source, _params(breach), lang)),
                style="red",
            )
        level = _level(rule_set, key, snapshot.on)
        _add(
            table,
            DottedKey(key),
            code_words(key, param.written, lang, declared) or in_units(param.written, lang),
            param.since.isoformat(),
            label(f"level.{level}", lang) if level else "",
            source,
        )
    return table


def _level(rule_set: RuleSet, key: str, on: dt.date) -> str | None:
    """The level of the file the value in force comes from: national ... proposal."""
    entry = rule_set.series[key].at(on)
    return entry.level if entry is not None else None


def _params(breach: Breach) -> dict[str, object]:
    return {
        "value": breach.value,
        "limit": breach.limit,
        "since": breach.since,
        "check": breach.text,
        "level": breach.level or "",
    }


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
            key: {
                **_value_json(p),
                "since": p.since.isoformat(),
                "level": _level(rule_set, key, snapshot.on),
                "description": getattr(p.description, lang),
                "source": p.source.as_json(lang),
                **(
                    {"breaches": [_breach_json(b, key, lang) for b in p.breaches]}
                    if p.breaches
                    else {}
                ),
            }
            for key, p in sorted(snapshot.params.items())
        },
    }


def typed_value(param: Param) -> tuple[Any, str | None]:
    """A value in force as JSON gives it to a program, and its unit (None: none).

    A flag is a boolean; a count, an age or a number of months an integer; a code a
    string, a list of codes a list; an amount or a ratio its exact decimal (or
    fraction) in a string, as the contract writes money (``"550"``, ``yuan/month``;
    ``"1/3"``, ``share of minimum_wage_previous_year``). A structured value (分类施保
    groups, bands) is the text the rule file writes."""
    value = param.value
    if isinstance(value, bool | str):
        return value, None
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return list(value), None
    text = param.written
    if param.comparison:  # "4560 yuan/year, not above": the comparison has its own field
        text = text.removesuffix(f", {param.comparison.replace('_', ' ')}")
    number, _, unit = text.partition(" ")
    if isinstance(value, int | Decimal | Share) and _NUMBER.fullmatch(number):
        return (value if isinstance(value, int) else number), unit or None
    return text, None


_NUMBER = re.compile(r"-?\d+(\.\d+)?(/\d+)?")


def _value_json(param: Param) -> dict[str, Any]:
    """``value`` typed (`typed_value`), its ``unit`` and ``comparison`` when it has them,
    and ``written``: the value as the rule file writes it (what ``value`` was before)."""
    value, unit = typed_value(param)
    return {
        "value": value,
        **({"unit": unit} if unit else {}),
        **({"comparison": param.comparison} if param.comparison else {}),
        "written": param.written,
    }


def _breach_json(breach: Breach, key: str, lang: Lang) -> dict[str, Any]:
    """A check a provisional value fails on the date, as JSON-ready data."""
    code = BREACH_CODES[breach.op]
    return {
        "code": code,
        "check": breach.text,
        "limit": breach.limit,
        "since": breach.since and breach.since.isoformat(),
        "source": breach.source.as_json(lang) if breach.source else None,
        "message": warning_message(code, key, breach.source, _params(breach), lang),
    }


def diff_json(a_id: str, b_id: str, on: dt.date, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The differences (`compare.diff_rows`) as JSON-ready data (`meanstest.rules-diff/1`)."""
    return {
        "schema": "meanstest.rules-diff/1",
        "a": a_id,
        "b": b_id,
        "as_of": on.isoformat(),
        "differences": rows,
    }


def diff_table(
    a_id: str,
    b_id: str,
    on: dt.date,
    rows: list[dict[str, Any]],
    lang: Lang,
    declared: Mapping[str, tuple[str, str]] | None = None,
) -> Table:
    """The differences as a table: key, value in A, value in B, each with its source;
    codes as their labels (``declared``: the income and expense types', `declared_labels`)."""
    table = KeyTable(
        title=f"{visible(a_id)} ↔ {visible(b_id)} @ {on.isoformat()}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for column in ("key", a_id, b_id):
        table.add_column(
            visible(column) if column != "key" else label("key", lang), overflow="fold"
        )

    colon = "：" if lang == "zh" else ": "

    def cell(key: str, side: dict[str, Any] | None) -> Text:
        if side is None:
            return Text(label("not_in_force", lang), style="dim")
        source = side["source"]
        said = (
            f"{label('provisional_word', lang)}{colon}{source.get('note', '')}"
            if source["provisional"] and "title" not in source
            else " ".join(str(source[k]) for k in ("title", "article") if k in source)
        )
        written = str(side["value"])
        value = code_words(key, written, lang, declared) or in_units(written, lang)
        return Text(f"{visible(value)}\n{visible(said)}")

    for row in rows:
        _add(table, DottedKey(row["key"]), cell(row["key"], row["a"]), cell(row["key"], row["b"]))
    if not rows:
        _add(table, label("no_differences", lang), "", "")
    return table


def breach_lines(breaches: Iterable[Breach], lang: Lang) -> list[str]:
    """One warning line for each check a provisional value fails, with the dates it lasts:
    for `rules validate`, and for `compare` of a proposal."""
    lines = []
    for breach in breaches:
        code = BREACH_CODES[breach.op]
        text = warning_message(
            code, breach.keys[0] if breach.keys else None, breach.source, _params(breach), lang
        )
        start = "" if breach.start == dt.date.min else breach.start.isoformat()
        end = breach.end.isoformat() if breach.end else ""
        if start or end:  # the dates it lasts: from ... to ... (the end not included)
            text += f" [{start or '…'} – {end or '…'})"
        lines.append(f"{label('warning', lang)}{colon(lang)}{text}")
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
            said = message(code, {"dates": dates, "keys": keys}, lang)
            lines.append(label(word, lang) + colon(lang) + said)
        elif level in ("county", "proposal"):
            area = label(gap.keys[0].rsplit(".", 1)[1], lang)
            lines.append(
                label("note", lang)
                + colon(lang)
                + message("no_area_standard", {"dates": dates, "keys": keys, "area": area}, lang)
            )
    return lines


def _dates(dates: tuple[dt.date, ...], lang: Lang) -> str:
    texts = [d.isoformat() for d in dates]
    if len(texts) == 1:
        return texts[0]
    return "、".join(texts) if lang == "zh" else f"{', '.join(texts[:-1])} and {texts[-1]}"
