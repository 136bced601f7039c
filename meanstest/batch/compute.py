"""Stage B of the columnar engine, part 1: members, income, deductions, property.

The reference engine's `engine.income` and `engine.assets`, for every household of a
block at once, in exact integer numpy (fen; never a float). The arrays of each step go
into ``v`` (a dict of named arrays: per household, per member ``m_…``, per income
``i_…``, per expense ``e_…``, per asset ``a_…``) for the steps after it (`tekun`,
`status`, `events`).

Counted income is kept in fen × ``dd`` a year (``dd``: the snapshot's power of ten that
makes a share-of-income cap a whole number). Deduction caps apply in the reference's
order, each against what earlier items of the same type (and member) were given: with
``y`` an item's claim after its own cap, what a running cap ``P`` lets through is the
differences of ``min(Σy, P)`` over the items in order; the household's cap then applies
the same way to those amounts, which is exact because once it binds every later item
of the type gets nothing, whatever the member's cap would have left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .fields import NO_DATE, integers
from .parse import ASSET_TYPES, Roll
from .segments import Segments, product, running

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .rule_arrays import Rules

Vars = dict[str, Any]
# A household holding more than this (fen, a year or in property) goes to the reference
# engine: no assisted household comes near it, and it keeps every sum within 64 bits.
LIMIT = 10**13
_VEHICLE, _HOUSING, _BUSINESS = (ASSET_TYPES.index(t) for t in ("vehicle", "housing", "business"))


def ages(birth: NDArray[np.int64], on: NDArray[np.int64]) -> NDArray[np.int64]:
    """Whole years from ``birth`` to ``on`` (days since 1970), as `Member.age_on`."""
    b = np.where(birth == NO_DATE, on, birth).astype("datetime64[D]")
    d = on.astype("datetime64[D]")

    def parts(x: NDArray[Any]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        year = x.astype("datetime64[Y]").astype(np.int64)
        month_start = x.astype("datetime64[M]")
        month = month_start.astype(np.int64) % 12
        day = (x - month_start.astype("datetime64[D]")).astype(np.int64)
        return year, month * 32 + day

    by, bmd = parts(b)
    dy, dmd = parts(d)
    out: NDArray[np.int64] = dy - by - (dmd < bmd)
    return out


def members(v: Vars, roll: Roll, rules: Rules) -> None:
    """Ages, who is counted (审核确认办法 Art. 7), household size, member order."""
    m = roll.members
    seg = Segments(m.hh, len(roll))
    sid = v["sid"][m.hh]
    on = v["on"][m.hh]
    given = m.columns["age"]
    v["m_seg"], v["m_sid"] = seg, sid
    v["m_age"] = np.where(given >= 0, given, ages(m.columns["birth"], on))
    counted = ~rules.a["excl"][sid, m.columns["status"]]
    v["m_counted"] = counted
    v["size"] = seg.count(counted)
    total = np.cumsum(counted)
    starts = seg.bounds[:-1]
    before = np.where(starts > 0, total[np.maximum(starts - 1, 0)], 0)
    v["m_k"] = total - 1 - seg.spread(before)  # the order among counted members
    v["born_after"] = seg.any((m.columns["birth"] != NO_DATE) & (m.columns["birth"] > on))


def _codes(types: pa.Array, vocabulary: dict[str, int]) -> NDArray[np.int64]:
    return integers(pc.index_in(types, value_set=pa.array(list(vocabulary), pa.string())))


def incomes(v: Vars, roll: Roll, rules: Rules) -> None:
    """Which items are the household's, which count, and gross and exempt income."""
    i = roll.incomes
    seg = Segments(i.hh, len(roll))
    sid = v["sid"][i.hh]
    code = _codes(i.columns["type"], rules.income_types)
    t = np.maximum(code, 0)
    member = i.columns["member"]
    own = (member < 0) | v["m_counted"][np.maximum(member, 0)]
    counts = rules.a["i_counted"][sid, t]
    annual = i.columns["fen"] * np.where(i.columns["monthly"], 12, 1)
    v.update(
        i_seg=seg, i_sid=sid, i_type=t, i_own=own, i_counts=counts, i_annual=annual, i_member=member
    )
    v["gross"] = seg.sum(np.where(own, annual, 0))
    v["exempt"] = seg.sum(np.where(own & ~counts, annual, 0))
    unknown = (code < 0) | ~rules.a["i_declared"][sid, t]
    v["bad_income"] = seg.any(unknown | (own & rules.a["i_missing"][sid, t])) | seg.any(
        i.columns["fen"] > LIMIT
    )


