"""Stage A of the columnar engine: JSON lines to checked, flat numpy arrays.

DuckDB parses every plain line of a block (see `blocks`) once, into a nested struct
(`STRUCTURE`), in C++; Arrow hands it over without a copy. Here the struct is laid flat
(one row per member, income, expense, asset) and every field is checked against
`meanstest.household/1` as the reference's pydantic model checks it (`fields`).

The parser is more lenient than the reference's in two ways this stage makes up for:
it ignores unknown keys and merges repeated ones, and it coerces values to the
declared type. So the kinds that matter are read as JSON text (ids, names, member
references, money) or as text checked by pattern (integers, booleans, dates, words),
and the quotes and commas of each line (``marks``, counted by `blocks`) are compared
with those its known keys, values, objects and lists account for: an unknown or a
repeated key, a number given as a string or a trailing comma makes the count larger,
and a string given a number is refused by its own check. Such a household, and one
that gives what the columnar engine does not compute (``supporters``, ``parents``),
goes to the reference engine; `Roll.why` says why. A renewal's ``current`` is read
and checked here (`parse_current`); `renewals` decides which renewals stage B covers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..model import vocabulary
from ..model.vocabulary import codes
from . import fields as f
from . import parse_items as pi
from . import parse_members as pm
from .parse_current import STRUCTURE as CURRENT
from .parse_current import current
from .parse_flags import FLAGS, flags
from .parse_items import ASSET_TYPES, KINDS
from .parse_members import (
    CATEGORIES,
    EDUCATION,
    EMPLOYMENT,
    RELATIONS,
    SELF_CARE,
    STATUSES,
    Table,
)
from .parse_places import PLACES, places
from .parse_supporters import supporters

if TYPE_CHECKING:
    import duckdb
    from numpy.typing import NDArray

    from .blocks import Block

_J, _V = "JSON", "VARCHAR"
_ITEM = {"member": _J, "type": _V, "amount": _J, "per": _V}
STRUCTURE: Final = json.dumps(
    {
        "id": _J,
        "region": _J,
        "area": _V,
        "assessed_on": _V,
        "members": [
            {
                "id": _J,
                "name": _J,
                "relation": _V,
                "birth_date": _V,
                "age": _V,
                "id_number": _J,
                "disability": {"category": _V, "grade": _V},
                "serious_illness": _V,
                "education": _V,
                "employment": _V,
                "status": _V,
                "self_care_failed": [_V],
                "supporters": _J,
                "parents": _J,
            }
        ],
        "incomes": [_ITEM],
        "expenses": [_ITEM],
        "assets": [
            {
                "type": _V,
                "value": _J,
                "count": _V,
                "kind": _V,
                "for_livelihood": _V,
                "member": _J,
                "acquired_on": _V,
            }
        ],
        "current": CURRENT,
        "township": _J,
        "village": _J,
        "single_parent_family": _V,
    },
    separators=(",", ":"),
)

MAX_MEMBERS, MAX_ITEMS = 50, 200
# Why a household goes to the reference engine (index 0: it does not).
WHY: Final = ("", "json", "supporters", "parents", "size", "fields", "keys")
# The contract's words (`model.vocabulary`): members' in `parse_members`, items' in
# `parse_items`, named here too, where the columnar engine has always found them.
__all__ = [
    "ASSET_TYPES",
    "CATEGORIES",
    "EDUCATION",
    "EMPLOYMENT",
    "KINDS",
    "MAX_ITEMS",
    "MAX_MEMBERS",
    "RELATIONS",
    "SELF_CARE",
    "STATUSES",
    "STRUCTURE",
    "WHY",
    "Roll",
    "Table",
    "check",
    "parse",
    "subset",
    "transform",
]
_AREAS: Final = codes(vocabulary.Area)


@dataclass
class Roll:
    """The parsed households of a block (row ``i`` is the block's line ``rid[i]``)."""

    rid: NDArray[np.int64]
    why: NDArray[np.int64]
    hid: pa.Array
    region: pa.Array
    area: NDArray[np.int64]
    assessed: NDArray[np.int64]
    members: Table
    incomes: Table
    expenses: Table
    assets: Table
    # Household columns beyond the core ones, each one value a household: ``current``
    # and ``current_fen`` (`parse_current`), ``single_parent_family`` (`parse_flags`).
    more: dict[str, NDArray[np.int64]] = field(default_factory=dict)
    # ``township`` and ``village`` as text, null when absent (`parse_places`).
    places: dict[str, pa.Array] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rid)


