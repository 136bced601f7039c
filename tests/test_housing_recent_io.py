"""The housing date (``assets[].acquired_on``) in every input format: JSON Lines, CSV
and XLSX case rolls (the household column 住房购建或装修日期 / ``housing_acquired_on``,
which dates the 住房套数 column's housing), Parquet, a roll written back, the schema and
the example county.

Rules: tests/fixtures/rules/ladder/blocks_housing.yaml (see tests/test_housing_recent.py):
rural standard 380, housing acquired within 36 whole months refuses. A one-person rural
household with no income and one house, assessed 2025-06-01: dibao 380.00 unless the
house refuses. Bought 2022-07-01: 3 × 12 + (6 − 7) = 35 months, refused; 2022-06-01:
36 months, passes.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from meanstest.batch.core import Assessor, Job
from meanstest.cli import cli
from meanstest.files.inputs import open_input
from meanstest.files.records import Record
from meanstest.files.roll import Layout, roll_columns, roll_header, roll_rows

RULES = FIXTURES / "rules" / "ladder" / "blocks_housing.yaml"
ROOT = Path(__file__).resolve().parent.parent
ZH_HEADER = "户编号,核算日期,城乡类别,成员编号,与申请人关系,年龄,住房套数,住房购建或装修日期\n"
EN_HEADER = (
    "household_id,assessed_on,area,member_id,relation,age,asset:housing,housing_acquired_on\n"
)


def _assess(path: Path) -> list[dict[str, Any]]:
    with open_input(str(path)) as source:
        assessor = Assessor(
            Job(
                dt.date(2025, 6, 1),
                rules=RULES,
                layout=source.layout,
                encoding=source.encoding or "utf-8",
            )
        )
        return [assessor.outcome(r).output for r in source.records]


def _recent(record: dict[str, Any]) -> dict[str, Any]:
    [test] = [t for t in record["asset_tests"] if t["test"] == "housing_recent"]
    return test


def _household(hid: str, acquired_on: str | None) -> dict[str, Any]:
    house: dict[str, Any] = {"type": "housing", "count": 1}
    if acquired_on is not None:
        house["acquired_on"] = acquired_on
    return {
        "id": hid,
        "area": "rural",
        "assessed_on": "2025-06-01",
        "members": [{"id": "p1", "relation": "applicant", "age": 50}],
        "assets": [house],
    }


@pytest.mark.parametrize("header", [ZH_HEADER, EN_HEADER])
def test_csv_roll_dates_the_housing(tmp_path: Path, header: str) -> None:
    """H1 bought 2022-07-01 (35 months): refused; H2 2022-06-01 (36): dibao 380.00; the
    date is written on the first row only (merged cells), and in 2022/6/1 form."""
    path = tmp_path / "roll.csv"
    path.write_text(
        header
        + "H1,2025-06-01,农村,p1,申请人,50,1,2022-07-01\n"
        + "H2,2025-06-01,农村,p1,申请人,50,1,2022/6/1\n"
        + "H2,,,p2,配偶,48,,\n",
        encoding="utf-8",
    )
    first, second = _assess(path)
    assert first["status"] == "not_eligible"
    assert first["assets_failed"] == ["housing_recent"]
    assert "2022-07-01, 35 whole months" in _recent(first)["message"]
    assert second["status"] == "dibao"
    assert _recent(second)["code"] == "housing_recent_ok"
    assert second["benefit_monthly"] == "760.00"  # two persons: 2 × 380 − 0


def test_csv_roll_bad_dates_name_the_row_and_column(tmp_path: Path) -> None:
    """A date after the assessment date, a date that is none, and a date without a
    number of houses: each an error at the date's column and row."""
    path = tmp_path / "roll.csv"
    path.write_text(
        ZH_HEADER
        + "H1,2025-06-01,农村,p1,申请人,50,1,2025-07-01\n"
        + "H2,2025-06-01,农村,p1,申请人,50,1,2023-02-30\n"
        + "H3,2025-06-01,农村,p1,申请人,50,,2023-02-01\n",
        encoding="utf-8",
    )
    records = _assess(path)
    assert [r["schema"] for r in records] == ["meanstest.error/1"] * 3
    errors = [r["errors"][0] for r in records]
    assert [(e["loc"], e["row"]) for e in errors] == [("住房购建或装修日期", n) for n in (2, 3, 4)]
    assert [e["code"] for e in errors][0::2] == [
        "after_assessment_date",
        "housing_date_without_count",
    ]


