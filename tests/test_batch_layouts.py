"""Tests of the CSV/XLSX case-roll layout (meanstest.tabular): rows in, households out.

The samples in examples/batch/ hold the nine example households; each must give the
hand-worked result of tests/test_examples.py. Cell-level cases build small rolls here.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from test_examples import EXPECTED

from meanstest import assess_records
from meanstest.batch.core import Assessor, Job
from meanstest.errors import MeansTestError
from meanstest.files.inputs import open_input
from meanstest.files.records import Record
from meanstest.files.roll import (
    Layout,
    column_letter,
    group_rows,
    roll_columns,
    roll_header,
    roll_rows,
)
from meanstest.files.roll_columns import column

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synth

SAMPLES = EXAMPLES / "batch"
TODAY = dt.date(2022, 1, 1)
ID_TO_FILE = {json.loads(p.read_bytes())["id"]: p.name for p in EXAMPLES.glob("*.json")}


def _assess(path: Path, **options: Any) -> list[dict[str, Any]]:
    with open_input(str(path), **options) as source:
        assessor = Assessor(Job(TODAY, layout=source.layout, encoding=source.encoding or "utf-8"))
        return [assessor.outcome(r).output for r in source.records]


def _roll(tmp_path: Path, text: str, name: str = "roll.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "户编号,行政区划代码,城乡类别,核算日期,姓名,与申请人关系,出生日期,零工收入(月),存款\n"


@pytest.mark.parametrize(
    "sample",
    ["caseroll.jsonl", "caseroll-zh.csv", "caseroll-en.csv", "caseroll-gbk.csv", "caseroll.xlsx"],
)
def test_sample_roll_gives_every_hand_worked_result(sample: str) -> None:
    """Each sample layout gives each example household its known status and benefit."""
    results = _assess(SAMPLES / sample)
    assert len(results) == len(EXPECTED)
    for result in results:
        want = EXPECTED[ID_TO_FILE[result["household_id"]]]
        assert (result["status"], result["benefit_monthly"]) == (
            want["status"],
            want["benefit_monthly"],
        ), result["household_id"]


def test_sample_roll_first_row_of_each_household_is_its_line() -> None:
    """In a roll, a record's line is the row of its household's first member."""
    roll = (SAMPLES / "caseroll-en.csv").read_text(encoding="utf-8").splitlines()
    firsts = [
        n
        for n, row in enumerate(roll, start=1)
        if n > 1 and row.split(",")[0] != roll[n - 2].split(",")[0]
    ]
    with open_input(str(SAMPLES / "caseroll-en.csv")) as source:
        assert [r.line for r in source.records] == firsts


@pytest.mark.parametrize(
    ("header", "meaning"),
    [
        ("户编号", ("household", "field", "household_id", None, False)),
        (" Household_ID ", ("household", "field", "household_id", None, False)),
        ("零工收入（月）", ("member", "income", "casual_labour", "month", False)),
        ("家庭农业经营净收入(年)", ("household", "income", "farming", "year", False)),
        ("income:tips:month", ("member", "income", "tips", "month", False)),
        ("household:expense:medical:year", ("household", "expense", "medical", "year", False)),
        ("货车(营生)", ("household", "vehicle", "truck", None, True)),
        ("vehicle:car", ("household", "vehicle", "car", None, False)),
        ("住房套数", ("household", "asset", "housing", None, False)),
    ],
)
def test_column_reads_chinese_english_and_full_width_headers(
    header: str, meaning: tuple[Any, ...]
) -> None:
    """Headers match in Chinese or English, whatever the case, spaces or full-width marks."""
    col = column(0, header)
    assert col is not None
    assert col.key == meaning


@pytest.mark.parametrize(
    "header", ["colour", "income:wage", "vehicle:boat", "asset:housing:livelihood"]
)
def test_column_refuses_unknown_headers(header: str) -> None:
    """A header that names nothing known is refused, not ignored."""
    assert column(0, header) is None


def test_column_letter_counts_like_a_spreadsheet() -> None:
    """Column 0 is A, 25 is Z, 26 is AA, 701 is ZZ."""
    assert [column_letter(i) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]


def test_column_letter_past_zzz_is_a_number() -> None:
    """Column 18277 is ZZZ (26 + 26² + 26³ = 18278 letters); a CSV row may have more
    cells than that, and the next is named by its 1-based number, #18279."""
    assert column_letter(18_277) == "ZZZ"
    assert column_letter(18_278) == "#18279"


def test_layout_without_household_id_column_is_refused() -> None:
    """A roll must have a household id column: it is what groups member rows."""
    with pytest.raises(MeansTestError, match="household id column"):
        Layout.from_header(["姓名", "与申请人关系"], 1)


def test_group_rows_blank_id_continues_the_household_above() -> None:
    """Merged id cells (blank after the first row) keep members together."""
    layout = Layout.from_header(["household_id", "relation"], 1)
    rows = [
        (2, ("H1", "applicant")),
        (3, ("", "spouse")),
        (4, (None, None)),
        (5, ("H2", "applicant")),
        (6, ("H2", "child")),
    ]
    groups = list(group_rows(rows, layout))
    assert [(first, len(members)) for first, members in groups] == [(2, 2), (5, 2)]


