"""Stage B, part 4: the warnings, in the order the reference engine first uses each rule.

The reference warns of every provisional or unofficially sourced rule the assessment
used, in the order of first use (`engine.context`). Here each place where the reference
uses a rule is an *event*: the rule (its key, per snapshot and per type, in
`rule_arrays`), when it happens (a mask over households, members or items) and where in
the reference's order (a position: the step, then the member or item, then the place
within it). A household's warnings are its warned-of keys by earliest event.

The positions follow `engine.assess` step by step: membership, the standard, 特困 for
each counted member in turn (work capacity; own income item by item; own property;
what the household holds in common), 特困's supporters and standards, income items,
deductions (refusal, threshold, caps), the reference period, property,
the edge multiplier, single-person enrolment, rigid expenditure, 分类施保, the benefit's
rounding and method, unsupported children.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..ruleset.views import AREAS
from .parse import Roll
from .rule_tables import CAPS, CARE_BANDS, REPEAT, WAGES
from .segments import patterns
from .status import DIBAO, NOT_ELIGIBLE, RIGID, SINGLE

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .compute import Vars
    from .rule_arrays import Rules

NEVER = np.iinfo(np.int64).max
# Rules whose absence the reference takes in its stride (a deduction with no rule is
# refused; tiers, rigid expenditure's income and ratio are then not assessed).
_MISSING_IS_FINE = frozenset({"tiers", "disp_urban", "disp_rural", "ratio"})
_ASSETS = ("fin_types", "fin_lim", "veh", "veh_ex", "house", "biz", "biz_ex")


def position(phase: int, k: Any = 0, step: Any = 0, sub: Any = 0) -> Any:
    """Where an event falls in the reference's order (arrays or numbers)."""
    return phase * 10**12 + k * 10**8 + step * 10**4 + sub


class Events:
    """The earliest event of each warned-of key for each household; and the households
    that use a rule missing on their date (the reference fails there: ``missing``)."""

    def __init__(self, v: Vars, rules: Rules) -> None:
        self.v, self.rules, self.a = v, rules, rules.a
        warned = set()
        for name, array in rules.a.items():
            if name.startswith("w_") and array.any():
                keys = rules.a["k_" + name[2:]]
                warned.update(keys[array & (keys >= 0)].tolist())
        self.columns = {key: i for i, key in enumerate(sorted(warned))}
        self.lookup = np.full(len(rules.keys) + 1, -1, dtype=np.int64)
        for key, column in self.columns.items():
            self.lookup[key] = column
        self.first = np.full((len(v["sid"]), max(len(self.columns), 1)), NEVER, dtype=np.int64)
        self.missing = np.zeros(len(v["sid"]), dtype=np.bool_)

    def add(
        self,
        rows: NDArray[np.int64],
        keys: NDArray[np.int64],
        warn: NDArray[np.bool_],
        pos: NDArray[np.int64] | int,
        missing: NDArray[np.bool_] | None = None,
    ) -> None:
        """Events of households ``rows`` for rule keys ``keys`` (-1: no rule), where
        ``warn`` (and the rule is warned of) or ``missing`` (the rule is missing)."""
        if missing is not None and missing.any():
            self.missing[rows[missing]] = True
        pos = np.broadcast_to(np.asarray(pos, dtype=np.int64), rows.shape)
        take = warn & (keys >= 0)
        if not take.any():
            return
        rows, cols, pos = rows[take], self.lookup[keys[take]], pos[take]
        np.minimum.at(self.first, (rows, cols), pos)

    def household(
        self,
        name: str,
        when: NDArray[np.bool_],
        pos: NDArray[np.int64] | int,
    ) -> None:
        """An event of a snapshot rule, for each household where ``when``."""
        sid = self.v["sid"]
        rows = np.flatnonzero(when)
        missing = None if name in _MISSING_IS_FINE else self.a["m_" + name][sid[rows]]
        self.add(
            rows,
            self.a["k_" + name][sid[rows]],
            self.a["w_" + name][sid[rows]],
            pos if isinstance(pos, int) else pos[rows],
            missing,
        )

    def first_member(
        self, name: str, when: NDArray[np.bool_], phase: int, step: int, sub: int = 0
    ) -> None:
        """A per-member event: the household's first member where ``when`` decides."""
        seg = self.v["m_seg"]
        found = seg.first(when)
        has = found >= 0
        k = np.where(has, self.v["m_k"][np.maximum(found, 0)], 0)
        self.household(name, has, position(phase, k, step, sub))

    def ordered(self) -> tuple[NDArray[np.int64], list[str]]:
        """Each household's warned keys in order, as a pattern number, and the patterns
        (JSON arrays of the keys)."""
        names = {i: key for key, i in self.rules.keys.items()}
        by_column = [names[k] for k, _ in sorted(self.columns.items(), key=lambda x: x[1])]
        order = np.argsort(self.first, axis=1, kind="stable")
        used = np.take_along_axis(self.first, order, axis=1) < NEVER
        which, found = patterns(np.where(used, order, -1))
        words = [
            ",".join([f'"{key}"'] * int(times or 1))
            for key, _, times in (name.partition(REPEAT) for name in by_column)
        ]
        texts = ["[" + ",".join(words[c] for c in row if c >= 0) + "]" for row in found.tolist()]
        return which, texts


