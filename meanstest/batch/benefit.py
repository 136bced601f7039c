"""Stage B, part 5: the benefit, as `engine.benefit` computes it, in exact integers.

Every figure is a numerator over ``den = 12 × dd × q`` fen a month (``dd``, ``q``: the
powers of ten that make every deduction limit and every share paid whole numbers). The
core is the household's gap (or its tier) shared equally by its members, or each
single-person member's own gap; a minimum benefit per person raises a share below it,
one per household the total (then shared equally); the 分类施保 top-ups are added; the
sum is rounded once on the household, or each piece on its own (``member_benefit``).

The reference computes with 34-digit decimals: a twelfth of a sum, a share of a twelfth,
a household's core divided by its size. Where such a value does not terminate, its
decimal is a hair off the exact fraction, which matters only where the exact figure lies
right on a rounding boundary (half a unit for half-up, a whole unit for round-up), or
ties with a minimum benefit. Such a household goes to the reference engine (``route``),
as does one at a tie of the property limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from . import groups
from .rule_arrays import MODES
from .segments import product
from .status import DIBAO, SINGLE, amounts

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .compute import Vars
    from .parse import Roll
    from .rule_arrays import Rules

_TWO_62, _FIVE_26 = 2**62, 5**26  # above any power of 2 or 5 in a denominator here


def terminates(num: NDArray[Any], den: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Whether each ``num / den`` (den > 0) is a decimal that ends."""
    rest = np.asarray(num % den, dtype=np.int64)
    reduced = den // np.gcd(rest, den)
    odd = reduced // np.gcd(reduced, _TWO_62)
    out: NDArray[np.bool_] = _FIVE_26 % odd == 0
    return out


def quantize(
    num: NDArray[Any], den: NDArray[Any], unit: NDArray[np.int64], mode: NDArray[np.int64]
) -> tuple[NDArray[Any], NDArray[np.bool_]]:
    """``num/den`` fen rounded to the unit (10**unit yuan) by each mode; and whether the
    fraction lies on a boundary of that rounding."""
    step = product(den, 10 ** (unit + 2))
    whole, rest = num // step, num % step
    half = 2 * rest
    up = {
        "half_up": half >= step,
        "half_even": (half > step) | ((half == step) & (whole % 2 == 1)),
        "up": rest > 0,
        "ceiling": rest > 0,
        "down": rest < 0,
        "floor": rest < 0,
    }
    bump = np.zeros(len(num), dtype=np.bool_)
    edge = np.zeros(len(num), dtype=np.bool_)
    for index, name in enumerate(MODES):
        chosen = mode == index
        bump |= chosen & up[name]
        edge |= chosen & ((half == step) if name.startswith("half") else (rest == 0))
    return (whole + bump) * 10 ** (unit + 2), edge


def _core(v: Vars, rules: Rules, den: NDArray[np.int64]) -> tuple[NDArray[Any], NDArray[np.bool_]]:
    """A dibao household's core over ``den`` (its gap, or its tier × size), and whether
    the reference holds it inexactly."""
    a, sid = rules.a, v["sid"]
    std, size, counted, dd = v["std"], v["size"], v["counted"], v["dd"]
    chosen = np.zeros(len(sid), dtype=np.bool_)
    tier = np.zeros(len(sid), dtype=np.int64)
    tier_inexact = np.zeros(len(sid), dtype=np.bool_)
    for t in range(a["tier_bn"].shape[1]):
        # The first tier whose bound the per-capita income is below (exact: crossed).
        hit = (
            (t < a["tier_count"][sid])
            & ~chosen
            & (
                product(counted, a["tier_bd"][sid, t])
                < product(std, a["tier_bn"][sid, t], dd, size)
            )
        )
        each, inexact = amounts(rules, "tier", sid, std, den, t)
        tier = np.where(hit, product(each, size), tier)
        tier_inexact |= hit & inexact
        chosen |= hit
    gap = product(product(std, size, dd) - counted, a["q"][sid])
    tiered = a["tiered"][sid] & a["has_tiers"][sid]
    return np.where(tiered, tier, gap), np.where(tiered, tier_inexact, gap % 3 != 0)


class _Shares(NamedTuple):
    """The pieces before rounding: ``equal`` households pay ``n`` equal shares of
    ``core``; the others each single member's ``m_share``; all over ``den``."""

    equal: NDArray[np.bool_]
    n: NDArray[np.int64]
    core: NDArray[Any]
    core_inexact: NDArray[np.bool_]
    share_inexact: NDArray[np.bool_]
    m_share: NDArray[Any]
    m_inexact: NDArray[np.bool_]
    lifted: NDArray[np.bool_]
    lifted_h: NDArray[np.bool_]
    tie: NDArray[np.bool_]


