"""Stage B, part 3: status, single-person enrolment, 刚性支出, 分类施保 and the benefit.

The reference engine's `engine.status`, `engine.ladder` and `engine.benefit` in exact
integers. Counted income is fen × ``dd`` a year; the benefit is a fraction of a fen over
``den = 12 × dd × q`` (``q``: the power of ten that makes every share of the standard
paid a whole number), rounded once as the rules say, by integer division.

The reference computes with 34-digit decimals: a twelfth of a sum, a share of a twelfth.
Where such a value does not terminate (its numerator is not a multiple of 3) its decimal
is a hair off the exact fraction, which changes the rounding only when the exact benefit
lies right on a rounding boundary (half a fen for half-up, a whole unit for round-up).
Such a household goes to the reference engine (``route``), as does an eligible
household whose benefit rounds to nothing (the reference then assesses it again as if
at the line) and one at a tie of the property limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .parse import EMPLOYMENT, Roll
from .rule_arrays import MODES, disabled_in
from .segments import product, sum_by

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .compute import Vars
    from .rule_arrays import Rules

DIBAO, SINGLE, EDGE, NOT_ELIGIBLE, RIGID = range(5)
STATUS_NAMES = ("dibao", "dibao_single", "edge", "not_eligible", "rigid_expenditure")
_NO_WORK = [EMPLOYMENT.index("unemployed"), EMPLOYMENT.index("unable")]


def status(v: Vars, roll: Roll, rules: Rules) -> None:
    """dibao, dibao_single (each member's gap), edge or not eligible; then 刚性支出."""
    a, sid, std, size, dd = rules.a, v["sid"], v["std"], v["size"], v["dd"]
    line = product(std, size, dd)
    below = v["counted"] < line
    under_edge = product(v["counted"], a["edge_d"][sid]) < product(line, a["edge_n"][sid])
    assets_ok = v["assets_ok"]
    hh, m = roll.members.hh, roll.members.columns
    m_sid = v["m_sid"]
    alone = (size == 1)[hh]
    counts = v["i_own"] & v["i_counts"]
    annual = np.where(counts, v["i_annual"], 0)
    income = sum_by(v["i_member"], annual, len(roll.members)) + np.where(
        alone, v["i_seg"].sum(np.where(v["i_member"] < 0, annual, 0))[hh], 0)
    taken = sum_by(v["e_member"], v["e_accepted"], len(roll.members)) + np.where(
        alone, v["e_seg"].sum(np.where(v["e_member"] < 0, v["e_accepted"], 0))[hh], 0)
    own = np.maximum(income * dd[hh] - taken, 0)
    sp_disabled = disabled_in(a["sp_grades"], m_sid, m["dis_cat"], m["dis_grade"])
    full = std[hh] * dd[hh]
    gap = full - own
    single = (v["m_counted"] & (assets_ok & ~below)[hh] & a["sp_on"][m_sid]
              & (~a["sp_edge"][m_sid] | under_edge[hh])
              & (sp_disabled | (a["sp_ill"][m_sid] & m["ill"])) & (gap > 0))
    may = (v["m_counted"] & a["sp_unemp"][m_sid]
           & np.isin(m["emp"], _NO_WORK) & (own < full) & (v["m_age"] >= a["adult"][m_sid])
           & sp_disabled)
    seg = v["m_seg"]
    singles = seg.count(single)
    first = np.where(below & assets_ok, DIBAO, np.where(
        singles > 0, SINGLE, np.where(assets_ok & under_edge, EDGE, NOT_ELIGIBLE)))
    named = seg.count(may) * ((first == NOT_ELIGIBLE) & assets_ok & (size > 1)
                              & a["sp_unemp"][sid])
    v.update(below=below, under_edge=under_edge, m_single=single, m_gap=np.where(single, gap, 0),
             singles=singles, named=named, first=first)
    _rigid(v, rules)


def _rigid(v: Vars, rules: Rules) -> None:
    a, sid = rules.a, v["sid"]
    checked = a["rigid_on"][sid] & (v["first"] == NOT_ELIGIBLE) & v["assets_ok"]
    disposable = np.where(v["area"] == 0, a["disp_urban"][sid], a["disp_rural"][sid])
    assessed = checked & a["rig_on"][sid] & (disposable >= 0) & (a["ratio_n"][sid] >= 0)
    under = v["counted"] < product(disposable, v["dd"], v["size"])
    e_sid = v["e_sid"]
    spent = v["e_seg"].sum(np.where(~v["e_not_member"] & a["rig_types"][e_sid, v["e_type"]],
                                    v["e_claim"], 0))
    before = v["gross"] - v["exempt"]
    over = np.where(before == 0, spent > 0, product(spent, a["ratio_d"][sid])
                    > product(a["ratio_n"][sid], before))
    met = assessed & under & over
    v.update(rigid_checked=checked, rigid_assessed=assessed, rigid_met=met,
             status=np.where(met, RIGID, v["first"]))


def top_ups(v: Vars, roll: Roll, rules: Rules) -> None:
    """Each paid member's 分类施保 top-up (fen over 12 × q), by group and combined."""
    a, hh, m = rules.a, roll.members.hh, roll.members.columns
    sid = v["m_sid"]
    first = v["first"][hh]
    paid = a["classified_on"][sid] & ((v["m_counted"] & (first == DIBAO))
                                      | (v["m_single"] & (first == SINGLE)))
    groups = a["g_count"].max() if len(a["g_count"]) else 0
    n = len(hh)
    shape = (n, max(int(groups), 1))
    g = np.arange(shape[1])
    exists = g[None, :] < a["g_count"][sid][:, None]
    age = v["m_age"][:, None]
    age_from, age_below = a["g_age_from"][sid], a["g_age_below"][sid]
    p1 = (age_from < 0) | (age >= age_from)
    p2 = (age_below < 0) | (age < age_below)
    cat, grade = np.maximum(m["dis_cat"], 0)[:, None], m["dis_grade"][:, None]
    sids = sid[:, None]
    in_grades = (m["dis_cat"] >= 0)[:, None] & (a["g_grades"][sids, g[None, :], cat, grade]
                                               | a["g_grades"][sids, g[None, :], -1, grade])
    p3 = ~a["g_has_grades"][sid] | in_grades
    p4 = ~a["g_illness"][sid] | m["ill"][:, None]
    inside = paid[:, None] & exists & p1 & p2 & p3 & p4
    std, q = v["std"][hh][:, None], a["q"][sid][:, None]
    amount = np.where(a["g_share"][sid], product(std, a["g_amount_n"][sid],
                                                 q // a["g_amount_d"][sid]),
                      product(a["g_amount_n"][sid], 12, q))
    inexact = a["g_share"][sid] & (std % 3 != 0) & (a["g_amount_n"][sid] != 0)
    total = np.where(a["combine_sum"][sid], np.where(inside, amount, 0).sum(axis=1),
                     np.where(inside, amount, -1).max(axis=1))
    v.update(g_paid=paid & exists.any(axis=1), g_exists=exists, g_p1=p1, g_p2=p2, g_p3=p3,
             g_inside=inside, m_top_up=np.maximum(total, 0) * inside.any(axis=1),
             m_top_up_inexact=(inside & inexact).any(axis=1))


def quantize(num: NDArray[Any], den: NDArray[Any], unit: NDArray[np.int64],
             mode: NDArray[np.int64]) -> tuple[NDArray[Any], NDArray[np.bool_]]:
    """``num/den`` fen rounded to the unit (10**unit yuan) by each mode; and whether the
    fraction lies on a boundary of that rounding."""
    step = product(den, 10 ** (unit + 2))
    whole, rest = num // step, num % step
    half = 2 * rest
    up = {"half_up": half >= step,
          "half_even": (half > step) | ((half == step) & (whole % 2 == 1)),
          "up": rest > 0, "ceiling": rest > 0, "down": rest < 0, "floor": rest < 0}
    bump = np.zeros(len(num), dtype=np.bool_)
    edge = np.zeros(len(num), dtype=np.bool_)
    for index, name in enumerate(MODES):
        chosen = mode == index
        bump |= chosen & up[name]
        edge |= chosen & ((half == step) if name.startswith("half") else (rest == 0))
    return (whole + bump) * 10 ** (unit + 2), edge


def benefit(v: Vars, roll: Roll, rules: Rules) -> None:
    """The benefit of a paid household: the gap (or tiers) and top-ups, rounded once."""
    a, sid, hh = rules.a, v["sid"], roll.members.hh
    dd, q, std, size, counted = v["dd"], a["q"][sid], v["std"], v["size"], v["counted"]
    den = product(12, dd, q)
    first = v["first"]
    dibao = first == DIBAO
    gap = product(std, size, dd) - counted
    chosen = np.zeros(len(sid), dtype=np.bool_)
    tier_num = np.zeros(len(sid), dtype=np.int64)
    tier_inexact = np.zeros(len(sid), dtype=np.bool_)
    for t in range(a["tier_bn"].shape[1]):
        hit = ((t < a["tier_count"][sid]) & ~chosen & (product(counted, a["tier_bd"][sid, t])
               < product(std, a["tier_bn"][sid, t], dd, size)))
        share = a["tier_share"][sid, t]
        an, ad = a["tier_an"][sid, t], a["tier_ad"][sid, t]
        each = np.where(share, product(std, an, q // ad, dd), product(an, 12, dd, q))
        tier_num = np.where(hit, product(each, size), tier_num)
        tier_inexact |= hit & share & (an != 0) & (std % 3 != 0)
        chosen |= hit
    tiered = a["tiered"][sid] & a["has_tiers"][sid]
    core = np.where(tiered, tier_num, product(gap, q))
    core_inexact = np.where(tiered, tier_inexact, gap % 3 != 0)
    seg = v["m_seg"]
    single = v["m_single"] & (first == SINGLE)[hh]
    pieces = {"single": (np.where(single, product(v["m_gap"], q[hh]), 0),
                         single & (v["m_gap"] % 3 != 0)),
              "top_up": (product(v["m_top_up"], dd[hh]), v["g_paid"] & v["m_top_up_inexact"])}
    raw = np.where(dibao, core, 0) + sum(seg.sum(num) for num, _ in pieces.values())
    inexact = (dibao & core_inexact) | seg.any(pieces["single"][1] | pieces["top_up"][1])
    unit, mode = a["unit"][sid], a["mode"][sid]
    after, edge = quantize(raw, den, unit, mode)
    each_after = np.zeros(len(sid), dtype=np.int64)
    each_unsure = np.zeros(len(sid), dtype=np.bool_)
    for num, odd in pieces.values():
        done, on_edge = quantize(num, den[hh], unit[hh], mode[hh])
        each_after = each_after + seg.sum(np.where(num != 0, done, 0))
        each_unsure |= seg.any(on_edge & odd & (num != 0))
    by_member = a["member_stage"][sid] & (first == SINGLE)
    paid = dibao | (first == SINGLE)
    amount = np.where(paid, np.where(by_member, each_after, after), 0)
    unsure = paid & np.where(by_member, each_unsure, edge & inexact)
    v["benefit"] = amount
    v["route"] = np.where(v["route"] != "", v["route"], np.select(
        [(v["fin_cmp"] == 0) | v["t_tie"], dibao & a["tiered"][sid] & ~a["has_tiers"][sid],
         unsure, paid & (amount <= 0)],
        ["tie", "rules: tiers", "rounding", "zero_benefit"], ""))
