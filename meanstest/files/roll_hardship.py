"""The hardship columns of a case roll (临时救助): their headers, words and nesting.

A hardship is one per household, so its columns are household columns (filled on the
first row of the household, or repeated). `roll_columns` merges the headers and words
below into its vocabulary; `roll` converts each cell like any other household cell and
hands the hardship cells here to become the contract's nested ``hardship`` object, and
back when a roll is written.

The payments of the last 12 months fit one cell, written compactly: one payment per
entry, ``DATE CAUSE AMOUNT`` separated by spaces, entries separated by ``;``::

    2021-03-05 火灾 1140; 2021-08-01 fire 760
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import Invalid
from ..model import vocabulary

# Household columns: the field, then the headers that name it.
HARDSHIP_FIELDS: dict[str, tuple[str, ...]] = {
    "hardship_type": ("hardship_type", "临时救助类型", "困难类型"),
    "hardship_cause": ("hardship_cause", "困难原因"),
    "hardship_date": ("hardship_date", "困难发生日期"),
    "hardship_loss": ("hardship_loss", "财产损失"),
    "hardship_medical": ("hardship_medical", "困难医疗支出"),
    "hardship_education": ("hardship_education", "困难教育支出"),
    "hardship_other_expense": ("hardship_other_expense", "困难其他必需支出"),
    "hardship_period_months": ("hardship_period_months", "支出期间月数"),
    "hardship_insurance": ("hardship_insurance", "保险赔付"),
    "hardship_compensation": ("hardship_compensation", "获得赔偿"),
    "hardship_other_assistance": ("hardship_other_assistance", "已获其他救助"),
    "hardship_months_without_income": ("hardship_months_without_income", "连续无收入月数"),
    "hardship_insured": ("hardship_insured", "参加失业保险"),
    "hardship_payments": ("hardship_payments", "近12个月临时救助"),
}


def cell_words(labels: vocabulary.Labels, other: Mapping[str, str] | None = None) -> dict[str, str]:
    """The words a roll cell may hold for a vocabulary: each code's Chinese label (the
    word a roll is written with, listed first), then ``other`` words -> their code."""
    return {**{zh: code for code, (zh, _) in labels.items()}, **(other or {})}


CAUSE_WORDS = cell_words(
    vocabulary.HARDSHIP_CAUSE_LABELS,
    {"意外事故": "other_accident", "重大疾病": "sudden_illness", "其他": "other"},
)
VALUES: dict[str, dict[str, str]] = {
    "hardship_type": cell_words(vocabulary.HARDSHIP_TYPE_LABELS),
    "hardship_cause": CAUSE_WORDS,
}
DATE_FIELDS = frozenset({"hardship_date"})
MONEY_FIELDS = frozenset(
    {
        "hardship_loss",
        "hardship_medical",
        "hardship_education",
        "hardship_other_expense",
        "hardship_insurance",
        "hardship_compensation",
        "hardship_other_assistance",
    }
)
INT_FIELDS = frozenset({"hardship_period_months", "hardship_months_without_income"})
FLAG_FIELDS = frozenset({"hardship_insured"})
PAYMENT_FIELDS = frozenset({"hardship_payments"})

# Where each cell goes in the contract's `hardship` object.
_PATHS: dict[str, tuple[str, ...]] = {
    "hardship_type": ("type",),
    "hardship_cause": ("cause",),
    "hardship_date": ("date",),
    "hardship_loss": ("loss",),
    "hardship_period_months": ("period_months",),
    "hardship_insurance": ("covered", "insurance"),
    "hardship_compensation": ("covered", "compensation"),
    "hardship_other_assistance": ("covered", "other_assistance"),
    "hardship_months_without_income": ("unemployment", "months_without_income"),
    "hardship_insured": ("unemployment", "insured"),
    "hardship_payments": ("payments",),
}
_EXPENSES = {
    "hardship_medical": "medical",
    "hardship_education": "education",
    "hardship_other_expense": "other",
}

_ENTRIES = re.compile(r"[;；]")
_PARTS = re.compile(r"[\s\u3000]+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def payments(text: str) -> list[dict[str, str]]:
    """Read the compact payments cell: ``DATE CAUSE AMOUNT; ...``.

    Raises:
        Invalid: an entry is not three parts, or its date is not a date.
    """
    out = []
    for n, entry in enumerate(_ENTRIES.split(text), start=1):
        if not entry.strip():
            continue
        parts = _PARTS.split(entry.strip())
        if len(parts) != 3:
            raise Invalid("payment_parts", n=n)
        date, cause, amount = parts
        match = _DATE.match(date)
        if match is None:
            raise Invalid("payment_date", n=n, date=date)
        out.append(
            {
                "date": f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}",
                "cause": CAUSE_WORDS.get(cause, cause),
                "amount": amount,
            }
        )
    return out


def nest(
    cells: Mapping[str, tuple[object, int, str]],
) -> tuple[dict[str, Any], dict[str, tuple[int, str]]]:
    """Build the ``hardship`` object from its converted cells ``field -> (value, row,
    header)``; return it with the origin (row, header) of each of its paths."""
    hardship: dict[str, Any] = {}
    origin: dict[str, tuple[int, str]] = {}
    for field, (value, row, header) in cells.items():
        if field in _EXPENSES:
            hardship.setdefault("expenses", []).append({"type": _EXPENSES[field], "amount": value})
            where = f"expenses.{len(hardship['expenses']) - 1}"
            origin[f"hardship.{where}"] = origin[f"hardship.{where}.amount"] = (row, header)
            continue
        path = _PATHS[field]
        target = hardship
        for step in path[:-1]:
            target = target.setdefault(step, {})
        target[path[-1]] = value
        origin[f"hardship.{'.'.join(path)}"] = (row, header)
        if len(path) > 1:
            origin.setdefault(f"hardship.{path[0]}", (row, header))
    return hardship, origin


def flatten(hardship: Mapping[str, Any]) -> dict[str, str]:
    """The cells of a ``hardship`` object, by field (the reverse of `nest`), as text.

    Raises:
        Invalid: two expenses of one type, which one column cannot hold.
    """
    cells: dict[str, str] = {}
    for field, path in _PATHS.items():
        value: Any = hardship
        for step in path:
            value = value.get(step) if isinstance(value, Mapping) else None
        if value is None or value == []:
            continue
        if field == "hardship_payments":
            cells[field] = "; ".join(f"{p['date']} {p['cause']} {p['amount']}" for p in value)
        elif isinstance(value, bool):
            cells[field] = "true" if value else "false"
        else:
            cells[field] = str(value)
    columns = {kind: field for field, kind in _EXPENSES.items()}
    for expense in hardship.get("expenses", ()):
        field = columns[expense["type"]]
        if field in cells:
            raise Invalid("roll_two_hardship_expenses", type=expense["type"])
        cells[field] = str(expense["amount"])
    return cells
