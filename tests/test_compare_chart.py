"""Issue 15 (loose end 2): compare's text bar chart shows every bucket honestly.

The bars are scaled to the largest bucket of households whose benefit changes, so that
the unchanged majority does not flatten every other bar. The unchanged bucket's bar
used to be cut at 30 cells with no mark, as long as a bucket of 93; now a bar cut short
ends in → and the chart says why under it, and a count too small for one cell shows a
thin mark instead of nothing.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from meanstest.cli import cli
from meanstest.render.compare import BAR_CELLS, CLIPPED, THIN, chart_bar

ROLL = EXAMPLES / "caseload" / "yizhang-caseload.jsonl"
PROPOSAL = EXAMPLES / "proposals" / "standard-rise-2027.yaml"


def test_chart_bar() -> None:
    """Scaled so that the widest count fills 30 cells."""
    assert BAR_CELLS == 30
    assert chart_bar(0, 93) == ("", False)
    assert chart_bar(93, 93) == ("█" * 30, False)
    assert chart_bar(38, 93) == ("█" * 12, False)  # 30 × 38 / 93 = 12.26 → 12
    assert chart_bar(4, 93) == ("█", False)  # 30 × 4 / 93 = 1.29 → 1
    assert chart_bar(1, 93) == (THIN, False)  # 30 × 1 / 93 = 0.32: less than a cell
    # 122 > 93: cut short, drawn 30 cells and the mark, longer than 93's 30 cells
    assert chart_bar(122, 93) == ("█" * 30 + CLIPPED, True)
    assert chart_bar(94, 93)[1]
    for mark in (CLIPPED, THIN, "█"):  # a Chinese Windows console (GBK) can show them
        assert mark.encode("gbk")


def _chart(lang: str) -> list[str]:
    result = CliRunner().invoke(
        cli,
        ["compare", str(ROLL), "--proposal", str(PROPOSAL), "--on", "2027-01-15", "--lang", lang],
    )
    assert result.exit_code == 0, result.output
    title = "救助金变化分布" if lang == "zh" else "Distribution of changes"
    return result.stdout.split(title, 1)[1].splitlines()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_chart_marks_the_clipped_bar(lang: str) -> None:
    """The example roll under the 2027 rise (the README's sample): 122 households
    unchanged, and the largest bucket that changes is 200 … 500 with 93. The 0 bar is
    cut short (30 cells and →, one longer than 93's) and the caption says so; 93 fills
    30 cells; 38 (100 … 200) is 30 × 38 / 93 = 12.26 → 12 cells; the single household
    of −500 … −200 shows a thin mark (30 / 93 = 0.32 of a cell), the empty buckets
    nothing."""
    lines = _chart(lang)
    rows = {}
    for line in lines:
        match = re.match(r"^(\S+(?: … \S+)?|< −500|≥ 500)\s+([█▏→]*)\s+(\d+)\s*$", line)
        if match:
            rows[match[1]] = (match[2], int(match[3]))
    assert rows["0"] == ("█" * 30 + "→", 122)
    assert rows["200 … 500"] == ("█" * 30, 93)
    assert rows["100 … 200"] == ("█" * 12, 38)
    assert rows["−500 … −200"] == ("▏", 1)
    assert rows["< −500"] == ("", 0)
    caption = (
        "→：条形超出比例，已截断（按有变化的最大一档缩放）"
        if lang == "zh"
        else "→: bar cut short (scaled to the largest bucket that changed)"
    )
    assert caption in "\n".join(line.strip() for line in lines)


def test_compare_chart_without_a_clipped_bar_has_no_caption() -> None:
    """When no bucket is longer than the scale (every household changes by the same
    bucket), no bar is cut and no caption is written."""
    from meanstest.compare import BUCKET_LABELS
    from meanstest.render.compare import _chart as chart

    class S:  # the one field the chart reads
        buckets = tuple(5 if name == "0 … 50" else 0 for name in BUCKET_LABELS)

    table = chart(S(), "en")  # type: ignore[arg-type]
    assert table.caption is None
