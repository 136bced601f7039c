"""Stage B, part 2: the 特困 test of each counted member, as far as the summary needs it.

On the columnar path a member declares no supporters, or a list naming an able one
(`parse_supporters`; any other list goes to the reference engine), so the "no
supporter" condition is never met: no member is 特困 and none is taken out of the
household. An able supporter outside fails it, so that member is no candidate. What
the test changes is which rules it uses (the warnings, `events`): a member's test is
"not 特困", or "to verify" (`engine.tekun`) exactly when the member is in the largest
set of members who meet the other two conditions and have no able co-resident
supporter outside the set.

That set is found in closed form, from how the reference relates members: an able
supporter near a member is any other able counted adult, except that the applicant and
a member related as ``other`` owe each other nothing. With ``B`` the able adults who
fail a condition themselves:

- no such ``B``: every member meeting the two conditions is in the set;
- ``B`` holds a member who is neither the applicant nor ``other``, or both the
  applicant and an ``other``: the set is empty;
- ``B`` holds only ``other`` members: the applicant alone, if they meet the conditions
  and no able member besides the applicant and the ``other`` members meets them too;
- ``B`` is the applicant alone: the ``other`` members meeting the conditions, on the
  same proviso.

(Removing a member from the set makes an able member a supporter outside it, which
removes the members near them in turn; these four cases are where that ends.)

A renewal on dibao now (`renewals.on_dibao`) has no able adult from
``tekun.supporter.unable_dibao_age`` on, as in the reference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .parse import ASSET_TYPES, EDUCATION, RELATIONS, Roll
from .renewals import on_dibao
from .rule_arrays import disabled_in
from .segments import Segments, product, sum_by

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .compute import Vars
    from .rule_arrays import Rules

_SCHOOL = [
    EDUCATION.index(e)
    for e in ("primary", "junior_secondary", "senior_secondary", "vocational_secondary")
]
_APPLICANT, _OTHER = RELATIONS.index("applicant"), RELATIONS.index("other")
_VEHICLE, _HOUSING, _BUSINESS = (ASSET_TYPES.index(t) for t in ("vehicle", "housing", "business"))
_STATS = ("n", "fin", "veh", "bad_veh", "houses", "bad_recent", "biz", "bad_biz")


def _asset_stats(
    v: Vars, roll: Roll, rows: NDArray[np.bool_], keys: NDArray[np.int64], n: int
) -> dict[str, NDArray[np.int64]]:
    """What the property tests need of each key's assets (a member's, or a household's)."""
    at = roll.assets.columns
    kind = at["type"]
    picked = rows & (keys >= 0)
    k = np.where(picked, keys, -1)

    def count(mask: NDArray[np.bool_]) -> NDArray[np.int64]:
        return np.bincount(k[picked & mask], minlength=n).astype(np.int64)

    return {
        "n": count(np.ones(len(kind), dtype=np.bool_)),
        "fin": sum_by(k, np.where(v["a_financial"], at["fen"], 0), n),
        "veh": count(kind == _VEHICLE),
        "bad_veh": count(v["a_bad_vehicle"]),
        "houses": sum_by(k, np.where(kind == _HOUSING, at["count"], 0), n),
        "bad_recent": count(v["a_recent_bad"]),  # housing acquired recently (`housing`)
        "biz": count(kind == _BUSINESS),
        "bad_biz": count(v["a_bad_business"]),
    }


