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
ROLLS = [
    ROOT / "examples" / "batch" / "caseroll-zh.csv",
    ROOT / "examples" / "temporary" / "roll.jsonl",
]
# The label each code stands for: 低保 for dibao, 是 for true, 急难型 for emergency ...
PREFIX = {name: prefix for name, _, prefix in LABEL_COLUMNS}


def run(*args: object) -> Result:
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        prog_name="meanstest",
        env={"LC_ALL": None, "LANG": None, "LANGUAGE": None},
    )


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
            r[en_rows[0].index(name)] for r in en_rows[1:]
        ]
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
    rows = [
        [
            "" if v is None else "true" if v is True else "false" if v is False else str(v)
            for v in row
        ]
        for row in workbook.worksheets[0].iter_rows(values_only=True)
    ]
    workbook.close()
    csv_head = next(
        csv.reader(io.StringIO(run("batch", roll, "--format", "csv", "--lang", "zh").stdout))
    )
    assert rows[0] == csv_head
    assert _check_rows(rows) > 0


# ------------------------------------------------------------------ words of Chinese output


@pytest.mark.parametrize(
    ("written", "zh"),
    [
        ("4560 yuan/year", "4560 元/年"),
        ("485 yuan/month (= 5820 yuan/year)", "485 元/月（= 5820 元/年）"),
        ("4560 yuan/year, not above", "4560 元/年，不高于"),
        ("1.3 share of standard", "低保标准 × 1.3"),
        ("1/3 share of minimum_wage_previous_year", "上年度最低工资标准 × 1/3"),
        ("24 months of the monthly standard", "24 个月的月低保标准"),
        ("12 months", "12 个月"),
        ("60 years", "60 岁"),
        ("20000 yuan", "20000 元"),
        ("half_up", "half_up"),  # a code stays a code
        ("[deposit, securities]", "[deposit, securities]"),
    ],
)
def test_rule_values_say_their_units_in_chinese(written: str, zh: str) -> None:
    """A rule value as written, in Chinese: its unit translated, its number and codes kept;
    English unchanged."""
    from meanstest.render.labels_tools import in_units

    assert in_units(written, "zh") == zh
    assert in_units(written, "en") == written


def test_trace_words_in_chinese() -> None:
    """The trace's citation and its code values: 暂定 for an unsourced value, （暂定）
    after a provisional one's document, 扣减 for ``accepted``, — for no value (待核实 for
    a 特困 result not decided)."""
    from meanstest.model.sources import SourceRef
    from meanstest.render.labels_tools import cite, trace_value

    unsourced = SourceRef(None, None, provisional=True, note="placeholder")
    assert cite(unsourced, "zh") == "暂定（placeholder）"
    assert cite(unsourced, "en") == "provisional (placeholder)"
    news = SourceRef("N1", "一枝一叶总关情", article="第三段", provisional=True)
    assert cite(news, "zh") == "一枝一叶总关情 第三段（暂定）"
    assert trace_value("deduction", "accepted", "zh") == "扣减"
    assert trace_value("deduction", "capped", "zh") == "部分扣减"
    assert trace_value("temporary_approver", "county", "zh") == "县级民政部门审批"
    # A member's 特困 result not decided is to verify (review 16); another step's none is —
    assert trace_value("tekun", None, "zh") == "待核实"
    assert trace_value("benefit", None, "zh") == "—"
    assert trace_value("membership", 3, "zh") is None  # a count is shown as it is


def test_trace_table_in_chinese() -> None:
    """`check --trace --lang zh` of the widow with diabetes (examples/): her medical
    expense's step says 扣减, not accepted, and no step cites "(provisional)"."""
    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(ROOT / "examples" / "yizhang-widow-diabetes.json"),
            "--trace",
            "--lang",
            "zh",
        ],
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 0, result.stderr
    step = next(
        x
        for x in result.stdout.splitlines()
        if "deduction.medical.deductible" in x and "支出扣减" in x
    )
    assert " 扣减 " in step
    assert "accepted" not in result.stdout
    assert "(provisional)" not in result.stdout


def test_progress_bar_words() -> None:
    """The batch progress bar counts households in the user's language."""
    assert label("progress.households", "zh") == "已核算 {n} 户"
    assert label("progress.households", "en") == "{n} households"


def test_compare_csv_zh_headers_and_labels() -> None:
    """compare --format csv --lang zh: Chinese headers; the status and movement codes
    kept under their field names with a label column after each; English unchanged."""
    args = [
        "compare",
        str(ROOT / "examples" / "caseload" / "yizhang-caseload.jsonl"),
        "--proposal",
        str(ROOT / "examples" / "proposals" / "standard-rise-2027.yaml"),
        "--on",
        "2027-01-15",
        "--format",
        "csv",
    ]
    zh = list(csv.DictReader(io.StringIO(run(*args, "--lang", "zh").stdout)))
    en = list(csv.DictReader(io.StringIO(run(*args, "--lang", "en").stdout)))
    assert len(zh) == len(en) > 0
    for z, e in zip(zh, en, strict=True):
        assert (z["行号"], z["户编号"], z["每月变化"]) == (
            e["line"],
            e["household_id"],
            e["change"],
        )
        for name in ("before_status", "after_status", "movement"):
            assert z[name] == e[name]
        assert z["现行认定结果"] == (
            label(f"status.{e['before_status']}", "zh") if e["before_status"] else ""
        )
        assert z["变化类型"] == label(f"movement.{e['movement']}", "zh")


def test_progress_bar_counts_households_in_chinese() -> None:
    """batch's progress bar on a terminal, --lang zh: after 512 of 600 records (it is
    redrawn every 256) it says 已核算 512 户, at half of the input read."""
    import importlib

    from rich.console import Console

    from meanstest.cli.env import Environment

    batch = importlib.import_module("meanstest.cli.batch")
    shown = io.StringIO()

    class Source:  # half of a 1000-byte input read
        size = 1000

        def position(self) -> int:
            return 500

    env = Environment(
        stdout=io.StringIO(),
        stderr=shown,
        stdout_bytes=io.BytesIO(),
        lang="zh",
        console=lambda f, e: Console(file=shown, force_terminal=True, width=80),
    )
    with batch._progress(env, Source(), enabled=True) as advance:
        for _ in range(600):
            advance()
    text = shown.getvalue()
    assert "已核算 512 户" in text
    assert "households" not in text
    assert "50%" in text