def test_xlsx_roll_reads_a_date_cell(tmp_path: Path) -> None:
    """A spreadsheet date cell (a datetime) in the housing date column: 35 months."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(ZH_HEADER.strip().split(","))
    book.active.append(
        ["H1", dt.datetime(2025, 6, 1), "农村", "p1", "申请人", 50, 1, dt.datetime(2022, 7, 1)]  # noqa: DTZ001
    )
    path = tmp_path / "roll.xlsx"
    book.save(path)
    [record] = _assess(path)
    assert record["assets_failed"] == ["housing_recent"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_roll_written_back_keeps_the_date(lang: str) -> None:
    """A household written as roll rows has the date column, and reads back the same."""
    data = _household("H1", "2022-07-01")
    columns = roll_columns([data])
    header = roll_header(columns, lang)
    assert ("住房购建或装修日期" if lang == "zh" else "housing_acquired_on") in header
    rows = roll_rows(data, columns, lang)
    layout = Layout.from_header(header, 1)
    assessor = Assessor(Job(dt.date(2025, 6, 1), rules=RULES, layout=layout))
    record = assessor.outcome(Record(2, ((2, tuple(rows[0])),))).output
    assert record["assets_failed"] == ["housing_recent"]


def test_json_lines_and_parquet_give_the_same_records(tmp_path: Path) -> None:
    """The date as text in JSON Lines and as a date column in Parquet (a null: none)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    households = [_household("H1", "2022-07-01"), _household("H2", None)]
    jsonl = tmp_path / "roll.jsonl"
    jsonl.write_text("".join(json.dumps(h) + "\n" for h in households), encoding="utf-8")
    for h in households:
        for item in h["assets"]:
            item["acquired_on"] = (
                dt.date.fromisoformat(item["acquired_on"]) if "acquired_on" in item else None
            )
    parquet = tmp_path / "roll.parquet"
    table = pa.Table.from_pylist(households)
    assert "date32" in str(table.schema.field("assets").type)
    pq.write_table(table, parquet)
    from_jsonl, from_parquet = _assess(jsonl), _assess(parquet)
    assert from_jsonl == from_parquet
    assert from_jsonl[0]["assets_failed"] == ["housing_recent"]
    assert _recent(from_jsonl[1])["code"] == "housing_recent_undated"
    assert [w["code"] for w in from_jsonl[1]["warnings"]].count("housing_date_missing") == 1


def test_schema_household_has_acquired_on() -> None:
    result = CliRunner().invoke(cli, ["schema", "household"], prog_name="meanstest")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    field = schema["$defs"]["Asset"]["properties"]["acquired_on"]
    assert "购建或装修" in json.dumps(field, ensure_ascii=False)


def test_the_example_county_refuses_the_example_household() -> None:
    """examples/rules/990018: decorated 2023-03-15, assessed 2025-06-01: 2 × 12 + (6 − 3)
    − 1 (day 15 not reached) = 26 whole months, within 36: not eligible, although per
    capita 300 / 2 = 150 < 550."""
    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(ROOT / "examples/rules/households/990018-house-decorated-recently.json"),
            "--rules",
            str(ROOT / "examples/rules/990018-example-county-housing.yaml"),
            "--format",
            "json",
        ],
        prog_name="meanstest",
    )
    record = json.loads(result.stdout)
    assert record["status"] == "not_eligible"
    assert record["assets_failed"] == ["housing_recent"]
    assert record["income"]["per_capita_monthly"] == "150.00"
    assert _recent(record)["message"].startswith("housing bought, built or decorated on 2023-03-15")
