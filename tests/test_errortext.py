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
    # Every problem line is said in Chinese: pydantic's codes and our own.
    for english in (
        "Input should",
        "Field required",
        "Extra inputs",
        "is not valid",
        "does not follow",
        "Expecting",
    ):
        assert english not in result.stderr, result.stderr


def test_errortext_english_unchanged() -> None:
    """In English the message is the error's own text, prefixed with 'error:'."""
    error = HouseholdInvalid(
        "household_invalid", problems=(Problem("incomes.0.amount", "missing"),)
    )
    assert render(error, "en") == (
        "error: the household does not follow meanstest.household/1\n"
        "  incomes.0.amount: Field required"
    )


def test_errortext_pydantic_error_without_words_of_ours_keeps_its_detail() -> None:
    """A pydantic error type meanstest has no words for is said with pydantic's English
    as its detail, never dropped."""
    error = HouseholdInvalid(
        "household_invalid",
        problems=(Problem("x.y", "invalid", {"type": "brand_new", "detail": "a brand-new check"}),),
    )
    assert render(error, "zh").endswith("x.y：值无效（a brand-new check）")
    assert render(error, "en").endswith("x.y: a brand-new check")


def test_errortext_line_and_column_in_chinese() -> None:
    """A position is written as 第 N 行第 M 列."""
    error = HouseholdInvalid(
        "json_invalid", problems=(Problem("", "json_expecting_value", {}, 3, 7),)
    )
    assert render(error, "zh") == "错误：文件不是有效的 JSON\n  第 3 行第 7 列：此处应有一个值"


@pytest.mark.parametrize(
    ("code", "params", "chinese"),
    [
        ("number_too_long", {}, "数字位数过多（超过 4300 位），不可能是金额"),
        ("amount_too_large", {"limit": 10**12}, "金额应小于 1,000,000,000,000 元"),
        ("amount_fen", {}, "应为最多两位小数的金额（精确到分）"),
    ],
)
def test_errortext_limits_in_chinese(code: str, params: dict[str, object], chinese: str) -> None:
    """The messages for numbers past every limit read in Chinese too."""
    exc = MeansTestError(
        "rule_file_invalid",
        path="x.yaml",
        problems=(Problem("dibao.standard.rural", code, params),),
    )
    assert chinese in render(exc, "zh")


def test_errortext_roll_row_in_both_languages() -> None:
    """A problem of a case roll names its row: "row 2: ..." and "第 2 行：..."."""
    exc = HouseholdInvalid(
        "rows_unreadable", path="roll.csv", problems=(Problem("年龄", "int_type", row=2),)
    )
    assert render(exc, "en") == (
        "error: roll.csv: the rows cannot be read\n  年龄: row 2: Input should be a valid integer"
    )
    assert render(exc, "zh") == "错误：roll.csv：台账行无法读取\n  年龄：第 2 行：应为整数"


def test_errortext_control_characters_from_the_input_are_shown_as_escapes() -> None:
    """A header or a file name from the input is shown with its control characters as
    escapes (ESC would start a terminal escape sequence), in either language."""
    exc = MeansTestError(
        "roll_header_unreadable",
        path="a\x1b[2Jb.csv",
        problems=(Problem("column A", "roll_not_a_column", {"header": "x\x1b]0;owned\x07"}, 1),),
    )
    for lang in ("en", "zh"):
        text = render(exc, lang)
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "a\\x1b[2Jb.csv" in text
        assert "x\\x1b]0;owned\\x07" in text


def test_errortext_a_list_given_as_null_asks_for_a_list_in_both_languages(tmp_path: Path) -> None:
    """``"incomes": null``: the household's lists are held as tuples inside, but the user
    wrote JSON and is told a list is expected, never a "tuple" (review 16)."""
    household = tmp_path / "null.json"
    household.write_text(
        '{"area": "rural", "members": [{"id": "p1", "relation": "applicant", '
        '"birth_date": "1980-01-01"}], "incomes": null}',
        encoding="utf-8",
    )
    english = CliRunner().invoke(cli, ["check", str(household), "--lang", "en"])
    assert english.exit_code == 1
    assert "incomes: Input should be a valid list" in english.stderr
    assert "tuple" not in english.stderr
    chinese = CliRunner().invoke(cli, ["check", str(household), "--lang", "zh"])
    assert "incomes：应为列表 [...]" in chinese.stderr
