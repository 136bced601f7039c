"""Error messages in the user's language: every bad household file, in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from meanstest.cli import cli
from meanstest.errors import HouseholdInvalid, MeansTestError, Problem
from meanstest.render.errors import render

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "households"
BROKEN = sorted(p.name for p in FIXTURES.glob("*.json") if not p.name.startswith("valid"))


@pytest.mark.parametrize("name", BROKEN)
def test_errortext_every_bad_household_reads_in_chinese(name: str) -> None:
    """With --lang zh, each broken household's message is Chinese and names the place."""
    result = CliRunner().invoke(cli, ["check", str(FIXTURES / name), "--lang", "zh"])
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("错误："), result.stderr
    assert "Traceback" not in result.stderr
    assert name in result.stderr
    # Every problem line translates pydantic's and our own English phrases.
    for english in ("Input should", "Field required", "Extra inputs", "is not valid",
                    "does not follow", "Expecting"):
        assert english not in result.stderr, result.stderr


def test_errortext_english_unchanged() -> None:
    """In English the message is the error's own text, prefixed with 'error:'."""
    error = HouseholdInvalid("the household does not follow meanstest.household/1",
                             problems=(Problem("incomes.0.amount", "Field required"),))
    assert render(error, "en") == (
        "error: the household does not follow meanstest.household/1\n"
        "  incomes.0.amount: Field required")


def test_errortext_untranslated_detail_kept() -> None:
    """A phrase without a translation is shown as written, never dropped."""
    error = HouseholdInvalid("something new", problems=(Problem("x.y", "a brand-new check"),))
    text = render(error, "zh")
    assert "（something new）" in text
    assert "x.y：a brand-new check" in text


def test_errortext_line_and_column_in_chinese() -> None:
    """A position is written as 第 N 行第 M 列."""
    error = HouseholdInvalid("the file is not valid JSON",
                             problems=(Problem("", "Expecting value", 3, 7),))
    assert render(error, "zh") == "错误：文件不是有效的 JSON\n  第 3 行第 7 列：此处应有一个值"


@pytest.mark.parametrize(("english", "chinese"), [
    ("a number has more digits than any amount could (over 4,300)",
     "数字位数过多（超过 4300 位），不可能是金额"),
    ("expected an amount below 1,000,000,000,000 yuan", "金额应小于 1 万亿元"),
    ("expected yuan with at most two decimals (fen)", "应为最多两位小数的金额（精确到分）"),
])
def test_errortext_limits_in_chinese(english: str, chinese: str) -> None:
    """The messages for numbers past every limit read in Chinese too."""
    exc = MeansTestError("the rule file is invalid", path="x.yaml",
                         problems=(Problem("dibao.standard.rural", english),))
    assert chinese in render(exc, "zh")


def test_errortext_csv_row_headline_in_chinese() -> None:
    """A CSV row that cannot be read is named by its row number in Chinese."""
    exc = MeansTestError("row 2 cannot be read as CSV (field larger than field limit "
                         "(131072))", path="roll.csv")
    assert render(exc, "zh").startswith("错误：roll.csv：第 2 行无法按 CSV 读取（")