def parse(con: duckdb.DuckDBPyConnection, block: Block) -> Roll:
    """Parse and check the plain lines of a block."""
    return check(block, transform(con, block))


def transform(con: duckdb.DuckDBPyConnection, block: Block) -> pa.StructArray:
    """DuckDB's part of `parse`: each plain line as a struct (`STRUCTURE`; null when
    DuckDB cannot read it). It holds no lock of Python's while DuckDB works, so it can
    run in a thread beside the checks of the block before (`columnar_run`)."""
    lines = pa.table({"line": pc.filter(block.lines, pa.array(block.plain))})
    con.register("lines", lines)
    # STRUCTURE is this module's constant, not input: nothing of the roll is in the query.
    relation = con.sql(f"SELECT TRY(json_transform(line, '{STRUCTURE}')) AS h FROM lines")  # noqa: S608
    to_table = getattr(relation, "to_arrow_table", None) or relation.arrow
    h: pa.StructArray = to_table()["h"].combine_chunks()
    con.unregister("lines")
    return h


def check(block: Block, h: pa.StructArray) -> Roll:
    """The rest of `parse`: the structs of `transform` laid flat and checked."""
    rid = np.flatnonzero(block.plain)
    return _roll(h, rid.astype(np.int64), block.marks[rid].astype(np.int64))


def _field(h: pa.StructArray, name: str) -> pa.Array:
    return pc.struct_field(h, name)


def _roll(h: pa.StructArray, rid: NDArray[np.int64], marks: NDArray[np.int64]) -> Roll:
    n = len(h)
    lists = {name: _field(h, name) for name in ("members", "incomes", "expenses", "assets")}
    members = pm.members(lists["members"], n)
    supporter_marks = _supporters(members, lists["members"])
    incomes = pi.items(lists["incomes"], n)
    expenses = pi.items(lists["expenses"], n)
    assets = pi.assets(lists["assets"], n)
    pi.link(members, (incomes, expenses, assets), n)
    hid_json, region_json = _field(h, "id"), _field(h, "region")
    id_is_string, hid = f.json_string(hid_json)
    region_is_string, region = f.json_string(region_json)
    area = f.code(_field(h, "area"), _AREAS)
    on_text = _field(h, "assessed_on")
    assessed, on_ok = f.dates(on_text)
    on_given = f.present(on_text)
    lengths = {name: f.integers(pc.list_value_length(a), -1) for name, a in lists.items()}
    place_marks, places_ok, place_texts = places(h)
    current_marks, current_ok, more = current(h)
    flags_ok, flag_columns = flags(h)
    more.update(flag_columns)
    expected = (
        _key_marks(h)
        + 2 * (id_is_string.astype(np.int64) + region_is_string + (area >= 0) + on_given)
        + f.commas(hid)
        + sum(np.maximum(lengths[name], 1) - 1 for name in lists)
        + members.marks_by(n)
        + incomes.marks_by(n)
        + expenses.marks_by(n)
        + assets.marks_by(n)
        + place_marks
        + current_marks
        + supporter_marks
    )
    fields_ok = (
        members.all_ok(n)
        & incomes.all_ok(n)
        & expenses.all_ok(n)
        & assets.all_ok(n)
        & (lengths["members"] >= 1)
        & id_is_string
        & f.plain_text(hid, 80)
        & (
            ~f.present(region_json)
            | (region_is_string & f.flag(pc.match_substring_regex(region, r"^[0-9]{6}$")))
        )
        & (area >= 0)
        & (~on_given | on_ok)
        & pm.member_sets(members, n)
        & places_ok
        & current_ok
        & flags_ok
    )
    why = _why(h, members, lengths, fields_ok, marks != expected)
    return Roll(
        rid,
        why,
        hid,
        region,
        area,
        np.where(on_given, assessed, f.NO_DATE),
        members.table,
        incomes.table,
        expenses.table,
        assets.table,
        more,
        place_texts,
    )