def warnings(v: Vars, roll: Roll, rules: Rules) -> tuple[NDArray[np.int64], list[str]]:
    """The warning keys of each household (pattern numbers and texts; see `Events`).

    A household that uses a rule missing on its date is marked for the reference engine
    (``route``), which names the rule in its error record.
    """
    ev = Events(v, rules)
    everyone = np.ones(len(v["sid"]), dtype=np.bool_)
    ev.household("excl", everyone, position(10))
    ev.household("std_urban", v["area"] == 0, position(20))
    ev.household("std_rural", v["area"] == 1, position(20))
    _tekun(ev, v, roll)
    _items(ev, v, roll)
    ev.household("months", everyone, position(80))
    has = {
        "fin_types": everyone,
        "fin_lim": everyone,
        "veh": v["vehicles"] > 0,
        "veh_ex": v["vehicles"] > 0,
        "house": v["houses"] > 0,
        "biz": v["businesses"] > 0,
        "biz_ex": v["businesses"] > 0,
    }
    for j, name in enumerate(_ASSETS):
        ev.household(name, has[name], position(90, 0, j))
    ev.household("edge", everyone, position(100))
    _later(ev, v, rules)
    _top_ups(ev, v)
    v["route"] = np.where((v["route"] == "") & ev.missing, "rules: missing", v["route"])
    return ev.ordered()


def _tekun(ev: Events, v: Vars, roll: Roll) -> None:
    """特困: each counted member's conditions in turn, then supporters and standards."""
    on, reached, school = v["t_on"], v["t_reached"], v["t_school"]
    a, sid = ev.a, v["m_sid"]
    stud = a["stud"][sid]
    ev.first_member("elderly", on, 30, 1)
    ev.first_member("minor", on, 30, 2)
    ev.first_member("stud", on & reached & school, 30, 3)
    ev.first_member("stud_age", on & reached & school & stud, 30, 4)
    ev.first_member(
        "work_gr", on & reached & ~(school & stud & (v["m_age"] < a["stud_age"][sid])), 30, 5
    )
    ev.first_member("excl_types", on, 30, 10)
    own, both = v["t_own"], v["t_both"]
    later = on & ~v["t_over"] & ~v["t_own_fails"]
    tested = later & v["t_shared_means"] & (v["t_income"] + v["t_shared"] < v["t_std"])
    for j, name in enumerate(_ASSETS):
        for step, stats, when in ((5000, own, on & ~v["t_over"]), (9000, both, tested)):
            has = {
                "veh": stats["veh"] > 0,
                "veh_ex": stats["veh"] > 0,
                "house": stats["houses"] > 0,
                "biz": stats["biz"] > 0,
                "biz_ex": stats["biz"] > 0,
            }.get(name, stats["n"] > 0)
            ev.first_member(name, when & (stats["n"] > 0) & has, 30, step + j)
    ev.household("unable_age", v["m_seg"].any(on), position(40, 0, 1))
    ev.household("unable_gr", v["m_seg"].any(on), position(40, 0, 2))
    ev.household("minor", v["m_seg"].any(on), position(40, 0, 3))
    ev.household("dibao_age", v["m_seg"].any(v["t_dibao_asked"]), position(40, 0, 4))
    _tekun_income(ev, v, roll, later & ~v["t_alone"])
    maybe = v["t_maybe"]
    ev.first_member("partial", on & (roll.members.columns["n_care"] > 0), 45, 1)
    # The basic standard, then the care standard of the member's band, those of the
    # household's area; each is used with the minimum wage it is a share of, if any.
    for code_area, area in enumerate(AREAS):
        here = maybe & (v["area"][roll.members.hh] == code_area)
        for step, name, when in (
            (2, f"basic_{area}", here),
            *(
                (3, f"care_{band}_{area}", here & (v["t_band"] == b))
                for b, band in enumerate(CARE_BANDS)
            ),
        ):
            ev.first_member(name, when, 45, step)
            for code, wage in enumerate(WAGES, start=1):
                ev.first_member(wage, when & (a[f"via_{name}"][sid] == code), 45, step, 1)