def test_roll_household_columns_that_disagree_are_an_error(tmp_path: Path) -> None:
    """Two values of one household column give an error naming the column and row."""
    roll = _roll(
        tmp_path,
        HEADER + "H1,431022,农村,2021-12-01,甲,申请人,1980-01-01,900,3000\n"
        ",,城市,,乙,配偶,1981-01-01,,\n",
    )
    [record] = _assess(roll)
    assert record["household_id"] == "H1"
    assert record["line"] == 2
    assert record["errors"] == [
        {
            "loc": "城乡类别",
            "msg": "row 3: differs from row 2; household columns must agree",
            "code": "household_columns_differ",
            "params": {"other": 2},
            "row": 3,
        }
    ]


def test_roll_validation_errors_name_column_and_row(tmp_path: Path) -> None:
    """A bad birth date and an unknown relation are reported at their column and row."""
    roll = _roll(
        tmp_path,
        HEADER + "H1,431022,农村,2021-12-01,甲,申请人,1980-02-30,900,3000\n"
        "H1,,,,乙,表亲,1981-01-01,,\n",
    )
    [record] = _assess(roll)
    locs = {e["loc"]: e["msg"] for e in record["errors"]}
    assert locs["出生日期"].startswith("row 2: ")
    assert locs["与申请人关系"].startswith("row 3: Input should be 'applicant'")


def test_roll_money_with_thousands_separator_is_refused(tmp_path: Path) -> None:
    """'1,200' is not an amount (as in JSON): the error names the income column."""
    roll = _roll(tmp_path, HEADER + 'H1,431022,农村,2021-12-01,甲,申请人,1980-01-01,"1,200",0\n')
    [record] = _assess(roll)
    assert record["errors"] == [
        {
            "loc": "零工收入(月)",
            "msg": "row 2: expected an amount in yuan such as 570 or 12.50",
            "code": "money_text",
            "row": 2,
        }
    ]


def test_roll_dates_in_spreadsheet_forms_are_read(tmp_path: Path) -> None:
    """2021/12/1 and 2021年12月1日 are read as 2021-12-01."""
    roll = _roll(tmp_path, HEADER + "H1,431022,农村,2021/12/1,甲,申请人,1985年3月2日,900,3000\n")
    [record] = _assess(roll)
    assert record["rules"]["as_of"] == "2021-12-01"
    assert record["members"][0]["age"] == 36


