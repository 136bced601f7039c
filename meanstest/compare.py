"""What-ifs on a case roll: every household under the current rules and a proposal.

Pure: households and rule choices come in, per-household changes and a summary come
out; reading the case roll and printing belong to the command line. Each household is
parsed once and assessed twice, so a comparison costs about two assessments a record.
`diff_rows` says which rule values two rule sets differ in (`meanstest rules diff`).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from .engine import assess
from .errors import MeansTestError, Problem, RuleFileError, Unreadable
from .model.household import Household
from .model.result import Assessment
from .model.vocabulary import ELIGIBLE, Status, codes
from .money import ZERO
from .ruleset.model import RulesAt

if TYPE_CHECKING:  # the choosers come in made: nothing here loads a rule file
    from .ruleset.choose import Chooser

STATUSES = codes(Status)
# Statuses that are paid: dibao (phase-out until it ends) and 特困 support.
PAID = frozenset({*ELIGIBLE, "tekun"})
# Edges of the histogram of monthly changes, in yuan: a change falls in the first bucket
# whose upper edge it is below (the last bucket is open).
BUCKET_EDGES = (Decimal(-500), Decimal(-200), Decimal(-100), Decimal(-50), Decimal(0),
                Decimal("0.01"), Decimal(50), Decimal(100), Decimal(200), Decimal(500))
BUCKET_LABELS = ("< −500", "−500 … −200", "−200 … −100", "−100 … −50", "−50 … 0",
                 "0", "0 … 50", "50 … 100", "100 … 200", "200 … 500", "≥ 500")


class TemporaryCost(NamedTuple):
    """A household's temporary assistance (one-off) under one rule set: whether it is
    eligible (None: to verify), the suggested amount (the range's minimum where no tier
    suggests one) and the most it may be (the suggested amount where a tier gives one)."""

    eligible: bool | None
    suggested: Decimal
    maximum: Decimal


def temporary_cost(a: Assessment) -> TemporaryCost | None:
    """The temporary-assistance figures of a result, None without a hardship."""
    t = a.temporary_assistance
    if t is None:
        return None
    if t.eligible is not True:
        return TemporaryCost(t.eligible, ZERO, ZERO)
    low = t.suggested if t.suggested is not None else t.minimum or ZERO
    high = t.suggested if t.suggested is not None else t.maximum or ZERO
    return TemporaryCost(True, low, high)


class Change(NamedTuple):
    """One household before and after the proposal (monthly amounts; temporary
    assistance, a one-off sum, apart).

    ``*_benefit`` is the dibao benefit (分类施保 top-ups included); ``*_support`` is
    everything paid, the 特困 members' support added (contract §2 ``support_monthly``;
    None: the same as the benefit). Costs and changes are counted on the support.
    """

    line: int
    household_id: str | None
    before_status: str
    after_status: str
    before_benefit: Decimal
    after_benefit: Decimal
    error: tuple[Problem, ...] | None = None  # why the record could not be compared
    before_temporary: TemporaryCost | None = None
    after_temporary: TemporaryCost | None = None
    before_support: Decimal | None = None
    after_support: Decimal | None = None

    @property
    def paid_before(self) -> Decimal:
        """Everything paid a month before the proposal."""
        return self.before_benefit if self.before_support is None else self.before_support

    @property
    def paid_after(self) -> Decimal:
        """Everything paid a month under the proposal."""
        return self.after_benefit if self.after_support is None else self.after_support

    @property
    def delta(self) -> Decimal:
        """After minus before, everything paid per month."""
        return self.paid_after - self.paid_before

    @property
    def movement(self) -> str:
        """What the caseworker has to do: enters, leaves, phase_out, gains, loses, same."""
        was, now = self.before_status in PAID, self.after_status in PAID
        if self.error:
            return "error"
        if self.after_status == "phase_out" and self.before_status != "phase_out":
            return "phase_out"
        if now and not was:
            return "enters"
        if was and not now:
            return "leaves"
        return "gains" if self.delta > 0 else "loses" if self.delta < 0 else "same"


def compare_households(records: Iterable[tuple[int, Household | Unreadable]],
                       base: Chooser, proposal: Chooser, on: dt.date | None,
                       today: dt.date) -> Iterator[Change]:
    """Assess each household under both rule sets, in input order, one change each.

    Each chooser gives the rules in force for a household on its assessment date
    (``on``, else the household's, else ``today``). A record that cannot be read or
    assessed yields a change with ``error`` set, so the number of changes always equals
    the number of records.
    """
    for line, item in records:
        if isinstance(item, Unreadable):
            problems = item.problems or (Problem("", "invalid", {"detail": str(item)}),)
            yield Change(line, item.household_id, "error", "error", ZERO, ZERO, problems)
            continue
        try:
            before = assess(item, base.rules_at(item, on, today))
            after = assess(item, proposal.rules_at(item, on, today))
        except RuleFileError:
            raise  # the rules themselves are wrong: the whole comparison stops
        except MeansTestError as exc:
            yield Change(line, item.id, "error", "error", ZERO, ZERO,
                         exc.problems or (Problem("", exc.code, exc.params),))
            continue
        yield Change(line, item.id, before.status, after.status, before.benefit_monthly,
                     after.benefit_monthly, None, temporary_cost(before),
                     temporary_cost(after), before.support_monthly, after.support_monthly)


class Summary:
    """Running totals of a comparison; constant memory whatever the case roll's size."""

    def __init__(self, top: int = 10) -> None:
        self.top = top
        self.before: Counter[str] = Counter()
        self.after: Counter[str] = Counter()
        self.transitions: Counter[tuple[str, str]] = Counter()
        self.movements: Counter[str] = Counter()
        self.total_before = ZERO
        self.total_after = ZERO
        self.gained = ZERO
        self.lost = ZERO
        self.buckets = [0] * len(BUCKET_LABELS)
        self.errors = 0
        self.records = 0
        self._largest: list[tuple[Decimal, int, Change]] = []
        self.temporary = TemporaryTotals()

    def add(self, change: Change) -> None:
        """Count one household's change."""
        self.records += 1
        if change.error:
            self.errors += 1
            self.movements["error"] += 1
            return
        self.before[change.before_status] += 1
        self.after[change.after_status] += 1
        self.transitions[(change.before_status, change.after_status)] += 1
        self.movements[change.movement] += 1
        self.total_before += change.paid_before
        self.total_after += change.paid_after
        delta = change.delta
        if delta > 0:
            self.gained += delta
        elif delta < 0:
            self.lost -= delta
        self.buckets[_bucket(delta)] += 1
        self.temporary.add(change.before_temporary, change.after_temporary)
        if delta:
            entry = (abs(delta), -change.line, change)
            if len(self._largest) < self.top:
                heapq.heappush(self._largest, entry)
            else:
                heapq.heappushpop(self._largest, entry)

    @property
    def largest(self) -> list[Change]:
        """The biggest changes, largest first (ties in input order)."""
        return [c for _, _, c in sorted(self._largest, reverse=True)]

    @property
    def difference(self) -> Decimal:
        """Monthly cost after minus before."""
        return self.total_after - self.total_before


class TemporaryTotals:
    """The one-off cost of temporary assistance before and after, over the households
    with a hardship: at the suggested amounts, and at the most the ranges allow."""

    def __init__(self) -> None:
        self.cases = 0
        self.eligible = {"before": 0, "after": 0}
        self.to_verify = {"before": 0, "after": 0}
        self.suggested = {"before": ZERO, "after": ZERO}
        self.maximum = {"before": ZERO, "after": ZERO}

    def add(self, before: TemporaryCost | None, after: TemporaryCost | None) -> None:
        """Count one household's figures (None: no hardship)."""
        if before is None and after is None:
            return
        self.cases += 1
        for side, cost in (("before", before), ("after", after)):
            if cost is None:
                continue
            self.eligible[side] += cost.eligible is True
            self.to_verify[side] += cost.eligible is None
            self.suggested[side] += cost.suggested
            self.maximum[side] += cost.maximum


def _bucket(delta: Decimal) -> int:
    if delta == 0:
        return BUCKET_LABELS.index("0")
    for i, edge in enumerate(BUCKET_EDGES):
        if delta < edge:
            return i
    return len(BUCKET_LABELS) - 1


def diff_rows(a: RulesAt, b: RulesAt) -> list[dict[str, Any]]:
    """The rule keys whose values (or sources) differ between two snapshots.

    One row per key, in key order: ``{"key", "a", "b"}``, each side its value as written,
    the date it has been in force since and its source, or None where the key is not in
    force (what `meanstest rules diff` shows, and what a proposal changes).
    """
    rows = []
    for key in sorted(set(a.params) | set(b.params)):
        pa, pb = a.params.get(key), b.params.get(key)
        if pa is not None and pb is not None and pa.value == pb.value and pa.source == pb.source:
            continue
        rows.append({"key": key,
                     "a": None if pa is None else {"value": pa.written,
                                                   "since": pa.since.isoformat(),
                                                   "source": pa.source.as_json()},
                     "b": None if pb is None else {"value": pb.written,
                                                   "since": pb.since.isoformat(),
                                                   "source": pb.source.as_json()}})
    return rows
