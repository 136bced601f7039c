"""Checks between rule keys of a resolved chain (a problem no single value shows).

Split from `resolve` so that each stays small; `resolve.resolve` runs these after every
file of the chain has been read, and reports each problem in the file that holds the
value at fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import Problem
from . import amounts
from . import keys as P
from .model import Series

_COMBINE = "classified.combine"
_STANDARDS = ("dibao.standard.urban", "dibao.standard.rural")
_TEMPORARY_RANGE = ("temporary.amount.minimum", "temporary.amount.maximum")


def across_keys(series: Mapping[str, Series]) -> list[tuple[str, Problem]]:
    """Problems between keys, each with the file name and line of the value at fault:
    分类施保 groups in force with no `classified.combine` rule (a household with a
    member in two groups could not be assessed), and a temporary-assistance minimum
    above its maximum (it would be clamped silently)."""
    return [*_groups_without_combine(series), *_temporary_range(series)]


def _groups_without_combine(series: Mapping[str, Series]) -> list[tuple[str, Problem]]:
    """分类施保 groups in force on a date with a dibao standard but no combine rule."""
    out: list[tuple[str, Problem]] = []
    combine = series.get(_COMBINE)
    standards = [series[k] for k in _STANDARDS if k in series]
    # The dates on which what is in force can change; a date with no dibao standard in
    # force assesses nobody (a --set group from the first date, a standard from 2021).
    changes = sorted(
        {
            e.start
            for s in (*series.values(),)
            if s.key.startswith((P.GROUP_PREFIX, _COMBINE, "dibao.standard."))
            for e in s.entries
        }
    )
    for key, found in series.items():
        if not key.startswith(P.GROUP_PREFIX):
            continue
        for on in changes:
            entry = found.at(on)
            if (
                entry is None
                or not any(s.at(on) for s in standards)
                or (combine is not None and combine.at(on) is not None)
            ):
                continue
            out.append(
                (
                    entry.file,
                    Problem(
                        f"parameters.{key}",
                        "group_needs_combine",
                        {"key": key, "on": on.isoformat()},
                        entry.line,
                    ),
                )
            )
            break
    return out


def _temporary_range(series: Mapping[str, Series]) -> list[tuple[str, Problem]]:
    """A temporary-assistance minimum above its maximum, at the later value's line."""
    out: list[tuple[str, Problem]] = []
    low, high = (series.get(k) for k in _TEMPORARY_RANGE)
    if low is not None and high is not None:
        starts = sorted({e.start for e in (*low.entries, *high.entries)})
        for on in starts:
            least, most = low.at(on), high.at(on)
            if least is None or most is None or not _above(least.value, most.value):
                continue
            later, key = (
                (least, _TEMPORARY_RANGE[0])
                if least.start >= most.start
                else (most, _TEMPORARY_RANGE[1])
            )
            out.append(
                (
                    later.file,
                    Problem(
                        f"parameters.{key}",
                        "minimum_above_maximum",
                        {
                            "minimum": _TEMPORARY_RANGE[0],
                            "maximum": _TEMPORARY_RANGE[1],
                            "low": least.written,
                            "high": most.written,
                            "on": on.isoformat(),
                            "low_file": least.file,
                            "low_line": least.line,
                            "high_file": most.file,
                            "high_line": most.line,
                        },
                        later.line,
                    ),
                )
            )
            break
    return out


def _above(low: Any, high: Any) -> bool:
    """Whether amount ``low`` is above ``high``: both yuan, or shares of one base."""
    if isinstance(low, amounts.Share) and isinstance(high, amounts.Share):
        return low.of == high.of and low.ratio > high.ratio
    if isinstance(low, amounts.Share) or isinstance(high, amounts.Share):
        return False  # a share against yuan depends on the household's standard
    return bool(low > high)