def _workbook(tmp_path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / "roll.xlsx"
    book.save(path)
    return path


XLSX_HEADER = [
    "户编号",
    "行政区划代码",
    "城乡类别",
    "核算日期",
    "与申请人关系",
    "出生日期",
    "身份证号",
    "零工收入(月)",
    "存款",
]


def test_xlsx_number_cells_are_read_exactly(tmp_path: Path) -> None:
    """Float cells 900.5 and 3000 become the amounts 900.5 and 3000, exactly."""
    assessed = dt.datetime(2021, 12, 1)  # noqa: DTZ001 - a spreadsheet date cell is naive
    path = _workbook(
        tmp_path,
        [
            XLSX_HEADER,
            ["H1", 431022, "农村", assessed, "申请人", dt.date(1985, 3, 2), None, 900.5, 3000],
        ],
    )
    [record] = _assess(path)
    assert record["income"]["gross_monthly"] == "900.50"
    assert record["income"]["items"][0]["amount"] == "900.50"


def test_xlsx_float_money_with_more_than_two_decimals_is_refused(tmp_path: Path) -> None:
    """A computed cell such as 1000/3 is refused: money is never rounded silently."""
    path = _workbook(
        tmp_path,
        [
            XLSX_HEADER,
            ["H1", "431022", "农村", "2021-12-01", "申请人", "1985-03-02", None, 1000 / 3, 0],
        ],
    )
    [record] = _assess(path)
    assert record["errors"][0]["loc"] == "零工收入(月)"
    assert "more than two decimals" in record["errors"][0]["msg"]


def test_xlsx_id_number_as_a_number_cell_is_refused(tmp_path: Path) -> None:
    """An ID number stored as a number has lost digits: the cell must be text."""
    path = _workbook(
        tmp_path,
        [
            XLSX_HEADER,
            [
                "H1",
                "431022",
                "农村",
                "2021-12-01",
                "申请人",
                "1985-03-02",
                431022198503021234,
                900,
                0,
            ],
        ],
    )
    [record] = _assess(path)
    assert record["errors"] == [
        {
            "loc": "身份证号",
            "msg": "row 2: store ID numbers as text: a number cell keeps only 15 digits",
            "code": "id_number_as_number",
            "row": 2,
        }
    ]


def test_xlsx_from_standard_input_is_recognised(tmp_path: Path) -> None:
    """A workbook piped on stdin is recognised by its zip signature."""
    import io

    data = (SAMPLES / "caseroll.xlsx").read_bytes()
    with open_input("-", stdin=io.BytesIO(data)) as source:
        assert source.format == "xlsx"
        assert sum(1 for _ in source.records) == 9


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_roll_rows_round_trip_synthetic_households(lang: str) -> None:
    """Households written as roll rows and read back give the same results as JSON."""
    households = list(synth.households(150, seed=11))
    columns = roll_columns(households)
    header = roll_header(columns, lang)
    layout = Layout.from_header(header, 1)
    assessor = Assessor(Job(TODAY, layout=layout))
    row_number = 2
    for household, want in zip(households, assess_records(households, today=TODAY), strict=True):
        rows = roll_rows(household, columns, lang, repeat=False)
        numbered = tuple((row_number + i, tuple(r)) for i, r in enumerate(rows))
        row_number += len(rows)
        got = assessor.outcome(Record(numbered[0][0], numbered)).output
        assert (got["status"], got["benefit_monthly"], got["income"]["counted_monthly"]) == (
            want["status"],
            want["benefit_monthly"],
            want["income"]["counted_monthly"],
        )


def test_roll_rows_refuse_what_the_layout_cannot_hold() -> None:
    """Supporters have no columns: writing such a household as rows fails loudly."""
    data = json.loads((EXAMPLES / "yizhang-widow-diabetes.json").read_bytes())
    data["members"][0]["supporters"] = []
    with pytest.raises(ValueError, match="supporters"):
        roll_columns([data])


def test_roll_whole_number_too_long_for_int_is_a_validation_error(tmp_path: Path) -> None:
    """An age of 5,000 digits stays text and fails validation at its column and row,
    rather than failing Python's int() (which stops at 4,300 digits)."""
    header = "户编号,行政区划代码,城乡类别,核算日期,姓名,与申请人关系,年龄\n"
    roll = _roll(tmp_path, header + f"H1,431022,农村,2021-12-01,甲,申请人,{'9' * 5000}\n")
    [record] = _assess(roll)
    assert record["schema"] == "meanstest.error/1"
    assert record["errors"][0] == {
        "loc": "年龄",
        "msg": "row 2: Input should be a valid integer",
        "code": "int_type",
        "row": 2,
    }


def test_xlsx_rows_are_numbered_as_the_sheet_numbers_them(tmp_path: Path) -> None:
    """A roll starting at row 3 (two empty rows above the header): H1 is at row 4 and
    H2's impossible birth date 1971-02-30 at row 5, as Excel shows them."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    rows = [
        ("household_id", "region", "area", "assessed_on", "member_id", "relation", "birth_date"),
        ("H1", "431022", "rural", "2021-12-01", "p1", "applicant", "1970-01-01"),
        ("H2", "431022", "rural", "2021-12-01", "p1", "applicant", "1971-02-30"),
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)
    path = tmp_path / "top.xlsx"
    book.save(path)
    first, second = _assess(path)
    assert (first["household_id"], first["status"]) == ("H1", "dibao")
    assert second["line"] == 5
    assert second["errors"][0]["loc"] == "birth_date"
    assert second["errors"][0]["msg"].startswith("row 5: ")


def test_roll_status_words_are_art7s_own(tmp_path: Path) -> None:
    """宣告失踪 (declared missing by a court) excludes a member (S2 Art. 7); plain 失踪
    (out of touch) is not a status the layout knows, so it is an error at its column,
    never a silent exclusion."""
    header = "户编号,行政区划代码,城乡类别,核算日期,姓名,与申请人关系,年龄,成员状态\n"
    declared = _roll(
        tmp_path,
        header + "H1,431022,农村,2021-12-01,甲,申请人,40,\nH1,,,,乙,配偶,41,宣告失踪\n",
        name="declared.csv",
    )
    [record] = _assess(declared)
    assert record["household_size"] == 1
    assert record["members"][1]["excluded_because"] == "missing"
    vague = _roll(
        tmp_path,
        header + "H1,431022,农村,2021-12-01,甲,申请人,40,\nH1,,,,乙,配偶,41,失踪\n",
        name="vague.csv",
    )
    [error] = _assess(vague)
    assert error["schema"] == "meanstest.error/1"
    assert error["errors"][0]["loc"] == "成员状态"
    assert error["errors"][0]["msg"].startswith("row 3: ")


def test_roll_full_width_digits_are_read(tmp_path: Path) -> None:
    """A disability grade typed with a Chinese input method (２) is grade 2, as ASCII 2."""
    header = "户编号,行政区划代码,城乡类别,核算日期,姓名,与申请人关系,年龄,残疾类别,残疾等级\n"
    roll = _roll(tmp_path, header + "H1,431022,农村,2021-12-01,甲,申请人,４５,肢体,２\n")
    [record] = _assess(roll)
    assert record["schema"] == "meanstest.assessment/1"
    assert record["members"][0]["age"] == 45
