"""The parts of one household's comparison that the report breaks down (issue 15).

Pure functions of a household, its results and the two rule sets, so that any engine
that compares (the row engine in `compare`, a columnar one) fills the same fields:

- `household_groups`: the breakdown groups of a household on its assessment date;
- `parts_of`: what a result pays a month, by scheme;
- `rules_pair`: the two rule snapshots a household is compared under, the values that
  differ on the date, the date from which the proposal is in force and the proposal's
  values that come into force only later.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from .model.household import Household
from .model.result import Assessment
from .money import ZERO
from .ruleset.model import RuleSet

__all__ = [
    "GROUPS",
    "Parts",
    "RulesPair",
    "ValueChange",
    "household_groups",
    "parts_of",
    "rules_pair",
]

# The groups of the breakdown. A household is "elderly" with a member aged 60 or more
# (老年人, the Law on the Protection of the Rights of the Elderly, Art. 2), has "minors"
# with a member under 18, and "severely_disabled" with a member holding a grade 1 or 2
# disability certificate (一、二级, 重度残疾); household sizes above 5 are counted as 5+.
ELDERLY_AGE = 60
ADULT_AGE = 18
SEVERE_GRADES = frozenset({1, 2})
GROUPS = ("elderly", "minors", "severely_disabled")


def household_groups(household: Household, on: dt.date) -> tuple[str, ...]:
    """The breakdown groups a household belongs to on its assessment date.

    Keys: ``elderly``, ``minors``, ``severely_disabled``, ``size:N`` (``size:5+``), and,
    when the roll gives them (the optional household fields ``township`` and
    ``village``), ``township:NAME`` and ``village:TOWNSHIP/NAME``.
    """
    ages = [m.age_on(on) for m in household.members]
    keys = []
    if any(age >= ELDERLY_AGE for age in ages):
        keys.append("elderly")
    if any(age < ADULT_AGE for age in ages):
        keys.append("minors")
    if any(
        m.disability is not None and m.disability.grade in SEVERE_GRADES for m in household.members
    ):
        keys.append("severely_disabled")
    size = len(household.members)
    keys.append(f"size:{size}" if size < 5 else "size:5+")
    # Optional fields (added on another branch): read only when the model has them.
    township = getattr(household, "township", None)
    village = getattr(household, "village", None)
    if isinstance(township, str) and township:
        keys.append(f"township:{township}")
    if isinstance(village, str) and village:
        keys.append(f"village:{township or ''}/{village}")
    return tuple(keys)


class Parts(NamedTuple):
    """What a household is paid a month under one rule set, by scheme, and how many of
    its members each scheme pays: the dibao gap (a household's; ``single`` for 单人户
    members), the 分类施保 top-ups and the 特困 support."""

    dibao: Decimal = ZERO
    single: Decimal = ZERO
    classified: Decimal = ZERO
    tekun: Decimal = ZERO
    single_persons: int = 0
    classified_persons: int = 0
    tekun_persons: int = 0
    persons: int = 0  # the household's size as assessed: the persons dibao or edge covers


def parts_of(a: Assessment) -> Parts:
    """Split what a result pays by scheme."""
    top_ups = a.benefit.top_ups
    gap = a.benefit.monthly - top_ups
    single = a.status == "dibao_single"
    return Parts(
        dibao=gap if a.status in ("dibao", "phase_out") else ZERO,
        single=gap if single else ZERO,
        classified=top_ups,
        tekun=a.tekun_support_monthly,
        single_persons=sum(1 for m in a.members if m.single_person) if single else 0,
        persons=a.household_size,
        classified_persons=sum(
            1 for m in a.members if m.top_up is not None and m.top_up.monthly > 0
        ),
        tekun_persons=sum(
            1
            for m in a.members
            if m.tekun is not None and m.tekun.eligible is True and m.tekun.support_monthly > 0
        ),
    )


class ValueChange(NamedTuple):
    """A rule value the proposal changes, as in force on the assessment date: its key,
    unit and each side's value as written and the date it is in force from (None: the
    key is not in force on that side)."""

    key: str
    unit: str | None
    before: str | None
    before_since: dt.date | None
    after: str | None
    after_since: dt.date | None
    # Whether each side's value is unsourced (provisional): the report says so.
    before_provisional: bool = False
    after_provisional: bool = False


class RulesPair(NamedTuple):
    """The two rule snapshots a household was compared under.

    ``changes`` are the values that differ on the date ``on``; ``effective`` is the date
    from which all of them are in force (the latest of the proposal's dates among them;
    None when nothing differs); ``pending`` are the dates of the proposal's values that
    come into force only after ``on`` (not costed).
    """

    on: dt.date
    before_id: str
    before_digest: str
    after_id: str
    after_digest: str
    changes: tuple[ValueChange, ...]
    effective: dt.date | None
    pending: tuple[dt.date, ...]

    @property
    def months(self) -> int:
        """The months of the budget year (the calendar year of ``on``) the proposal is
        paid in: from the month it takes effect to December, or all 12."""
        if self.effective is None or self.effective.year < self.on.year:
            return 12
        return 13 - self.effective.month


def rules_pair(base: RuleSet, proposed: RuleSet, on: dt.date) -> RulesPair:
    """Compare two rule sets on a date: what differs, and what comes later."""
    a, b = base.at(on), proposed.at(on)
    changes = []
    for key in sorted(set(a.params) | set(b.params)):
        pa, pb = a.params.get(key), b.params.get(key)
        if pa is not None and pb is not None and pa.value == pb.value and pa.source == pb.source:
            continue
        series = proposed.series.get(key) or base.series.get(key)
        changes.append(
            ValueChange(
                key,
                series.unit if series else None,
                None if pa is None else pa.written,
                None if pa is None else pa.since,
                None if pb is None else pb.written,
                None if pb is None else pb.since,
                pa is not None and pa.provisional,
                pb is not None and pb.provisional,
            )
        )
    sinces = [c.after_since for c in changes if c.after_since is not None]
    pending: set[dt.date] = set()
    for key, series in proposed.series.items():
        old = base.series.get(key)
        known = set() if old is None else {(e.start, e.written) for e in old.entries}
        pending.update(
            e.start for e in series.entries if e.start > on and (e.start, e.written) not in known
        )
    return RulesPair(
        on,
        a.id,
        a.digest,
        b.id,
        b.digest,
        tuple(changes),
        max(sinces) if changes and sinces else None,
        tuple(sorted(pending)),
    )
