"""Members' ``supporters``, for stage A (`parse`) and the 特困 test (`tekun`).

A member's statutory supporters outside the household (`model.household.Supporter`:
``relation``, ``able_to_support``, an optional ``reason``) decide 特困's third
condition (`engine.tekun._outside_supporters`): one able supporter fails it; none
declared leaves it open; a list whose supporters are all unable (or an empty list)
meets it, and the member may then be 特困, paid apart from the household, which the
columnar engine does not compute.

So the columnar engine decides a member with supporters only when the list is valid
and names an able supporter (the member is then no 特困 candidate, `tekun`); any other
list sends the household to the reference engine (``supporters``). The parser hands
each list over as JSON text (escapes were sent away by `blocks`, so its quotes and
commas are those of the line); the few members that have one are checked here one by
one, as the model checks them (exact words, JSON booleans, no other or repeated key).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import fields as f
from .parse_members import RELATIONS

if TYPE_CHECKING:
    from numpy.typing import NDArray

_KEYS: Final = frozenset({"relation", "able_to_support", "reason"})


def supporters(
    member_lists: pa.Array,
) -> tuple[NDArray[np.int64], NDArray[np.bool_], NDArray[np.bool_]]:
    """For each member row (in the order `parse_members` lays them flat): the quotes
    and commas inside the ``supporters`` value, whether the columnar engine decides it
    (absent, or valid with an able supporter), and whether an able supporter is
    declared outside the household."""
    text = pc.struct_field(pc.list_flatten(member_lists), "supporters")
    given = f.present(text)
    marks = np.where(
        given,
        f.integers(pc.count_substring(text, '"'), 0) + f.integers(pc.count_substring(text, ","), 0),
        0,
    )
    decided = ~given
    able = np.zeros(len(given), dtype=np.bool_)
    rows = np.flatnonzero(given)
    if len(rows):
        values = pc.take(text, pa.array(rows)).to_pylist()
        found = np.array([_able_outside(v) for v in values], dtype=np.bool_)
        decided[rows] = found
        able[rows] = found
    return marks.astype(np.int64), decided, able


def _able_outside(text: str) -> bool:
    """Whether a list is valid and names an able supporter."""
    try:
        value = json.loads(text, object_pairs_hook=_no_repeats)
    except ValueError:
        return False
    if not isinstance(value, list) or not all(_valid(s) for s in value):
        return False
    return any(s["able_to_support"] is True for s in value)


def _valid(s: Any) -> bool:
    return (
        isinstance(s, dict)
        and set(s) <= _KEYS
        and s.get("relation") in RELATIONS
        and isinstance(s.get("able_to_support"), bool)
        and (s.get("reason") is None or isinstance(s["reason"], str))
    )


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("a repeated key")
    return dict(pairs)
