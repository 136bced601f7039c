"""Stage A of the columnar engine (`parse`), its items: the ``incomes``, ``expenses``
and ``assets`` lists laid flat and checked against `meanstest.household/1`, and each
item linked to the member it names.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..model import vocabulary
from ..model.vocabulary import codes
from . import fields as f
from .parse_members import Part, Table, flatten

ASSET_TYPES: Final = codes(vocabulary.AssetType)
KINDS: Final = codes(vocabulary.VehicleKind)
_PERIODS: Final = codes(vocabulary.Period)


def items(lists: pa.Array, n: int) -> Part:
    t, hh, k = flatten(lists)
    member_json = pc.struct_field(t, "member")
    member_string, member = f.json_string(member_json)
    kind = pc.struct_field(t, "type")
    fen, money_ok, money_string = f.money(pc.struct_field(t, "amount"))
    per = f.code(pc.struct_field(t, "per"), _PERIODS)
    given_member = f.present(member_json)
    ok = (
        f.present(t)
        & (~given_member | (member_string & f.plain_text(member, 40)))
        & f.flag(pc.match_substring_regex(kind, r"^[a-z][a-z0-9_]{0,39}$"))
        & money_ok
        & (per >= 0)
    )
    keys = (
        given_member.astype(np.int64)
        + f.present(kind)
        + f.present(pc.struct_field(t, "amount"))
        + f.present(pc.struct_field(t, "per"))
    )
    marks = (
        2 * keys
        + np.maximum(keys - 1, 0)
        + 2 * (member_string.astype(np.int64) + f.present(kind) + money_string + (per >= 0))
        + f.commas(member)
    )
    columns = {"member_id": member, "type": kind, "fen": fen, "monthly": per == 0}
    return Part(Table(hh, k, columns, ok, marks), n)


def assets(lists: pa.Array, n: int) -> Part:
    t, hh, k = flatten(lists)
    get = {
        name: pc.struct_field(t, name)
        for name in ("type", "value", "count", "kind", "for_livelihood", "member", "acquired_on")
    }
    member_string, member = f.json_string(get["member"])
    kind_of = f.code(get["type"], ASSET_TYPES)
    fen, money_ok, money_string = f.money(get["value"])
    count, count_ok = f.small_integers(get["count"], 4)
    vehicle = f.code(get["kind"], KINDS)
    livelihood, livelihood_ok = f.booleans(get["for_livelihood"])
    acquired, acquired_ok = f.dates(get["acquired_on"])
    given = {name: f.present(value) for name, value in get.items()}
    ok = (
        f.present(t)
        & (~given["member"] | (member_string & f.plain_text(member, 40)))
        & (kind_of >= 0)
        & (~given["value"] | money_ok)
        & (~given["count"] | (count_ok & (count >= 1) & (count <= 1000)))
        & (~given["kind"] | (vehicle >= 0))
        & ((kind_of == ASSET_TYPES.index("vehicle")) == given["kind"])
        & livelihood_ok
        # a date, on housing only (`Asset.acquired_on`)
        & (~given["acquired_on"] | (acquired_ok & (kind_of == ASSET_TYPES.index("housing"))))
    )
    keys = sum(v.astype(np.int64) for v in given.values())
    marks = (
        2 * keys
        + np.maximum(keys - 1, 0)
        + 2
        * (
            member_string.astype(np.int64)
            + given["type"]
            + money_string
            + given["kind"]
            + given["acquired_on"]
        )
        + f.commas(member)
    )
    columns = {
        "member_id": member,
        "type": kind_of,
        "fen": np.where(given["value"], fen, 0),
        "count": np.where(given["count"], count, 1),
        "kind": vehicle,
        "livelihood": livelihood,
        "acquired": np.where(given["acquired_on"], acquired, f.NO_DATE),
    }
    return Part(Table(hh, k, columns, ok, marks), n)


def link(members: Part, parts: tuple[Part, ...], n: int) -> None:
    """Give each item the index of the member it names (-1 for none); an item naming no
    member of its household is not valid."""
    ids = pa.chunked_array(
        [members.table.columns["id"], *(p.table.columns["member_id"] for p in parts)]
    ).combine_chunks()
    codes = f.integers(pc.dictionary_encode(ids).indices)
    count = int(codes.max()) + 1 if len(codes) else 1
    own = members.table.hh * count + codes[: len(members.table)]
    order = np.argsort(own, kind="stable")
    start = len(members.table)
    for part in parts:
        t = part.table
        mine = codes[start : start + len(t)]
        start += len(t)
        named = mine >= 0
        wanted = t.hh * count + np.maximum(mine, 0)
        at = np.minimum(np.searchsorted(own[order], wanted), max(len(order) - 1, 0))
        found = (
            named & (len(order) > 0) & (own[order][at] == wanted)
            if len(order)
            else (np.zeros(len(t), dtype=np.bool_))
        )
        t.columns["member"] = np.where(found, order[at] if len(order) else 0, -1)
        t.ok &= ~named | found
    members.table.columns["code"] = codes[: len(members.table)]
    members.table.columns["code_count"] = count
