"""分类施保 groups as rows (one a group, from the views) and as arrays [snapshot, group].

A group (`ruleset.blocks.Group`) names the conditions a member meets (every one set
must hold), what the member is paid (their share, or the full standard instead) and a
top-up on top. Here the conditions become plain values and word sets over the
contract's vocabularies (`parse`), the top-up an amount (`rule_tables.amount`), so that
`groups` can test every paid member against every group at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import numpy as np

from ..ruleset.blocks import Conditions, Group
from .parse import CATEGORIES, EDUCATION, EMPLOYMENT, RELATIONS

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..ruleset.views import RuleViews

# The conditions a group may set that the columnar engine tests (every one there is).
CONDITIONS: Final = frozenset(
    {
        "age_from",
        "age_below",
        "education",
        "disability",
        "serious_illness",
        "single_parent_family",
        "living_alone",
        "employment",
        "relation",
    }
)
_GRADE_CATEGORIES: Final = (*CATEGORIES, "any")
_WORDS: Final = {"education": EDUCATION, "employment": EMPLOYMENT, "relation": RELATIONS}
_FLAGS: Final = ("serious_illness", "single_parent_family", "living_alone", "full")
AMOUNT: Final = ("std", "n", "d", "inexact")


def group_rows(views: RuleViews, amount: Any, row_type: Any) -> list[dict[str, Any]]:
    """Each group of the snapshot as a row: its rule (key, warned), conditions, pay and
    top-up (``amount``: `rule_tables._amount`, None for no top-up).

    Raises:
        NotCovered: (from ``amount``) a top-up the columnar engine does not compute.
        ValueError: a condition unknown here (the caller reports it as not covered).
    """
    if views.classified is None:
        return []
    out = []
    for index, group in enumerate(views.classified.groups):
        row = row_type(gi=index, name=group.name)
        value: Group = row.rule("rule", group.rule)
        who: Conditions = value.members
        unknown = {
            name for name in Conditions._fields if getattr(who, name) not in (None, False)
        } - CONDITIONS
        if unknown:
            raise ValueError(f"a 分类施保 condition {sorted(unknown)[0]}")
        row.values.update(
            age_from=who.age_from,
            age_below=who.age_below,
            serious_illness=who.serious_illness,
            single_parent_family=who.single_parent_family,
            living_alone=who.living_alone,
            full=value.pay == "full_standard",
            top_up=None if value.top_up is None else amount(value.top_up),
            disability=None
            if who.disability is None
            else {k: sorted(v) for k, v in who.disability.items()},
            **{
                name: None if getattr(who, name) is None else sorted(getattr(who, name))
                for name in _WORDS
            },
        )
        out.append(row.values)
    return out


def group_arrays(snapshots: list[list[dict[str, Any]]], key_of: Any) -> dict[str, Any]:
    """The groups of every snapshot as arrays [snapshot, group] (``g_`` names)."""
    most = max([len(g) for g in snapshots] + [1])
    shape = (len(snapshots), most)
    a: dict[str, NDArray[Any]] = {"g_count": np.array([len(g) for g in snapshots], dtype=np.int64)}
    for name in ("age_from", "age_below"):
        a[f"g_{name}"] = np.full(shape, -1, dtype=np.int64)
    for name in (*_FLAGS, *(f"has_{w}" for w in (*_WORDS, "disability"))):
        a[f"g_{name}"] = np.zeros(shape, dtype=bool)
    for name, words in _WORDS.items():
        a[f"g_{name}"] = np.zeros((*shape, len(words)), dtype=bool)
    a["g_disability"] = np.zeros((*shape, len(_GRADE_CATEGORIES), 5), dtype=bool)
    a["k_g_rule"] = np.full(shape, -1, dtype=np.int64)
    a["w_g_rule"] = np.zeros(shape, dtype=bool)
    a["m_g_rule"] = np.zeros(shape, dtype=bool)
    for field in AMOUNT:
        a[f"g_{field}"] = np.full(shape, 1 if field == "d" else 0, dtype=np.int64)
    for s, groups in enumerate(snapshots):
        for g, row in enumerate(groups):
            _one(a, s, g, row, key_of)
    return a


def _one(a: dict[str, NDArray[Any]], s: int, g: int, row: dict[str, Any], key_of: Any) -> None:
    """Fill group ``g`` of snapshot ``s``."""
    for name in ("age_from", "age_below"):
        if row[name] is not None:
            a[f"g_{name}"][s, g] = row[name]
    for name in _FLAGS:
        a[f"g_{name}"][s, g] = bool(row[name])
    for name, words in _WORDS.items():
        if row[name] is not None:
            a[f"g_has_{name}"][s, g] = True
            for word in row[name]:
                a[f"g_{name}"][s, g, words.index(word)] = True
    if row["disability"] is not None:
        a["g_has_disability"][s, g] = True
        for category, grades in row["disability"].items():
            for grade in grades:
                a["g_disability"][s, g, _GRADE_CATEGORIES.index(category), grade] = True
    a["k_g_rule"][s, g] = key_of(row["k_rule"])
    a["w_g_rule"][s, g] = bool(row["w_rule"])
    a["m_g_rule"][s, g] = bool(row["m_rule"])
    if row["top_up"] is not None:
        for field in AMOUNT:
            a[f"g_{field}"][s, g] = row["top_up"][field]
