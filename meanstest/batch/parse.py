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
that gives what the columnar engine does not compute (``supporters``, ``parents``,
``current``), goes to the reference engine; `Roll.why` says why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..model import vocabulary
from ..model.vocabulary import codes
from . import fields as f
from .segments import Segments

if TYPE_CHECKING:
    import duckdb
    from numpy.typing import NDArray

    from .blocks import Block

_J, _V = "JSON", "VARCHAR"
_ITEM = {"member": _J, "type": _V, "amount": _J, "per": _V}
STRUCTURE: Final = json.dumps({
    "id": _J, "region": _J, "area": _V, "assessed_on": _V,
    "members": [{"id": _J, "name": _J, "relation": _V, "birth_date": _V, "age": _V,
                 "id_number": _J, "disability": {"category": _V, "grade": _V},
                 "serious_illness": _V, "education": _V, "employment": _V, "status": _V,
                 "self_care_failed": [_V], "supporters": _J, "parents": _J}],
    "incomes": [_ITEM], "expenses": [_ITEM],
    "assets": [{"type": _V, "value": _J, "count": _V, "kind": _V, "for_livelihood": _V,
                "member": _J}],
    "current": _J}, separators=(",", ":"))

MAX_MEMBERS, MAX_ITEMS = 50, 200
# Why a household goes to the reference engine (index 0: it does not).
WHY: Final = ("", "json", "current", "supporters", "parents", "size", "fields", "keys")
# The contract's words, from its one vocabulary (`model.vocabulary`), in its order.
RELATIONS: Final = codes(vocabulary.Relation)
EDUCATION: Final = codes(vocabulary.Education)
EMPLOYMENT: Final = codes(vocabulary.Employment)
STATUSES: Final = codes(vocabulary.MemberStatus)
CATEGORIES: Final = codes(vocabulary.DisabilityCategory)
SELF_CARE: Final = codes(vocabulary.SelfCareActivity)
ASSET_TYPES: Final = codes(vocabulary.AssetType)
KINDS: Final = codes(vocabulary.VehicleKind)
_AREAS: Final = codes(vocabulary.Area)
_PERIODS: Final = codes(vocabulary.Period)


@dataclass
class Table:
    """Flat rows of one list (members, incomes, …): which household each belongs to,
    its position in the list, its columns, whether each is valid and the marks it
    accounts for."""

    hh: NDArray[np.int64]
    k: NDArray[np.int64]
    columns: dict[str, Any]
    ok: NDArray[np.bool_]
    marks: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.hh)


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

    def __len__(self) -> int:
        return len(self.rid)


def parse(con: duckdb.DuckDBPyConnection, block: Block) -> Roll:
    """Parse and check the plain lines of a block."""
    rid = np.flatnonzero(block.plain)
    lines = pa.table({"line": pc.filter(block.lines, pa.array(block.plain))})
    con.register("lines", lines)
    # STRUCTURE is this module's constant, not input: nothing of the roll is in the query.
    relation = con.sql(f"SELECT TRY(json_transform(line, '{STRUCTURE}')) AS h FROM lines")  # noqa: S608
    to_table = getattr(relation, "to_arrow_table", None) or relation.arrow
    h = to_table()["h"].combine_chunks()
    con.unregister("lines")
    return _roll(h, rid.astype(np.int64), block.marks[rid].astype(np.int64))


def _field(h: pa.StructArray, name: str) -> pa.Array:
    return pc.struct_field(h, name)


