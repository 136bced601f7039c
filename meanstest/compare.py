"""What-ifs on a case roll: every household under the current rules and a proposal.

Pure: households and rule choices come in, per-household changes and a summary come
out; reading the case roll and printing belong to the command line. Each household is
parsed once and assessed twice, so a comparison costs about two assessments a record.
`diff_rows` says which rule values two rule sets differ in (`meanstest rules diff`).

Each change also carries what the report needs to answer the whole question (issue 15,
`compare_parts`): the two rule snapshots, the payments by scheme and the household's
groups; `Summary` adds them up by scheme and by group.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from .compare_parts import (
    Parts,
    RulesPair,
    ValueChange,
    household_groups,
    parts_of,
    rules_pair,
)
from .compare_totals import SCHEMES, GroupTotals, SchemeTotals, TemporaryTotals, group_order
from .engine import assess
from .errors import MeansTestError, Problem, RuleFileError, Unreadable
from .model.household import Household
from .model.result import Assessment
from .model.vocabulary import ELIGIBLE, Status, codes
from .money import ZERO
from .ruleset.model import RulesAt

# The running totals live in `compare_totals`; their names are here too.
__all__ = [
    "BUCKET_EDGES",
    "BUCKET_LABELS",
    "PAID",
    "SCHEMES",
    "STATUSES",
    "Change",
    "GroupTotals",
    "SchemeTotals",
    "Summary",
    "TemporaryCost",
    "TemporaryTotals",
    "compare_households",
    "diff_rows",
    "group_order",
    "temporary_cost",
]

if TYPE_CHECKING:  # the choosers come in made: nothing here loads a rule file
    from .ruleset.choose import Chooser

STATUSES = codes(Status)
# Statuses that are paid: dibao (phase-out until it ends) and 特困 support.
PAID = frozenset({*ELIGIBLE, "tekun"})
# Edges of the histogram of monthly changes, in yuan: a change falls in the first bucket
# whose upper edge it is below (the last bucket is open).
BUCKET_EDGES = (
    Decimal(-500),
    Decimal(-200),
    Decimal(-100),
    Decimal(-50),
    Decimal(0),
    Decimal("0.01"),
    Decimal(50),
    Decimal(100),
    Decimal(200),
    Decimal(500),
)
BUCKET_LABELS = (
    "< −500",
    "−500 … −200",
    "−200 … −100",
    "−100 … −50",
    "−50 … 0",
    "0",
    "0 … 50",
    "50 … 100",
    "100 … 200",
    "200 … 500",
    "≥ 500",
)


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
    # Issue 15: the rule snapshots, the household's groups and the payments by scheme.
    rules: RulesPair | None = None
    groups: tuple[str, ...] = ()
    before_parts: Parts | None = None
    after_parts: Parts | None = None
    # The last month (YYYY-MM) a phase-out pays on each side; None: paid all along.
    before_until: str | None = None
    after_until: str | None = None

    @property
    def months(self) -> int:
        """The months of the budget year the change is paid in (12 without rules)."""
        return 12 if self.rules is None else self.rules.months

    def _months_paid(self, until: str | None) -> int:
        """The months of the budget year's rest a side pays in: all of them, or those
        up to the last month of its phase-out (a phase-out ending in September pays
        July to September of a July change, 3 months, not 6)."""
        months = self.months
        if until is None or self.rules is None:
            return months
        year, month = int(until[:4]), int(until[5:7])
        last = (year - self.rules.on.year) * 12 + month  # 1 to 12: this year's months
        return max(0, min(months, last - (12 - months)))

    @property
    def year_change(self) -> Decimal:
        """After minus before over the rest of the budget year: each side's monthly
        payment times the months it pays in (a phase-out stops after its last month)."""
        if self.before_until is None and self.after_until is None:
            return self.delta * self.months
        before = self.paid_before * self._months_paid(self.before_until)
        return self.paid_after * self._months_paid(self.after_until) - before

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


def compare_households(
    records: Iterable[tuple[int, Household | Unreadable]],
    base: Chooser,
    proposal: Chooser,
    on: dt.date | None,
    today: dt.date,
) -> Iterator[Change]:
    """Assess each household under both rule sets, in input order, one change each.

    Each chooser gives the rules in force for a household on its assessment date
    (``on``, else the household's, else ``today``). A record that cannot be read or
    assessed yields a change with ``error`` set, so the number of changes always equals
    the number of records.
    """
    # The date is chosen where every command chooses it; loaded only here, since
    # importing the comparison loads no rule loader.
    from .ruleset.choose import assessment_date  # noqa: PLC0415

    pairs: dict[tuple[int, int, dt.date], RulesPair] = {}
    for line, item in records:
        if isinstance(item, Unreadable):
            yield _unreadable(line, item)
            continue
        try:
            date = assessment_date(item, on, today)
            base_set, proposed_set = base.for_household(item), proposal.for_household(item)
            before = assess(item, base_set.at(date))
            after = assess(item, proposed_set.at(date))
            pair_key = (id(base_set), id(proposed_set), date)  # the choosers keep both
            pair = pairs.get(pair_key)
            if pair is None:
                pair = pairs[pair_key] = rules_pair(base_set, proposed_set, date)
        except RuleFileError:
            raise  # the rules themselves are wrong: the whole comparison stops
        except MeansTestError as exc:
            yield Change(
                line,
                item.id,
                "error",
                "error",
                ZERO,
                ZERO,
                exc.problems or (Problem("", exc.code, exc.params),),
            )
            continue
        yield Change(
            line,
            item.id,
            before.status,
            after.status,
            before.benefit_monthly,
            after.benefit_monthly,
            None,
            temporary_cost(before),
            temporary_cost(after),
            before.support_monthly,
            after.support_monthly,
            pair,
            household_groups(item, date),
            parts_of(before),
            parts_of(after),
            _until(before),
            _until(after),
        )


def _until(a: Assessment) -> str | None:
    """The last month a phase-out pays (None when the household is not in one)."""
    phase = a.phase_out
    return phase.until if a.status == "phase_out" and phase is not None else None


def _unreadable(line: int, item: Unreadable) -> Change:
    """The change of a record that could not be read: an error row."""
    problems = item.problems or (Problem("", "invalid", {"detail": str(item)}),)
    return Change(line, item.household_id, "error", "error", ZERO, ZERO, problems)


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
        # Issue 15: the budget year, the rules compared, the schemes and the groups.
        self.year_difference = ZERO  # after minus before, over each one's months
        self.pairs: Counter[tuple[str, str, str, str]] = Counter()
        self.dates: Counter[dt.date] = Counter()
        self.months: Counter[tuple[int, int]] = Counter()  # (budget year, months) a change
        self.value_changes: dict[tuple[str, ValueChange], None] = {}
        self.unchanged: Counter[str] = Counter()  # households whose rules did not differ
        self.pending: set[dt.date] = set()
        self.rules_unknown = 0  # changes made without their rules (another engine's)
        self.schemes = {"before": SchemeTotals(), "after": SchemeTotals()}
        self.groups: dict[str, GroupTotals] = {}

    def add(self, change: Change) -> None:
        """Count one household's change."""
        self.records += 1
        if change.error:
            self.errors += 1
            self.movements["error"] += 1
            return
        # Each figure worked out once (a roll of a million households adds them all).
        before, after = change.paid_before, change.paid_after
        delta = after - before
        movement = change.movement
        self._add_issue15(change, before, after, delta, movement)
        self.before[change.before_status] += 1
        self.after[change.after_status] += 1
        self.transitions[(change.before_status, change.after_status)] += 1
        self.movements[movement] += 1
        self.total_before += before
        self.total_after += after
        if delta > 0:
            self.gained += delta
        elif delta < 0:
            self.lost -= delta
        self.buckets[_bucket(delta)] += 1
        if change.before_temporary is not None or change.after_temporary is not None:
            self.temporary.add(change.before_temporary, change.after_temporary)
        if delta:
            entry = (abs(delta), -change.line, change)
            if len(self._largest) < self.top:
                heapq.heappush(self._largest, entry)
            else:
                heapq.heappushpop(self._largest, entry)

    def _add_issue15(
        self, change: Change, before: Decimal, after: Decimal, delta: Decimal, movement: str
    ) -> None:
        """Count what the issue-15 report shows: the budget year, the rules, the schemes
        and the groups."""
        months = change.months
        year = change.year_change
        self.year_difference += year
        pair = change.rules
        if pair is not None:
            self.pairs[(pair.before_id, pair.before_digest, pair.after_id, pair.after_digest)] += 1
            self.dates[pair.on] += 1
            if pair.pending:
                self.pending.update(pair.pending)
            if pair.changes:
                self.months[(pair.on.year, months)] += 1
                for value in pair.changes:
                    self.value_changes.setdefault((pair.after_id, value), None)
            else:
                self.unchanged[pair.before_id] += 1
        else:
            self.rules_unknown += 1
        self.schemes["before"].add(change.before_status, change.before_parts)
        self.schemes["after"].add(change.after_status, change.after_parts)
        groups = self.groups
        for key in change.groups:
            found = groups.get(key)
            if found is None:
                found = groups[key] = GroupTotals()
            found.count(before, after, year, movement)

    @property
    def rules_differ(self) -> int:
        """How many households were assessed under rules that differ on their date."""
        return sum(self.months.values())

    @property
    def largest(self) -> list[Change]:
        """The biggest changes, largest first (ties in input order)."""
        return [c for _, _, c in sorted(self._largest, reverse=True)]

    @property
    def difference(self) -> Decimal:
        """Monthly cost after minus before."""
        return self.total_after - self.total_before


def _bucket(delta: Decimal) -> int:
    if delta == 0:
        return BUCKET_LABELS.index("0")
    for i, edge in enumerate(BUCKET_EDGES):
        if delta < edge:
            return i
    return len(BUCKET_LABELS) - 1


def diff_rows(a: RulesAt, b: RulesAt, lang: str = "en") -> list[dict[str, Any]]:
    """The rule keys whose values (or sources) differ between two snapshots.

    One row per key, in key order: ``{"key", "a", "b"}``, each side its value as written,
    the date it has been in force since and its source, or None where the key is not in
    force (what `meanstest rules diff` shows, and what a proposal changes); a source's
    note in the language.
    """
    rows = []
    for key in sorted(set(a.params) | set(b.params)):
        pa, pb = a.params.get(key), b.params.get(key)
        if pa is not None and pb is not None and pa.value == pb.value and pa.source == pb.source:
            continue
        rows.append(
            {
                "key": key,
                "a": None
                if pa is None
                else {
                    "value": pa.written,
                    "since": pa.since.isoformat(),
                    "source": pa.source.as_json(lang),
                },
                "b": None
                if pb is None
                else {
                    "value": pb.written,
                    "since": pb.since.isoformat(),
                    "source": pb.source.as_json(lang),
                },
            }
        )
    return rows