def _member_flag(values: NDArray[Any], member: NDArray[np.int64]) -> NDArray[Any]:
    """A member attribute for each item (False for a household item)."""
    out: NDArray[Any] = np.where(member >= 0, values[np.maximum(member, 0)], False)
    return out


def _lagged(values: NDArray[np.int64], groups: NDArray[np.int64]) -> NDArray[np.int64]:
    """Each row's previous value within its group (0 for the first)."""
    order = np.argsort(groups, kind="stable")
    s, g = values[order], groups[order]
    previous = np.concatenate(([0], s[:-1]))
    previous[np.concatenate(([True], g[1:] != g[:-1]))] = 0
    out = np.empty_like(values)
    out[order] = previous
    return out


def _capped(
    amounts: NDArray[np.int64],
    groups: NDArray[np.int64],
    cap: NDArray[np.int64],
    capped: NDArray[np.bool_],
) -> NDArray[np.int64]:
    """What a running cap over each group lets through of each amount, in order."""
    if not capped.any():
        return amounts
    total = running(amounts, groups)
    limited = np.where(capped, np.minimum(total, cap), total)
    return limited - _lagged(limited, groups)


def _member_meets(
    m: dict[str, Any],
    member: NDArray[np.int64],
    a: dict[str, Any],
    sid: NDArray[np.int64],
    t: NDArray[np.int64],
) -> NDArray[np.bool_]:
    """Whether each claim's member meets what its type requires: the conditions
    (``requires``; in education last) and, when the type is limited to some disability
    grades, a certificate of one of them (a claim naming no member meets neither)."""
    req = a["e_req"][sid, t]
    met = np.stack(
        [
            _member_flag((m["emp"] == 0) | (m["emp"] == 1), member),
            _member_flag(m["dis_cat"] >= 0, member),
            _member_flag(m["ill"], member),
        ],
        axis=1,
    )
    other = a["e_req_other"][sid, t]
    meets = (
        (member >= 0) & (~req | met).all(axis=1) & (~other | _member_flag(m["edu"] >= 1, member))
    )
    needs = req.any(axis=1) | other
    # A type limited to some disability grades: the member's certificate is of one.
    category = np.where(member >= 0, m["dis_cat"][np.maximum(member, 0)], -1)
    cat, grade = np.maximum(category, 0), m["dis_grade"][np.maximum(member, 0)]
    limited = a["e_grades"][sid, t]  # [item, category (``any`` last), grade]
    rows = np.arange(len(t))
    allowed = (category >= 0) & (limited[rows, cat, grade] | limited[rows, -1, grade])
    out: NDArray[np.bool_] = ~(needs & ~meets) & ~(a["e_grades_set"][sid, t] & ~allowed)
    return out