def _shares(v: Vars, roll: Roll, rules: Rules, den: NDArray[np.int64]) -> _Shares:
    """The members' shares, raised to the minimum benefits (`engine.benefit._minimum`)."""
    a, sid, hh, seg = rules.a, v["sid"], roll.members.hh, v["m_seg"]
    std, size = v["std"], v["size"]
    dibao, singles = v["first"] == DIBAO, v["first"] == SINGLE
    paid = dibao | singles
    core, core_inexact = _core(v, rules, den)
    # Equal shares (a dibao household's core; any household's minimum): n × (C / n).
    n_eq = np.maximum(np.where(dibao, size, v["singles"]), 1)
    share_inexact = core_inexact | ~terminates(core, den * n_eq)
    least, least_inexact = amounts(rules, "min_person", sid, std, den)
    has_least = a["min_person_set"][sid] & paid
    lifted = has_least & dibao & (core < product(least, size))
    tie = has_least & dibao & (core == product(least, size)) & (share_inexact | least_inexact)
    core = np.where(lifted, product(least, size), core)
    share_inexact = np.where(lifted, least_inexact, share_inexact)
    core_inexact = np.where(lifted, least_inexact, core_inexact)
    m_paid = v["m_single"] & singles[hh]
    m_share = np.where(m_paid, product(v["m_gap"], a["q"][sid][hh]), 0)
    m_inexact = m_paid & (v["m_gap"] % 3 != 0)
    m_lifted = m_paid & has_least[hh] & (m_share < least[hh])
    tie |= seg.any(
        m_paid & has_least[hh] & (m_share == least[hh]) & (m_inexact | least_inexact[hh])
    )
    m_share = np.where(m_lifted, least[hh], m_share)
    m_inexact = np.where(m_lifted, least_inexact[hh], m_inexact)
    lifted |= singles & seg.any(m_lifted)
    # The minimum per household, against the total of the shares.
    least_h, least_h_inexact = amounts(rules, "min_household", sid, std, den)
    total = np.where(dibao, core, seg.sum(m_share))
    total_inexact = np.where(dibao, share_inexact, seg.any(m_inexact))
    has_h = a["min_household_set"][sid] & paid
    lifted_h = has_h & (total < least_h)
    tie |= has_h & (total == least_h) & (total_inexact | least_h_inexact)
    return _Shares(
        equal=dibao | lifted_h,
        n=n_eq,
        core=np.where(lifted_h, least_h, core),
        core_inexact=np.where(lifted_h, least_h_inexact, core_inexact),
        share_inexact=np.where(
            lifted_h, least_h_inexact | ~terminates(least_h, den * n_eq), share_inexact
        ),
        m_share=np.where(lifted_h[hh], 0, m_share),
        m_inexact=m_inexact,
        lifted=lifted,
        lifted_h=lifted_h,
        tie=tie & paid,
    )


def benefit(v: Vars, roll: Roll, rules: Rules) -> None:
    """The benefit of a paid household, its minimum-benefit notes and its routes."""
    a, sid, hh, seg = rules.a, v["sid"], roll.members.hh, v["m_seg"]
    den = product(12, v["dd"], a["q"][sid])
    first = v["first"]
    dibao = first == DIBAO
    paid = dibao | (first == SINGLE)
    s = _shares(v, roll, rules, den)
    # Each paid member's share over den_m: equal shares are C / n, over den × n.
    n_h = np.where(s.equal, s.n, 1)
    den_h = den * n_h
    paid_m = np.where(dibao[hh], v["m_counted"], v["m_single"] & paid[hh])
    share = np.where(paid_m, np.where(s.equal[hh], s.core[hh], s.m_share), 0)
    inexact = paid_m & np.where(s.equal[hh], s.share_inexact[hh], s.m_inexact)
    groups.membership(v, roll, rules)
    share, top, inexact = groups.pay(v, roll, rules, share, den_h[hh], inexact)
    v.update(m_top=top, m_top_den=den_h[hh])  # the 分类施保 top-ups, for `compare_run`
    unit, mode = a["unit"][sid], a["mode"][sid]
    # Rounded once on the household ...
    once, edge = quantize(seg.sum(share + top), den_h, unit, mode)
    unsure_once = edge & seg.any(inexact)
    # ... or each member's share and top-up together.
    each, on_edge = quantize(share + top, den_h[hh], unit[hh], mode[hh])
    pieces = seg.sum(np.where(paid_m, each, 0))
    unsure = seg.any(paid_m & on_edge & inexact)
    by_member = a["member_stage"][sid]
    amount = np.where(paid, np.where(by_member, pieces, once), 0)
    v.update(
        benefit=amount,
        min_person_note=s.lifted & paid,
        min_household_note=s.lifted_h,
        rounds_to_nothing=paid & (amount == 0),
    )
    v["route"] = np.where(
        v["route"] != "",
        v["route"],
        np.select(
            [
                (v["fin_cmp"] == 0) | v["t_tie"] | s.tie,
                dibao & a["tiered"][sid] & ~a["has_tiers"][sid],
                paid & np.where(by_member, unsure, unsure_once),
            ],
            ["tie", "rules: tiers", "rounding"],
            "",
        ),
    )
