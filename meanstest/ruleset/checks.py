"""Consistency checks declared in rule files, run on load and on every proposal.

A check is a comparison of rule values that must hold on every date, written for
policy staff to read::

    checks:
      - id: county-not-below-province-floor
        description: {zh: 县级标准不低于省级指导标准, en: County standard not below the floor}
        require: dibao.standard.rural >= dibao.floor.rural

A side is a product of rule keys and numbers (``1.3 * dibao.standard.rural``). Amounts
are compared as yuan a year whatever unit a file wrote. A check that says ``{area}`` is
checked for urban and rural alike, and there a share of the standard counts as that
share of the area's standard (``tekun.basic >= 1.3 * dibao.standard.{area}``).
A check is evaluated on each date where one of its keys changes, whenever all its keys
are in force; a check whose keys never meet is silent.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from ..errors import Problem
from .amounts import Share, scale

if TYPE_CHECKING:
    from .model import Label, RuleSet

_OPS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
    "==": operator.eq,
}
_COMPARISON = re.compile(r"^\s*(?P<left>[^<>=]+?)\s*(?P<op>>=|<=|==|>|<)\s*(?P<right>[^<>=]+?)\s*$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
AREAS = ("rural", "urban")  # the order checks per area are listed in

Factor = str | Decimal


class Check(NamedTuple):
    """A parsed consistency check."""

    id: str
    description: Label
    left: tuple[Factor, ...]
    op: str
    right: tuple[Factor, ...]
    text: str
    file: str
    area: str | None = None  # for a check written per area ({area})

    @property
    def keys(self) -> tuple[str, ...]:
        """The rule keys the check reads."""
        return tuple(f for f in (*self.left, *self.right) if isinstance(f, str))


def _side(text: str) -> tuple[Factor, ...] | str:
    factors: list[Factor] = []
    for part in text.split("*"):
        word = part.strip()
        if _NUMBER.match(word):
            factors.append(Decimal(word))
        elif _KEY.match(word):
            factors.append(word)
        else:
            return f"'{word}' is neither a rule key nor a number"
    return tuple(factors)


def parse_check(text: str, check_id: str, description: Label, file: str) -> list[Check] | str:
    """Parse ``A op B``; return the check (one per area when it says ``{area}``), or a
    sentence saying what is wrong."""
    if "{area}" in text:
        out: list[Check] = []
        for area in AREAS:
            parsed = parse_check(text.replace("{area}", area), check_id, description, file)
            if isinstance(parsed, str):
                return parsed
            # One check per area, named for it (tekun-basic-rural), so that a message
            # says which area's values break it.
            out += [c._replace(id=f"{check_id}-{area}", area=area) for c in parsed]
        return out
    match = _COMPARISON.match(text)
    if match is None:
        return "expected a comparison such as 'dibao.standard.urban >= dibao.standard.rural'"
    left, right = _side(match["left"]), _side(match["right"])
    for side in (left, right):
        if isinstance(side, str):
            return side
    if isinstance(left, str) or isinstance(right, str):  # for the type checker; see above
        return "expected a comparison"
    return [Check(check_id, description, left, match["op"], right, text.strip(), file)]


def _dates(rule_set: RuleSet, keys: tuple[str, ...]) -> list[dt.date]:
    return sorted({e.start for k in keys if k in rule_set.series
                   for e in rule_set.series[k].entries})


def _product(factors: tuple[Factor, ...], values: dict[str, Decimal]) -> Decimal:
    total = Decimal(1)
    for f in factors:
        total *= values[f] if isinstance(f, str) else f
    return total


def _number(rule_set: RuleSet, value: object, on: dt.date, area: str | None) -> Decimal | None:
    """A rule value as a number to compare: amounts as annual yuan, a share of the
    standard as that share of the area's standard (for a check written per area)."""
    if isinstance(value, Share):
        series = rule_set.series.get(f"dibao.standard.{area}") if area else None
        entry = series.at(on) if series else None
        if value.of != "standard" or entry is None:
            return None
        return scale(Decimal(entry.value), value.ratio)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return Decimal(value)


def run_checks(rule_set: RuleSet) -> tuple[Problem, ...]:
    """Evaluate every check of a rule set; return one problem per violation (first date)."""
    problems = []
    for check in rule_set.checks:
        unknown = [k for k in check.keys if k not in rule_set.series]
        if any(not _KEY.match(k) for k in unknown):
            continue
        for on in _dates(rule_set, check.keys):
            entries = {k: rule_set.series[k].at(on) for k in check.keys
                       if k in rule_set.series}
            if len(entries) < len(set(check.keys)) or any(e is None for e in entries.values()):
                continue
            values: dict[str, Decimal] = {}
            for key, entry in entries.items():
                assert entry is not None  # noqa: S101 - filtered above
                value = _number(rule_set, entry.value, on, check.area)
                if value is None:
                    problems.append(Problem(f"checks.{check.id}", f"'{key}' is not a number"
                                            " (a share of the standard needs a check written "
                                            "per {area})"))
                    break
                values[key] = value
            else:
                left, right = _product(check.left, values), _product(check.right, values)
                if _OPS[check.op](left, right):
                    continue
                named = "; ".join(
                    f"{k} = {e.written} ({e.source.short()}, {e.file})"
                    for k, e in entries.items() if e is not None)
                problems.append(Problem(
                    f"checks.{check.id}",
                    f"'{check.text}' does not hold on {on.isoformat()}: {named}"))
                break
    return tuple(problems)
