"""The columnar engine: a block of JSON lines in, summary results out, money exact.

One `Columnar` per process holds a DuckDB connection (the JSON parser) and the rule
snapshots it has met. `assess` takes a `blocks.Block` and runs it through

1. the raw-text checks (`blocks`), which send doubtful lines to the reference engine;
2. stage A (`parse`): DuckDB parses each line into a struct in C++, which is laid flat
   and checked field by field as the reference's model checks it;
3. the rules: for each distinct (region, date) the one chooser (`ruleset.choose`) gives
   the rule set and date, as for every other caller; a new snapshot becomes a row of the
   rule arrays (`rule_tables`, `rule_arrays`), or is found not covered;
4. stage B (`compute`, `tekun`, `status`, `events`): the reference engine's steps over
   numpy integer arrays, every household of the block at once.

Why DuckDB for the parsing and numpy for the rules: DuckDB parses JSON Lines into typed
columns in C++ several times faster than any Python route, and it can be told to leave a
line it cannot read (``TRY``) instead of failing the block. The rules then take a few
hundred vector operations a block; as SQL (measured) each statement cost milliseconds of
planning and several microseconds a household in joins and materialised tables, while
numpy's integer operations cost nanoseconds a row.

Every household that any step cannot decide exactly takes the reference path
(`core.Assessor`), whose records are today's. `Assessed` keeps input order and says
which path each household took, and why.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import RuleFileError
from ..ruleset.choose import Chooser, RuleChooser
from . import benefit, compute, events, housing, renewals, status, tekun
from .fields import NO_DATE, integers
from .parse import WHY, Roll, check, parse, subset, transform
from .rule_arrays import Rules
from .rule_tables import NotCovered, tables
from .segments import patterns
from .summary import rules_json
from .summary_lines import half_up, json_lines

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..ruleset.model import RuleSet
    from .blocks import Block
    from .core import Job

_EPOCH = dt.date(1970, 1, 1)
# Why a household assessed in the calendar's last month goes to the reference.
LAST_MONTH = "date: 9999-12"
# The edge reasons, by whether the edge is a strict limit and whether it is met.
_EDGE_CODES = {
    (True, True): "below_edge",
    (True, False): "above_edge",
    (False, True): "within_edge",
    (False, False): "over_edge",
}


@dataclass
class Assessed:
    """What the columnar engine made of a block.

    Attributes:
        block: the block.
        table: one row per household it assessed, in input order (``rid``: the line's
            index in the block): the summary figures and ``json``, the record.
        routed: line index -> why the household goes to the reference engine.
        paths: how many households took each path (``columnar``, ``reference``).
    """

    block: Block
    table: pa.Table
    routed: dict[int, str]
    paths: Counter[str] = field(default_factory=Counter)


class Columnar:
    """The columnar engine of one process (see the module docstring).

    Args:
        job: the run's rules, date and language (as for the reference engine).
        threads: DuckDB threads (for parsing).
        chooser: the rules for each household (default: ``job.rules``, else its region).
    """

    def __init__(self, job: Job, *, threads: int = 1, chooser: Chooser | None = None) -> None:
        self.job = job
        self.con = duckdb.connect(config={"threads": threads})
        self.chooser = chooser or RuleChooser(job.rules, search=job.rules_dirs)
        self.rules = Rules()
        self._snapshots: dict[tuple[int, dt.date], int | str] = {}
        self.snapshot_ids: dict[int, tuple[str, str, str]] = {}  # sid -> id, digest, as_of
        self._rules_json: list[str] = []
        # The last block's stage-B arrays and the households they are of (None: none
        # was decided): `compare_run` reads its report's parts from them (a hook).
        self.last: tuple[compute.Vars, Roll] | None = None

    def assess(self, block: Block, parsed: pa.StructArray | None = None) -> Assessed:
        """Assess the plain households of a block; say which go to the reference.

        ``parsed``: the block's structs from `transform`, when they were parsed ahead.
        """
        roll = self.parse(block) if parsed is None else check(block, parsed)
        return self.decide(block, roll)

    def transform(self, block: Block) -> pa.StructArray:
        """DuckDB's part of stage A alone (`parse.transform`), for reading ahead."""
        return transform(self.con, block)

    def parse(self, block: Block) -> Roll:
        """Stage A: the block's plain lines parsed and checked (see `parse`)."""
        return parse(self.con, block)

    def decide(self, block: Block, roll: Roll) -> Assessed:
        """Stages B: a parsed block under this engine's rules (`compare` decides one
        parsed block under two engines, one for each rule choice)."""
        routed = {int(i): "text" for i in np.flatnonzero(~block.plain & ~block.blank)}
        sid, on, why = self._choose(roll)
        for rid, reason in zip(roll.rid.tolist(), why.tolist(), strict=True):
            if reason:
                routed[rid] = reason
        active = why == ""
        sub = subset(roll, active)
        v: compute.Vars = {"sid": sid[active], "on": on[active], "area": sub.area}
        table = self._stage_b(v, sub) if len(sub) else _empty()
        self.last = (v, sub) if len(sub) else None
        for rid, reason in zip(
            sub.rid.tolist(), v.get("route", np.array([])).tolist(), strict=False
        ):
            if reason:
                routed[rid] = reason
        return Assessed(
            block, table, routed, Counter({"columnar": table.num_rows, "reference": len(routed)})
        )

    def _stage_b(self, v: compute.Vars, roll: Roll) -> pa.Table:
        a = self.rules.a
        v["std"] = np.where(v["area"] == 0, a["std_urban"][v["sid"]], a["std_rural"][v["sid"]])
        compute.members(v, roll, self.rules)
        compute.incomes(v, roll, self.rules)
        compute.expenses(v, roll, self.rules)
        compute.assets(v, roll, self.rules)
        compute.totals(v, self.rules)
        housing.route(v)
        tekun.tekun(v, roll, self.rules)
        status.status(v, roll, self.rules)
        renewals.route(v, roll, self.rules)
        benefit.benefit(v, roll, self.rules)
        which, texts = events.warnings(v, roll, self.rules)
        reasons, reason_texts = _reasons(v, self.rules)
        keep = v["route"] == ""
        return _table(
            v,
            roll,
            keep,
            which,
            texts,
            reasons,
            reason_texts,
            pa.array(self._rules_json, pa.string()),
        )

    # ------------------------------------------------------------ rules

    def _choose(self, roll: Roll) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.str_]]:
        """Each household's snapshot and date, or why the reference engine decides."""
        n = len(roll)
        sid = np.full(n, -1, dtype=np.int64)
        on = np.zeros(n, dtype=np.int64)
        why = np.array(WHY, dtype=object)[roll.why]
        pending = np.flatnonzero(roll.why == 0)
        if len(pending):
            # The distinct (region, date) pairs, each looked up once (numpy, not a loop
            # over households: a roll has a few pairs, often one).
            region = roll.region
            if isinstance(region, pa.ChunkedArray):
                region = region.combine_chunks()
            encoded = pc.dictionary_encode(region)
            regions = encoded.dictionary.to_pylist()
            code = integers(encoded.indices, len(regions))[pending]
            dates, day = np.unique(roll.assessed[pending], return_inverse=True)
            pairs, which = np.unique(code * len(dates) + day.reshape(-1), return_inverse=True)
            found = [
                self._snapshot(
                    regions[pair // len(dates)] if pair // len(dates) < len(regions) else None,
                    int(dates[pair % len(dates)]),
                )
                for pair in pairs.tolist()
            ]
            which = which.reshape(-1)
            sid[pending] = np.array([s for s, _, _ in found], dtype=np.int64)[which]
            on[pending] = np.array([d for _, d, _ in found], dtype=np.int64)[which]
            why[pending] = np.array([r for _, _, r in found], dtype=object)[which]
        return sid, on, why.astype(str)

    def _snapshot(self, region: str | None, assessed: int) -> tuple[int, int, str]:
        """The snapshot id and date (days) of a (region, date), or why not here."""
        given = None if assessed == NO_DATE else _EPOCH + dt.timedelta(days=assessed)
        on = self.job.on or given or self.job.today
        if (on.year, on.month) == (dt.MAXYEAR, 12):
            # The month after the decision, from which a renewal's change applies, is past
            # the calendar: the reference says so (month_beyond_calendar) or decides it.
            return -1, 0, LAST_MONTH
        try:
            rule_set = self.chooser.for_region(region)
        except RuleFileError:
            return -1, 0, "rules"  # the reference path stops the run, as it must
        except Exception:  # every other problem is the record's: the reference says it
            return -1, 0, "region"
        found = self._snapshots.get((id(rule_set), on))
        if found is None:
            found = self._add(rule_set, on)
            self._snapshots[(id(rule_set), on)] = found
        if isinstance(found, str):
            return -1, 0, f"not covered: {found}"
        return found, (on - _EPOCH).days, ""

    def _add(self, rule_set: RuleSet, on: dt.date) -> int | str:
        """Add a snapshot to the rule arrays; its id, or why it is not covered."""
        rules = rule_set.at(on)
        try:
            scalars, incomes, expenses, groups = tables(rules, self.job.lang)
        except NotCovered as exc:
            return str(exc)
        sid = self.rules.add(scalars, incomes, expenses, groups)
        self.snapshot_ids[sid] = (rules.id, rules.digest, rules.on.isoformat())
        self._rules_json.append(rules_json(rules, self.job.lang))
        return sid


def _reasons(v: compute.Vars, rules: Rules) -> tuple[NDArray[np.int64], list[str]]:
    """Each household's reason codes, as a pattern number and the patterns' JSON."""
    a, sid = rules.a, v["sid"]
    coded = np.stack(
        [
            v["first"] == status.DIBAO,
            v["assets_ok"],
            v["below"],
            v["under_edge"],
            v["singles"],
            v["own_income_too_high"],
            v["named"],
            v["rigid_met"],
            v["strict_std"],
            a["strict_edge"][sid],
            a["strict_ratio"][sid],
            v["min_person_note"],
            v["min_household_note"],
            v["rounds_to_nothing"],
        ],
        axis=1,
    ).astype(np.int64)
    which, found = patterns(coded)
    texts = []
    for (
        is_dibao,
        ok,
        below,
        edge,
        singles,
        too_high,
        named,
        rigid,
        strict,
        strict_edge,
        strict_ratio,
        least,
        least_h,
        nothing,
    ) in found.tolist():
        codes = (
            ["below_standard" if strict else "within_standard"]
            if is_dibao
            else [
                *(["assets_failed"] if not ok else []),
                *([] if below else ["above_standard" if strict else "over_standard"]),
                *([_EDGE_CODES[bool(strict_edge), bool(edge)]] if ok and not below else []),
                *(["single_person"] * singles),
                *(["single_person_own_income"] * too_high),
                *(["single_person_may_apply"] * named),
                *([("rigid_met" if strict_ratio else "rigid_met_not_below")] if rigid else []),
            ]
        )
        codes += ["minimum_benefit"] * (least + least_h) + ["gap_rounds_to_nothing"] * nothing
        texts.append("[" + ",".join(f'"{c}"' for c in codes) + "]")
    return which, texts


def _table(
    v: compute.Vars,
    roll: Roll,
    keep: NDArray[np.bool_],
    which: NDArray[np.int64],
    texts: list[str],
    reasons: NDArray[np.int64],
    reason_texts: list[str],
    rules_json: pa.Array,
) -> pa.Table:
    """The summary table of the households kept (not routed)."""
    sid = v["sid"][keep]
    dd, size = v["dd"][keep], v["size"][keep]
    counted = v["counted"][keep]
    status_names = pa.array(status.STATUS_NAMES).take(pa.array(v["status"][keep]))
    figures: dict[str, Any] = {
        "status": status_names,
        "eligible": np.isin(v["status"][keep], (status.DIBAO, status.SINGLE)),
        "size": size,
        "standard": half_up(v["std"][keep], np.full(len(sid), 12)),
        "gross_monthly": half_up(v["gross"][keep], np.full(len(sid), 12)),
        "exempt_monthly": half_up(v["exempt"][keep], np.full(len(sid), 12)),
        "deductions_monthly": half_up(v["deducted"][keep], 12 * dd),
        "counted_monthly": half_up(counted, 12 * dd),
        "per_capita_monthly": half_up(counted, 12 * dd * size),
        "benefit": v["benefit"][keep].astype(np.int64),
        "reasons": pa.array(reason_texts).take(pa.array(reasons[keep])),
        "warnings": pa.array(texts).take(pa.array(which[keep])),
    }
    hid = roll.hid.filter(pa.array(keep))
    lines = json_lines(hid, rules_json.take(pa.array(sid)), figures)
    return pa.table(
        {
            "rid": pa.array(roll.rid[keep]),
            "sid": pa.array(sid),
            "hid": hid,
            "status": status_names,
            "eligible": pa.array(figures["eligible"]),
            "size": pa.array(size),
            "standard": pa.array(figures["standard"]),
            "per_capita": pa.array(figures["per_capita_monthly"]),
            "benefit": pa.array(figures["benefit"]),
            "warnings": figures["warnings"],
            "json": lines,
        }
    )


def _empty() -> pa.Table:
    return pa.table(
        {
            "rid": pa.array([], pa.int64()),
            "sid": pa.array([], pa.int64()),
            "hid": pa.array([], pa.string()),
            "status": pa.array([], pa.string()),
            "eligible": pa.array([], pa.bool_()),
            "size": pa.array([], pa.int64()),
            "standard": pa.array([], pa.int64()),
            "per_capita": pa.array([], pa.int64()),
            "benefit": pa.array([], pa.int64()),
            "warnings": pa.array([], pa.string()),
            "json": pa.array([], pa.string()),
        }
    )
