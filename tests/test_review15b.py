"""Issue 15, the second review's defects (a fresh clone, worked as a new user would).

Each test names the defect it pins; the figures are worked by hand in the docstrings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from meanstest.cli import cli


def _run(*args: object) -> Result:
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        env={"LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None},
    )


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# ------------------------------------- defect 1: a script's formula cell read as a blank


def _roll_with_formula(path: Path, formula: str) -> None:
    """A two-person Yizhang 2021 roll written by a script (openpyxl): its wage cell holds
    a formula and, as openpyxl writes it, an empty ``<v/>``: no calculated value."""
    from openpyxl import Workbook  # noqa: PLC0415 - only this test writes a workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["household_id", "region", "area", "assessed_on", "member_id",
                  "relation", "age", "income:wage:month"])  # fmt: skip
    sheet.append(["H1", "431022", "rural", "2021-12-01", "p1", "applicant", 50, formula])
    sheet.append([None, None, None, None, "p2", "spouse", 48, None])
    book.save(path)


def test_xlsx_formula_with_an_empty_value_element_is_an_error_not_a_blank(
    tmp_path: Path,
) -> None:
    """A wage of =250*2 that no spreadsheet has calculated (openpyxl writes
    ``<f>250*2</f><v/>``) was read as a blank: no income, paid 2 × 380 = 760.00 instead
    of 2 × 380 − 500 = 260.00. It is an error record naming the cell and the formula,
    as a formula with no ``<v>`` at all already was; exit 3."""
    path = tmp_path / "roll.xlsx"
    _roll_with_formula(path, "=250*2")
    xml = _sheet_xml(path)
    assert "<f>250*2</f><v" in xml  # the empty value element is there
    result = _run("batch", path, "--quiet", "--detail", "full")
    assert result.exit_code == 3, result.output
    [record] = _jsonl(result.stdout)
    [error] = record["errors"]
    assert "cell H2" in error["msg"]
    assert "=250*2" in error["msg"]
    check = _run("check", path, "--id", "H1", "--format", "json")
    assert check.exit_code != 0
    assert "760.00" not in check.output


def _sheet_xml(path: Path) -> str:
    import zipfile  # noqa: PLC0415

    with zipfile.ZipFile(path) as book:
        return book.read("xl/worksheets/sheet1.xml").decode()


# ------------------------------- defect 2: `meanstest test` on a folder with no case passes


def test_test_command_finding_no_case_at_all_is_a_usage_error(tmp_path: Path) -> None:
    """A directory with no case file (empty, or only rule files and notes: a wrong path
    in a CI job) ran 0 cases and printed "0 passed, 0 failed" with exit 0: green in CI
    with nothing tested. As -k selecting nothing already is: exit 2, saying so, and no
    JUnit file; in Chinese under --lang zh."""
    (tmp_path / "notes.yaml").write_text("foo: bar\n", encoding="utf-8")
    report = tmp_path / "r.xml"
    result = _run("test", tmp_path, "--junit-xml", report)
    assert result.exit_code == 2, result.output
    assert "no case" in result.stderr
    assert "0 passed" not in result.stdout
    assert not report.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    zh = _run("test", empty, "--lang", "zh")
    assert zh.exit_code == 2
    assert "没有找到测试用例" in zh.stderr
