"""Hostile inputs (issue 10): every kind of input that once lost, changed or garbled a
record, with the behaviour reasoned out for it.

Each input is a named fixture in tests/fixtures/hostile/ (inputs too large to keep in
the repository are written by the test); docs/hostile-inputs.md lists every kind with
the test that proves it. The expected results were worked out from the issue and the
contract, not copied from the program's output.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from meanstest.cli import cli

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
EXAMPLES = ROOT / "examples"

# What a terminal would obey rather than show: ESC, CSI as one C1 byte, BEL, the
# right-to-left override, a carriage return.
RAW_CONTROLS = ("\x1b", "\x9b", "\x07", "\u202e", "\r")


def run(*args: object, stdin: bytes | None = None) -> Result:
    """Run the command line in-process, stdout and stderr apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin, prog_name="meanstest")


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _no_raw_controls(text: str) -> None:
    for char in RAW_CONTROLS:
        assert char not in text, f"{char!r} reached the output: {text!r}"


# ------------------------------------------------ kind 12: terminal escape injection


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_hostile_check_shows_control_characters_as_escapes(fmt: str) -> None:
    """Kind 12: ESC, C1 (CSI), BEL and a bidi override in the household id, a member id
    and a name reach neither the table nor the Markdown raw; each is shown escaped."""
    result = run(
        "check",
        HOSTILE / "household-terminal-escapes.json",
        "--format",
        fmt,
        "--lang",
        "en",
        "--show-personal-data",
    )
    assert result.exit_code == 0, result.stderr
    _no_raw_controls(result.stdout)
    # What a Markdown reader shows: a backslash before punctuation is an escape.
    shown = re.sub(r"\\([!-/:-@[-`{-~])", r"\1", result.stdout)
    assert "ESC-\\x1b[2J\\x1b]0;owned\\x07-\\x9b31m-\\u202egnp.exe" in shown
    assert "p1\\x1b[8m" in shown
    assert "\\x1b[1;31mERROR\\x1b[0m" in shown


def test_hostile_error_message_shows_control_characters_as_escapes() -> None:
    """Kind 12: a field name holding an escape sequence is named in the error message
    with the sequence shown, not sent to the terminal (exit 1, no traceback)."""
    result = run("check", HOSTILE / "household-escape-in-error.json", "--lang", "en")
    assert result.exit_code == 1
    _no_raw_controls(result.stderr)
    assert "members.0.\\x1b[2J\\x1b[31mfake: Extra inputs are not permitted" in result.stderr
    assert "Traceback" not in result.stderr
    chinese = run("check", HOSTILE / "household-escape-in-error.json", "--lang", "zh")
    _no_raw_controls(chinese.stderr)
    assert "\\x1b[2J" in chinese.stderr


def test_hostile_compare_table_shows_control_characters_as_escapes() -> None:
    """Kind 12: a household id with escapes among the largest changes of `compare` is
    shown escaped in the table."""
    result = run(
        "compare",
        HOSTILE / "roll-terminal-escapes.jsonl",
        "--proposal",
        EXAMPLES / "proposals" / "standard-rise-2027.yaml",
        "--on",
        "2027-01-15",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.stderr
    _no_raw_controls(result.stdout)
    assert "T\\x1b[2J\\x9b1m\\u202eX" in result.stdout


def test_hostile_rules_show_shows_control_characters_as_escapes() -> None:
    """Kind 12: a rule file's name, source title and note (untrusted, SECURITY.md) are
    shown with their control characters escaped by `rules show` and `rules diff`."""
    rules = HOSTILE / "rules-terminal-escapes.yaml"
    # 120 columns: at 80 the key column keeps its keys whole and the source column,
    # narrower, folds the forged title's one long word.
    shown = CliRunner().invoke(
        cli,
        ["rules", "show", str(rules), "--on", "2023-02-01", "--lang", "en"],
        env={"COLUMNS": "120"},
    )
    assert shown.exit_code == 0, shown.stderr
    _no_raw_controls(shown.stdout)
    assert "County\\x1b]0;owned\\x07" in shown.stdout
    assert "FORGED" in shown.stdout
    diff = run("rules", "diff", "431022", rules, "--on", "2023-02-01", "--lang", "en")
    assert diff.exit_code == 0, diff.stderr
    _no_raw_controls(diff.stdout)
    assert "\\x1b[31mFORGED" in diff.stdout


def test_hostile_escaping_helpers_keep_ordinary_text() -> None:
    """Kind 12: the helpers leave ordinary text (Chinese, tabs in laid-out text) as it
    is and escape every C0, C1 and bidi control of a value."""
    from meanstest.render.text import visible, visible_lines

    assert visible("邓利兰 YZ-2021-0137") == "邓利兰 YZ-2021-0137"
    assert visible_lines("line one\n\tline two") == "line one\n\tline two"
    assert visible("a\nb\tc\x00\x7f\x85\u2066\u2069\u200f\udcff") == (
        "a\\nb\\tc\\x00\\x7f\\x85\\u2066\\u2069\\u200f\\udcff"
    )


# ------------------------------------------------------ kind 13: Markdown injection


def test_hostile_markdown_values_cannot_forge_headings_html_links_or_cells() -> None:
    """Kind 13: a household id with line breaks, a heading marker, HTML, a pipe and a
    link stays on its own line as text; a member id with a pipe and stars stays one
    cell; an HTML name is escaped (and masked)."""
    result = run(
        "check",
        HOSTILE / "household-markdown-injection.json",
        "--format",
        "markdown",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("# ")] == [lines[0]]
    assert lines[0] == (
        "# Dibao means test: MD-1\\\\n# Fake heading\\\\n\\<img src=x "
        "onerror=alert(1)\\> \\| \\[link\\](http://x)"
    )
    assert "<img" not in result.stdout.replace("\\<img", "")
    [member_row] = [line for line in lines if line.startswith("| p1")]
    assert member_row.startswith("| p1\\|\\*x\\* | ")
    # Seven cells, eight boundaries: a pipe inside a value never splits it.
    assert len(re.findall(r"(?<!\\)\|", member_row)) == 8
    assert "| \\<******* |" in result.stdout  # <b>王</b> (8 characters), masked
    assert "<b>" not in result.stdout


# ---------------------------------------- kind 4: a date is never a number (JSON)


def test_hostile_json_dates_given_as_numbers_are_error_records() -> None:
    """Kind 4: birth_date 0, the text "1614556800", assessed_on 1638316800, current.since
    20211201 and a date-time text are each an error record naming the field (pydantic
    alone read them as seconds since 1970); the ISO household between them is assessed,
    and every record keeps its line (exit 3)."""
    result = run("batch", HOSTILE / "roll-dates-as-numbers.jsonl", "--quiet", "--detail", "full")
    assert result.exit_code == 3, result.stderr
    records = _jsonl(result.stdout)
    assert [r["household_id"] for r in records] == [
        "NUM-BIRTH-0",
        "NUM-BIRTH-TEXT",
        "ISO-OK",
        "NUM-ASSESSED",
        "NUM-SINCE",
        "DATETIME-TEXT",
    ]
    expected = "expected a date written as YYYY-MM-DD, such as 2021-12-01"
    wrong = {r["household_id"]: r for r in records if r["schema"] == "meanstest.error/1"}
    assert set(wrong) == {
        "NUM-BIRTH-0",
        "NUM-BIRTH-TEXT",
        "NUM-ASSESSED",
        "NUM-SINCE",
        "DATETIME-TEXT",
    }
    assert wrong["NUM-BIRTH-0"]["errors"] == [
        {"loc": "members.0.birth_date", "msg": expected, "code": "date_expected"}
    ]
    assert wrong["NUM-BIRTH-TEXT"]["errors"] == [
        {"loc": "members.0.birth_date", "msg": expected, "code": "date_expected"}
    ]
    assert wrong["NUM-ASSESSED"]["errors"] == [
        {"loc": "assessed_on", "msg": expected, "code": "date_expected"}
    ]
    assert wrong["NUM-SINCE"]["errors"] == [
        {"loc": "current.since", "msg": expected, "code": "date_expected"}
    ]
    assert [r["line"] for r in wrong.values()] == [1, 2, 4, 5, 6]
    assert records[2]["schema"] == "meanstest.assessment/1"


def test_hostile_check_birth_date_zero_is_refused_in_both_languages() -> None:
    """Kind 4: `check` refuses birth_date 0 with exit 1, naming the field, in English and
    in Chinese."""
    english = run("check", HOSTILE / "household-birth-date-zero.json", "--lang", "en")
    assert english.exit_code == 1
    assert (
        "members.0.birth_date: expected a date written as YYYY-MM-DD, such as 2021-12-01"
    ) in english.stderr
    chinese = run("check", HOSTILE / "household-birth-date-zero.json", "--lang", "zh")
    assert chinese.exit_code == 1
    assert "members.0.birth_date：应为 YYYY-MM-DD 格式的日期，如 2021-12-01" in chinese.stderr


# ------------------------------------------------- kind 18: validation noise


def test_hostile_one_bad_member_reports_only_the_real_problem() -> None:
    """Kind 18: a one-member household whose member gives both age and birth date gets
    that one problem, not also "members: Tuple should have at least 1 item"."""
    from meanstest.errors import HouseholdInvalid
    from meanstest.files.json import decode_json
    from meanstest.model.household import parse_household

    data = decode_json((HOSTILE / "household-one-bad-member.json").read_bytes())
    with pytest.raises(HouseholdInvalid) as info:
        parse_household(data)
    assert [(p.loc, p.msg) for p in info.value.problems] == [
        ("members.0", "give exactly one of birth_date and age")
    ]
    # An empty list is still refused for what it is.
    data["members"] = []
    with pytest.raises(HouseholdInvalid) as empty:
        parse_household(data)
    assert [p.loc for p in empty.value.problems] == ["members"]
    assert "at least 1 item" in empty.value.problems[0].msg


# ------------------------------------- kind 11: one household's number of items


def test_hostile_household_with_too_many_items_is_one_problem() -> None:
    """Kind 11: a household listing 600 incomes (more than the 500 one household may
    list), each malformed, is one error record with one problem naming the bound, not
    600 problems; the household after it is assessed (exit 3)."""
    result = run("batch", HOSTILE / "roll-too-many-items.jsonl", "--quiet", "--detail", "full")
    assert result.exit_code == 3
    many, after = _jsonl(result.stdout)
    assert many["errors"] == [
        {
            "loc": "incomes",
            "msg": "at most 500 items (found 600)",
            "code": "too_many_items",
            "params": {"limit": 500, "found": 600},
        }
    ]
    assert (after["household_id"], after["schema"]) == ("AFTER-MANY", "meanstest.assessment/1")


def test_hostile_household_problems_are_capped() -> None:
    """Kind 11: 300 malformed incomes (within the bound) give the first 100 problems and a
    count of the rest, so that one record's error stays small."""
    from meanstest.errors import HouseholdInvalid
    from meanstest.model.household import parse_household

    data = json.loads((HOSTILE / "household-one-bad-member.json").read_text("utf-8"))
    data["members"][0].pop("age")
    data["incomes"] = [{"member": "p1", "type": "wage", "amount": "x", "per": "month"}] * 300
    with pytest.raises(HouseholdInvalid) as info:
        parse_household(data)
    problems = info.value.problems
    assert len(problems) == 101
    assert problems[-1].msg == "and 200 more problems"


# ------------------------- kinds 4 and 6: numbers and dates in rule files and --set

# fixture -> (line, column, the message), as the file is written.
RULE_FILES = {
    "rules-from-zero.yaml": (11, 9, "expected a date such as 2021-01-01 (YYYY-MM-DD)"),
    "rules-base-60.yaml": (12, 16, "'1:16:00' is not a decimal number"),
    "rules-octal.yaml": (12, 16, "'012' is not a decimal number"),
    "rules-impossible-date.yaml": (11, 15, "'2021-02-29' is not a real date"),
    "rules-year-zero.yaml": (11, 15, "'0000-01-01' is not a real date"),
    "rules-huge-integer.yaml": (12, 16, "a number has more than 4,300 digits"),
}


@pytest.mark.parametrize("name", sorted(RULE_FILES))
def test_hostile_rule_file_numbers_and_dates_are_refused_with_their_place(name: str) -> None:
    """Kinds 4 and 6: a date given as a number, YAML 1.1's base-60 and octal integers, a
    date that does not exist and an integer past 4,300 digits are each refused with the
    file, line and column (exit 1), never read as a surprise or a traceback."""
    line, column, message = RULE_FILES[name]
    result = run("rules", "show", HOSTILE / name, "--lang", "en")
    assert result.exit_code == 1
    assert name in result.stderr
    assert message in result.stderr
    assert f"line {line}, column {column}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    chinese = run("rules", "show", HOSTILE / name, "--lang", "zh")
    assert f"第 {line} 行第 {column} 列" in chinese.stderr
    assert "Traceback" not in chinese.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-02-29", "'2021-02-29' is not a real date"),
        ("0000-01-01", "'0000-01-01' is not a real date"),
        ("1:16:00", "'1:16:00' is not a decimal number"),
        ("0x1F", "'0x1F' is not a decimal number"),
        ("9" * 5000, "a number has more than 4,300 digits"),
    ],
)
def test_hostile_set_values_are_refused_clearly(value: str, message: str) -> None:
    """Kinds 4 and 6: `compare --set` with an impossible date, a base-60 or hexadecimal
    number, or 5,000 digits stops with exit 1 and a message, before any record is read."""
    result = run(
        "compare",
        EXAMPLES / "caseload" / "yizhang-caseload.jsonl",
        "--set",
        f"dibao.edge_multiplier={value}",
    )
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_hostile_proposal_with_an_impossible_date_is_refused() -> None:
    """Kind 6: a proposal file whose change starts on 2027-02-30 is refused with its line
    (exit 1), not a traceback."""
    result = run(
        "compare",
        EXAMPLES / "caseload" / "yizhang-caseload.jsonl",
        "--proposal",
        HOSTILE / "proposal-impossible-date.yaml",
    )
    assert result.exit_code == 1
    assert "proposal-impossible-date.yaml" in result.stderr
    assert "line 12, column 15: '2027-02-30' is not a real date" in result.stderr
    assert "Traceback" not in result.stderr


