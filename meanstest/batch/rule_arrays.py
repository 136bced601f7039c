"""The rule snapshots of a run as numpy arrays, indexed by snapshot id (``sid``).

`rule_tables.tables` gives each snapshot's values as rows of plain Python values; here
they become arrays the engine indexes with each household's ``sid``: integers (a
missing or unlimited value has a flag of its own), boolean matrices for sets (member
statuses, asset types, income and expense types, disability grades by category), and
for every rule the index of its key in `keys` (-1: no rule there), whether it is warned
of (``w_``), missing (``m_``) and, for a threshold, compared strictly (``strict_``).
An amount (a top-up, a tier, a minimum benefit) is (the standard, when ``std``) × n / d
fen a month; ``via_`` says which minimum wage a 特困 standard is a share of (0: none). Income and
expense types are numbered across the run's snapshots.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..model.vocabulary import IncomeCategory, MemberCondition, codes
from ..ruleset.views import AREAS
from .parse import ASSET_TYPES, CATEGORIES, KINDS, STATUSES
from .rule_groups import group_arrays
from .rule_tables import CAPS, CARE_BANDS, WAGES

if TYPE_CHECKING:
    from numpy.typing import NDArray

MODES = ("half_up", "half_even", "up", "down", "ceiling", "floor")
# A deduction's member conditions, by position; any other is in education.
CONDITIONS = tuple(c for c in codes(MemberCondition) if c != "in_education")
INCOME_CATEGORIES = codes(IncomeCategory)
_GRADE_CATEGORIES = (*CATEGORIES, "any")
# The 特困 standards' rules by area: the basic standard, each self-care band's care.
_TEKUN_STANDARDS = tuple(
    f"{name}_{area}"
    for area in AREAS
    for name in ("basic", *(f"care_{band}" for band in CARE_BANDS))
)
_RULE_NAMES = (
    "excl",
    "std_urban",
    "std_rural",
    "edge",
    "minimum_wage",
    "minimum_wage_previous_year",
    "min_person",
    "min_household",
    "months",
    "fin_types",
    "fin_lim",
    "veh",
    "veh_ex",
    "house",
    "biz",
    "biz_ex",
    "sp_on",
    "sp_edge",
    "sp_grades",
    "sp_ill",
    "sp_unemp",
    "adult",
    "unit",
    "mode",
    "stage",
    "method",
    "tiers",
    "elderly",
    "minor",
    "stud",
    "stud_age",
    "work_gr",
    "excl_types",
    "assist",
    "unable_age",
    "unable_gr",
    "dibao_age",
    "partial",
    *_TEKUN_STANDARDS,
    "combine",
    "rig_on",
    "disp_urban",
    "disp_rural",
    "ratio",
    "rig_types",
    "valid",
    "child_age",
)
_INTS = (
    "std_urban",
    "std_rural",
    "minimum_wage",
    "minimum_wage_previous_year",
    "months",
    "house",
    "adult",
    "unit",
    "elderly",
    "minor",
    "stud_age",
    "unable_age",
    "dibao_age",
    "partial",
    "disp_urban",
    "disp_rural",
    "valid",
    "dd",
    "q",
)
_BOOLS = (
    "veh_ex",
    "biz",
    "biz_ex",
    "sp_on",
    "sp_edge",
    "sp_ill",
    "sp_unemp",
    "stud",
    "tekun_on",
    "classified_on",
    "rigid_on",
    "rig_on",
    "child_on",
)
_AMOUNT_FIELDS = ("std", "n", "d", "inexact")
_EXPENSE_RULES = ("ded", "req", "grades", "threshold", *CAPS)


def via(name: str) -> int:
    """The code of the minimum wage an amount is a share of (0: none)."""
    return 1 + WAGES.index(name) if name else 0


class Rules:
    """Every snapshot added so far, as arrays (rebuilt when first read after one or more
    were added: a block of households assessed on many days adds a snapshot a day, and
    rebuilding at each would cost the square of the number of days)."""

    def __init__(self) -> None:
        self.rows: list[
            tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]
        ] = []
        self.keys: dict[str, int] = {}
        self.income_types: dict[str, int] = {}
        self.expense_types: dict[str, int] = {}
        self._a: dict[str, NDArray[Any]] = {}
        self._stale = False

    @property
    def a(self) -> dict[str, NDArray[Any]]:
        """The arrays, one row per snapshot (built here when a snapshot was added)."""
        if self._stale:
            self._stale = False
            self._build()
        return self._a

    def add(
        self,
        scalars: dict[str, Any],
        incomes: list[dict[str, Any]],
        expenses: list[dict[str, Any]],
        groups: list[dict[str, Any]],
    ) -> int:
        """Add a snapshot's rows; return its id."""
        self.rows.append((scalars, incomes, expenses, groups))
        for row in incomes:
            self.income_types.setdefault(row["type"], len(self.income_types))
        for row in expenses:
            self.expense_types.setdefault(row["type"], len(self.expense_types))
        for row in (scalars, *incomes, *expenses, *groups):
            for name, value in row.items():
                if name.startswith("k_") and value is not None:
                    self.keys.setdefault(value, len(self.keys))
        self._stale = True
        return len(self.rows) - 1

    def key_of(self, key: str | None) -> int:
        return -1 if key is None else self.keys[key]

    def _rule(self, name: str, rows: list[dict[str, Any]], prefix: str = "") -> None:
        """A rule's key index, warning, missing and strictness flags, for every snapshot."""
        a = self.a
        a[f"k_{prefix}{name}"] = np.array(
            [self.key_of(r[f"k_{name}"]) for r in rows], dtype=np.int64
        )
        a[f"w_{prefix}{name}"] = np.array([bool(r[f"w_{name}"]) for r in rows], dtype=bool)
        a[f"m_{prefix}{name}"] = np.array([bool(r[f"m_{name}"]) for r in rows], dtype=bool)
        a[f"strict_{prefix}{name}"] = np.array(
            [r[f"c_{name}"] in ("below", "above") for r in rows], dtype=bool
        )

    def _build(self) -> None:
        scalars = [r[0] for r in self.rows]
        a = self.a
        a.clear()
        for name in _RULE_NAMES:
            self._rule(name, scalars)
        for name in _INTS:
            a[name] = np.array(
                [-1 if r[name] is None else int(r[name]) for r in scalars], dtype=np.int64
            )
        for name in _BOOLS:
            a[name] = np.array([bool(r[name]) for r in scalars], dtype=bool)
        for name in ("edge", "fin_lim", "ratio"):  # None: missing, or unlimited
            a[f"{name}_n"] = np.array(
                [r[name][0] if r[name] else -1 for r in scalars], dtype=np.int64
            )
            a[f"{name}_d"] = np.array(
                [r[name][1] if r[name] else 1 for r in scalars], dtype=np.int64
            )
        a["fin_unlimited"] = np.array([r["fin_lim"] is None for r in scalars], dtype=bool)
        a["house_unlimited"] = np.array([r["house"] is None for r in scalars], dtype=bool)
        a["mode"] = np.array([MODES.index(r["mode"] or "half_up") for r in scalars])
        a["member_stage"] = np.array([r["stage"] == "member_benefit" for r in scalars])
        a["tiered"] = np.array([r["method"] == "tiered" for r in scalars])
        a["combine_sum"] = np.array([r["combine"] == "sum" for r in scalars])
        a["excl"] = _sets([r["excl"] or [] for r in scalars], STATUSES)
        a["fin_types"] = _sets([r["fin_types"] or [] for r in scalars], ASSET_TYPES)
        a["veh"] = _sets([r["veh"] or [] for r in scalars], KINDS)
        for name in ("sp_grades", "work_gr", "unable_gr"):
            a[name] = _grades([r[name] for r in scalars])
        types = tuple(self.income_types)
        a["excl_types"] = _sets([r["excl_types"] or [] for r in scalars], types)
        a["assist"] = _sets([r["assist"] or [] for r in scalars], types)
        a["rig_types"] = _sets([r["rig_types"] or [] for r in scalars], tuple(self.expense_types))
        for name in _TEKUN_STANDARDS:
            a[f"via_{name}"] = np.array([via(r[name] or "") for r in scalars])
        for name in ("min_person", "min_household"):
            self._amounts(name, [[r[name]] for r in scalars])
            a[f"{name}_set"] = np.array([r[name] is not None for r in scalars], dtype=bool)
        self._amounts("tier", [r["tiers"] or [] for r in scalars])
        for field in ("bn", "bd"):
            a[f"tier_{field}"] = _padded([[t[field] for t in r["tiers"] or []] for r in scalars], 1)
        a["tier_count"] = np.array([len(r["tiers"] or []) for r in scalars])
        a["has_tiers"] = np.array([r["tiers"] is not None for r in scalars], dtype=bool)
        self._incomes()
        self._expenses()
        self._groups()

    def _amounts(self, prefix: str, lists: list[list[dict[str, Any] | None]]) -> None:
        """Amounts (several a snapshot: groups, tiers) as [snapshot, index] arrays."""
        for field in _AMOUNT_FIELDS:
            values = [
                [(1 if field == "d" else 0) if item is None else item[field] for item in items]
                for items in lists
            ]
            self.a[f"{prefix}_{field}"] = _padded(values, 1 if field == "d" else 0)

    def _incomes(self) -> None:
        shape = (len(self.rows), max(len(self.income_types), 1))
        declared, counted, missing = (np.zeros(shape, dtype=bool) for _ in range(3))
        kappa, warn = np.full(shape, -1, dtype=np.int64), np.zeros(shape, dtype=bool)
        category = np.full(shape, -1, dtype=np.int64)  # `INCOME_CATEGORIES` (renewals)
        for sid, (_, incomes, _, _) in enumerate(self.rows):
            for row in incomes:
                t = self.income_types[row["type"]]
                category[sid, t] = INCOME_CATEGORIES.index(row["category"])
                declared[sid, t] = True
                counted[sid, t] = bool(row["counted"])
                missing[sid, t] = row["missing"]
                kappa[sid, t] = self.key_of(row["k_counted"])
                warn[sid, t] = bool(row["w_counted"])
        self.a.update(
            i_declared=declared,
            i_counted=counted,
            i_missing=missing,
            k_counted=kappa,
            w_counted=warn,
            i_category=category,
        )

    def _expenses(self) -> None:
        shape = (len(self.rows), max(len(self.expense_types), 1))
        a = self.a
        for name in ("declared", "ded", "ded_missing", "req_other"):
            a[f"e_{name}"] = np.zeros(shape, dtype=bool)
        a["e_req"] = np.zeros((*shape, len(CONDITIONS)), dtype=bool)
        # The disability grades a type is limited to: [sid, t, category (``any`` last), grade].
        a["e_grades_set"] = np.zeros(shape, dtype=bool)
        a["e_grades"] = np.zeros((*shape, len(_GRADE_CATEGORIES), 5), dtype=bool)
        for name in _EXPENSE_RULES:
            a[f"k_{name}"] = np.full(shape, -1, dtype=np.int64)
            a[f"w_{name}"] = np.zeros(shape, dtype=bool)
        for cap in (*CAPS, "threshold"):
            a[f"{cap}_set"] = np.zeros(shape, dtype=bool)  # a limit, not unlimited
            a[cap] = np.zeros(shape, dtype=np.int64)
        a["share_d"] = np.ones(shape, dtype=np.int64)
        a["threshold_d"] = np.ones(shape, dtype=np.int64)
        a["threshold_share"] = np.zeros(shape, dtype=bool)
        for sid, (_, _, expenses, _) in enumerate(self.rows):
            for row in expenses:
                self._expense(sid, self.expense_types[row["type"]], row)

    def _expense(self, sid: int, t: int, row: dict[str, Any]) -> None:
        a = self.a
        a["e_declared"][sid, t] = True
        a["e_ded"][sid, t] = bool(row["ded"])
        a["e_ded_missing"][sid, t] = row["ded"] is None
        if row["req"] is not None:
            for c, condition in enumerate(CONDITIONS):
                a["e_req"][sid, t, c] = condition in row["req"]
            a["e_req_other"][sid, t] = any(c not in CONDITIONS for c in row["req"])
        if row["grades"] is not None:
            a["e_grades_set"][sid, t] = True
            a["e_grades"][sid, t] = _grades([row["grades"]])[0]
        for name in _EXPENSE_RULES:
            a[f"k_{name}"][sid, t] = self.key_of(row[f"k_{name}"])
            a[f"w_{name}"][sid, t] = bool(row[f"w_{name}"])
        if row["threshold"] is not None:
            n, d, share = row["threshold"]
            a["threshold_set"][sid, t] = True
            a["threshold"][sid, t], a["threshold_d"][sid, t] = n, d
            a["threshold_share"][sid, t] = share
        for cap in CAPS:
            value = row[cap]
            if value is not None:
                a[f"{cap}_set"][sid, t] = True
                a[cap][sid, t] = value[0] if cap == "share_of_income" else value
                if cap == "share_of_income":
                    a["share_d"][sid, t] = value[1]

    def _groups(self) -> None:
        self.a.update(group_arrays([groups for _, _, _, groups in self.rows], self.key_of))