def _roll(h: pa.StructArray, rid: NDArray[np.int64], marks: NDArray[np.int64]) -> Roll:
    n = len(h)
    parsed = f.present(h)
    lists = {name: _field(h, name) for name in ("members", "incomes", "expenses", "assets")}
    members = _members(lists["members"], n)
    incomes = _items(lists["incomes"], n)
    expenses = _items(lists["expenses"], n)
    assets = _assets(lists["assets"], n)
    _link(members, (incomes, expenses, assets), n)
    hid_json, region_json = _field(h, "id"), _field(h, "region")
    id_is_string, hid = f.json_string(hid_json)
    region_is_string, region = f.json_string(region_json)
    area = f.code(_field(h, "area"), _AREAS)
    on_text = _field(h, "assessed_on")
    assessed, on_ok = f.dates(on_text)
    on_given = f.present(on_text)
    lengths = {name: f.integers(pc.list_value_length(a), -1) for name, a in lists.items()}
    keys = sum(f.present(_field(h, name)).astype(np.int64) for name in (
        "id", "region", "area", "assessed_on", "members", "incomes", "expenses", "assets",
        "current"))
    expected = (2 * keys + np.maximum(keys - 1, 0)
                + 2 * (id_is_string.astype(np.int64) + region_is_string + (area >= 0)
                       + on_given)
                + f.commas(hid)
                + sum(np.maximum(lengths[name], 1) - 1 for name in lists)
                + members.marks_by(n) + incomes.marks_by(n) + expenses.marks_by(n)
                + assets.marks_by(n))
    fields_ok = (members.all_ok(n) & incomes.all_ok(n) & expenses.all_ok(n) & assets.all_ok(n)
                 & (lengths["members"] >= 1) & id_is_string & f.plain_text(hid, 80)
                 & (~f.present(region_json) | (region_is_string & f.flag(
                     pc.match_substring_regex(region, r"^[0-9]{6}$"))))
                 & (area >= 0) & (~on_given | on_ok) & _member_sets(members, n))
    too_long = ((lengths["members"] > MAX_MEMBERS) | (lengths["incomes"] > MAX_ITEMS)
                | (lengths["expenses"] > MAX_ITEMS) | (lengths["assets"] > MAX_ITEMS))
    why = np.select(
        [~parsed, f.present(_field(h, "current")), members.any_of("supporters", n),
         members.any_of("parents", n), too_long, ~fields_ok, marks != expected],
        [WHY.index(w) for w in ("json", "current", "supporters", "parents", "size",
                                "fields", "keys")], 0)
    return Roll(rid, why, hid, region, area, np.where(on_given, assessed, f.NO_DATE),
                members.table, incomes.table, expenses.table, assets.table)


class _Part:
    """A flattened list with the helpers that sum its rows up by household."""

    def __init__(self, table: Table, n: int) -> None:
        self.table = table
        self.segments = Segments(table.hh, n)

    def marks_by(self, n: int) -> NDArray[np.int64]:
        return self.segments.sum(self.table.marks)

    def all_ok(self, n: int) -> NDArray[np.bool_]:
        return self.segments.all(self.table.ok)

    def any_of(self, column: str, n: int) -> NDArray[np.bool_]:
        return self.segments.any(self.table.columns[column])


def _flatten(lists: pa.Array) -> tuple[pa.StructArray, NDArray[np.int64], NDArray[np.int64]]:
    """The elements of a list column, each with its row and its position in the list."""
    values = pc.list_flatten(lists)
    parent = f.integers(pc.list_parent_indices(lists))
    first = np.searchsorted(parent, parent, side="left")
    return values, parent, np.arange(len(parent), dtype=np.int64) - first