def _passes(
    s: dict[str, NDArray[np.int64]],
    v: Vars,
    rules: Rules,
    sid: NDArray[np.int64],
    std: NDArray[np.int64],
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Whether property passes every test when one person holds it; and a tie at the
    financial limit (which the reference, dividing first, may decide either way)."""
    a = rules.a
    left, right = product(s["fin"], 12, a["fin_lim_d"][sid]), product(std, a["fin_lim_n"][sid])
    unlimited = a["fin_unlimited"][sid]
    fin_ok = np.where(a["strict_fin_lim"][sid], left < right, left <= right)
    houses_ok = (s["houses"] == 0) | np.where(
        a["strict_house"][sid], s["houses"] < a["house"][sid], s["houses"] <= a["house"][sid]
    )
    ok = (
        (unlimited | fin_ok)
        & (s["bad_veh"] == 0)
        & (s["bad_biz"] == 0)
        & (a["house_unlimited"][sid] | houses_ok)
        & (s["bad_recent"] == 0)
    )
    return ok, (s["n"] > 0) & ~unlimited & (left == right)


def tekun(v: Vars, roll: Roll, rules: Rules) -> None:
    """Each counted member's 特困 conditions, and whether they are to verify (``t_maybe``)."""
    a, m, seg = rules.a, roll.members.columns, v["m_seg"]
    sid, hh = v["m_sid"], roll.members.hh
    counted = v["m_counted"] & a["tekun_on"][sid]
    std = v["std"][hh]
    alone = (v["size"] == 1)[hh]
    i_sid = v["i_sid"]
    mine = (
        v["i_own"]
        & ~a["excl_types"][i_sid, v["i_type"]]
        & v["i_counts"]
        & ~a["assist"][i_sid, v["i_type"]]
    )
    member = v["i_member"]
    by_member = sum_by(np.where(mine & (member >= 0), member, -1), v["i_annual"], len(roll.members))
    household = v["i_seg"].sum(np.where(mine & (member < 0), v["i_annual"], 0))[hh]
    income = by_member + np.where(alone, household, 0)
    shared = np.where(alone, 0, household)
    own_rows = v["a_own"]
    mine_assets = _asset_stats(v, roll, own_rows, v["a_member"], len(roll.members))
    common = {
        k: c[hh]
        for k, c in _asset_stats(
            v, roll, own_rows & (v["a_member"] < 0), roll.assets.hh, len(roll)
        ).items()
    }
    both = {k: mine_assets[k] + common[k] for k in _STATS}
    own = {k: np.where(alone, both[k], mine_assets[k]) for k in _STATS}
    own_ok, own_tie = _passes(own, v, rules, sid, std)
    both_ok, both_tie = _passes(both, v, rules, sid, std)
    age = v["m_age"]
    school = np.isin(m["edu"], _SCHOOL)
    work = (
        (age >= a["elderly"][sid])
        | (age < a["minor"][sid])
        | (school & a["stud"][sid] & (age < a["stud_age"][sid]))
        | disabled_in(a["work_gr"], sid, m["dis_cat"], m["dis_grade"])
    )
    # Below the standard as the rules compare it (strictly, or not above it).
    over_income = np.where(v["strict_std"][hh], income >= std, income > std)
    own_fails = (own["n"] > 0) & ~own_ok
    shared_means = ~alone & ((shared != 0) | (common["n"] > 0))
    shared_fails = (income + shared >= std) | ~both_ok
    living = np.where(over_income | own_fails, 0, np.where(shared_means & shared_fails, 1, 2))
    # An able supporter declared outside the household fails the third condition.
    candidate = counted & work & (living > 0) & ~m["able_outside"]
    able, asked = _able(v, roll, rules, counted)
    v.update(
        t_on=counted,
        t_school=school,
        t_reached=(age < a["elderly"][sid]) & (age >= a["minor"][sid]),
        t_over=over_income,
        t_own=own,
        t_both=both,
        t_own_fails=own_fails,
        t_shared_means=shared_means,
        t_income=income,
        t_shared=shared,
        t_std=std,
        t_alone=alone,
        t_dibao_asked=asked,
    )
    v["t_maybe"] = _largest(seg, candidate, able, m["relation"])
    v["t_tie"] = seg.any(counted & (own_tie | both_tie))
    care = m["n_care"]
    v["t_band"] = np.where(care == 0, 0, np.where(care <= a["partial"][sid], 1, 2))


def _able(
    v: Vars, roll: Roll, rules: Rules, counted: NDArray[np.bool_]
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """The able co-resident adults (`engine.tekun._able_bodied`), and those asked their
    age against the dibao supporter age (a renewal on dibao now, when the rule is set or
    missing): they are unable from that age."""
    a, m, sid, age = rules.a, roll.members.columns, v["m_sid"], v["m_age"]
    able = (
        counted
        & (age >= a["minor"][sid])
        & (age < a["unable_age"][sid])
        & ~disabled_in(a["unable_gr"], sid, m["dis_cat"], m["dis_grade"])
    )
    asked = able & on_dibao(roll)[roll.members.hh] & (a["k_dibao_age"][sid] >= 0)
    able &= ~(asked & (a["dibao_age"][sid] >= 0) & (age >= a["dibao_age"][sid]))
    return able, asked


def _largest(
    seg: Segments,
    candidate: NDArray[np.bool_],
    able: NDArray[np.bool_],
    relation: NDArray[np.int64],
) -> NDArray[np.bool_]:
    """The members in the largest set without an able supporter outside it (see the
    module docstring for the four cases)."""
    applicant, other = relation == _APPLICANT, relation == _OTHER
    rest = ~applicant & ~other
    outside = able & ~candidate
    b = seg.count(outside)
    b_rest = seg.count(outside & rest)
    b_other = seg.count(outside & other)
    b_applicant = seg.any(outside & applicant)
    rest_able = seg.count(able & candidate & rest)

    def per(x: NDArray[Any]) -> NDArray[Any]:
        return seg.spread(x)

    empty = (per(b_rest) > 0) | (per(b_applicant) & (per(b_other) > 0))
    proviso = candidate & (per(rest_able) == 0)
    out: NDArray[np.bool_] = np.where(
        per(b) == 0,
        candidate,
        np.where(empty, False, np.where(~per(b_applicant), applicant & proviso, other & proviso)),
    )
    return out
