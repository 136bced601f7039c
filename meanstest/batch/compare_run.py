"""`meanstest compare` on the columnar engine: each block parsed once, decided twice.

The case roll is read in chunks (`feed`) as `batch` reads it, each block parsed once
(stage A) and decided under the base rules and under the proposal by two columnar
engines (each with its own chooser, so a proposal still applies only to the rule set
it extends). From the two engines' arrays each household gets the whole `compare.Change`
the reference comparison gives it (issue 15's parts too): the statuses and benefits,
the payments by scheme (`compare_parts.Parts`: the dibao gap, the 分类施保 top-ups and
who gets them, the household's size), its breakdown groups and the pair of rule
snapshots (`compare_parts.rules_pair`, once per rule sets and date).

A household that either engine leaves to the reference engine, that is an error on
either side, or whose top-ups the reference holds as inexact 34-digit decimals (so that
its sums could differ in the last digit), is compared by `compare.compare_households`
itself, so its change (and error text) is exactly today's. The changes come out in
input order, one per record. With ``jobs`` > 1 the blocks go to worker processes
(`workers.context`: any start method, ``spawn`` included), each holding both
engines; the changes come back in order, so the output is the same for any number.

The reference route (`compare_jobs`) stays reachable: ``MEANSTEST_COMPARE_ENGINE=
reference`` (what the differential tests compare against).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from multiprocessing.connection import Connection
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from ..compare import Change, compare_households
from ..compare_parts import ADULT_AGE, ELDERLY_AGE, SEVERE_GRADES, Parts, RulesPair, rules_pair
from ..files.records import Record
from ..money import CONTEXT, FEN, ZERO
from .api import open_roll
from .benefit import terminates
from .blocks import split
from .columnar import Assessed, Columnar
from .compute import ages
from .core import Assessor, Job
from .feed import Chunk, chunks
from .fields import NO_DATE
from .segments import Segments
from .status import amounts
from .workers import bind_to_parent

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..model.household import Household
    from ..render.labels import Lang
    from ..ruleset.checks import Breach
    from ..ruleset.choose import Chooser, ProposalChooser
    from .compare_jobs import Comparer
    from .parse import Roll

_EPOCH = dt.date(1970, 1, 1)
# What the reference pays a household that is not paid (`engine.benefit`, `record`).
_NOTHING = Decimal(0)
_PAID = frozenset({"dibao", "dibao_single"})  # the statuses the columnar engine pays
ENGINE_VARIABLE = "MEANSTEST_COMPARE_ENGINE"


def engine() -> str:
    """Which engine `meanstest compare` runs on: ``columnar`` (the default), or
    ``reference`` when the environment variable says so (for the differential tests)."""
    return "reference" if os.environ.get(ENGINE_VARIABLE) == "reference" else "columnar"


def compare_roll(
    path: str,
    encoding: str | None,
    comparer: Comparer,
    jobs: int = 1,
    *,
    stdin: IO[bytes] | None = None,
    note: Callable[[str], None] | None = None,
    breaches: list[Breach] | None = None,
    lang: Lang = "en",
) -> Iterator[Change]:
    """One change per record of the roll at ``path``, in order (see the module docstring).

    ``note`` and the messages of a record that cannot be read are in ``lang``;
    ``breaches`` receives what the workers' proposed rule sets break that the current
    ones do not (with one job, ask the proposal chooser itself afterwards).

    Raises:
        MeansTestError: the roll cannot be opened, its header row is wrong, or a rule
            file is broken.
    """
    source = open_roll(path, encoding, stdin=stdin, note=note, lang=lang)
    setup = CompareSetup(
        comparer.base,
        comparer.proposal,
        comparer.on,
        comparer.today,
        lang,
        source.encoding or "utf-8",
        source.layout,
    )
    with source:
        if jobs <= 1:
            runner = CompareRunner(setup)
            for chunk in chunks(source):
                yield from runner.run(chunk)
            return
        yield from _in_workers(chunks(source), setup, jobs, [] if breaches is None else breaches)


class CompareSetup:
    """What a comparison needs in each process (pickled once to each worker)."""

    def __init__(
        self,
        base: Chooser,
        proposal: ProposalChooser,
        on: dt.date | None,
        today: dt.date,
        lang: Lang,
        encoding: str,
        layout: Any,
    ) -> None:
        self.base, self.proposal, self.on, self.today = base, proposal, on, today
        self.lang, self.encoding, self.layout = lang, encoding, layout


class CompareRunner:
    """Both columnar engines, the reader and the rule pairs of one process."""

    def __init__(self, setup: CompareSetup) -> None:
        self.setup = setup
        job = Job(
            today=setup.today,
            on=setup.on,
            lang=setup.lang,
            encoding=setup.encoding,
            layout=setup.layout,
            output="dict",
            detail="summary",
        )
        self.before = Columnar(job, chooser=setup.base)
        self.after = Columnar(job, chooser=setup.proposal)
        # Reading needs no date: the Job's is never used.
        self.reader = Assessor(
            Job(dt.date.min, lang=setup.lang, encoding=setup.encoding, layout=setup.layout)
        )
        self._pairs: dict[tuple[str | None, int], RulesPair] = {}
        self._by_sets: dict[tuple[int, int, dt.date], RulesPair] = {}
        self._groups: dict[tuple[bool, bool, bool, int], tuple[str, ...]] = {}
        self._money: dict[int, Decimal] = {}

    def run(self, chunk: Chunk) -> list[Change]:
        """The changes of every record of a chunk, in order."""
        block = split(chunk.data, chunk.first_line)
        roll = self.before.parse(block)
        a = self.before.decide(block, roll)
        ours = _side(self.before, a, self._money)
        b = self.after.decide(block, roll)
        theirs = _side(self.after, b, self._money)
        indices = sorted({*a.table["rid"].to_pylist(), *a.routed})
        both = [i for i in indices if i in ours and i in theirs]
        facts = self._facts(roll, both)
        ids = dict(zip(a.table["rid"].to_pylist(), a.table["hid"].to_pylist(), strict=True))
        out: dict[int, Change] = {}
        for index in both:
            (status_a, paid_a, parts_a), (status_b, paid_b, parts_b) = ours[index], theirs[index]
            pair, groups = facts[index]
            out[index] = Change(
                _line(chunk, index),
                ids[index],
                status_a,
                status_b,
                paid_a,
                paid_b,
                None,
                None,
                None,
                paid_a + _NOTHING,
                paid_b + _NOTHING,
                pair,
                groups,
                parts_a,
                parts_b,
            )
        rest = [i for i in indices if i not in out]
        if rest:
            read: list[tuple[int, Household | Any]] = []
            for index in rest:
                line = _line(chunk, index)
                payload = chunk.payloads[index] if chunk.payloads else block.text(index)
                read.append((line, self.reader.household(Record(line, payload))))
            s = self.setup
            found = compare_households(read, s.base, s.proposal, s.on, s.today)
            out.update(zip(rest, found, strict=True))
        return [out[i] for i in indices]

    def _facts(self, roll: Roll, wanted: list[int]) -> dict[int, tuple[RulesPair, tuple[str, ...]]]:
        """The rule pair and the breakdown groups of the households ``wanted`` (line
        indices of the block), as `compare_parts.rules_pair` and `household_groups`."""
        if not wanted:
            return {}
        s = self.setup
        today = (s.today - _EPOCH).days
        fixed = None if s.on is None else (s.on - _EPOCH).days
        on = (
            np.full(len(roll), fixed, dtype=np.int64)
            if fixed is not None
            else np.where(roll.assessed == NO_DATE, today, roll.assessed)
        )
        m = roll.members
        seg = Segments(m.hh, len(roll))
        birth, given = m.columns["birth"], m.columns["age"]
        # `Member.age_on`: from the birth date when there is one, else the age given.
        age = np.where(birth != NO_DATE, ages(birth, on[m.hh]), given)
        elderly = seg.any(age >= ELDERLY_AGE)
        minors = seg.any(age < ADULT_AGE)
        severe = seg.any(
            (m.columns["dis_cat"] >= 0) & np.isin(m.columns["dis_grade"], sorted(SEVERE_GRADES))
        )
        size = seg.count(np.ones(len(m.hh), dtype=np.bool_))
        row_of = {int(r): k for k, r in enumerate(roll.rid.tolist())}
        regions = roll.region.to_pylist()
        out = {}
        for index in wanted:
            k = row_of[index]
            day = int(on[k])
            pair = self._pair(regions[k], day)
            key = (bool(elderly[k]), bool(minors[k]), bool(severe[k]), int(size[k]))
            groups = self._groups.get(key)
            if groups is None:
                groups = self._groups[key] = _group_keys(*key)
            out[index] = (pair, groups + _place_keys(roll, k))
        return out

    def _pair(self, region: str | None, day: int) -> RulesPair:
        found = self._pairs.get((region, day))
        if found is None:
            s = self.setup
            base_set, proposed_set = s.base.for_region(region), s.proposal.for_region(region)
            on = _EPOCH + dt.timedelta(days=day)
            key = (id(base_set), id(proposed_set), on)
            found = self._by_sets.get(key)
            if found is None:
                found = self._by_sets[key] = rules_pair(base_set, proposed_set, on)
            self._pairs[(region, day)] = found
        return found


def _group_keys(elderly: bool, minors: bool, severe: bool, size: int) -> tuple[str, ...]:
    """`compare_parts.household_groups` without township and village (`_place_keys`)."""
    return (
        *(("elderly",) if elderly else ()),
        *(("minors",) if minors else ()),
        *(("severely_disabled",) if severe else ()),
        f"size:{size}" if size < 5 else "size:5+",
    )


def _place_keys(roll: Roll, k: int) -> tuple[str, ...]:
    """The township and village groups of `compare_parts.household_groups` (the columnar
    engine reads both, `parse_places`)."""
    township, village = (
        roll.places[name][k].as_py() if name in roll.places else None
        for name in ("township", "village")
    )
    return (
        *((f"township:{township}",) if township else ()),
        *((f"village:{township or ''}/{village}",) if village else ()),
    )


def _line(chunk: Chunk, index: int) -> int:
    return chunk.lines[index] if chunk.lines else chunk.first_line + index


def _side(
    engine: Columnar, assessed: Assessed, money: dict[int, Decimal]
) -> dict[int, tuple[str, Decimal, Parts]]:
    """Line index -> status, benefit and parts of each household the engine decided
    whose parts are exact (see the module docstring); the others are left out."""
    if engine.last is None or not assessed.table.num_rows:
        return {}
    v, sub = engine.last
    keep = v["route"] == ""
    seg: Segments = v["m_seg"]
    hh = sub.members.hh
    top = np.asarray(v["m_top"])
    classified = seg.count(top > 0)
    singles = seg.count(v["m_single"])
    with_top = seg.any(top != 0)
    unsure = with_top & seg.any(_inexact_top(v, engine, hh))
    tops = _top_ups(top, np.asarray(v["m_top_den"]), seg, with_top & ~unsure)
    table = assessed.table
    rows = np.flatnonzero(keep)
    missing = np.zeros(len(keep), dtype=np.bool_)  # top-ups whose sum does not terminate
    missing[[r for r in np.flatnonzero(with_top & ~unsure).tolist() if r not in tops]] = True
    unsure_rows = (unsure | missing)[rows]
    unpaid: dict[int, Parts] = {}  # by size: every household not paid has the same parts
    out = {}
    for row, rid, status, fen, size, single, persons, skip in zip(
        rows.tolist(),
        table["rid"].to_pylist(),
        table["status"].to_pylist(),
        table["benefit"].to_pylist(),
        table["size"].to_pylist(),
        singles[rows].tolist(),
        classified[rows].tolist(),
        unsure_rows.tolist(),
        strict=True,
    ):
        if skip:
            continue  # top-ups the reference holds inexactly: it compares the household
        paid = money.get(fen)
        if paid is None:
            paid = money[fen] = Decimal(fen) * FEN
        extra = tops.get(row, _NOTHING)
        if status not in _PAID and not persons and extra is _NOTHING:
            parts = unpaid.get(size)
            if parts is None:  # the reference's: no gap, no top-ups, no 特困 support
                parts = unpaid[size] = Parts(ZERO, ZERO, _NOTHING, _NOTHING, 0, 0, 0, size)
            out[rid] = (status, paid, parts)
            continue
        gap = paid - extra
        alone = status == "dibao_single"
        out[rid] = (
            status,
            paid,
            Parts._make(
                (
                    gap if status == "dibao" else ZERO,
                    gap if alone else ZERO,
                    extra,
                    _NOTHING,  # no member is 特困 on the columnar path
                    single if alone else 0,
                    persons,
                    0,
                    size,
                )
            ),
        )
    return out


def _inexact_top(v: dict[str, Any], engine: Columnar, hh: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Members in a 分类施保 group whose top-up the reference holds inexactly."""
    inside = v["g_inside"]
    out = np.zeros(len(hh), dtype=np.bool_)
    if not inside.any():
        return out
    rules = engine.rules
    sid = v["m_sid"]
    q = rules.a["q"][sid]
    for g in range(inside.shape[1]):
        n, odd = amounts(rules, "g", sid, v["std"][hh], 12 * q, g)
        out |= inside[:, g] & odd & (np.asarray(n) != 0)
    return out