def _members(lists: pa.Array, n: int) -> _Part:
    m, hh, k = _flatten(lists)
    get = {name: pc.struct_field(m, name) for name in (
        "id", "name", "relation", "birth_date", "age", "id_number", "disability",
        "serious_illness", "education", "employment", "status", "self_care_failed",
        "supporters", "parents")}
    id_string, mid = f.json_string(get["id"])
    name_string, name = f.json_string(get["name"])
    number_string, number = f.json_string(get["id_number"])
    relation = f.code(get["relation"], RELATIONS)
    birth, birth_ok = f.dates(get["birth_date"])
    age, age_ok = f.small_integers(get["age"], 3)
    number_ok, number_birth = f.id_numbers(number)
    category = f.code(pc.struct_field(get["disability"], "category"), CATEGORIES)
    grade, grade_ok = f.small_integers(pc.struct_field(get["disability"], "grade"), 1)
    ill, ill_ok = f.booleans(get["serious_illness"])
    edu, emp = f.code(get["education"], EDUCATION), f.code(get["employment"], EMPLOYMENT)
    status = f.code(get["status"], STATUSES)
    care = get["self_care_failed"]
    care_n = f.integers(pc.list_value_length(care), 0)
    care_ok = _self_care_ok(care, len(m))
    given = {name: f.present(value) for name, value in get.items()}
    disability = given["disability"]
    ok = (f.present(m) & id_string & f.plain_text(mid, 40) & (relation >= 0)
          & (given["birth_date"] != given["age"])
          & (~given["birth_date"] | birth_ok) & (~given["age"] | (age_ok & (age <= 130)))
          & (~given["name"] | (name_string & f.plain_text(name, 60)))
          & (~given["id_number"] | (number_string & number_ok & (
              ~given["birth_date"] | (number_birth == birth))))
          & (~disability | ((category >= 0) & grade_ok & (grade >= 1) & (grade <= 4)))
          & ill_ok & (~given["education"] | (edu >= 0))
          & (~given["employment"] | (emp >= 0)) & (~given["status"] | (status >= 0))
          & care_ok)
    keys = sum(v.astype(np.int64) for v in given.values())
    dis_keys = (f.present(pc.struct_field(get["disability"], "category")).astype(np.int64)
                + f.present(pc.struct_field(get["disability"], "grade")))
    marks = (2 * keys + np.maximum(keys - 1, 0) + 2 * dis_keys
             + np.where(disability, np.maximum(dis_keys - 1, 0), 0)
             + 2 * (id_string.astype(np.int64) + name_string + number_string
                    + given["relation"] + given["birth_date"] + given["education"]
                    + given["employment"] + given["status"]
                    + f.present(pc.struct_field(get["disability"], "category")))
             + 2 * care_n + np.maximum(care_n - 1, 0) + f.commas(mid) + f.commas(name))
    columns = {"id": mid, "relation": relation, "birth": np.where(
        given["birth_date"], birth, f.NO_DATE), "age": np.where(given["age"], age, -1),
        "dis_cat": np.where(disability, category, -1), "dis_grade": np.where(
            disability, grade, 0), "ill": ill, "edu": edu, "emp": emp,
        "status": np.where(given["status"], status, 0), "n_care": care_n,
        "supporters": given["supporters"], "parents": given["parents"]}
    return _Part(Table(hh, k, columns, ok, marks), n)


def _self_care_ok(care: pa.Array, count: int) -> NDArray[np.bool_]:
    """Every activity listed is one of the six, and none twice."""
    values, parent, _ = _flatten(care)
    known = f.code(values, SELF_CARE)
    bad = known < 0
    pairs = parent * len(SELF_CARE) + np.maximum(known, 0)
    order = np.sort(pairs[~bad])
    repeated = order[1:][order[1:] == order[:-1]] // len(SELF_CARE)
    out = np.ones(count, dtype=np.bool_)
    out[parent[bad]] = False
    out[repeated] = False
    return out


def _items(lists: pa.Array, n: int) -> _Part:
    t, hh, k = _flatten(lists)
    member_json = pc.struct_field(t, "member")
    member_string, member = f.json_string(member_json)
    kind = pc.struct_field(t, "type")
    fen, money_ok, money_string = f.money(pc.struct_field(t, "amount"))
    per = f.code(pc.struct_field(t, "per"), _PERIODS)
    given_member = f.present(member_json)
    ok = (f.present(t) & (~given_member | (member_string & f.plain_text(member, 40)))
          & f.flag(pc.match_substring_regex(kind, r"^[a-z][a-z0-9_]{0,39}$"))
          & money_ok & (per >= 0))
    keys = (given_member.astype(np.int64) + f.present(kind)
            + f.present(pc.struct_field(t, "amount")) + f.present(pc.struct_field(t, "per")))
    marks = (2 * keys + np.maximum(keys - 1, 0) + 2 * (
        member_string.astype(np.int64) + f.present(kind) + money_string + (per >= 0))
        + f.commas(member))
    columns = {"member_id": member, "type": kind, "fen": fen, "monthly": per == 0}
    return _Part(Table(hh, k, columns, ok, marks), n)


