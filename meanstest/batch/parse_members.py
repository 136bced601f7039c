"""Stage A of the columnar engine (`parse`), its members: the flat rows of a list, and
the ``members`` list laid flat and checked against `meanstest.household/1`.

A member's fields are checked (``ok``) and the quotes and commas its known keys and
values account for are counted (``marks``), as `parse` explains, in two named steps.
"""

from __future__ import annotations

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
    from numpy.typing import NDArray

# The contract's words, from its one vocabulary (`model.vocabulary`), in its order.
RELATIONS: Final = codes(vocabulary.Relation)
EDUCATION: Final = codes(vocabulary.Education)
EMPLOYMENT: Final = codes(vocabulary.Employment)
STATUSES: Final = codes(vocabulary.MemberStatus)
CATEGORIES: Final = codes(vocabulary.DisabilityCategory)
SELF_CARE: Final = codes(vocabulary.SelfCareActivity)


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


class Part:
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


def flatten(lists: pa.Array) -> tuple[pa.StructArray, NDArray[np.int64], NDArray[np.int64]]:
    """The elements of a list column, each with its row and its position in the list."""
    values = pc.list_flatten(lists)
    parent = f.integers(pc.list_parent_indices(lists))
    first = np.searchsorted(parent, parent, side="left")
    return values, parent, np.arange(len(parent), dtype=np.int64) - first


def members(lists: pa.Array, n: int) -> Part:
    m, hh, k = flatten(lists)
    get = {
        name: pc.struct_field(m, name)
        for name in (
            "id",
            "name",
            "relation",
            "birth_date",
            "age",
            "id_number",
            "disability",
            "serious_illness",
            "education",
            "employment",
            "status",
            "self_care_failed",
            "supporters",
            "parents",
        )
    }
    v = _decode(get, len(m))
    given = {name: f.present(value) for name, value in get.items()}
    disability = given["disability"]
    ok = _member_ok(m, given, v)
    marks = _member_marks(get, given, v)
    columns = {
        "id": v["mid"],
        "relation": v["relation"],
        "birth": np.where(given["birth_date"], v["birth"], f.NO_DATE),
        "age": np.where(given["age"], v["age"], -1),
        "dis_cat": np.where(disability, v["category"], -1),
        "dis_grade": np.where(disability, v["grade"], 0),
        "ill": v["ill"],
        "edu": v["edu"],
        "emp": v["emp"],
        "status": np.where(given["status"], v["status"], 0),
        "n_care": v["care_n"],
        "supporters": given["supporters"],
        "parents": given["parents"],
    }
    return Part(Table(hh, k, columns, ok, marks), n)


def _decode(get: dict[str, pa.Array], count: int) -> dict[str, Any]:
    """Each field of the members read as its kind (with whether it is well formed)."""
    v: dict[str, Any] = {}
    v["id_string"], v["mid"] = f.json_string(get["id"])
    v["name_string"], v["name"] = f.json_string(get["name"])
    v["number_string"], v["number"] = f.json_string(get["id_number"])
    v["relation"] = f.code(get["relation"], RELATIONS)
    v["birth"], v["birth_ok"] = f.dates(get["birth_date"])
    v["age"], v["age_ok"] = f.small_integers(get["age"], 3)
    v["number_ok"], v["number_birth"] = f.id_numbers(v["number"])
    v["category"] = f.code(pc.struct_field(get["disability"], "category"), CATEGORIES)
    v["grade"], v["grade_ok"] = f.small_integers(pc.struct_field(get["disability"], "grade"), 1)
    v["ill"], v["ill_ok"] = f.booleans(get["serious_illness"])
    v["edu"], v["emp"] = (
        f.code(get["education"], EDUCATION),
        f.code(get["employment"], EMPLOYMENT),
    )
    v["status"] = f.code(get["status"], STATUSES)
    care = get["self_care_failed"]
    v["care_n"] = f.integers(pc.list_value_length(care), 0)
    v["care_ok"] = _self_care_ok(care, count)
    return v


def _member_ok(
    m: pa.Array, given: dict[str, NDArray[np.bool_]], v: dict[str, Any]
) -> NDArray[np.bool_]:
    """Whether each member is valid (`meanstest.household/1`)."""
    disability = given["disability"]
    ok: NDArray[np.bool_] = (
        f.present(m)
        & v["id_string"]
        & f.plain_text(v["mid"], 40)
        & (v["relation"] >= 0)
        & (given["birth_date"] != given["age"])
        & (~given["birth_date"] | v["birth_ok"])
        & (~given["age"] | (v["age_ok"] & (v["age"] <= 130)))
        & (~given["name"] | (v["name_string"] & f.plain_text(v["name"], 60)))
        & (
            ~given["id_number"]
            | (
                v["number_string"]
                & v["number_ok"]
                & (~given["birth_date"] | (v["number_birth"] == v["birth"]))
            )
        )
        & (
            ~disability
            | ((v["category"] >= 0) & v["grade_ok"] & (v["grade"] >= 1) & (v["grade"] <= 4))
        )
        & v["ill_ok"]
        & (~given["education"] | (v["edu"] >= 0))
        & (~given["employment"] | (v["emp"] >= 0))
        & (~given["status"] | (v["status"] >= 0))
        & v["care_ok"]
    )
    return ok


def _member_marks(
    get: dict[str, pa.Array], given: dict[str, NDArray[np.bool_]], v: dict[str, Any]
) -> NDArray[np.int64]:
    """The quotes and commas each member's known keys and values account for."""
    keys = sum(value.astype(np.int64) for value in given.values())
    dis_keys = f.present(pc.struct_field(get["disability"], "category")).astype(
        np.int64
    ) + f.present(pc.struct_field(get["disability"], "grade"))
    care_n = v["care_n"]
    marks: NDArray[np.int64] = (
        2 * keys
        + np.maximum(keys - 1, 0)
        + 2 * dis_keys
        + np.where(given["disability"], np.maximum(dis_keys - 1, 0), 0)
        + 2
        * (
            v["id_string"].astype(np.int64)
            + v["name_string"]
            + v["number_string"]
            + given["relation"]
            + given["birth_date"]
            + given["education"]
            + given["employment"]
            + given["status"]
            + f.present(pc.struct_field(get["disability"], "category"))
        )
        + 2 * care_n
        + np.maximum(care_n - 1, 0)
        + f.commas(v["mid"])
        + f.commas(v["name"])
    )
    return marks


def _self_care_ok(care: pa.Array, count: int) -> NDArray[np.bool_]:
    """Every activity listed is one of the six, and none twice."""
    values, parent, _ = flatten(care)
    known = f.code(values, SELF_CARE)
    bad = known < 0
    pairs = parent * len(SELF_CARE) + np.maximum(known, 0)
    order = np.sort(pairs[~bad])
    repeated = order[1:][order[1:] == order[:-1]] // len(SELF_CARE)
    out = np.ones(count, dtype=np.bool_)
    out[parent[bad]] = False
    out[repeated] = False
    return out


def member_sets(members: Part, n: int) -> NDArray[np.bool_]:
    """Exactly one applicant, and no member id twice, in each household."""
    t = members.table
    applicants = members.segments.count(t.columns["relation"] == 0)
    pairs = np.sort(t.hh * t.columns["code_count"] + t.columns["code"])
    twice = np.unique(pairs[1:][pairs[1:] == pairs[:-1]] // t.columns["code_count"])
    out: NDArray[np.bool_] = applicants == 1
    out[twice] = False
    return out