def _top_ups(
    top: NDArray[Any], den: NDArray[Any], seg: Segments, wanted: NDArray[np.bool_]
) -> dict[int, Decimal]:
    """Each ``wanted`` household's top-ups a month (exact: their sum terminates)."""
    out: dict[int, Decimal] = {}
    for row in np.flatnonzero(wanted).tolist():
        start, end = int(seg.bounds[row]), int(seg.bounds[row + 1])
        num = sum(int(x) for x in top[start:end])
        d = int(den[start])
        if not terminates(np.array([num], dtype=object), np.array([d], dtype=object))[0]:
            continue  # not exact: left out, so the household takes the reference path
        out[row] = CONTEXT.divide(Decimal(num), Decimal(d) * 100)  # fen to yuan
    return out


# ---------------------------------------------------------------- worker processes


def _in_workers(
    parts: Iterable[Chunk], setup: CompareSetup, jobs: int, breaches: list[Breach]
) -> Iterator[Change]:
    """Compare chunks in ``jobs`` worker processes, keeping input order."""
    from .workers import context, in_order  # noqa: PLC0415 - only with workers

    for changes, found in in_order(
        parts,
        _work,
        jobs=jobs,
        mp=context("meanstest.batch.compare_run"),
        initializer=_start,
        initargs=(setup,),
    ):
        breaches.extend(b for b in found if b not in breaches)
        yield from changes


_RUNNER: CompareRunner | None = None


def _start(setup: CompareSetup, lifeline: Connection) -> None:
    global _RUNNER  # noqa: PLW0603 - one pair of engines per worker process, by design
    bind_to_parent(lifeline)
    _RUNNER = CompareRunner(setup)


def _work(chunk: Chunk) -> tuple[list[Change], list[Breach]]:
    runner = _RUNNER
    assert runner is not None  # noqa: S101 - set by the pool initializer
    return runner.run(chunk), runner.setup.proposal.new_breaches()