def _assets(lists: pa.Array, n: int) -> _Part:
    t, hh, k = _flatten(lists)
    get = {name: pc.struct_field(t, name) for name in (
        "type", "value", "count", "kind", "for_livelihood", "member")}
    member_string, member = f.json_string(get["member"])
    kind_of = f.code(get["type"], ASSET_TYPES)
    fen, money_ok, money_string = f.money(get["value"])
    count, count_ok = f.small_integers(get["count"], 4)
    vehicle = f.code(get["kind"], KINDS)
    livelihood, livelihood_ok = f.booleans(get["for_livelihood"])
    given = {name: f.present(value) for name, value in get.items()}
    ok = (f.present(t) & (~given["member"] | (member_string & f.plain_text(member, 40)))
          & (kind_of >= 0) & (~given["value"] | money_ok)
          & (~given["count"] | (count_ok & (count >= 1) & (count <= 1000)))
          & (~given["kind"] | (vehicle >= 0))
          & ((kind_of == ASSET_TYPES.index("vehicle")) == given["kind"]) & livelihood_ok)
    keys = sum(v.astype(np.int64) for v in given.values())
    marks = (2 * keys + np.maximum(keys - 1, 0) + 2 * (
        member_string.astype(np.int64) + given["type"] + money_string + given["kind"])
        + f.commas(member))
    columns = {"member_id": member, "type": kind_of, "fen": np.where(given["value"], fen, 0),
               "count": np.where(given["count"], count, 1), "kind": vehicle,
               "livelihood": livelihood}
    return _Part(Table(hh, k, columns, ok, marks), n)


def _link(members: _Part, parts: tuple[_Part, ...], n: int) -> None:
    """Give each item the index of the member it names (-1 for none); an item naming no
    member of its household is not valid."""
    ids = pa.chunked_array([members.table.columns["id"], *(
        p.table.columns["member_id"] for p in parts)]).combine_chunks()
    codes = f.integers(pc.dictionary_encode(ids).indices)
    count = int(codes.max()) + 1 if len(codes) else 1
    own = members.table.hh * count + codes[:len(members.table)]
    order = np.argsort(own, kind="stable")
    start = len(members.table)
    for part in parts:
        t = part.table
        mine = codes[start:start + len(t)]
        start += len(t)
        named = mine >= 0
        wanted = t.hh * count + np.maximum(mine, 0)
        at = np.minimum(np.searchsorted(own[order], wanted), max(len(order) - 1, 0))
        found = named & (len(order) > 0) & (own[order][at] == wanted) if len(order) else (
            np.zeros(len(t), dtype=np.bool_))
        t.columns["member"] = np.where(found, order[at] if len(order) else 0, -1)
        t.ok &= ~named | found
    members.table.columns["code"] = codes[:len(members.table)]
    members.table.columns["code_count"] = count


def _member_sets(members: _Part, n: int) -> NDArray[np.bool_]:
    """Exactly one applicant, and no member id twice, in each household."""
    t = members.table
    applicants = members.segments.count(t.columns["relation"] == 0)
    pairs = np.sort(t.hh * t.columns["code_count"] + t.columns["code"])
    twice = np.unique(pairs[1:][pairs[1:] == pairs[:-1]] // t.columns["code_count"])
    out: NDArray[np.bool_] = applicants == 1
    out[twice] = False
    return out


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
    return Roll(roll.rid[keep], roll.why[keep], pc.filter(roll.hid, taken),
                pc.filter(roll.region, taken), roll.area[keep], roll.assessed[keep],
                members, *parts)


def _take(table: Table, keep: NDArray[np.bool_], new_index: NDArray[np.int64]) -> Table:
    rows = keep[table.hh]
    taken = pa.array(rows)
    columns = {name: (pc.filter(value, taken) if isinstance(value, pa.Array | pa.ChunkedArray)
                      else value[rows] if isinstance(value, np.ndarray) else value)
               for name, value in table.columns.items()}
    return Table(new_index[table.hh[rows]], table.k[rows], columns, table.ok[rows],
                 table.marks[rows])