def _tekun_income(ev: Events, v: Vars, roll: Roll, sharing: NDArray[np.bool_]) -> None:
    """特困's income items: a member's own (or, alone, the household's), then those of
    the household as a whole, met by the first member who gets that far."""
    a, i_sid, t = ev.a, v["i_sid"], v["i_type"]
    member, hh = v["i_member"], roll.incomes.hh
    looked = v["i_own"] & ~a["excl_types"][i_sid, t]
    assisted = looked & v["i_counts"] & a["assist"][i_sid, t]
    alone = (v["size"] == 1)[hh]
    on_member = np.where(member >= 0, v["t_on"][np.maximum(member, 0)], False)
    on_alone = (member < 0) & alone & v["m_seg"].any(v["t_on"])[hh]
    k = np.where(member >= 0, v["m_k"][np.maximum(member, 0)], 0)
    ii = roll.incomes.k
    keys, warn = a["k_counted"][i_sid, t], a["w_counted"][i_sid, t]
    mine = looked & (on_member | on_alone)
    ev.add(hh, keys, warn & mine, position(30, k, 100 + ii))
    ev.add(
        hh,
        a["k_assist"][i_sid],
        a["w_assist"][i_sid] & assisted & (on_member | on_alone),
        position(30, k, 100 + ii, 1),
    )
    first = v["m_seg"].first(sharing)
    reached = (first >= 0)[hh] & (member < 0)
    k_shared = np.where(first >= 0, v["m_k"][np.maximum(first, 0)], 0)[hh]
    ev.add(hh, keys, warn & looked & reached, position(30, k_shared, 6000 + ii))
    ev.add(
        hh,
        a["k_assist"][i_sid],
        a["w_assist"][i_sid] & assisted & reached,
        position(30, k_shared, 6000 + ii, 1),
    )


def _items(ev: Events, v: Vars, roll: Roll) -> None:
    """Income items counted or not, then each claimed expense (its trace step cites only
    rules its assessment used)."""
    a = ev.a
    i_sid, t = v["i_sid"], v["i_type"]
    ev.add(
        roll.incomes.hh,
        a["k_counted"][i_sid, t],
        a["w_counted"][i_sid, t] & v["i_own"],
        position(50, 0, roll.incomes.k),
    )
    e_sid, et, hh, ei = v["e_sid"], v["e_type"], roll.expenses.hh, roll.expenses.k
    reached = ~v["e_not_member"] & ~v["e_missing"]
    ev.add(hh, a["k_ded"][e_sid, et], a["w_ded"][e_sid, et] & reached, position(60, 0, ei))
    ev.add(
        hh,
        a["k_req"][e_sid, et],
        a["w_req"][e_sid, et] & reached & a["e_ded"][e_sid, et],
        position(60, 0, ei, 1),
    )
    ev.add(
        hh,
        a["k_grades"][e_sid, et],
        a["w_grades"][e_sid, et] & reached & a["e_ded"][e_sid, et],
        position(60, 0, ei, 2),
    )
    for j, cap in enumerate(("threshold", *CAPS)):
        ev.add(
            hh,
            a["k_" + cap][e_sid, et],
            a["w_" + cap][e_sid, et] & ~v["e_refused"],
            position(60, 0, ei, 3 + j),
        )


def _later(ev: Events, v: Vars, rules: Rules) -> None:
    """Single-person enrolment, rigid expenditure, the benefit, unsupported children."""
    a, sid, first = ev.a, v["sid"], v["first"]
    not_dibao = ~(v["below"] & v["assets_ok"])
    sp = not_dibao & v["assets_ok"]
    reach = sp & a["sp_on"][sid] & (~a["sp_edge"][sid] | v["under_edge"])
    ev.household("sp_on", sp, position(110, 0, 1))
    ev.household("sp_edge", sp & a["sp_on"][sid], position(110, 0, 2))
    ev.household("sp_grades", reach, position(110, 0, 3))
    ev.household("sp_ill", reach, position(110, 0, 4))
    naming = (first == NOT_ELIGIBLE) & v["assets_ok"] & (v["size"] > 1)
    ev.household("sp_unemp", naming, position(110, 0, 5))
    ev.household("adult", naming & a["sp_unemp"][sid], position(110, 0, 6))
    ev.household("sp_grades", naming & a["sp_unemp"][sid], position(110, 0, 7))
    checked, assessed = v["rigid_checked"], v["rigid_assessed"]
    ev.household("rig_on", checked, position(120, 0, 1))
    ev.household("disp_urban", assessed & (v["area"] == 0), position(120, 0, 2))
    ev.household("disp_rural", assessed & (v["area"] == 1), position(120, 0, 2))
    ev.household("ratio", assessed, position(120, 0, 3))
    ev.household("rig_types", assessed, position(120, 0, 4))
    ev.household("valid", v["status"] == RIGID, position(120, 0, 5))
    paid = (first == DIBAO) | (first == SINGLE)
    for j, name in enumerate(("unit", "mode", "stage")):
        ev.household(name, paid, position(140, 0, 1 + j))
    ev.household("tiers", first == DIBAO, position(140, 0, 4))
    ev.household("method", first == DIBAO, position(140, 0, 5))
    ev.household("min_person", paid, position(140, 0, 6))
    ev.household("min_household", paid, position(140, 0, 7))
    ev.household("combine", v["g_any"], position(140, 0, 8))
    ev.household("child_age", a["child_on"][sid], position(150))


def _top_ups(ev: Events, v: Vars) -> None:
    """分类施保: every group's rule, tested for the first member paid (then for the
    others, which uses nothing new)."""
    a, sid = ev.a, v["sid"]
    tested = v["g_tested"]
    rows = np.flatnonzero(tested)
    for g in range(a["k_g_rule"].shape[1]):
        exists = g < a["g_count"][sid[rows]]
        ev.add(
            rows,
            np.where(exists, a["k_g_rule"][sid[rows], g], -1),
            a["w_g_rule"][sid[rows], g] & exists,
            position(130, 0, g),
        )
