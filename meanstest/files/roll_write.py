"""Writing households as a case roll (CSV/XLSX rows): the columns they need, the header
in Chinese or English, and one row per member (the reverse of `files.roll`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import Invalid
from . import roll_columns as V
from . import roll_hardship


def roll_columns(households: Iterable[Mapping[str, Any]]) -> list[V.Column]:
    """Return the columns needed to write these households as a roll, in layout order."""
    keys: set[tuple[str, str, str, str | None, bool]] = set()
    for data in households:
        for member_cells in _cells(data):
            keys.update(member_cells)
    return [V.Column(i, "", *key) for i, key in enumerate(sorted(keys, key=_rank))]


_GROUPS = (
    ("household", "field"),
    ("member", "field"),
    ("member", "income"),
    ("member", "expense"),
    ("household", "income"),
    ("household", "expense"),
    ("household", "asset"),
    ("household", "vehicle"),
)
_NAMES = (
    *V.HOUSEHOLD_FIELDS,
    *V.MEMBER_FIELDS,
    *V.INCOME_TYPES,
    *V.EXPENSE_TYPES,
    *V.ASSET_TYPES,
    *V.VEHICLE_KINDS,
)


def _rank(key: tuple[str, str, str, str | None, bool]) -> tuple[int, int, str, str, bool]:
    """Layout order: household fields, member fields, typed columns by vocabulary order."""
    scope, kind, name, per, livelihood = key
    known = _NAMES.index(name) if name in _NAMES else len(_NAMES)
    return (_GROUPS.index((scope, kind)), known, name, per or "", livelihood)


def roll_header(columns: Sequence[V.Column], lang: str) -> list[str]:
    """Return the header row, in Chinese or English."""
    name = V.chinese_header if lang == "zh" else V.english_header
    return [name(c) for c in columns]


def roll_rows(
    data: Mapping[str, Any], columns: Sequence[V.Column], lang: str = "en", *, repeat: bool = True
) -> list[list[str]]:
    """Return one household as roll rows (one per member), cells as text.

    With ``lang="zh"`` enumerated values are written as the Chinese words a roll
    uses (农村, 申请人, 是 …); English values are what the contract spells. With
    ``repeat=False`` household cells are left blank after the first row, as merged
    cells export.

    Raises:
        Invalid: the household uses something the layout cannot hold (supporters,
            two incomes of one type and period for one member, ...).
    """
    index = {c.key: c.position for c in columns}
    rows = []
    for n, member_cells in enumerate(_cells(data)):
        row = [""] * len(columns)
        for key, value in member_cells.items():
            if n and not repeat and key[0] == "household":
                continue
            field = "income_basis" if key[1] == "income" else key[2]
            row[index[key]] = _chinese(field, value) if lang == "zh" else value
        rows.append(row)
    return rows


_ZH_WORDS = {
    field: {en: zh for zh, en in reversed(words.items())} for field, words in V.VALUES.items()
}


def _chinese(field: str, text: str) -> str:
    """The Chinese word for an enumerated value (the first listed), else the text."""
    if field in V.FLAG_FIELDS:
        return "是" if text == "true" else "否"
    if field == "self_care_failed":
        return "、".join(_ZH_WORDS[field].get(w, w) for w in text.split(";"))
    if field.startswith("current_") and field != "current_status":
        return text
    return _ZH_WORDS.get(field, {}).get(text, text)


_Key = tuple[str, str, str, str | None, bool]


def _cells(data: Mapping[str, Any]) -> list[dict[_Key, str]]:
    """The cells of each member row, keyed by what their column fills."""
    if any("member" in asset for asset in data.get("assets", ())):
        raise Invalid("roll_member_asset")
    house = _household_cells(data)
    rows = [{**house, **_member_cells(member)} for member in data["members"]]
    by_id = {m["id"]: n for n, m in enumerate(data["members"])}
    for kind in ("income", "expense"):
        for item in data.get(f"{kind}s", ()):
            scope = "household" if item.get("member") is None else "member"
            per = item.get("per") or "month"  # an imputed item may leave out its period
            item_key: _Key = (scope, kind, item["type"], per, False)
            targets = rows if scope == "household" else [rows[by_id[item["member"]]]]
            if item_key in targets[0]:
                raise Invalid("roll_two_items", scope=scope, kind=kind, type=item["type"], per=per)
            for cells in targets:
                cells[item_key] = str(item["basis"] if "basis" in item else item["amount"])
    for asset in data.get("assets", ()):
        asset_key, text = _asset_cell(asset)
        if asset_key in rows[0]:
            raise Invalid("roll_two_assets", type=asset_key[2])
        for cells in rows:
            cells[asset_key] = text
            if asset.get("acquired_on") is not None:  # housing's: its own column
                cells[("household", "field", "housing_acquired_on", None, False)] = str(
                    asset["acquired_on"]
                )
    return rows


def _household_cells(data: Mapping[str, Any]) -> dict[_Key, str]:
    """The cells of the household's own fields, the same on each of its rows."""
    house: dict[_Key, str] = {}
    for name, field in (
        ("id", "household_id"),
        ("region", "region"),
        ("area", "area"),
        ("assessed_on", "assessed_on"),
        ("township", "township"),
        ("village", "village"),
    ):
        if data.get(name) is not None:
            house[("household", "field", field, None, False)] = str(data[name])
    if data.get("single_parent_family") is not None:
        house[("household", "field", "single_parent_family", None, False)] = (
            "true" if data["single_parent_family"] else "false"
        )
    for name, value in (data.get("current") or {}).items():
        house[("household", "field", f"current_{name}", None, False)] = str(value)
    for name, text in roll_hardship.flatten(data.get("hardship") or {}).items():
        house[("household", "field", name, None, False)] = text
    return house


def _member_cells(member: Mapping[str, Any]) -> dict[_Key, str]:
    unsupported = {"supporters", "parents"} & member.keys()
    if unsupported:
        raise Invalid("roll_no_columns_for", fields=sorted(unsupported))
    cells: dict[_Key, str] = {}
    for key, value in member.items():
        if key == "disability":
            for sub, sub_value in value.items():
                cells[("member", "field", f"disability_{sub}", None, False)] = str(sub_value)
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, list | tuple):
            text = ";".join(value)
        else:
            text = str(value)
        cells[("member", "field", "member_id" if key == "id" else key, None, False)] = text
    return cells


def _asset_cell(asset: Mapping[str, Any]) -> tuple[_Key, str]:
    if asset["type"] == "housing":
        return ("household", "asset", "housing", None, False), str(asset.get("count", 1))
    kind, name = (
        ("vehicle", asset["kind"]) if asset["type"] == "vehicle" else ("asset", asset["type"])
    )
    key = ("household", kind, name, None, bool(asset.get("for_livelihood")))
    return key, str(asset.get("value", 0))