def expenses(v: Vars, roll: Roll, rules: Rules) -> None:
    """Each claim refused, capped or accepted; the household's deductions (fen × dd)."""
    e, a = roll.expenses, rules.a
    seg = Segments(e.hh, len(roll))
    sid = v["sid"][e.hh]
    code = _codes(e.columns["type"], rules.expense_types)
    t = np.maximum(code, 0)
    member = e.columns["member"]
    not_member = (member >= 0) & ~v["m_counted"][np.maximum(member, 0)]
    missing = a["e_ded_missing"][sid, t]
    refused = (
        not_member
        | missing
        | ~a["e_ded"][sid, t]
        | ~_member_meets(roll.members.columns, member, a, sid, t)
    )
    claim = e.columns["fen"] * np.where(e.columns["monthly"], 12, 1)
    dd = a["dd"][sid]
    y = np.where(refused, 0, claim * dd)
    kinds = e.hh * (len(rules.expense_types) + 1) + t  # (household, type)
    income = (v["gross"] - v["exempt"])[e.hh]
    # The household's threshold of a type takes the first claims of the type, in order.
    threshold = np.where(
        a["threshold_share"][sid, t],
        product(income, a["threshold"][sid, t], dd // a["threshold_d"][sid, t]),
        a["threshold"][sid, t] * dd,
    )
    has = a["threshold_set"][sid, t]
    y = y - np.where(has, _capped(y, kinds, threshold, has), 0)
    item = a["per_item_set"][sid, t]
    y = np.where(item, np.minimum(y, a["per_item"][sid, t] * dd), y)
    person = (e.hh * (len(rules.expense_types) + 1) + t) * (len(roll.members) + 1) + member + 1
    z = _capped(y, person, a["per_person"][sid, t] * dd, a["per_person_set"][sid, t])
    share = a["share_of_income_set"][sid, t]
    by_share = product(income, a["share_of_income"][sid, t], dd // a["share_d"][sid, t])
    household = a["per_household_set"][sid, t]
    limit = np.where(household, a["per_household"][sid, t] * dd, np.where(share, by_share, 0))
    limit = np.where(household & share, np.minimum(limit, by_share), limit)
    accepted = _capped(z, kinds, limit, household | share)
    v.update(
        e_seg=seg,
        e_sid=sid,
        e_type=t,
        e_member=member,
        e_not_member=not_member,
        e_missing=missing,
        e_refused=refused,
        e_claim=claim,
        e_accepted=accepted,
    )
    v["deducted"] = seg.sum(accepted)
    v["bad_expense"] = seg.any((code < 0) | ~a["e_declared"][sid, t]) | seg.any(
        e.columns["fen"] > LIMIT
    )


def assets(v: Vars, roll: Roll, rules: Rules) -> None:
    """The property tests of the household's own property and its counted members'."""
    at, a = roll.assets, rules.a
    seg = Segments(at.hh, len(roll))
    sid = v["sid"][at.hh]
    kind, member = at.columns["type"], at.columns["member"]
    own = (member < 0) | v["m_counted"][np.maximum(member, 0)]
    livelihood = at.columns["livelihood"]
    financial = a["fin_types"][sid, kind]
    bad_vehicle = (
        (kind == _VEHICLE)
        & ~a["veh"][sid, np.maximum(at.columns["kind"], 0)]
        & ~(livelihood & a["veh_ex"][sid])
    )
    bad_business = (kind == _BUSINESS) & ~a["biz"][sid] & ~(livelihood & a["biz_ex"][sid])
    v.update(
        a_seg=seg,
        a_sid=sid,
        a_own=own,
        a_financial=financial,
        a_bad_vehicle=bad_vehicle,
        a_bad_business=bad_business,
        a_member=member,
    )
    v["financial"] = seg.sum(np.where(own & financial, at.columns["fen"], 0))
    v["vehicles"] = seg.count(own & (kind == _VEHICLE))
    v["houses"] = seg.sum(np.where(own & (kind == _HOUSING), at.columns["count"], 0))
    v["businesses"] = seg.count(own & (kind == _BUSINESS))
    sid_h, std = v["sid"], v["std"]
    v["strict_std"] = np.where(
        v["area"] == 0, a["strict_std_urban"][sid_h], a["strict_std_rural"][sid_h]
    )
    fin = np.sign(
        product(v["financial"], 12, a["fin_lim_d"][sid_h])
        - product(std, a["fin_lim_n"][sid_h], v["size"])
    )
    v["fin_cmp"] = np.where(a["fin_unlimited"][sid_h], -1, fin).astype(np.int64)
    # Within the limit as the rule compares it: not above it, or (strict) below it.
    fin_ok = (v["fin_cmp"] < 0) | ((v["fin_cmp"] == 0) & ~a["strict_fin_lim"][sid_h])
    houses_ok = (v["houses"] == 0) | np.where(
        a["strict_house"][sid_h], v["houses"] < a["house"][sid_h], v["houses"] <= a["house"][sid_h]
    )
    v["assets_ok"] = (
        fin_ok
        & (seg.count(own & bad_vehicle) == 0)
        & (a["house_unlimited"][sid_h] | houses_ok)
        & (seg.count(own & bad_business) == 0)
    )
    v["bad_assets"] = seg.any(at.columns["fen"] > LIMIT)


def totals(v: Vars, rules: Rules) -> None:
    """Counted income (fen × dd a year), and households the reference must assess."""
    dd = rules.a["dd"][v["sid"]]
    v["dd"] = dd
    before = (v["gross"] - v["exempt"]) * dd
    v["counted"] = np.maximum(before - v["deducted"], 0)
    v["route"] = np.select(
        [
            v["std"] < 0,
            v["size"] == 0,
            v["born_after"],
            v["bad_income"],
            v["bad_expense"],
            v["bad_assets"] | (v["gross"] > LIMIT),
        ],
        ["standard", "size", "birth date", "income type", "expense type", "amount"],
        "",
    )
