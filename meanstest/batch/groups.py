"""Stage B, part 4: 分类施保, as `engine.ladder.member_groups` and `pay_groups` do it.

Every paid member (each counted member of a dibao household; each member enrolled
alone) is tested against every group of the rules (`rule_groups`): a member is in a
group when every condition it sets holds. A member in groups is paid the full standard
instead of their share when a group says so, and the top-up on top: of the group that
gives the most (its pay, then its top-up; the first such), or, with ``combine: sum``,
the full standard if any group pays it and the sum of the top-ups.

Figures are per member, as numerators over the member's denominator ``den_m`` (see
`benefit`); a flag says where the reference holds a value as a 34-digit decimal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .segments import product
from .status import DIBAO, SINGLE, amounts

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .compute import Vars
    from .parse import Roll
    from .rule_arrays import Rules

_CODES = (("education", "edu"), ("employment", "emp"), ("relation", "relation"))


def membership(v: Vars, roll: Roll, rules: Rules) -> None:
    """Which paid members are in which groups (``g_inside`` [member, group])."""
    a, hh, m = rules.a, roll.members.hh, roll.members.columns
    sid, first = v["m_sid"], v["first"][roll.members.hh]
    paid = a["classified_on"][sid] & (
        (v["m_counted"] & (first == DIBAO)) | (v["m_single"] & (first == SINGLE))
    )
    g = np.arange(a["g_age_from"].shape[1])[None, :]
    sids = sid[:, None]
    age = v["m_age"][:, None]
    age_from, age_below = a["g_age_from"][sid], a["g_age_below"][sid]
    ok = (
        (g < a["g_count"][sid][:, None])
        & ((age_from < 0) | (age >= age_from))
        & ((age_below < 0) | (age < age_below))
    )
    for name, column in _CODES:
        code = m[column]
        listed = (code >= 0)[:, None] & a[f"g_{name}"][sids, g, np.maximum(code, 0)[:, None]]
        ok &= ~a[f"g_has_{name}"][sid] | listed
    category, grade = np.maximum(m["dis_cat"], 0)[:, None], m["dis_grade"][:, None]
    graded = (m["dis_cat"] >= 0)[:, None] & (
        a["g_disability"][sids, g, category, grade] | a["g_disability"][sids, g, -1, grade]
    )
    ok &= ~a["g_has_disability"][sid] | graded
    ok &= ~a["g_serious_illness"][sid] | m["ill"][:, None]
    # A single-parent family says so in the input (`parse_flags`).
    single_parent = roll.more.get("single_parent_family", np.zeros(len(roll), dtype=np.int64))
    ok &= ~a["g_single_parent_family"][sid] | (single_parent[hh] > 0)[:, None]
    ok &= ~a["g_living_alone"][sid] | (v["size"][hh] == 1)[:, None]
    inside = paid[:, None] & ok
    household_paid = (v["first"] == DIBAO) | (v["first"] == SINGLE)
    v.update(
        g_inside=inside,
        g_tested=a["classified_on"][v["sid"]] & household_paid,
        g_any=v["m_seg"].any(inside.any(axis=1)),
    )


def pay(
    v: Vars,
    roll: Roll,
    rules: Rules,
    share: NDArray[Any],
    den_m: NDArray[np.int64],
    inexact: NDArray[np.bool_],
) -> tuple[NDArray[Any], NDArray[Any], NDArray[np.bool_]]:
    """Each paid member's share (raised to the full standard where a group pays it) and
    top-up, over ``den_m``; and whether either is held inexactly by the reference."""
    a, hh = rules.a, roll.members.hh
    sid, inside = v["m_sid"], v["g_inside"]
    if not inside.any():
        return share, np.zeros(len(share), dtype=np.int64), inexact
    std = v["std"][hh]
    # A group's top-up, and the full standard, over den_m (= 12 × q × (dd × n)).
    scale = den_m // (12 * a["q"][sid])
    columns = [amounts(rules, "g", sid, std, 12 * a["q"][sid], g) for g in range(inside.shape[1])]
    top_g = np.stack([product(n, scale) for n, _ in columns], axis=1)
    top_inexact = np.stack([odd for _, odd in columns], axis=1)
    full = product(std, scale, a["q"][sid])
    full_inexact = std % 3 != 0
    pays_full = a["g_full"][sid]
    worth = np.where(pays_full, full[:, None], share[:, None]) + top_g
    # The first group worth the most (ties: the reference takes the first too).
    best = np.argmax(np.where(inside, worth, np.iinfo(np.int64).min), axis=1)
    chosen = np.zeros_like(inside)
    chosen[np.arange(len(share)), best] = True
    chosen = np.where(a["combine_sum"][sid][:, None], inside, chosen & inside)
    top = np.where(chosen, top_g, 0).sum(axis=1)
    raised = (chosen & pays_full).any(axis=1) & (share < full)
    return (
        np.where(raised, full, share),
        top,
        inexact | (chosen & top_inexact & (top_g != 0)).any(axis=1) | (raised & full_inexact),
    )
