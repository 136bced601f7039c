"""Tests of the human renderings (table, Markdown) against golden files.

The example is examples/yizhang-widow-diabetes.json assessed under 431022 on 2021-12-01.
Its figures, checked by hand: casual labour 900.00/month counted; scholarship 500/year =
41.67/month not counted; gross 941.67; medical 3960/year = 330.00/month deducted;
counted 570.00; 3 members, per-capita 190.00; standard 4560/12 = 380.00; benefit
380.00 × 3 − 570.00 = 570.00; deposits 3000/3 = 1000.00 per person under 24 × 380 = 9120.00.

Set MEANSTEST_UPDATE_GOLDEN=1 to rewrite tests/golden/ from the current output; read the
diff by hand before committing it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from meanstest.engine import assess
from meanstest.files.json import decode_json
from meanstest.model.household import parse_household
from meanstest.model.result import Assessment
from meanstest.render import markdown, table
from meanstest.render.labels import Lang
from meanstest.ruleset.load import load_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yizhang-widow-diabetes.json"
GOLDEN = Path(__file__).resolve().parent / "golden"
ON = dt.date(2021, 12, 1)


def _assess(data: bytes) -> Assessment:
    return assess(parse_household(decode_json(data)), load_rules("431022").at(ON))


@pytest.fixture(scope="module")
def example() -> Assessment:
    """The worked example, assessed."""
    return _assess(EXAMPLE.read_bytes())


def _console(file: StringIO, *, markup: bool = False) -> Console:
    return Console(
        file=file, width=100, color_system=None, markup=markup, emoji=False, highlight=False
    )


def _table_text(a: Assessment, lang: Lang, *, markup: bool = False) -> str:
    out = StringIO()
    table.render(a, _console(out, markup=markup), lang)
    return out.getvalue()


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("MEANSTEST_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing; run with MEANSTEST_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs; rerun with MEANSTEST_UPDATE_GOLDEN=1 and review"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_matches_golden(example: Assessment, lang: Lang) -> None:
    """The table screen of the example is exactly tests/golden/check-<lang>.txt."""
    _check_golden(f"check-{lang}.txt", _table_text(example, lang))


def test_markdown_en_matches_golden(example: Assessment) -> None:
    """The English Markdown of the example is exactly tests/golden/check-en.md."""
    _check_golden("check-en.md", markdown.render(example, "en"))


# The example worked by hand (policy.md E1, as the file builds it): casual labour 900 a
# month and a scholarship of 500 a year (41.67 a month, not counted): gross 941.67;
# medical 3960 a year = 330.00 a month deducted; counted 900 − 330 = 570.00; 3 persons:
# 190.00 each; standard 4560 / 12 = 380.00; edge 1.5 × 380 = 570.00; deposit 3000 / 3 =
# 1000.00 a person against 24 × 380 = 9120.00; benefit 380 × 3 − 570 = 570.00; margins
# 1140 − 570 = 570.00 (dibao) and 1710 − 570 = 1140.00 (edge).
_ROWS = {
    "en": (
        ("Gross monthly income", "941.67"),
        ("− Not counted", "41.67"),
        ("− Deductions", "330.00"),
        ("Counted monthly income", "570.00"),
        ("÷ Household size", "3"),
        ("Per-capita monthly income", "190.00"),
        ("Dibao standard per person per month", "380.00"),
        ("Edge threshold per person per month", "570.00"),
    ),
    "zh": (
        ("家庭月收入", "941.67"),
        ("− 不计入收入", "41.67"),
        ("− 扣减", "330.00"),
        ("计入家庭月收入", "570.00"),
        ("÷ 共同生活家庭成员人数", "3"),
        ("家庭人均月收入", "190.00"),
        ("低保标准（每人每月）", "380.00"),
        ("低保边缘标准（每人每月）", "570.00"),
    ),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_shows_hand_checked_figures(example: Assessment, lang: Lang) -> None:
    """Each row of the income accounting holds its hand-worked figure (the row is found
    by its label, so a figure elsewhere on the screen cannot stand in for it)."""
    text = _table_text(example, lang)
    for row, figure in _ROWS[lang]:
        assert re.search(rf"^{re.escape(row)}\s+{re.escape(figure)}\s*$", text, re.MULTILINE), (
            row,
            figure,
        )
    assert re.search(r"^\s*380\.00 × 3 − 570\.00 = 570\.00\s*$", text, re.MULTILINE)


def test_table_en_asset_and_margin_sentences_hold_hand_worked_figures(example: Assessment) -> None:
    """The asset note and the two margins, as worked above."""
    text = _table_text(example, "en")
    assert "¥1000.00 per person, within the limit ¥9120.00" in text
    assert "Monthly household income is ¥570.00 below the dibao threshold." in text
    assert "Monthly household income is ¥1140.00 below the edge threshold." in text


@pytest.mark.parametrize(
    ("lang", "rows"),
    [
        (
            "en",
            (
                "| Gross monthly income | 941.67 |",
                "| Not counted | 41.67 |",
                "| Per-capita monthly income | 190.00 |",
            ),
        ),
        (
            "zh",
            ("| 家庭月收入 | 941.67 |", "| 不计入收入 | 41.67 |", "| 家庭人均月收入 | 190.00 |"),
        ),
    ],
)
def test_markdown_rows_hold_hand_worked_figures(
    example: Assessment, lang: Lang, rows: tuple[str, ...]
) -> None:
    """The Markdown accounting rows carry the same hand-worked figures, in each language."""
    text = markdown.render(example, lang)
    for row in rows:
        assert row in text.splitlines(), row


def _with_names(*names: str) -> Assessment:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for member, name in zip(data["members"], names, strict=False):
        member["name"] = name
    return _assess(json.dumps(data, ensure_ascii=False).encode("utf-8"))


def test_table_markup_in_name_printed_literally() -> None:
    """A name like "[bold]x[/bold]" is printed as typed, not read as rich markup."""
    text = _table_text(_with_names("[bold]x[/bold]", "[/red]y"), "en")
    assert "[bold]x[/bold]" in text
    assert "[/red]y" in text


def test_table_markup_in_name_literal_on_markup_console() -> None:
    """Names stay literal even on a Console with markup on (the renderer must not trust it)."""
    text = _table_text(_with_names("[bold]x[/bold]", "[/red]y"), "en", markup=True)
    assert "[bold]x[/bold]" in text
    assert "[/red]y" in text


def test_markdown_zh_formula_in_chinese(example: Assessment) -> None:
    """The Chinese Markdown states the benefit formula in Chinese, not in English words."""
    text = markdown.render(example, "zh")
    assert "counted income" not in text
    assert "standard ×" not in text


def test_table_zh_rounding_row_in_chinese(example: Assessment) -> None:
    """The Chinese table's rounding row names the mode and stage in Chinese, not as codes."""
    text = _table_text(example, "zh")
    row = next(x for x in text.splitlines() if x.startswith("取整"))
    assert "half_up" not in row, row
    assert "household_benefit" not in row, row
