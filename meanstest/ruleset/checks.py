"""Consistency checks declared in rule files, run on load and on every proposal.

A check is a comparison of rule values that must hold on every date, written for
policy staff to read::

    checks:
      - id: county-not-below-province-floor
        description: {zh: 县级标准不低于省级指导标准, en: County standard not below the floor}
        require: dibao.standard.rural >= dibao.floor.rural

A side is a product of rule keys and numbers (``tekun.basic.multiple_of_dibao *
dibao.standard.rural``). Rates are compared as yuan a year whatever unit a file wrote.
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

if TYPE_CHECKING:
    from .model import Label, RuleSet

_OPS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
    "==": operator.eq,
}
_COMPARISON = re.compile(r"^\s*(?P<left>[^<>=]+?)\s*(?P<op>>=|<=|==|>|<)\s*(?P<right>[^<>=]+?)\s*$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")

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


def parse_check(text: str, check_id: str, description: Label, file: str) -> Check | str:
    """Parse ``A op B``; return the check, or a sentence saying what is wrong."""
    match = _COMPARISON.match(text)
    if match is None:
        return "expected a comparison such as 'dibao.standard.urban >= dibao.standard.rural'"
    left, right = _side(match["left"]), _side(match["right"])
    for side in (left, right):
        if isinstance(side, str):
            return side
    if isinstance(left, str) or isinstance(right, str):  # for the type checker; see above
        return "expected a comparison"
    return Check(check_id, description, left, match["op"], right, text.strip(), file)


def _dates(rule_set: RuleSet, keys: tuple[str, ...]) -> list[dt.date]:
    return sorted({e.start for k in keys if k in rule_set.series
                   for e in rule_set.series[k].entries})


def _product(factors: tuple[Factor, ...], values: dict[str, Decimal]) -> Decimal:
    total = Decimal(1)
    for f in factors:
        total *= values[f] if isinstance(f, str) else f
    return total


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
                if isinstance(entry.value, bool) or not isinstance(entry.value, int | Decimal):
                    problems.append(Problem(f"checks.{check.id}", f"'{key}' is not a number"))
                    break
                values[key] = Decimal(entry.value)
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
