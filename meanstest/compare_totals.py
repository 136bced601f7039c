"""The running totals of a comparison's report (issue 15) that `compare.Summary` keeps:
households, members and amounts by scheme, per breakdown group, and the one-off cost
of temporary assistance. Their names are in `compare` too.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .money import ZERO

if TYPE_CHECKING:
    from decimal import Decimal

    from .compare import Change, TemporaryCost
    from .compare_parts import Parts


# The schemes of the cost table: households by status (dibao with phase-out, 单人户
# dibao, edge) and by what they are paid (分类施保 top-ups, 特困 support).
SCHEMES = ("dibao", "dibao_single", "edge", "classified", "tekun")


class SchemeTotals:
    """Households, members and monthly amounts by scheme, under one rule set."""

    def __init__(self) -> None:
        self.households: Counter[str] = Counter()
        self.persons: Counter[str] = Counter()
        self.monthly = dict.fromkeys(SCHEMES, ZERO)

    def add(self, status: str, parts: Parts | None) -> None:
        """Count one household's status and payments."""
        if status in ("dibao", "phase_out"):
            self.households["dibao"] += 1
        elif status in ("dibao_single", "edge"):
            self.households[status] += 1
        if parts is None:
            return
        if status in ("dibao", "phase_out", "edge"):
            self.persons["edge" if status == "edge" else "dibao"] += parts.persons
        self.monthly["dibao"] += parts.dibao
        self.monthly["dibao_single"] += parts.single
        self.persons["dibao_single"] += parts.single_persons
        for scheme, amount, persons in (
            ("classified", parts.classified, parts.classified_persons),
            ("tekun", parts.tekun, parts.tekun_persons),
        ):
            if amount > 0 or (scheme == "tekun" and status == "tekun"):
                self.households[scheme] += 1
                self.persons[scheme] += persons
                self.monthly[scheme] += amount


class GroupTotals:
    """One group of the breakdown: households, what they are paid a month before and
    after, for the rest of the budget year, and how many enter or leave."""

    def __init__(self) -> None:
        self.households = 0
        self.before = ZERO
        self.after = ZERO
        self.year_difference = ZERO
        self.enters = 0
        self.leaves = 0

    def add(self, change: Change) -> None:
        """Count one household of the group."""
        self.count(change.paid_before, change.paid_after, change.year_change, change.movement)

    def count(self, before: Decimal, after: Decimal, year: Decimal, movement: str) -> None:
        """Count one household of the group from its figures: paid a month before and
        after, the difference over the budget year, and its movement."""
        self.households += 1
        self.before += before
        self.after += after
        self.year_difference += year
        if movement == "enters":
            self.enters += 1
        elif movement == "leaves":
            self.leaves += 1


def group_order(key: str) -> tuple[int, str]:
    """The order groups are listed in: the fixed groups, sizes, townships, villages."""
    kind = key.split(":", 1)[0]
    rank = {
        "elderly": 0,
        "minors": 1,
        "severely_disabled": 2,
        "size": 3,
        "township": 4,
        "village": 5,
    }.get(kind, 6)
    return rank, key


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
