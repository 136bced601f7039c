"""Complete Chinese in batch sheets (issue 15, point 2): under --lang zh a CSV or XLSX
keeps each code column as it is in English (header and codes), and gains a label column
after it; in English the sheet has no label columns.

The temporary-assistance roll (examples/temporary/roll.jsonl) has households with a
hardship, so its temporary columns are filled as well as the status and eligibility.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from meanstest.cli import cli
from meanstest.render.labels import label
from meanstest.render.rows import LABEL_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
ROLLS = [ROOT / "examples" / "batch" / "caseroll-zh.csv", ROOT / "examples" / "temporary" /
         "roll.jsonl"]
# The label each code stands for: 低保 for dibao, 是 for true, 急难型 for emergency ...
PREFIX = {name: prefix for name, _, prefix in LABEL_COLUMNS}


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="meanstest",
                              env={"LC_ALL": None, "LANG": None, "LANGUAGE": None})


def _expected_label(name: str, code: str) -> str:
    if code == "":
        return ""
    if code in ("true", "false"):
        return "是" if code == "true" else "否"
    return label(PREFIX[name] + code, "zh")


def _check_rows(rows: list[list[str]]) -> int:
    """Each code column is followed by its label column, each label the code's; returns
    how many non-blank label cells were checked."""
    head = rows[0]
    checked = 0
    for name, zh_header, _ in LABEL_COLUMNS:
        i = head.index(name)
        assert head[i + 1] == zh_header, head
        for row in rows[1:]:
            assert row[i + 1] == _expected_label(name, row[i]), (name, row)
            checked += row[i] != ""
    return checked


@pytest.mark.parametrize("roll", ROLLS, ids=lambda p: p.name)
def test_batch_csv_zh_has_label_columns_after_codes(roll: Path) -> None:
    """--lang zh CSV: status (dibao, edge ...) then 认定结果 (低保, 低保边缘家庭 ...),
    eligible (true/false) then 是否享受低保 (是/否), and the temporary columns alike;
    the English CSV's code columns hold the same codes."""
    zh = run("batch", roll, "--format", "csv", "--lang", "zh")
    en = run("batch", roll, "--format", "csv", "--lang", "en")
    assert zh.exit_code in (0, 3), zh.stderr
    zh_rows = list(csv.reader(io.StringIO(zh.stdout)))
    en_rows = list(csv.reader(io.StringIO(en.stdout)))
    assert _check_rows(zh_rows) > len(zh_rows) - 1  # status and eligible at least
    assert not any(h in en_rows[0] for _, h, _ in LABEL_COLUMNS)
    for name in ("status", "eligible"):  # the same codes in both languages
        assert [r[zh_rows[0].index(name)] for r in zh_rows[1:]] == [
            r[en_rows[0].index(name)] for r in en_rows[1:]]
    if roll.suffix == ".jsonl":  # the hardship roll: temporary types labelled too
        i = zh_rows[0].index("temporary_type")
        assert {r[i + 1] for r in zh_rows[1:]} & {"急难型", "支出型"}


def test_batch_xlsx_zh_has_label_columns_after_codes(tmp_path: Path) -> None:
    """The workbook has the same columns as the CSV, labels included."""
    from openpyxl import load_workbook

    roll = ROLLS[1]
    book = tmp_path / "out.xlsx"
    result = run("batch", roll, "--format", "xlsx", "--lang", "zh", "-o", book)
    assert result.exit_code in (0, 3), result.stderr
    workbook = load_workbook(book, read_only=True)
    rows = [["" if v is None else "true" if v is True else "false" if v is False else str(v)
             for v in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    csv_head = next(csv.reader(io.StringIO(
        run("batch", roll, "--format", "csv", "--lang", "zh").stdout)))
    assert rows[0] == csv_head
    assert _check_rows(rows) > 0
