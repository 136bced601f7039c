"""Stage B, part 3: status, single-person enrolment and 刚性支出.

The reference engine's `engine.status` and `engine.ladder` in exact integers. Counted
income is fen × ``dd`` a year; each threshold is compared as its rule says (strictly
"below", or "not above"; for the rigid-expenditure ratio "above" or "not below"), on
exact figures, by cross-multiplying. The benefit itself is `benefit`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .parse import EMPLOYMENT, Roll
from .rule_arrays import disabled_in
from .segments import product, sum_by

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .compute import Vars
    from .rule_arrays import Rules

DIBAO, SINGLE, EDGE, NOT_ELIGIBLE, RIGID = range(5)
STATUS_NAMES = ("dibao", "dibao_single", "edge", "not_eligible", "rigid_expenditure")
_NO_WORK = [EMPLOYMENT.index("unemployed"), EMPLOYMENT.index("unable")]


def within(
    value: NDArray[Any], limit: NDArray[Any], strict: NDArray[np.bool_], upper: bool = True
) -> NDArray[np.bool_]:
    """Whether ``value`` meets a limit: an upper one below it (strict) or not above it;
    a lower one above it (strict) or not below it."""
    if upper:
        out: NDArray[np.bool_] = np.where(strict, value < limit, value <= limit)
    else:
        out = np.where(strict, value > limit, value >= limit)
    return out


def status(v: Vars, roll: Roll, rules: Rules) -> None:
    """dibao, dibao_single (each member's gap), edge or not eligible; then 刚性支出."""
    a, sid, std, size, dd = rules.a, v["sid"], v["std"], v["size"], v["dd"]
    line = product(std, size, dd)
    below = within(v["counted"], line, v["strict_std"])
    under_edge = within(
        product(v["counted"], a["edge_d"][sid]),
        product(line, a["edge_n"][sid]),
        a["strict_edge"][sid],
    )
    assets_ok = v["assets_ok"]
    edge = assets_ok & ~below & under_edge
    hh, m = roll.members.hh, roll.members.columns
    m_sid = v["m_sid"]
    alone = (size == 1)[hh]
    counts = v["i_own"] & v["i_counts"]
    annual = np.where(counts, v["i_annual"], 0)
    income = sum_by(v["i_member"], annual, len(roll.members)) + np.where(
        alone, v["i_seg"].sum(np.where(v["i_member"] < 0, annual, 0))[hh], 0
    )
    taken = sum_by(v["e_member"], v["e_accepted"], len(roll.members)) + np.where(
        alone, v["e_seg"].sum(np.where(v["e_member"] < 0, v["e_accepted"], 0))[hh], 0
    )
    own = np.maximum(income * dd[hh] - taken, 0)
    sp_disabled = disabled_in(a["sp_grades"], m_sid, m["dis_cat"], m["dis_grade"])
    full = std[hh] * dd[hh]
    gap = full - own
    qualifies = (
        v["m_counted"]
        & (assets_ok & ~below)[hh]
        & a["sp_on"][m_sid]
        & (~a["sp_edge"][m_sid] | edge[hh])
        & (sp_disabled | (a["sp_ill"][m_sid] & m["ill"]))
    )
    single = qualifies & (gap > 0)
    may = (
        v["m_counted"]
        & a["sp_unemp"][m_sid]
        & np.isin(m["emp"], _NO_WORK)
        & (own < full)
        & (v["m_age"] >= a["adult"][m_sid])
        & sp_disabled
    )
    seg = v["m_seg"]
    singles = seg.count(single)
    first = np.where(
        below & assets_ok, DIBAO, np.where(singles > 0, SINGLE, np.where(edge, EDGE, NOT_ELIGIBLE))
    )
    named = seg.count(may) * ((first == NOT_ELIGIBLE) & assets_ok & (size > 1) & a["sp_unemp"][sid])
    v.update(
        below=below,
        under_edge=under_edge,
        edge=edge,
        m_single=single,
        m_gap=np.where(single, gap, 0),
        singles=singles,
        own_income_too_high=seg.count(qualifies & (gap <= 0)),
        named=named,
        first=first,
    )
    _rigid(v, rules)


def _rigid(v: Vars, rules: Rules) -> None:
    a, sid = rules.a, v["sid"]
    checked = a["rigid_on"][sid] & (v["first"] == NOT_ELIGIBLE) & v["assets_ok"]
    urban = v["area"] == 0
    disposable = np.where(urban, a["disp_urban"][sid], a["disp_rural"][sid])
    assessed = checked & a["rig_on"][sid] & (disposable >= 0) & (a["ratio_n"][sid] >= 0)
    under = within(
        v["counted"],
        product(disposable, v["dd"], v["size"]),
        np.where(urban, a["strict_disp_urban"][sid], a["strict_disp_rural"][sid]),
    )
    e_sid = v["e_sid"]
    spent = v["e_seg"].sum(
        np.where(~v["e_not_member"] & a["rig_types"][e_sid, v["e_type"]], v["e_claim"], 0)
    )
    before = v["gross"] - v["exempt"]
    over = np.where(
        before == 0,
        spent > 0,
        within(
            product(spent, a["ratio_d"][sid]),
            product(a["ratio_n"][sid], before),
            a["strict_ratio"][sid],
            upper=False,
        ),
    )
    met = assessed & under & over
    v.update(
        rigid_checked=checked,
        rigid_assessed=assessed,
        rigid_met=met,
        status=np.where(met, RIGID, v["first"]),
    )


def amounts(
    rules: Rules,
    prefix: str,
    sid: NDArray[np.int64],
    std: NDArray[np.int64],
    unit: NDArray[np.int64],
    index: Any = None,
) -> tuple[NDArray[Any], NDArray[np.bool_]]:
    """Amounts (monthly, as numerators over ``unit`` fen: 12 × q, or 12 × dd × q) of the
    rule arrays ``prefix`` (the [sid, index] one when ``index`` is given); and whether
    the reference holds each as an inexact 34-digit decimal."""
    a = rules.a

    def get(field: str) -> NDArray[Any]:
        values = a[f"{prefix}_{field}"]
        out: NDArray[Any] = values[sid] if index is None else values[sid, index]
        return out.reshape(-1) if out.ndim > 1 and out.shape[1] == 1 else out

    n, d, by_standard = get("n"), get("d"), get("std").astype(bool)
    base = np.where(by_standard, std, 1)
    num = product(base, n, unit // d)
    inexact = np.where(by_standard, (std % 3 != 0) & (n != 0), get("inexact").astype(bool))
    return num, inexact
