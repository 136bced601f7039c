"""`compare --set` without `--from` changes a value on every date: the report's table and
HTML say it has no start date instead of showing the placeholder 0001-01-01; the JSON
report keeps the ISO date it has always given (try18's finding)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from meanstest.cli import Environment, cli

ROLL = Path(__file__).parent.parent / "examples" / "caseload" / "yizhang-caseload.jsonl"
RISE = "dibao.standard.rural=500/month"


def _compare(lang: str, *more: str) -> str:
    result = CliRunner().invoke(
        cli,
        ["compare", str(ROLL), "--set", RISE, "-q", *more],
        obj=Environment(lang=lang),  # type: ignore[arg-type]
        prog_name="meanstest",
        env={"COLUMNS": "200"},  # wide enough that no cell wraps
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(("lang", "words"), [("en", "no start date"), ("zh", "不限起始日期")])
def test_the_table_says_a_set_value_has_no_start_date(lang: str, words: str) -> None:
    table = _compare(lang)
    mark = "，暂定值" if lang == "zh" else ", provisional"
    assert (f"（{words}{mark}）" if lang == "zh" else f"({words}{mark})") in table
    assert "0001-01-01" not in table


def test_the_html_says_so_too(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    _compare("en", "--html", str(page))
    html = page.read_text(encoding="utf-8")
    assert "500 yuan/month (no start date, provisional)" in html
    assert "0001-01-01" not in html


def test_with_from_the_date_is_shown_and_json_keeps_its_dates() -> None:
    table = _compare("en", "--from", "2027-01-01", "--on", "2027-01-15")
    assert "(2027-01-01, provisional)" in table
    report = json.loads(_compare("en", "--format", "json"))
    [change] = report["rule_changes"]
    assert (change["after"], change["after_since"]) == ("500 yuan/month", "0001-01-01")
    assert change["before_since"] == "2022-01-01"