def test_hostile_case_files_with_impossible_or_numeric_dates() -> None:
    """Kinds 4 and 6: `meanstest test` refuses a case file with a birth date that does not
    exist (exit 1, file, line and column), and a case whose birth date is the number 0
    fails with the field named, never assessed as born in 1970."""
    impossible = run("test", HOSTILE / "cases-impossible-date.yaml")
    assert impossible.exit_code == 1
    assert "line 9, column 51: '2021-02-29' is not a real date" in impossible.stderr
    assert "Traceback" not in impossible.stderr
    numeric = run("test", HOSTILE / "cases-birth-date-number.yaml")
    assert numeric.exit_code == 1
    assert (
        "members.0.birth_date: expected a date written as YYYY-MM-DD, such as 2021-12-01"
    ) in numeric.stdout
    assert "0 passed, 1 failed" in numeric.stdout


def test_hostile_rule_file_bad_value_reports_only_the_real_problem(tmp_path: Path) -> None:
    """Kind 18, in rule files: a series whose only value is malformed gets that problem,
    not also "values: Tuple should have at least 1 item"."""
    from meanstest.errors import RuleFileError
    from meanstest.ruleset.load import load_rules

    rules = tmp_path / "one-bad-value.yaml"
    rules.write_text(
        "schema: meanstest.rules/1\nid: one-bad-value\nname: {zh: 测试, en: Test}\n"
        'level: proposal\nextends: "431022"\nparameters:\n  dibao.edge_multiplier:\n'
        "    values:\n      - {from: 2022-01-01, value: 2, provisional: true, colour: red}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as info:
        load_rules(rules)
    assert [p.loc for p in info.value.problems] == [
        "parameters.dibao.edge_multiplier.values.0.colour"
    ]


# ---------------------------------------- kind 11: reading rule files with a bound


@pytest.mark.parametrize(
    "args",
    [
        ("rules", "show", "/dev/zero"),
        ("check", str(EXAMPLES / "yizhang-widow-diabetes.json"), "--rules", "/dev/zero"),
        (
            "compare",
            str(EXAMPLES / "caseload" / "yizhang-caseload.jsonl"),
            "--proposal",
            "/dev/zero",
        ),
        ("test", "/dev/zero"),
    ],
    ids=["rules-show", "check-rules", "compare-proposal", "test-cases"],
)
def test_hostile_endless_rule_file_stops_at_the_limit(args: tuple[str, ...]) -> None:
    """Kind 11: a rule, proposal or case file that never ends (/dev/zero) is read only up
    to the limit, and the run stops at once with a message naming the limit (exit 1)."""
    import subprocess
    import sys
    import time

    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "meanstest", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert time.monotonic() - start < 30
    assert result.returncode == 1, result.stderr
    assert re.search(
        r"is larger than [\d,]+ bytes, the limit for one (rule|case) file", result.stderr
    ), result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------- kinds 1, 2, 7 and 4: workbooks read exactly


def _batch(path: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = run("batch", path, "--quiet", "--detail", "full", *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result.exit_code, _jsonl(result.stdout)


def _by_id(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["household_id"]: r for r in records}


@pytest.mark.parametrize("name", ["xlsx-dimension-a1.xlsx", "xlsx-dimension-c3.xlsx"])
def test_hostile_xlsx_wrong_stated_size_reads_every_row_and_column(name: str) -> None:
    """Kind 1: a sheet that states its size as A1 (or C3:D4) is read whole: H1's two
    members and income (column H), H2's income, and H3's deposit of 20,000 (column I,
    above 24 months of the 380 standard) all count; the run exits 0."""
    code, records = _batch(HOSTILE / name)
    assert code == 0
    got = _by_id(records)
    assert list(got) == ["H1", "H2", "H3"]
    assert (got["H1"]["household_size"], got["H1"]["income"]["gross_monthly"]) == (2, "900.00")
    assert (got["H2"]["status"], got["H2"]["benefit_monthly"]) == ("dibao", "80.00")
    assert got["H3"]["status"] == "not_eligible"
    assert got["H3"]["assets_ok"] is False


def test_hostile_xlsx_formula_without_value_is_an_error_naming_sheet_cell_formula() -> None:
    """Kind 2: an income of =400+400 with no calculated value is an error record naming
    the sheet, the cell and the formula (never an income of 0, paid 380); a formula
    with its value is used; shared formulas without values and a #DIV/0! are errors;
    a formula whose value is the empty text is a blank. Exit 3."""
    code, records = _batch(HOSTILE / "xlsx-formula-without-value.xlsx")
    assert code == 3
    got = _by_id(records)
    assert list(got) == ["H1", "H2", "H3", "H4", "H5", "H6"]
    [h1] = got["H1"]["errors"]
    assert h1["loc"] == "零工收入(月)"
    assert h1["msg"].startswith(
        "row 2: cell H2 of sheet '台账' holds the formula =400+400 but no value"
    )
    assert (got["H2"]["status"], got["H2"]["income"]["gross_monthly"]) == ("dibao", "300.00")
    assert "the formula =100*3 but no value" in got["H3"]["errors"][0]["msg"]
    assert "cell H5 of sheet '台账' holds the formula" in got["H4"]["errors"][0]["msg"]
    assert got["H5"]["schema"] == "meanstest.assessment/1"
    assert "cell H7 holds the error value #DIV/0!" in got["H6"]["errors"][0]["msg"]


def test_hostile_xlsx_numbers_that_are_not_finite_are_errors_naming_the_cell() -> None:
    """Kind 7: NaN, inf, 1e400 and -1E999 in number cells are each an error record naming
    the cell (no traceback, no internal error); H4 is assessed. Exit 3."""
    code, records = _batch(HOSTILE / "xlsx-number-not-finite.xlsx")
    assert code == 3
    got = _by_id(records)
    assert [r["schema"] == "meanstest.error/1" for r in records] == [True, True, True, False, True]
    for hid, cell, text in (
        ("H1", "H2", "NaN"),
        ("H2", "H3", "inf"),
        ("H3", "H4", "1e400"),
        ("H5", "I6", "-1E999"),
    ):
        [error] = got[hid]["errors"]
        assert f"cell {cell} holds {text}, which is not a finite number" in error["msg"]
    assert got["H4"]["benefit_monthly"] == "80.00"


def test_hostile_roll_number_cells_that_are_not_finite_are_refused() -> None:
    """Kind 7, below the reader: a float NaN or infinity handed to the layout as a money
    or whole-number cell is a problem at its column, never an internal error."""
    from meanstest.batch.core import Assessor, Job
    from meanstest.files.records import Record
    from meanstest.files.roll import Layout

    header = (
        "户编号",
        "行政区划代码",
        "城乡类别",
        "核算日期",
        "与申请人关系",
        "年龄",
        "零工收入(月)",
    )
    layout = Layout.from_header(header, 1)
    assessor = Assessor(Job(dt.date(2022, 1, 1), layout=layout))
    for bad in (float("nan"), float("inf")):
        rows = ((2, ("H1", "431022", "农村", "2021-12-01", "申请人", bad, bad)),)
        record = assessor.outcome(Record(2, rows)).output
        assert record["schema"] == "meanstest.error/1"
        assert {e["loc"] for e in record["errors"]} == {"年龄", "零工收入(月)"}


@pytest.mark.parametrize("name", ["xlsx-dates.xlsx", "csv-dates.csv"])
def test_hostile_roll_dates_in_spreadsheet_forms_only(name: str) -> None:
    """Kind 4: a date cell and the text forms 1985-03-02, 1985/3/2, 1985年3月2日 (and
    1985.3.2) are read as 1985-03-02; a number (31107) and digits such as "31107", "0",
    "1614556800" or "19850302" are errors at the birth-date column, never dates."""
    code, records = _batch(HOSTILE / name)
    assert code == 3
    good = [r for r in records if r["schema"] == "meanstest.assessment/1"]
    bad = [r for r in records if r["schema"] == "meanstest.error/1"]
    assert len(good) == (3 if name.endswith(".xlsx") else 4)
    assert all(r["members"][0]["age"] == 36 for r in good)
    assert len(bad) == (2 if name.endswith(".xlsx") else 4)
    for record in bad:
        [error] = record["errors"]
        assert error["loc"] == "出生日期"
        assert "2021年12月1日" in error["msg"]


def test_hostile_xlsx_fixtures_are_what_the_generator_writes(tmp_path: Path) -> None:
    """The workbooks in tests/fixtures/hostile/ are those make_workbooks.py writes."""
    import importlib.util
    import shutil

    copy = tmp_path / "make_workbooks.py"
    shutil.copy(HOSTILE / "make_workbooks.py", copy)
    spec = importlib.util.spec_from_file_location("make_workbooks", copy)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main()
    for made in tmp_path.glob("*.xlsx"):
        assert made.read_bytes() == (HOSTILE / made.name).read_bytes(), made.name


# ----------------------------------------------------- kind 3: unbalanced CSV quotes


@pytest.mark.parametrize(("where", "bad"), [("first", 1), ("middle", 5), ("last", 10)])
def test_hostile_csv_quote_that_never_closes_is_one_error_record(where: str, bad: int) -> None:
    """Kind 3: a name cell "王 whose quote never closes, on the first, a middle or the
    last of ten households, is an error record at its row naming the column and the
    quote; the other nine households are all read and assessed. Exit 3."""
    code, records = _batch(HOSTILE / f"csv-quote-{where}-row.csv")
    assert code == 3
    assert [r["household_id"] for r in records] == [f"H{i:02d}" for i in range(1, 11)]
    for i, record in enumerate(records, start=1):
        if i != bad:
            assert record["schema"] == "meanstest.assessment/1", record
            continue
        assert record["line"] == bad + 1
        [error] = record["errors"]
        assert error["loc"] == "姓名"
        assert error["msg"].startswith(
            f'row {bad + 1}: the quote (") that opens this cell is not closed where the cell ends'
        )


def test_hostile_csv_two_stray_quotes_are_two_error_records() -> None:
    """Kind 3: two stray quotes (rows 4 and 8: the second would close the first one's
    cell, with text after it) are two error records; the eight other households are
    assessed."""
    code, records = _batch(HOSTILE / "csv-quote-two-stray.csv")
    assert code == 3
    assert len(records) == 10
    assert [r["line"] for r in records if r["schema"] == "meanstest.error/1"] == [4, 8]


def test_hostile_csv_quote_in_a_member_row_fails_its_whole_household() -> None:
    """Kind 3: a stray quote on H02's second member makes H02 an error record (never
    assessed without that member); H01 and H03 are assessed."""
    code, records = _batch(HOSTILE / "csv-quote-in-member-row.csv")
    assert code == 3
    got = _by_id(records)
    assert list(got) == ["H01", "H02", "H03"]
    assert got["H02"]["line"] == 3
    assert got["H02"]["errors"][0]["msg"].startswith("row 4: the quote")
    assert got["H01"]["schema"] == got["H03"]["schema"] == "meanstest.assessment/1"


def test_hostile_csv_quoted_line_break_stays_one_row() -> None:
    """Kind 3: a cell that holds a line break in closed quotes is still one cell of one
    row (a spreadsheet's row), and the row after it keeps its number."""
    code, records = _batch(HOSTILE / "csv-quoted-line-break.csv")
    assert code == 0
    assert [r["household_id"] for r in records] == ["H01", "H02", "H03"]
    rows = run("batch", HOSTILE / "csv-quoted-line-break.csv", "--quiet", "--format", "csv")
    assert [line.split(",")[1] for line in rows.stdout.splitlines()[1:]] == ["2", "3", "4"]


def test_hostile_csv_rows_reader_recovers_after_a_runaway_quote() -> None:
    """Kind 3, in the reader: after a quote that never closes, the rows that CSV would
    have swallowed into one cell come back one by one, numbered as a spreadsheet does."""
    import io

    from meanstest.files.csv_rows import csv_rows
    from meanstest.files.roll import Flawed

    text = io.StringIO('id,name\nH1,"王\nH2,李\nH3,"张""三"\n', newline="")
    rows = list(csv_rows(text))
    assert [number for number, _ in rows] == [1, 2, 3, 4]
    assert rows[1][1][0] == "H1"
    assert isinstance(rows[1][1][1], Flawed)
    assert rows[2][1] == ("H2", "李")
    assert rows[3][1] == ("H3", '张"三')


def test_hostile_csv_unclosed_quote_before_many_delimiters_is_read_quickly(tmp_path: Path) -> None:
    """Kind 3: a quote that never closes, followed by 90,000 commas on its line, is one
    error record, found in one pass over the line (a re-scan per comma took minutes)."""
    import time

    roll = tmp_path / "commas.csv"
    rows = (HOSTILE / "csv-quote-first-row.csv").read_text("utf-8").splitlines()
    roll.write_text(
        "\n".join([rows[0], 'H00,431022,农村,2021-12-01,"' + "," * 90_000, *rows[2:]]) + "\n",
        encoding="utf-8",
    )
    start = time.monotonic()
    code, records = _batch(roll)
    assert time.monotonic() - start < 20
    assert code == 3
    assert [r["household_id"] for r in records] == ["H00", *(f"H{i:02d}" for i in range(2, 11))]
    assert records[0]["errors"][0]["msg"].startswith('row 2: the quote (") that opens')


# ------------------------------------------- kind 11: one CSV cell, one JSON line


def test_hostile_csv_oversized_cell_is_an_error_record_for_its_row() -> None:
    """Kind 11: a name of 20,000 characters is an error record at its row naming the
    limit (10,000); the households before and after are assessed. Exit 3."""
    code, records = _batch(HOSTILE / "csv-oversized-cell.csv")
    assert code == 3
    assert [r["schema"] for r in records] == [
        "meanstest.assessment/1",
        "meanstest.error/1",
        "meanstest.assessment/1",
    ]
    assert records[1]["errors"] == [
        {
            "loc": "姓名",
            "msg": "row 3: the cell holds 20,000 characters, more than the 10,000 a cell may hold",
            "code": "cell_too_long",
            "params": {"length": 20_000, "max": 10_000},
            "row": 3,
        }
    ]


def test_hostile_csv_household_with_too_many_rows_is_one_error_record() -> None:
    """Kind 11: a household whose id is filled on its first row only, followed by 59 rows
    with blank ids (60 rows, more than 50 members), is one error record that says so;
    memory holds at most 51 of its rows; the household after it is assessed."""
    code, records = _batch(HOSTILE / "csv-household-too-many-rows.csv")
    assert code == 3
    first, after = records
    assert first["errors"] == [
        {
            "loc": "户编号",
            "msg": (
                "row 2: this household goes on to row 61, 60 rows, more than the 50 members a "
                "household may have; is its id filled in on the right rows?"
            ),
            "code": "too_many_rows",
            "params": {"last": 61, "total": 60, "max": 50},
            "row": 2,
        }
    ]
    assert (after["household_id"], after["schema"]) == ("H02", "meanstest.assessment/1")


def test_hostile_group_rows_keeps_a_bounded_number_of_rows() -> None:
    """Kind 11: 100,000 rows with a blank id after a first one make one group of 51 kept
    rows that knows it had 100,001 and where it ended."""
    from meanstest.files.roll import Layout, TooManyRows, group_rows

    layout = Layout.from_header(("household_id", "age"), 1)
    rows = ((n, ("H1" if n == 2 else "", "40")) for n in range(2, 100_003))
    [(first, group)] = list(group_rows(rows, layout))
    assert first == 2
    assert isinstance(group, TooManyRows)
    assert (len(group), group.total, group.last) == (51, 100_001, 100_002)


def test_hostile_jsonl_line_past_the_limit_is_an_error_record(tmp_path: Path) -> None:
    """Kind 11: a JSON line of 2 MiB (past the 1 MiB a household may take) is an error
    record at its line naming the limit, read without holding it whole; the lines
    around it are assessed. Exit 3."""
    one = (EXAMPLES / "yizhang-widow-diabetes.json").read_text("utf-8")
    line = json.dumps(json.loads(one), ensure_ascii=False)
    roll = tmp_path / "long-line.jsonl"
    roll.write_text(
        line + "\n" + '{"id": "' + "x" * (2 << 20) + '"}\n' + line + "\n", encoding="utf-8"
    )
    code, records = _batch(roll)
    assert code == 3
    assert [r["schema"] for r in records] == [
        "meanstest.assessment/1",
        "meanstest.error/1",
        "meanstest.assessment/1",
    ]
    assert records[1]["line"] == 2
    assert records[1]["errors"] == [
        {
            "loc": "",
            "msg": (
                "the line is longer than 1,048,576 bytes, the limit for one household; it was not "
                "read"
            ),
            "code": "line_too_long",
            "params": {"max": 1 << 20},
        }
    ]


# ----------------------------------------------------- kind 5: a BOM in the middle


def test_hostile_csv_two_rolls_joined_with_their_boms() -> None:
    """Kind 5: two rolls joined together (each with its BOM and header): the ids of the
    second roll are H03 and H04, not "\\ufeffH03"; the repeated header is an error
    record that says what it is. Exit 3."""
    code, records = _batch(HOSTILE / "csv-bom-in-the-middle.csv")
    assert code == 3
    assert [r["household_id"] for r in records] == ["H01", "H02", "户编号", "H03", "H04"]
    assert all("\ufeff" not in json.dumps(r, ensure_ascii=False) for r in records)
    assert records[2]["errors"] == [
        {
            "loc": "户编号",
            "msg": (
                "row 4: this row repeats the header row (two rolls joined together?); it is not a "
                "household — delete it"
            ),
            "code": "header_repeated",
            "row": 4,
        }
    ]
    assert [r["schema"] for r in records].count("meanstest.assessment/1") == 4


def test_hostile_csv_bom_before_a_row_is_not_part_of_its_id() -> None:
    """Kind 5: a BOM in front of a data row is not kept in the household id."""
    code, records = _batch(HOSTILE / "csv-bom-before-a-row.csv")
    assert code == 0
    assert [r["household_id"] for r in records] == ["H01", "H02", "H03"]


def test_hostile_csv_second_header_with_other_columns_stops_the_run() -> None:
    """Kind 5: a second header whose columns differ from the first (two different rolls
    joined) stops the run with exit 1 naming the file and row: the rows below it would
    be read into the wrong fields."""
    result = run("batch", HOSTILE / "csv-second-header-other-columns.csv", "--quiet", "-o", "-")
    assert result.exit_code == 1
    assert (
        "csv-second-header-other-columns.csv: row 3 is a second header row, with other "
        "columns than the first"
    ) in result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------------------- kind 15: stale rule cache


@pytest.fixture
def rule_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A rule cache of this test's own, in use."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("MEANSTEST_CACHE_DIR", str(cache))
    monkeypatch.delenv("MEANSTEST_NO_CACHE", raising=False)
    return cache


def _edge(rule_set: Any) -> tuple[Any, str]:
    snapshot = rule_set.at(dt.date(2021, 12, 1))
    return snapshot.params["dibao.edge_multiplier"].value, snapshot.digest


def test_hostile_rule_cache_follows_a_file_the_lookup_now_prefers(
    tmp_path: Path, rule_cache: Path
) -> None:
    """Kind 15: a cached rule set whose `extends "431000"` was found in the shipped rules
    is not served once a 431000.yaml appears beside the file (the lookup prefers it):
    the edge multiplier and digest are those of a fresh load; removing the file again
    brings back the shipped resolution."""
    import shutil

    from meanstest.ruleset.load import RuleLibrary

    rules = tmp_path / "rules"
    rules.mkdir()
    child = rules / "cache-child.yaml"
    shutil.copy(HOSTILE / "cache-child.yaml", child)
    shipped, shipped_digest = _edge(RuleLibrary().load_file(child))
    assert str(shipped) == "1.5"
    assert any(rule_cache.glob("*.pickle"))
    shutil.copy(HOSTILE / "cache-local-chenzhou.yaml", rules / "431000.yaml")
    local, local_digest = _edge(RuleLibrary().load_file(child))
    assert str(local) == "3"
    assert local_digest != shipped_digest
    (rules / "431000.yaml").unlink()
    assert _edge(RuleLibrary().load_file(child)) == (shipped, shipped_digest)


def test_hostile_rule_cache_key_covers_the_rules_directory(
    tmp_path: Path, rule_cache: Path
) -> None:
    """Kind 15: the same file resolved with another rules directory (where "431000" is a
    local file) is not served the resolution made with the shipped directory."""
    import shutil

    from meanstest.ruleset.load import RuleLibrary

    here, other = tmp_path / "here", tmp_path / "other"
    here.mkdir()
    other.mkdir()
    child = here / "cache-child.yaml"
    shutil.copy(HOSTILE / "cache-child.yaml", child)
    shutil.copy(HOSTILE / "cache-local-chenzhou.yaml", other / "431000.yaml")
    for name in ("000000-national.yaml", "430000-hunan.yaml"):
        shutil.copy(ROOT / "rules" / name, other / name)
    assert str(_edge(RuleLibrary().load_file(child))[0]) == "1.5"
    assert str(_edge(RuleLibrary(other).load_file(child))[0]) == "3"
    assert str(_edge(RuleLibrary().load_file(child))[0]) == "1.5"


def test_hostile_rule_cache_still_serves_an_unchanged_set(
    tmp_path: Path, rule_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kind 15: with nothing changed, the second load comes from the cache (no file is
    parsed), so start-up stays fast."""
    from meanstest.ruleset.load import RuleLibrary

    first = RuleLibrary().load("431022")

    def never(*_args: object) -> None:
        raise AssertionError("a rule file was parsed")

    monkeypatch.setattr(RuleLibrary, "read", never)
    assert (
        RuleLibrary().load("431022").at(dt.date(2021, 12, 1)).digest
        == first.at(dt.date(2021, 12, 1)).digest
    )


# ------------------------------------------------- kind 17: byte-identical workbooks


def test_hostile_xlsx_output_is_byte_identical_across_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kind 17: the same roll written as .xlsx twice (the second time with the clock a
    day on) gives the same bytes, to a file and to standard output: the workbook's
    document properties and every zip entry hold one fixed time."""
    import time
    import zipfile

    roll = EXAMPLES / "batch" / "caseroll.jsonl"
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    assert run("batch", roll, "-o", first, "--quiet").exit_code == 0
    later = time.time() + 86_400
    monkeypatch.setattr(time, "time", lambda: later)
    assert run("batch", roll, "-o", second, "--quiet").exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    piped = run("batch", roll, "--format", "xlsx", "--quiet")
    assert piped.stdout_bytes == first.read_bytes()
    with zipfile.ZipFile(first) as book:
        assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode("utf-8")
    assert core.count("1980-01-01T00:00:00Z") == 2


# ------------------------------------------- kind 16: kill -9 of batch --jobs N


def _descendants(root: int) -> set[int]:
    """The processes below ``root`` (Linux /proc), whatever their depth."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.add(child)
            todo.append(child)
    return found


def _running(pid: int) -> bool:
    """Whether a process exists and has not ended (a zombie has ended)."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_hostile_kill_9_of_batch_jobs_leaves_no_process(tmp_path: Path) -> None:
    """Kind 16: SIGKILL of `batch --jobs 2` while it waits for more input leaves no
    worker, no fork server and no resource tracker running: each worker sees the main
    process gone and exits, and the helpers end once nobody holds them."""
    import contextlib
    import os
    import signal
    import subprocess
    import sys
    import time

    line = (
        json.dumps(
            json.loads((EXAMPLES / "yizhang-widow-diabetes.json").read_text("utf-8")),
            ensure_ascii=False,
        ).encode("utf-8")
        + b"\n"
    )
    main = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "meanstest",
            "batch",
            "-",
            "--jobs",
            "2",
            "--quiet",
            "-o",
            str(tmp_path / "out.jsonl"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert main.stdin is not None
    helpers: set[int] = set()
    try:
        main.stdin.write(line * 2000)  # ten chunks: both workers start
        main.stdin.flush()
        deadline = time.monotonic() + 60
        # The fork server, two workers and the resource tracker.
        while len(helpers) < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
            helpers = _descendants(main.pid)
        assert len(helpers) >= 4, helpers
        os.kill(main.pid, signal.SIGKILL)
        main.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_running(pid) for pid in helpers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in helpers if _running(pid)]
    finally:
        main.stdin.close()
        for pid in helpers | {main.pid}:  # only what this test started, if still there
            if _running(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


# ------------------------------- kind 10: --encoding takes text encodings only


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("rot13", "'rot13' is not a text encoding"),
        ("hex", "'hex' is not a text encoding"),
        ("utf-16", "'utf-16' writes each character in several bytes"),
        ("utf-32-le", "'utf-32-le' writes each character in several bytes"),
        ("utf-7", "'utf-7' does not write plain text (digits, letters, commas) as itself"),
        ("cp037", "'cp037' does not write plain text (digits, letters, commas) as itself"),
        ("no-such-codec", "'no-such-codec' is not an encoding Python knows"),
    ],
)
@pytest.mark.parametrize("command", ["batch", "compare"])
def test_hostile_encoding_must_be_a_text_encoding(
    command: str, encoding: str, message: str
) -> None:
    """Kind 10: --encoding with a byte codec (rot13, hex), UTF-16/32, an encoding that
    does not write ASCII as ASCII, or an unknown name stops with exit 1 and a sentence
    saying which, before any record is read (a traceback before)."""
    roll = EXAMPLES / "batch" / "caseroll-en.csv"
    args = ["--set", "dibao.edge_multiplier=2"] if command == "compare" else ["--quiet"]
    result = run(command, roll, "--encoding", encoding, *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_hostile_utf16_without_a_bom_is_named() -> None:
    """Kind 10: a UTF-16 roll without a byte-order mark is refused as such (exit 1), in
    English and in Chinese; given as --encoding utf-16 it is refused, not a traceback."""
    roll = HOSTILE / "csv-utf16-no-bom.csv"
    guessed = run("batch", roll, "--quiet", "--lang", "en")
    assert guessed.exit_code == 1
    assert "the input holds NUL bytes, as UTF-16 or UTF-32 without a byte-order mark does" in (
        guessed.stderr
    )
    chinese = run("batch", roll, "--quiet", "--lang", "zh")
    assert "输入中有 NUL 字节" in chinese.stderr
    given = run("batch", roll, "--quiet", "--encoding", "utf-16")
    assert given.exit_code == 1
    assert "Traceback" not in given.stderr


def test_hostile_ordinary_encodings_still_read() -> None:
    """Kind 10: GBK, GB18030 and UTF-8 with a BOM are still read."""
    assert (
        run(
            "batch", EXAMPLES / "batch" / "caseroll-gbk.csv", "--encoding", "gbk", "--quiet"
        ).exit_code
        == 0
    )
    assert (
        run(
            "batch", EXAMPLES / "batch" / "caseroll-gbk.csv", "--encoding", "gb18030", "--quiet"
        ).exit_code
        == 0
    )
    assert (
        run(
            "batch", EXAMPLES / "batch" / "caseroll-zh.csv", "--encoding", "utf-8-sig", "--quiet"
        ).exit_code
        == 0
    )


# --------------------------------------------- held before issue 10: YAML bombs


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("rules-billion-laughs.yaml", "aliases expand to more than 200,000 values"),
        ("rules-deep-nesting.yaml", "exceeded maximum nesting depth"),
    ],
)
def test_hostile_yaml_bombs_are_refused_before_they_grow(name: str, message: str) -> None:
    """Held before issue 10: a rule file whose aliases would expand to 10**9 values, or
    whose values nest 5,000 deep, is refused at once with its place (exit 1)."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "meanstest", "rules", "show", str(HOSTILE / name)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------ helpers below the CLI for kinds 9 and 14


def test_hostile_same_file_sees_through_symbolic_and_hard_links(tmp_path: Path) -> None:
    """Kind 14 (helper): an output path is the input when it is the same path, a
    symbolic link to it, a hard link to it, or a relative spelling of it; another file
    or a file not yet written is not."""
    import os

    from meanstest.files.outputs import same_file

    roll = tmp_path / "roll.jsonl"
    roll.write_text("{}\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(roll)
    os.link(roll, tmp_path / "hard.jsonl")
    (tmp_path / "other.jsonl").write_text("{}\n", encoding="utf-8")
    assert same_file(roll, roll)
    assert same_file(tmp_path / "link.jsonl", roll)
    assert same_file(tmp_path / "hard.jsonl", roll)
    assert same_file(tmp_path / "sub" / ".." / "roll.jsonl", roll)
    assert not same_file(tmp_path / "other.jsonl", roll)
    assert not same_file(tmp_path / "report.html", roll)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "− 330.00 ¥570.00 邓利兰 ──"),
        ("gbk", "- 330.00 ￥570.00 邓利兰 ──"),
        ("ascii", "- 330.00 CNY 570.00 \\u9093\\u5229\\u5170 --"),
    ],
)
def test_hostile_encodable_degrades_symbols_for_the_output_encoding(
    encoding: str, expected: str
) -> None:
    """Kind 9 (helper): text for a GBK or ASCII stream keeps what the encoding can write,
    puts stand-ins for the symbols it lacks (− becomes the hyphen of the same width, ¥
    the full-width ￥ in GBK) and escapes any other character; the result always
    encodes."""
    from meanstest.render.text import encodable

    shown = encodable("− 330.00 ¥570.00 邓利兰 ──", encoding)
    assert shown == expected
    shown.encode(encoding)


# ------------------------------------------------------------- phase 2: the CLI's kinds

WIDOW = EXAMPLES / "yizhang-widow-diabetes.json"
ROLL = EXAMPLES / "batch" / "caseroll.jsonl"
PROPOSAL = EXAMPLES / "proposals" / "standard-rise-2027.yaml"
SH = "/bin/sh"  # runs a command with a standard stream closed (>&-, <&-)
# The 2027 proposal over the nine-household sample roll (a small, quick comparison).
COMPARE = ("compare", str(ROLL), "--proposal", str(PROPOSAL), "--on", "2027-01-15")


def _meanstest(
    *args: object,
    stdout: Any = None,
    stdin: Any = None,
    limit: int | None = None,
    env: dict[str, str] | None = None,
) -> Any:
    """Run meanstest as its own process; stderr (and stdout, unless given) captured.
    ``limit`` caps the size of any file the process writes (RLIMIT_FSIZE): past it a
    write fails with EFBIG, as a full disk fails with ENOSPC."""
    import os
    import subprocess
    import sys

    def capped() -> None:
        import resource

        assert limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "meanstest", *map(str, args)],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
        preexec_fn=capped if limit else None,
        env={**os.environ, "LANG": "C.UTF-8", **(env or {})},
    )


def _no_traceback(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    assert "Exception ignored" not in text, text
    return text


# kind 8: I/O errors outside batch's JSONL/CSV writer


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ("check", WIDOW),
        ("check", WIDOW, "--format", "json"),
        ("check", WIDOW, "--format", "markdown"),
        (*COMPARE, "--format", "table"),
        (*COMPARE, "--format", "json"),
        (*COMPARE, "--format", "csv"),
        ("rules", "show", "431022"),
        ("rules", "new", "431021", "--extends", "431000", "--name", "桂阳县"),
        ("schema", "household"),
        ("test", ROOT / "rules" / "cases"),
        ("batch", ROLL, "--format", "xlsx"),
        ("--help",),
    ],
    ids=[
        "check-table",
        "check-json",
        "check-markdown",
        "compare-table",
        "compare-json",
        "compare-csv",
        "rules-show",
        "rules-new",
        "schema",
        "test",
        "batch-xlsx",
        "help",
    ],
)
def test_hostile_full_standard_output_is_a_message(args: tuple[object, ...]) -> None:
    """Kind 8: standard output on a full disk (/dev/full), in every command and format,
    ends with exit 1 and one sentence saying so, never a traceback, and nothing is
    complained about again when the process ends."""
    with Path("/dev/full").open("wb") as full:
        done = _meanstest(*args, stdout=full)
    stderr = _no_traceback(done.stderr)
    assert done.returncode == 1, stderr
    assert (
        "cannot write to standard output (No space left on device)" in stderr
        or "the run stopped: No space left on device" in stderr
    ), stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((*COMPARE, "--format", "json", "--html"), "report.html"),
        ((*COMPARE, "--format", "json", "--changes"), "changes.csv"),
        ((*COMPARE, "--format", "json", "--changes"), "changes.jsonl"),
        (
            ("rules", "new", "431021", "--extends", "431000", "--name", "桂阳县", "--force", "-o"),
            "431021.yaml",
        ),
        (("batch", ROLL, "-o"), "results.xlsx"),
    ],
    ids=["compare-html", "compare-changes-csv", "compare-changes-jsonl", "rules-new", "batch-xlsx"],
)
def test_hostile_output_file_that_cannot_be_written_is_left_as_it_was(
    tmp_path: Path, args: tuple[object, ...], name: str
) -> None:
    """Kind 8: an output file whose writing fails part-way (a file-size limit of 256
    bytes, failing as a full disk does) is left as it was, no temporary file stays, and
    the run ends with exit 1 and a sentence naming the file; for .xlsx, no ZipFile
    complaint follows it."""
    target = tmp_path / name
    target.write_bytes(b"the old file")
    done = _meanstest(*args, target, limit=256)
    stderr = _no_traceback(done.stderr)
    assert done.returncode == 1, stderr
    assert "File too large" in stderr, stderr
    assert (
        f"{target}: cannot write the file (File too large); it was left as it was" in stderr
        or "the output file was left as it was" in stderr
    ), stderr
    assert "zipfile" not in stderr.lower()
    assert target.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize(
    ("command", "args", "redirect", "message"),
    [
        ("check", (WIDOW,), ">&-", "standard output is closed"),
        (
            "check",
            ("-",),
            "<&-",
            "standard input is closed; give a file, or data on standard input",
        ),
        ("batch", (ROLL,), ">&-", "the run stopped: standard output is closed"),
        ("batch", (), "<&-", "standard input is closed"),
        ("compare", COMPARE[1:], ">&-", "standard output is closed"),
        ("compare", ("-", *COMPARE[2:]), "<&-", "standard input is closed"),
    ],
    ids=[
        "check-stdout",
        "check-stdin",
        "batch-stdout",
        "batch-stdin",
        "compare-stdout",
        "compare-stdin",
    ],
)
def test_hostile_closed_standard_stream_is_a_message(
    command: str, args: tuple[object, ...], redirect: str, message: str
) -> None:
    """Kind 8: a command whose standard input or output was closed (``<&-``, ``>&-``)
    ends with exit 1 and a sentence saying which, never a traceback."""
    import shlex
    import subprocess
    import sys

    line = shlex.join([sys.executable, "-m", "meanstest", command, *map(str, args), "--lang", "en"])
    done = subprocess.run(
        [SH, "-c", f"exec {line} {redirect}"], capture_output=True, timeout=120, check=False
    )
    stderr = _no_traceback(done.stderr)
    assert done.returncode == 1, stderr
    assert message in stderr, stderr


def test_hostile_closed_standard_output_is_not_taken_by_an_output_file(tmp_path: Path) -> None:
    """Kind 8: with standard output closed, commands that write a file still work, and
    the file they open does not become "standard output" (it is held on /dev/null): batch
    with two workers writes exactly its records, and `rules new -o` its rule file."""
    import shlex
    import subprocess
    import sys

    out = tmp_path / "results.jsonl"
    rules = tmp_path / "431021.yaml"
    for args in (
        ["batch", str(ROLL), "-o", str(out), "--jobs", "2", "-q"],
        ["rules", "new", "431021", "--extends", "431000", "--name", "桂阳县", "-o", str(rules)],
    ):
        line = shlex.join([sys.executable, "-m", "meanstest", *args])
        done = subprocess.run(
            [SH, "-c", f"exec {line} >&-"], capture_output=True, timeout=120, check=False
        )
        assert done.returncode == 0, _no_traceback(done.stderr)
    assert [r["household_id"] for r in _jsonl(out.read_text(encoding="utf-8"))] == [
        r["id"] for r in _jsonl(ROLL.read_text(encoding="utf-8"))
    ]
    assert rules.read_text(encoding="utf-8").startswith("# 桂阳县 (431021)")


def test_hostile_closed_descriptor_is_held_on_the_null_device(tmp_path: Path) -> None:
    """Kind 8: with standard output closed at start-up, the command line holds its
    number on /dev/null, so the next file opened (an output file) does not become
    "standard output" for the process and its workers."""
    import subprocess
    import sys

    probe = (
        "import os, sys\n"
        "from meanstest.cli.env import keep_standard_descriptors\n"
        "keep_standard_descriptors()\n"
        f"fd = os.open({str(tmp_path / 'out')!r}, os.O_WRONLY | os.O_CREAT)\n"
        "print(fd, os.path.realpath('/proc/self/fd/1'), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [SH, "-c", 'exec "$0" -c "$1" >&-', sys.executable, probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    fd, one = done.stderr.split()
    assert int(fd) > 2
    assert one == "/dev/null"


@pytest.mark.parametrize("args", [("/dev/zero",), ("-",)], ids=["file", "stdin"])
def test_hostile_check_reads_one_household_with_a_bound(args: tuple[str, ...]) -> None:
    """Kind 8 (the bound promised for `check FILE`): a household file or standard input
    that never ends is read up to 1,048,576 bytes, the limit for one household (as for
    one JSON line of a roll), and refused at once (exit 1)."""
    import time

    with Path("/dev/zero").open("rb") as zero:
        start = time.monotonic()
        done = _meanstest("check", *args, "--lang", "en", stdin=zero)
    assert time.monotonic() - start < 30
    stderr = _no_traceback(done.stderr)
    assert done.returncode == 1
    assert (
        "the household file is larger than 1,048,576 bytes, the limit for one household"
    ) in stderr


@pytest.mark.parametrize(
    ("code", "params", "message", "zh"),
    [
        (
            "cannot_write_stdout",
            {"reason": "No space left on device"},
            "cannot write to standard output (No space left on device)",
            "错误：无法写入标准输出（磁盘已满）",  # the system's reason in Chinese (issue 15)
        ),
        (
            "stdout_closed",
            {},
            "standard output is closed; the output has nowhere to go (give -o "
            "FILE where the command has it)",
            "错误：标准输出已关闭，输出无处可写（命令有 -o 时请用 -o 文件）",
        ),
        (
            "stdin_closed",
            {},
            "standard input is closed; give a file, or data on standard input",
            "错误：标准输入已关闭；请给出文件，或通过标准输入提供数据",
        ),
        (
            "run_stopped_output_kept",
            {"reason": "No space left on device"},
            "the run stopped: No space left on device; the output file was left as it was",
            "错误：运行中止：磁盘已满；输出文件保持原样",
        ),
    ],
)
def test_hostile_io_messages_read_in_chinese(
    code: str, params: dict[str, object], message: str, zh: str
) -> None:
    """Kind 8: the sentences about failing streams and files have their Chinese (and say
    in English what they said before errors were data)."""
    from meanstest.errors import MeansTestError
    from meanstest.render.errors import render

    assert str(MeansTestError(code, params=params)) == message
    assert render(MeansTestError(code, params=params), "zh") == zh
    assert render(
        MeansTestError("cannot_write_kept", params={"reason": "File too large"}, path="r.html"),
        "zh",
    ) == ("错误：r.html：无法写入文件（File too large）；文件保持原样")  # a rarer reason: as said


class _Failing(io.RawIOBase):
    """A standard output whose every write fails with this error."""

    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def writable(self) -> bool:
        return True

    def write(self, _data: object) -> int:
        raise self.error


@pytest.mark.parametrize(
    "args",
    [
        ("check", WIDOW),
        ("check", WIDOW, "--format", "json"),
        ("rules", "show", "431022"),
        (*COMPARE, "--format", "csv"),
        ("batch", ROLL),
    ],
)
@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), 141, ""),
        (
            OSError(errno.EIO, "Input/output error"),
            1,
            "error: cannot write to standard output (Input/output error)\n",
        ),
    ],
    ids=["reader-gone", "io-error"],
)
def test_hostile_failing_standard_output_goes_through_the_funnel(
    args: tuple[object, ...], error: OSError, code: int, message: str
) -> None:
    """Kind 8: the Environment turns a failing stdout into the funnel's outcome: a
    reader gone away (`| head`) stops quietly with 141, any other failure is exit 1
    with one sentence (batch says the run stopped)."""
    from meanstest.cli import Environment

    out = io.TextIOWrapper(io.BufferedWriter(_Failing(error)), encoding="utf-8")
    err = io.StringIO()
    env = Environment(stdin=io.BytesIO(), stdout=out, stderr=err, lang="en")
    result = CliRunner().invoke(cli, [str(a) for a in args], obj=env)
    assert result.exit_code == code, (err.getvalue(), result.exception)
    if args[0] == "batch" and code == 1:
        message = "error: the run stopped: Input/output error\n"
    assert err.getvalue() == message


# kind 9: standard output that is not UTF-8


def _in(encoding: str, *args: object, lang: str = "en") -> tuple[int, bytes, bytes]:
    """Run a command with stdout and stderr in ``encoding``; return status and bytes."""
    from meanstest.cli import Environment

    out, err = io.BytesIO(), io.BytesIO()
    env = Environment(
        stdin=io.BytesIO(),
        lang=lang,  # type: ignore[arg-type]
        stdout=io.TextIOWrapper(out, encoding=encoding, write_through=True),
        stderr=io.TextIOWrapper(err, encoding=encoding, write_through=True),
        today=dt.date(2022, 1, 1),
    )
    result = CliRunner().invoke(cli, [str(a) for a in args], obj=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, out.getvalue(), err.getvalue()


# What each text format must show, per encoding (en and zh): the widow's benefit is
# 380 × 3 − 570 = 570.00 a month; − has the hyphen as stand-in and ¥ is ￥ in GBK, CNY
# in ASCII; Chinese that ASCII lacks is escaped.
@pytest.mark.parametrize(
    ("encoding", "lang", "args", "shown"),
    [
        (
            "gbk",
            "zh",
            ("check", WIDOW),
            ["月救助金  ￥570.00", "380.00 × 3 - 570.00 = 570.00", "- 扣减"],
        ),
        ("gbk", "en", ("check", WIDOW), ["Monthly benefit  ￥570.00", "380.00 × 3 - 570.00"]),
        (
            "ascii",
            "en",
            ("check", WIDOW),
            [
                "Monthly benefit  CNY 570.00",
                "-+-",
                "- Deductions",
                "380.00 x 3 - 570.00 = 570.00",
                "570.00 -> 570.00",
            ],
        ),
        ("ascii", "zh", ("check", WIDOW), ["CNY 570.00", "\\u6708\\u6551\\u52a9\\u91d1"]),
        ("gbk", "zh", ("check", WIDOW, "--format", "markdown"), ["￥570.00", "邓**"]),
        ("ascii", "en", ("check", WIDOW, "--format", "markdown"), ["CNY 570.00", "\\u9093**"]),
        ("gbk", "zh", (*COMPARE, "--format", "table"), ["< -500", "-500 … -200"]),
        ("ascii", "en", (*COMPARE, "--format", "table"), ["< -500", "-500 ... -200"]),
        ("gbk", "zh", ("rules", "show", "431022", "--on", "2021-12-01"), ["宜章县", "-+-"]),
        ("ascii", "en", ("rules", "show", "431022", "--on", "2021-12-01"), ["-+-", "4560"]),
    ],
    ids=[
        "check-table-gbk-zh",
        "check-table-gbk-en",
        "check-table-ascii-en",
        "check-table-ascii-zh",
        "check-markdown-gbk",
        "check-markdown-ascii",
        "compare-table-gbk",
        "compare-table-ascii",
        "rules-show-gbk",
        "rules-show-ascii",
    ],
)
def test_hostile_text_for_people_is_written_in_the_streams_encoding(
    encoding: str, lang: str, args: tuple[object, ...], shown: list[str]
) -> None:
    """Kind 9: tables and Markdown on a GBK or ASCII stdout are written in that encoding,
    with stand-ins for what it lacks (¥ → ￥ or CNY, − → -, boxes in ASCII), exit 0.
    Before: a UnicodeEncodeError traceback."""
    code, out, err = _in(encoding, *args, lang=lang)
    assert code == 0, err
    text = out.decode(encoding)  # strict: every byte is the stream's encoding
    for part in shown:
        assert part in text, (part, text)


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
@pytest.mark.parametrize(
    "args",
    [
        ("check", WIDOW, "--format", "json"),
        (*COMPARE, "--format", "json"),
        (*COMPARE, "--format", "csv"),
        ("rules", "show", "431022", "--format", "json"),
        ("rules", "new", "431021", "--extends", "431000", "--name", "桂阳县"),
    ],
    ids=["check-json", "compare-json", "compare-csv", "rules-show-json", "rules-new"],
)
def test_hostile_data_for_programs_is_utf8_whatever_the_stream(
    encoding: str, args: tuple[object, ...]
) -> None:
    """Kind 9: JSON, CSV and a new rule file on a GBK or ASCII stdout are the very bytes
    they are on a UTF-8 one (data stays exact; JSON is UTF-8, and meanstest reads its
    rule files as UTF-8), exit 0. Before: a traceback on ¥ or −."""
    code, out, err = _in(encoding, *args, lang="zh")
    assert code == 0, err
    utf8_code, utf8_out, _ = _in("utf-8", *args, lang="zh")
    assert utf8_code == 0
    assert out == utf8_out
    out.decode("utf-8")


@pytest.mark.parametrize(
    ("encoding", "lang", "summary"),
    [
        ("gbk", "zh", "月救助金合计 2,570.00 元"),
        ("ascii", "zh", "\\u6708\\u6551\\u52a9\\u91d1\\u5408\\u8ba1 2,570.00 \\u5143"),
        ("ascii", "en", "total monthly benefit 2,570.00 yuan"),
    ],
)
def test_hostile_batch_summary_and_messages_in_the_streams_encoding(
    encoding: str, lang: str, summary: str
) -> None:
    """Kind 9: batch's summary on a GBK or ASCII stderr is in that encoding (the nine
    sample households' benefits add up to 2,570.00), and so is an error message."""
    code, _, err = _in(encoding, "batch", ROLL, lang=lang)
    assert code == 0, err
    assert summary in err.decode(encoding)
    code, _, err = _in(encoding, "check", "no-such-file.json", lang=lang)
    assert code == 1
    assert (
        "无法读取文件"
        if encoding == "gbk"
        else "error: no-such-file.json: cannot"
        if lang == "en"
        else "\\u65e0\\u6cd5"
    ) in err.decode(encoding)


@pytest.mark.parametrize(
    ("encoding", "args", "shown"),
    [
        ("gbk", ("check", WIDOW, "--lang", "zh"), "￥570.00"),
        ("ascii", (*COMPARE, "--lang", "en"), "< -500"),
    ],
)
def test_hostile_process_with_a_non_utf8_stdout(
    encoding: str, args: tuple[object, ...], shown: str
) -> None:
    """Kind 9, as a user meets it: PYTHONIOENCODING=gbk (a Chinese Windows console
    redirected to a file) or ascii; the table is written, exit 0, no traceback."""
    done = _meanstest(*args, env={"PYTHONIOENCODING": encoding})
    _no_traceback(done.stderr)
    assert done.returncode == 0
    assert shown in done.stdout.decode(encoding)


# kind 14: compare can overwrite its input


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """A copy of the sample roll and the 2027 proposal, with links to the roll."""
    import os
    import shutil

    roll = tmp_path / "roll.jsonl"
    shutil.copyfile(ROLL, roll)
    proposal = tmp_path / "proposal.yaml"
    shutil.copyfile(PROPOSAL, proposal)
    (tmp_path / "link.jsonl").symlink_to(roll)
    os.link(roll, tmp_path / "hard.jsonl")
    return {
        "roll": roll,
        "proposal": proposal,
        "link": tmp_path / "link.jsonl",
        "hard": tmp_path / "hard.jsonl",
    }


@pytest.mark.parametrize("option", ["--html", "--changes"])
@pytest.mark.parametrize(
    ("target", "named"),
    [
        ("roll", "the case roll"),
        ("link", "the case roll"),
        ("hard", "the case roll"),
        ("proposal", "--proposal"),
    ],
)
def test_hostile_compare_refuses_to_write_over_an_input(
    inputs: dict[str, Path], option: str, target: str, named: str
) -> None:
    """Kind 14: --html or --changes naming the roll (itself, or through a symbolic or
    hard link) or the proposal is a usage error (exit 2) before anything is read or
    written: every file stays byte for byte. Before: the roll became a report, exit 0."""
    before = {p: p.read_bytes() for p in inputs.values()}
    path = inputs[target]
    result = run(
        "compare",
        inputs["roll"],
        "--proposal",
        inputs["proposal"],
        "--on",
        "2027-01-15",
        option,
        path,
    )
    assert result.exit_code == 2, result.output
    assert f"{option} '{path}' would overwrite {named}" in result.stderr
    assert {p: p.read_bytes() for p in inputs.values()} == before
    assert sorted(p.name for p in inputs["roll"].parent.iterdir()) == [
        "hard.jsonl",
        "link.jsonl",
        "proposal.yaml",
        "roll.jsonl",
    ]


def test_hostile_compare_refuses_a_base_file_and_one_file_for_two_outputs(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    """Kind 14: --base naming a rule file is an input too, and --html and --changes
    cannot share one file (exit 2, nothing written)."""
    import shutil

    base = tmp_path / "431022.yaml"
    shutil.copyfile(ROOT / "rules" / "431022-yizhang.yaml", base)
    result = run(
        "compare",
        inputs["roll"],
        "--set",
        "dibao.standard.rural=420/month",
        "--base",
        base,
        "--html",
        base,
    )
    assert result.exit_code == 2
    assert "would overwrite --base" in result.stderr
    out = tmp_path / "out.csv"
    result = run(
        "compare", inputs["roll"], "--proposal", inputs["proposal"], "--changes", out, "--html", out
    )
    assert result.exit_code == 2
    assert f"--html '{out}' would overwrite --changes '{out}'" in result.stderr
    assert not out.exists()
    assert base.read_bytes() == (ROOT / "rules" / "431022-yizhang.yaml").read_bytes()


def test_hostile_batch_and_rules_new_refuse_to_write_over_an_input(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    """Kind 14, the same rule elsewhere: batch -o a hard link to its input or to its
    --rules file, and rules new -o its --extends file (even with --force), are usage
    errors (exit 2) that leave the file as it was."""
    import shutil

    before = inputs["roll"].read_bytes()
    result = run("batch", inputs["roll"], "-o", inputs["hard"])
    assert result.exit_code == 2
    assert "would overwrite the input file" in result.stderr
    parent = tmp_path / "431000.yaml"
    shutil.copyfile(ROOT / "rules" / "431000-chenzhou.yaml", parent)
    result = run("batch", inputs["roll"], "--rules", parent, "-o", parent)
    assert result.exit_code == 2
    assert "would overwrite --rules" in result.stderr
    result = run(
        "rules", "new", "431021", "--extends", parent, "--name", "桂阳县", "--force", "-o", parent
    )
    assert result.exit_code == 2
    assert "would overwrite --extends" in result.stderr
    assert inputs["roll"].read_bytes() == before
    assert parent.read_bytes() == (ROOT / "rules" / "431000-chenzhou.yaml").read_bytes()


# kind 19: rules new with a code that is no rule-set id


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("../../x",), "the code '../../x' is not a rule-set id"),
        (("4310\n21",), "the code '4310\\n21' is not a rule-set id"),
        (("a/b",), "the code 'a/b' is not a rule-set id"),
        (("_x",), "the code '_x' is not a rule-set id"),
        (("x" * 41,), "is not a rule-set id"),
        (
            ("431021", "--name-en", "Guiyang\nCounty"),
            "--name-en 'Guiyang\\nCounty' is not a name on one line",
        ),
        (("431021", "--name-en", "\u202egnaiyuG"), "--name-en '\\u202egnaiyuG' is not a name"),
    ],
    ids=[
        "parent-path",
        "line-break",
        "slash",
        "underscore-first",
        "41-characters",
        "name-line-break",
        "name-bidi",
    ],
)
def test_hostile_rules_new_refuses_what_a_rule_file_cannot_hold(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    """Kind 19: a code that is not a rule-set id (the pattern of a rule file's `id`: a
    path, a line break), or a name with a control character, is a usage error (exit 2)
    before anything is written: no file, nothing on stdout. Before: exit 0 and a file
    that `rules validate` refused."""
    out = tmp_path / "new.yaml"
    result = run(
        "rules", "new", *args[:1], "--extends", "431000", "--name", "桂阳县", *args[1:], "-o", out
    )
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_hostile_rules_new_library_refuses_a_bad_code() -> None:
    """Kind 19, below the CLI: `new_rule_file` itself refuses a code that is no id."""
    from meanstest.errors import MeansTestError
    from meanstest.ruleset.load import load_rules
    from meanstest.ruleset.scaffold import new_rule_file

    with pytest.raises(MeansTestError, match="is not a rule-set id"):
        new_rule_file("../../x", load_rules("431000"), "桂阳县", "Guiyang", dt.date(2022, 1, 1))


# kind 20: meanstest test prints names and ID numbers


PERSONAL = (
    "邓利兰",
    "邓丽兰",
    "邓小明",
    "431022198503020026",
    "431022198503020042",
    "431022200906110034",
)


def test_hostile_rule_test_failures_mask_names_and_id_numbers() -> None:
    """Kind 20: `meanstest test` on cases whose expectations on names and ID numbers fail
    shows them masked (邓**, 431022********0026) everywhere: the case's title, expected
    and found values, a path through a name, a member shown whole; a masked pair that
    looks equal says how to see the difference. Exit 1 (the cases fail)."""
    result = run("test", HOSTILE / "cases-personal-data.yaml")
    assert result.exit_code == 1
    for value in PERSONAL:
        assert value not in result.stdout, value
    lines = result.stdout.splitlines()
    assert lines[0].endswith("邓** (431022********0026) is checked by her name and ID number.")
    assert (
        "        members.p1.name: expected '邓**', got '邓**' (masked; "
        "--show-personal-data shows how they differ)"
    ) in lines
    assert (
        "        members.p1.id_number: expected '431022********0042', got '431022********0026'"
    ) in lines
    assert "        members.邓**.counted: expected False, got True" in lines
    assert "id_number='431022********0034'" in result.stdout
    assert lines[-1] == "0 passed, 1 failed"


def test_hostile_rule_test_shows_personal_data_when_asked() -> None:
    """Kind 20: --show-personal-data shows the names and ID numbers as written."""
    result = run("test", HOSTILE / "cases-personal-data.yaml", "--show-personal-data")
    assert result.exit_code == 1
    for value in PERSONAL:
        assert value in result.stdout, value
    assert "members.p1.name: expected '邓丽兰', got '邓利兰'" in result.stdout


# ---------------------------------------------------------- the catalogue itself


def test_hostile_catalogue_lists_every_fixture_and_only_tests_that_exist() -> None:
    """docs/hostile-inputs.md names every fixture in tests/fixtures/hostile/, every test
    it cites exists (in this file, or in the file it names), and no kind is left open."""
    catalogue = (ROOT / "docs" / "hostile-inputs.md").read_text(encoding="utf-8")
    for fixture in HOSTILE.iterdir():
        if fixture.suffix != ".py":
            assert f"`{fixture.name}`" in catalogue, fixture.name
    cited = re.findall(r"`(?:(test_\w+\.py)::)?(test_\w+)`", catalogue)
    assert len(cited) > 40
    tests = Path(__file__).resolve().parent
    for module, name in cited:
        source = (tests / (module or "test_hostile.py")).read_text(encoding="utf-8")
        assert f"def {name}(" in source, f"{module or 'test_hostile.py'}::{name}"
    for kind in range(1, 21):
        assert f"\n| {kind} | " in catalogue, kind
    assert "Open (" not in catalogue  # every kind is handled, and says how
