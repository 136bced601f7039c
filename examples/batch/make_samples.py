"""Write the sample case rolls in this folder from the example households in examples/.

Every sample holds the same nine households, so each layout must give the same
results (tests/test_batch_layouts.py checks it):

- caseroll.jsonl       JSON Lines, one household per line (UTF-8)
- caseroll-zh.csv      one row per member, Chinese headers and words, UTF-8 with a BOM
                       (what Excel's "CSV UTF-8" writes); household cells only on a
                       household's first row, as merged cells export
- caseroll-en.csv      the same with English headers and contract values, no BOM, and
                       household cells repeated on every row
- caseroll-gbk.csv     caseroll-zh.csv in GBK (what Excel's plain "CSV" writes on a
                       Chinese Windows)
- caseroll.xlsx        the Chinese roll as a workbook, with number and date cells as a
                       caseworker's sheet has them (ID numbers as text)

Run: python examples/batch/make_samples.py   (deterministic: no randomness is used;
the workbook's zip timestamps change, its cells do not)
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from meanstest.files.roll import roll_columns, roll_header, roll_rows
from meanstest.files.roll_columns import DATE_FIELDS, Column

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent


def households() -> list[dict[str, Any]]:
    """The example households, in file-name order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]


def csv_text(rows: list[list[str]]) -> str:
    """Rows as CSV text with Windows line ends, as Excel writes them."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def typed(col: Column, text: str) -> Any:
    """A cell as Excel would hold it: numbers and dates typed, ID numbers as text."""
    if not text:
        return None
    if col.kind == "field" and col.name in DATE_FIELDS:
        return dt.date.fromisoformat(text)
    if col.kind == "field" and col.name in ("age", "disability_grade") and text.isdigit():
        return int(text)
    if col.kind in ("income", "expense", "asset", "vehicle"):
        amount = Decimal(text)
        return int(amount) if amount == amount.to_integral_value() else float(amount)
    return text


def main() -> None:
    """Write the five samples."""
    data = households()
    with (HERE / "caseroll.jsonl").open("w", encoding="utf-8", newline="\n") as out:
        for household in data:
            out.write(json.dumps(household, ensure_ascii=False, separators=(",", ":")) + "\n")
    columns = roll_columns(data)
    for lang, name, encoding, bom in (
        ("zh", "caseroll-zh.csv", "utf-8", True),
        ("en", "caseroll-en.csv", "utf-8", False),
        ("zh", "caseroll-gbk.csv", "gbk", False),
    ):
        rows = [roll_header(columns, lang)]
        for household in data:
            rows += roll_rows(household, columns, lang, repeat=lang == "en")
        blob = csv_text(rows).encode(encoding)
        (HERE / name).write_bytes((codecs.BOM_UTF8 if bom else b"") + blob)
    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append(roll_header(columns, "zh"))
    for household in data:
        for row in roll_rows(household, columns, "zh", repeat=False):
            sheet.append([typed(col, text) for col, text in zip(columns, row, strict=True)])
    book.properties.creator = "meanstest examples/batch/make_samples.py"
    book.save(HERE / "caseroll.xlsx")


if __name__ == "__main__":
    main()
