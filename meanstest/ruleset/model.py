"""The resolved rule model: dated series, the values in force on a date, their sources.

What the engine and the renderers read. Loading, `extends` and overlays live in
`meanstest.ruleset.load`; this module does no I/O.
"""

# No `from __future__ import annotations` here: pydantic models and NamedTuples would
# then evaluate every annotation from its text at import, which cost `meanstest check`
# ~5 ms of start-up across these modules (issue 11, measured with benchmarks/ab.py).

import bisect
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from ..errors import RuleNotInForce
from ..model.sources import Label, SourceRef
from .build_views import build_views
from .checks import Breach, Check
from .views import RuleViews

# Label and SourceRef live in the model (results cite sources too); kept importable here.
__all__ = [
    "Breach",
    "Entry",
    "ExpenseType",
    "IncomeType",
    "Label",
    "Param",
    "RuleSet",
    "RulesAt",
    "Series",
    "SourceInfo",
    "SourceRef",
    "decimal_of",
]


class IncomeType(NamedTuple):
    """An income type and its category under 审核确认办法 Art. 13."""

    category: str
    label: Label


class ExpenseType(NamedTuple):
    """An expense type: netted transfer expenditure or a local fixed non-living deduction."""

    kind: str
    label: Label


class SourceInfo(NamedTuple):
    """A document declared under ``sources:`` in a rule file."""

    title: str
    number: str | None
    kind: str


class Entry(NamedTuple):
    """A dated value after validation; ``value`` None ends the series."""

    start: dt.date
    value: Any
    written: str
    source: SourceRef
    file: str
    line: int | None
    comparison: str | None = None  # for a threshold: below, not_above, above, not_below
    level: str | None = None  # the level of its file: national, province, ..., proposal


class Series(NamedTuple):
    """All dated values of one key, oldest first."""

    key: str
    description: Label
    unit: str | None
    entries: tuple[Entry, ...]
    comparison: str | None = None  # as declared for a threshold (else its default)

    def at(self, on: dt.date) -> Entry | None:
        """Return the entry in force on a date, or None."""
        i = bisect.bisect_right([e.start for e in self.entries], on)
        if i == 0:
            return None
        entry = self.entries[i - 1]
        return None if entry.value is None else entry


class Param(NamedTuple):
    """A rule value in force, with what the trace needs to cite it."""

    key: str
    value: Any
    written: str
    since: dt.date
    source: SourceRef
    description: Label
    comparison: str | None = None  # for a threshold: below, not_above, above, not_below
    # The consistency checks this (provisional) value fails on the date: a result that
    # uses it warns of each (`checks.Breach`, its end left out: see `RuleSet.at`).
    breaches: tuple[Breach, ...] = ()

    @property
    def provisional(self) -> bool:
        """Whether the value is unsourced."""
        return self.source.provisional


@dataclass(frozen=True)
class RulesAt:
    """The rule values in force on one date.

    The engine reads ``views``, one typed object per scheme (`meanstest.ruleset.views`);
    ``params``, every value by key, is for the renderers (`rules show`, `rules diff`).
    """

    id: str
    name: Label
    on: dt.date
    params: Mapping[str, Param]
    income_types: Mapping[str, IncomeType]
    expense_types: Mapping[str, ExpenseType]
    digest: str
    views: RuleViews

    def __getitem__(self, key: str) -> Param:
        try:
            return self.params[key]
        except KeyError:
            raise RuleNotInForce(key, self.on, rule_set=self.id) from None

    def value(self, key: str) -> Any:
        """Return the value of ``key`` in force."""
        return self[key].value


@dataclass(frozen=True)
class RuleSet:
    """A rule file with its `extends` chain resolved: every key's full series."""

    id: str
    name: Label
    level: str
    chain: tuple[str, ...]
    files: tuple[str, ...]
    income_types: Mapping[str, IncomeType]
    expense_types: Mapping[str, ExpenseType]
    series: Mapping[str, Series]
    inputs: tuple[tuple[str, str], ...]  # (file, sha256) of every file read
    sources: Mapping[str, SourceInfo] = field(default_factory=dict)
    checks: tuple[Check, ...] = ()
    # Checks failed by provisional values, with the dates each failure lasts.
    breaches: tuple[Breach, ...] = ()
    _snapshots: dict[dt.date, RulesAt] = field(default_factory=dict, compare=False, repr=False)

    def at(self, on: dt.date) -> RulesAt:
        """Return the values in force on ``on``, with their typed views (cached per date)."""
        cached = self._snapshots.get(on)
        if cached is not None:
            return cached
        params: dict[str, Param] = {}
        for key, series in self.series.items():
            entry = series.at(on)
            if entry is not None:
                params[key] = Param(
                    key,
                    entry.value,
                    entry.written,
                    entry.start,
                    entry.source,
                    series.description,
                    entry.comparison,
                )
        for breach in self.breaches:
            if breach.covers(on):
                # As seen on the date: when it ends depends on later values (a proposal
                # from next year), which must not change the values in force today.
                seen = breach._replace(end=None)
                for key in breach.keys:
                    param = params.get(key)
                    if param is not None:
                        params[key] = param._replace(breaches=(*param.breaches, seen))
        snapshot = RulesAt(
            self.id,
            self.name,
            on,
            params,
            self.income_types,
            self.expense_types,
            _digest(self.id, params),
            build_views(self.id, on, params, self.income_types, self.expense_types),
        )
        self._snapshots[on] = snapshot
        return snapshot


def _digest(rule_set: str, params: Mapping[str, Param]) -> str:
    canon = {
        key: [p.written, p.since.isoformat(), p.source.as_json()]
        for key, p in sorted(params.items())
    }
    blob = json.dumps([rule_set, canon], ensure_ascii=False, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(blob.encode()).hexdigest()[:32]


def decimal_of(value: Any) -> Decimal:
    """Return a rule value as Decimal (rules give ints or Decimals)."""
    return value if isinstance(value, Decimal) else Decimal(value)