def _supporters(members: pm.Part, member_lists: pa.Array) -> NDArray[np.int64]:
    """The members' ``supporters`` (`parse_supporters`): the column ``supporters`` says
    which member's list the columnar engine does not decide (the household goes to the
    reference), ``able_outside`` which member has an able supporter; the quotes and
    commas of the lists, by household."""
    marks, decided, able = supporters(member_lists)
    members.table.columns["supporters"] = ~decided
    members.table.columns["able_outside"] = able
    return members.segments.sum(marks)


def _key_marks(h: pa.StructArray) -> NDArray[np.int64]:
    """The quotes and commas of the household's own known keys."""
    keys = sum(
        f.present(_field(h, name)).astype(np.int64)
        for name in (
            "id",
            "region",
            "area",
            "assessed_on",
            "members",
            "incomes",
            "expenses",
            "assets",
            "current",
            *PLACES,
            *FLAGS,
        )
    )
    out: NDArray[np.int64] = 2 * keys + np.maximum(keys - 1, 0)
    return out


def _why(
    h: pa.StructArray,
    members: pm.Part,
    lengths: dict[str, NDArray[np.int64]],
    fields_ok: NDArray[np.bool_],
    marks_differ: NDArray[np.bool_],
) -> NDArray[np.int64]:
    """Why each household goes to the reference engine (`WHY`; 0: it does not)."""
    n = len(h)
    too_long = (
        (lengths["members"] > MAX_MEMBERS)
        | (lengths["incomes"] > MAX_ITEMS)
        | (lengths["expenses"] > MAX_ITEMS)
        | (lengths["assets"] > MAX_ITEMS)
    )
    why: NDArray[np.int64] = np.select(
        [
            ~f.present(h),
            members.any_of("supporters", n),
            members.any_of("parents", n),
            too_long,
            ~fields_ok,
            marks_differ,
        ],
        [WHY.index(w) for w in ("json", "supporters", "parents", "size", "fields", "keys")],
        0,
    )
    return why


def subset(roll: Roll, keep: NDArray[np.bool_]) -> Roll:
    """The households of ``roll`` where ``keep``, with their rows, numbered anew."""
    new_index = np.cumsum(keep) - 1
    members = _take(roll.members, keep, new_index)
    old_members = np.flatnonzero(keep[roll.members.hh])
    member_index = np.full(len(roll.members), -1, dtype=np.int64)
    member_index[old_members] = np.arange(len(old_members))
    parts = []
    for part in (roll.incomes, roll.expenses, roll.assets):
        t = _take(part, keep, new_index)
        refs = t.columns["member"]
        t.columns["member"] = np.where(refs >= 0, member_index[np.maximum(refs, 0)], -1)
        parts.append(t)
    taken = pa.array(keep)
    return Roll(
        roll.rid[keep],
        roll.why[keep],
        pc.filter(roll.hid, taken),
        pc.filter(roll.region, taken),
        roll.area[keep],
        roll.assessed[keep],
        members,
        parts[0],
        parts[1],
        parts[2],
        {name: column[keep] for name, column in roll.more.items()},
        {name: pc.filter(text, taken) for name, text in roll.places.items()},
    )


def _take(table: Table, keep: NDArray[np.bool_], new_index: NDArray[np.int64]) -> Table:
    rows = keep[table.hh]
    taken = pa.array(rows)
    columns = {
        name: (
            pc.filter(value, taken)
            if isinstance(value, pa.Array | pa.ChunkedArray)
            else value[rows]
            if isinstance(value, np.ndarray)
            else value
        )
        for name, value in table.columns.items()
    }
    return Table(
        new_index[table.hh[rows]], table.k[rows], columns, table.ok[rows], table.marks[rows]
    )
