"""Imputed income and deduction thresholds through `check` (every format, zh and en),
`batch`, case rolls and the schemas (issue 12, points 11 and 12).

Rules: tests/fixtures/rules/ladder/blocks_income.yaml (see tests/test_income_blocks.py):
rural standard 380, minimum wage 1700 a month, schooling deducted above 2 × income.

The household used throughout, 2021-12-01, 3 persons: p1 (45) works away and his wage
cannot be established: imputed at 1700 a month; p3 (19) at university costs 48000 a
year = 4000 a month in schooling. Income before deductions 1700; threshold 2 × 1700 =
3400; 4000 − 3400 = 600 deducted (the cap is 600: both give 600). Counted 1700 − 600 =
1100; per capita 366.67 < 380 → dibao; benefit 380 × 3 − 1100 = 40.00.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import FIXTURES

from meanstest.batch.core import Assessor, Job
from meanstest.cli import cli
from meanstest.files.inputs import open_input
from meanstest.files.roll import Layout, roll_columns, roll_header, roll_rows
from meanstest.model.contract import validate_assessment

RULES = FIXTURES / "rules" / "ladder" / "blocks_income.yaml"
HOUSEHOLD: dict[str, Any] = {
    "id": "MIGRANT-1",
    "area": "rural",
    "assessed_on": "2021-12-01",
    "members": [
        {"id": "p1", "relation": "applicant", "age": 45, "employment": "employed"},
        {"id": "p2", "relation": "spouse", "age": 43},
        {"id": "p3", "relation": "child", "age": 19, "education": "undergraduate"},
    ],
    "incomes": [{"member": "p1", "type": "wage", "basis": "minimum_wage"}],
    "expenses": [{"member": "p3", "type": "education", "amount": "48000", "per": "year"}],
}
_CLEAN_ENV: dict[str, str | None] = {
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "LANGUAGE": None,
    "FORCE_COLOR": None,
    "COLUMNS": "200",
}


def run(*args: object, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(
        cli, [str(a) for a in args], input=stdin, prog_name="meanstest", env=_CLEAN_ENV
    )


@pytest.fixture
def household_file(tmp_path: Path) -> Path:
    path = tmp_path / "migrant.json"
    path.write_text(json.dumps(HOUSEHOLD, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_json_shows_the_imputed_item_and_the_deduction(household_file: Path) -> None:
    result = run("check", household_file, "--rules", RULES, "--format", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    validate_assessment(record)
    [item] = record["income"]["items"]
    assert (item["amount"], item["per"], item["monthly"], item["basis"]) == (
        "1700.00",
        "month",
        "1700.00",
        "minimum_wage",
    )
    [deduction] = record["income"]["deductions"]
    assert (deduction["claimed_monthly"], deduction["accepted_monthly"]) == ("4000.00", "600.00")
    assert record["income"]["counted_monthly"] == "1100.00"
    assert (record["status"], record["benefit_monthly"]) == ("dibao", "40.00")
    steps = {s["step"]: s["key"] for s in record["trace"]}
    assert steps["imputed_income"] == "minimum_wage"


def test_check_json_leaves_basis_out_for_a_declared_amount(
    household_file: Path, tmp_path: Path
) -> None:
    data = {
        **HOUSEHOLD,
        "incomes": [{"member": "p1", "type": "wage", "amount": "1700", "per": "month"}],
    }
    path = tmp_path / "declared.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    record = json.loads(run("check", path, "--rules", RULES, "--format", "json").stdout)
    assert "basis" not in record["income"]["items"][0]
    assert record["benefit_monthly"] == "40.00"  # the same figures, declared


@pytest.mark.parametrize(
    ("lang", "imputed", "threshold"),
    [
        (
            "en",
            "counted (imputed at the minimum wage)",
            "only the part above the threshold ¥3400.00/month is deducted",
        ),
        ("zh", "计入（按最低工资推算）", "超过扣减起点 3400.00 元/月的部分予以扣减"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_check_table_and_markdown_say_imputed(
    household_file: Path, lang: str, imputed: str, threshold: str, fmt: str
) -> None:
    result = run(
        "check", household_file, "--rules", RULES, "--format", fmt, "--lang", lang, "--trace"
    )
    assert result.exit_code == 0, result.stderr
    squeezed = "".join(result.stdout.split())  # the table wraps long cells
    for expected in (imputed, threshold, "minimum_wage", "1700.00"):  # minimum_wage: trace
        assert "".join(expected.split()) in squeezed, expected


def test_check_without_a_minimum_wage_names_the_key(household_file: Path) -> None:
    """The ladder rules have no minimum wage: exit 1 with a message naming the key."""
    result = run("check", household_file, "--rules", FIXTURES / "rules" / "ladder" / "ladder.yaml")
    assert result.exit_code == 1
    assert "minimum_wage" in result.stderr


def test_batch_assesses_an_imputed_household(tmp_path: Path) -> None:
    lines = [
        HOUSEHOLD,
        {
            **HOUSEHOLD,
            "id": "MIGRANT-2",
            "incomes": [{"member": "p1", "type": "wage", "amount": "2000", "per": "month"}],
        },
    ]
    source = tmp_path / "roll.jsonl"
    source.write_text("\n".join(json.dumps(h) for h in lines) + "\n", encoding="utf-8")
    result = run("batch", source, "--rules", RULES, "--quiet")
    assert result.exit_code == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["status"], first["benefit_monthly"]) == ("dibao", "40.00")
    # declared 2000: threshold 4000, schooling 4000 within it: nothing deducted; counted
    # 2000 / 3 = 666.67 ≥ 570 → not eligible
    assert (second["status"], second["income"]["deductions_monthly"]) == ("not_eligible", "0.00")


ROLL_HEADER = (
    "户编号,核算日期,城乡类别,成员编号,与申请人关系,年龄,受教育程度,工资收入(月),教育支出(年)\n"
)


@pytest.mark.parametrize("word", ["最低工资", "minimum_wage", "按最低工资"])
def test_roll_cell_imputes_the_income(tmp_path: Path, word: str) -> None:
    """In a CSV roll the income cell says 最低工资 (or minimum_wage) for an imputed item."""
    path = tmp_path / "roll.csv"
    path.write_text(
        ROLL_HEADER + f"MIGRANT-1,2021-12-01,农村,p1,申请人,45,,{word},\n"
        "MIGRANT-1,,,p2,配偶,43,,,\n"
        "MIGRANT-1,,,p3,子女,19,本科,,48000\n",
        encoding="utf-8",
    )
    with open_input(str(path)) as source:
        assessor = Assessor(
            Job(
                dt.date(2022, 1, 1),
                rules=RULES,
                layout=source.layout,
                encoding=source.encoding or "utf-8",
            )
        )
        [record] = [assessor.outcome(r).output for r in source.records]
    assert record["income"]["items"][0]["basis"] == "minimum_wage"
    assert record["benefit_monthly"] == "40.00"


def test_roll_an_imputed_amount_cell_that_is_neither_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "roll.csv"
    path.write_text(
        ROLL_HEADER + "MIGRANT-1,2021-12-01,农村,p1,申请人,45,,平均工资,\n", encoding="utf-8"
    )
    with open_input(str(path)) as source:
        assessor = Assessor(
            Job(
                dt.date(2022, 1, 1),
                rules=RULES,
                layout=source.layout,
                encoding=source.encoding or "utf-8",
            )
        )
        [record] = [assessor.outcome(r).output for r in source.records]
    assert record["schema"] == "meanstest.error/1"
    assert record["errors"][0]["loc"] == "工资收入(月)"


@pytest.mark.parametrize(("lang", "word"), [("en", "minimum_wage"), ("zh", "最低工资")])
def test_roll_rows_write_an_imputed_item_as_its_word(lang: str, word: str) -> None:
    """Written as a roll, the imputed item's cell is the word, and reads back the same."""
    columns = roll_columns([HOUSEHOLD])
    header = roll_header(columns, lang)
    rows = roll_rows(HOUSEHOLD, columns, lang)
    income_column = header.index("income:wage:month" if lang == "en" else "工资收入(月)")
    assert rows[0][income_column] == word
    layout = Layout.from_header(header, 1)
    assessor = Assessor(Job(dt.date(2022, 1, 1), rules=RULES, layout=layout))
    from meanstest.files.records import Record

    numbered = tuple((2 + i, tuple(r)) for i, r in enumerate(rows))
    record = assessor.outcome(Record(2, numbered)).output
    assert record["benefit_monthly"] == "40.00"


def test_schema_household_has_basis_and_exactly_one_of_amount_and_basis() -> None:
    result = run("schema", "household")
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    income = schema["$defs"]["Income"]
    assert income["properties"]["basis"]["anyOf"][0] == {"const": "minimum_wage", "type": "string"}
    assert income["oneOf"] == [{"required": ["amount", "per"]}, {"required": ["basis"]}]
    assert "amount" not in income.get("required", [])


def test_schema_assessment_has_the_income_items_basis() -> None:
    schema = json.loads(run("schema", "assessment").stdout)
    item = schema["$defs"]["IncomeItemOut"]
    assert "basis" in item["properties"]
    assert "basis" not in item["required"]