def _padded(lists: list[list[Any]], fill: Any) -> NDArray[Any]:
    most = max([len(x) for x in lists] + [1])
    return np.array([list(x) + [fill] * (most - len(x)) for x in lists])


def _sets(lists: list[list[str]], words: tuple[str, ...]) -> NDArray[np.bool_]:
    out = np.zeros((len(lists), max(len(words), 1)), dtype=bool)
    index = {w: i for i, w in enumerate(words)}
    for row, listed in enumerate(lists):
        for word in listed or ():
            if word in index:
                out[row, index[word]] = True
    return out


def _grades(lists: list[list[str] | None]) -> NDArray[np.bool_]:
    """``category:grade`` words as a matrix [snapshot, category (``any`` last), grade]."""
    out = np.zeros((len(lists), len(_GRADE_CATEGORIES), 5), dtype=bool)
    for row, words in enumerate(lists):
        for word in words or ():
            category, grade = word.split(":")
            out[row, _GRADE_CATEGORIES.index(category), int(grade)] = True
    return out


def disabled_in(
    grades: NDArray[np.bool_],
    sid: NDArray[np.int64],
    category: NDArray[np.int64],
    grade: NDArray[np.int64],
) -> NDArray[np.bool_]:
    """Whether each member's disability (category -1: none) is in the snapshot's grades."""
    known = category >= 0
    cat = np.maximum(category, 0)
    out: NDArray[np.bool_] = known & (grades[sid, cat, grade] | grades[sid, -1, grade])
    return out
