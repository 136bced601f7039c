"""Golden cases: run every case in tests/cases/*.yaml and compare what it expects.

A case file is a YAML list of cases that policy staff can read and extend:

    - name: A four-person household with 9600 a year gets 720 a month.   # a sentence
      rules: "431022"          # a rule set id, or a rule file path relative to the repo
      on: 2021-12-01           # the date whose rules apply
      household: {...}         # a meanstest.household/1 object
      expect:                  # paths into the Assessment; only the listed ones are checked
        status: dibao
        benefit_monthly: "720.00"
        income: {counted_monthly: "800.00", per_capita_monthly: "200.00"}
        members: {p2: {counted: false}}      # list items by id or name, or by index
        deductions: [{status: refused}]

Nested mappings in ``expect`` are joined into dotted paths (``income.counted_monthly``).
A path step is an attribute of the result, a key of a mapping, or an item of a list
chosen by its index or by its ``id``/``name``. Money is compared as the contract writes
it: a string with two decimals ("570.00").
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from meanstest import yamlfile
from meanstest.engine import assess
from meanstest.household import parse_household
from meanstest.money import fmt
from meanstest.ruleset import RuleSet, load_rules

REPO = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "cases"
REQUIRED = {"name", "rules", "on", "household", "expect"}
OPTIONAL = {"note"}


@dataclass(frozen=True)
class Case:
    """One golden case and where it came from."""

    file: str
    index: int
    data: Mapping[str, Any]

    @property
    def name(self) -> str:
        """Return the case's name (its pytest id)."""
        return str(self.data.get("name", f"{self.file} case {self.index}"))

    @property
    def where(self) -> str:
        """Return the file and position of the case, for messages."""
        return f"{self.file}[{self.index}] {self.name!r}"


def _load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yamlfile.load(path.read_text(encoding="utf-8"), str(path))
        if not isinstance(data, list):
            raise TypeError(f"{path.name}: a case file must be a list of cases")
        cases.extend(Case(path.name, i, _on_key(item)) for i, item in enumerate(data))
    return cases


def _on_key(item: Any) -> Any:
    """Return a case with its ``on`` key as written.

    YAML 1.1 reads a bare ``on`` as the boolean true, so ``on: 2021-12-01`` arrives
    keyed by True; give the key back its name rather than make staff quote it.
    """
    if isinstance(item, Mapping) and True in item and "on" not in item:
        return {("on" if key is True else key): value for key, value in item.items()}
    return item


CASES = _load_cases()


@functools.cache
def _rule_set(rules: str) -> RuleSet:
    if rules.endswith((".yaml", ".yml")) or "/" in rules:
        path = REPO / rules
        return load_rules(path, directory=path.parent)
    return load_rules(rules, directory=REPO / "rules")


def _flatten(expect: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (dotted path, expected leaf value) for a nested expect mapping."""
    if isinstance(expect, Mapping):
        for key, value in expect.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(expect, list):
        for i, value in enumerate(expect):
            yield from _flatten(value, f"{prefix}.{i}")
    else:
        yield prefix, expect


_MISSING = object()


def _step(obj: Any, part: str) -> Any:
    """Follow one path step: a mapping key, a list index or id/name, or an attribute."""
    if isinstance(obj, Mapping):
        return obj.get(part, _MISSING)
    # A named tuple is a record (attributes), not a list of items.
    if isinstance(obj, tuple | list) and not hasattr(obj, "_fields"):
        if part.isdigit():
            return obj[int(part)] if int(part) < len(obj) else _MISSING
        for item in obj:
            if part in (getattr(item, "id", None), getattr(item, "name", None)):
                return item
        return _MISSING
    return getattr(obj, part, _MISSING)


def _resolve(result: Any, path: str) -> Any:
    obj = result
    for part in path.split("."):
        obj = _step(obj, part)
        if obj is _MISSING:
            return _MISSING
    return obj


def _shown(value: Any) -> Any:
    """Return a value as the case files write it: money and dates as strings."""
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _expected(value: Any) -> Any:
    # An unquoted 570.00 in YAML reads as Decimal('570.00'); compare its text, so a
    # bare 570 (an int) is reported rather than silently accepted as money.
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cases_golden(case: Case) -> None:
    """A golden case's household gets every result value its `expect` lists."""
    data = case.data
    household = parse_household(data["household"])
    rules_at = _rule_set(str(data["rules"])).at(data["on"])
    result = assess(household, rules_at)
    wrong = []
    for path, want in _flatten(data["expect"]):
        got = _resolve(result, path)
        if got is _MISSING:
            wrong.append(f"  {path}: not a path in the result")
            continue
        shown, expected = _shown(got), _expected(want)
        if shown != expected or type(shown) is not type(expected):
            hint = ""
            if isinstance(got, Decimal) and not isinstance(want, str):
                hint = " (write money as a quoted string with two decimals)"
            wrong.append(f"  {path}: expected {expected!r}, got {shown!r}{hint}")
    assert not wrong, f"case {case.where}:\n" + "\n".join(wrong)


def test_cases_files_are_well_formed() -> None:
    """Every case has the required keys, no unknown ones, and a unique sentence as name."""
    assert CASES, "no cases found in tests/cases/*.yaml"
    problems = []
    seen: dict[str, str] = {}
    for case in CASES:
        if not isinstance(case.data, Mapping):
            problems.append(f"{case.where}: a case must be a mapping")
            continue
        keys = set(case.data)
        if missing := REQUIRED - keys:
            problems.append(f"{case.where}: missing {sorted(missing)}")
        if unknown := keys - REQUIRED - OPTIONAL:
            problems.append(f"{case.where}: unknown keys {sorted(unknown)} (a typo?)")
        name = case.data.get("name")
        if not (isinstance(name, str) and name[:1].isupper() and name.endswith(".")):
            problems.append(f"{case.where}: the name must be a full sentence")
        elif name in seen:
            problems.append(f"{case.where}: the name is also used by {seen[name]}")
        else:
            seen[name] = case.where
        if not isinstance(case.data.get("on"), dt.date):
            problems.append(f"{case.where}: 'on' must be a date such as 2021-12-01")
        if not case.data.get("expect"):
            problems.append(f"{case.where}: 'expect' lists nothing to check")
    assert not problems, "\n".join(problems)
