"""The monthly payment roll (发放花名册) and the publication list (公示名单): issue 15
points 5 and 6, through `meanstest batch --format payroll|notice`.

tests/fixtures/payroll/roll.jsonl holds 8 records assessed under the `ladder` fixture
rules (rural standard 380.00 a month; 分类施保 top-ups: minor 0.1 × 380 = 38.00,
severe disability 0.15 × 380 = 57.00; 特困 basic 1.3 × 380 = 494.00, care for full
self-care 0.1 × 494 = 49.40; phase-out 6 months) on 2022-03-15:

- A 东风乡/红星村: 3 persons (p1 employed, children 12 and 8), wage 600 a month:
  gap 3 × 380 − 600 = 540.00; minors 2 × 38.00 = 76.00; paid 616.00. A renewal:
  current dibao 700.00 → less, from 2022-04.
- F 东风乡/红星村: 1 person, wage 4559.99 a year = 379.99917 a month: gap 0.00083
  rounds to 0.00, still dibao: on the roll, flagged.
- B 东风乡/青山村: 1 person, wage 100: gap 380 − 100 = 280.00.
- C 西岭镇/白水村: A's family with wage 1260 (per capita 420, under the edge line 570),
  current dibao 570.00 since 2021-12: phase-out at 570.00 from 2022-04 to 2022-09.
- D 西岭镇/白水村: no members: an error record.
- E 西岭镇/白水村: 1 person, wage 1000: not eligible.
- S 西岭镇/白水村: p1 (65) wage 800 → per capita 400, edge; p2 (40) physical grade 2
  enrolled alone: 380.00 + severe disability 57.00 = 437.00, one row for p2.
- T (no township or village): 72, alone, no supporters: 特困 494.00 + 49.40 = 543.40.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES, FIXTURES

from meanstest.cli import cli
from meanstest.render.document import Sheet
from meanstest.render.payroll import payroll

ROLL = FIXTURES / "payroll" / "roll.jsonl"
LADDER = FIXTURES / "rules" / "ladder" / "ladder.yaml"


def run(*args: object, lang: str = "en", stdin: bytes | None = None) -> Result:
    """`meanstest batch` on the ladder rules, assessed on 2022-03-15."""
    return CliRunner().invoke(
        cli,
        [
            "batch",
            *[str(a) for a in args],
            "--rules",
            str(LADDER),
            "--on",
            "2022-03-15",
            "--lang",
            lang,
        ],
        input=stdin,
        env={"LANG": None, "LC_ALL": None},
    )


def sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet of a workbook, as rows of values."""
    book = openpyxl.load_workbook(path)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book}


def body(rows: list[tuple[Any, ...]], header: str) -> list[tuple[Any, ...]]:
    """The rows after the column headers (the row whose first cell is ``header``)."""
    start = next(i for i, r in enumerate(rows) if r[0] == header)
    return rows[start + 1 :]


def money(value: Any) -> str:
    return f"{Decimal(str(value)):.2f}"


def test_payroll_rows_subtotals_by_village_and_township_and_total(tmp_path: Path) -> None:
    """Hand-worked roll: each row's split, a subtotal per village and township, a total."""
    out = tmp_path / "roll.xlsx"
    result = run(ROLL, "--format", "payroll", "-o", out)
    assert result.exit_code == 3, result.stderr  # D is an error record
    roll = sheets(out)
    assert list(roll) == ["payroll", "not paid", "errors"]
    rows = body(roll["payroll"], "No.")
    # (No., township, village, household, status, persons, gap, 分类施保, 特困, total)
    got = [(r[0], r[1], r[2], r[3], r[7], *(money(v) for v in r[8:12])) for r in rows]
    assert got == [
        (1, "东风乡", "红星村", "A", 3, "540.00", "76.00", "0.00", "616.00"),
        (2, "东风乡", "红星村", "F", 1, "0.00", "0.00", "0.00", "0.00"),
        # 红星村: 616 + 0 = 616.00, persons 3 + 1 = 4
        (
            None,
            None,
            None,
            "红星村 subtotal (2 households)",
            4,
            "540.00",
            "76.00",
            "0.00",
            "616.00",
        ),
        (3, "东风乡", "青山村", "B", 1, "280.00", "0.00", "0.00", "280.00"),
        (None, None, None, "青山村 subtotal (1 household)", 1, "280.00", "0.00", "0.00", "280.00"),
        # 东风乡: 616 + 280 = 896.00
        (
            None,
            None,
            None,
            "东风乡 subtotal (3 households)",
            5,
            "820.00",
            "76.00",
            "0.00",
            "896.00",
        ),
        (4, "西岭镇", "白水村", "C", 3, "570.00", "0.00", "0.00", "570.00"),
        (5, "西岭镇", "白水村", "S", 1, "380.00", "57.00", "0.00", "437.00"),
        # 白水村 = 西岭镇: 570 + 437 = 1007.00
        (
            None,
            None,
            None,
            "白水村 subtotal (2 households)",
            4,
            "950.00",
            "57.00",
            "0.00",
            "1007.00",
        ),
        (
            None,
            None,
            None,
            "西岭镇 subtotal (2 households)",
            4,
            "950.00",
            "57.00",
            "0.00",
            "1007.00",
        ),
        (6, None, None, "T", 1, "0.00", "0.00", "543.40", "543.40"),
        (
            None,
            None,
            None,
            "(not given) subtotal (1 household)",
            1,
            "0.00",
            "0.00",
            "543.40",
            "543.40",
        ),
        # 896 + 1007 + 543.40 = 2446.40; gap 540 + 280 + 570 + 380 = 1770; 76 + 57 = 133
        (None, None, None, "Total (6 households)", 10, "1770.00", "133.00", "543.40", "2446.40"),
    ]
    assert "6 households on the roll, 2446.40 yuan in all" in result.stderr


def test_payroll_flags_zero_phase_out_end_and_change_month(tmp_path: Path) -> None:
    """F is flagged 0.00; C shows its last month 2022-09; A and C change from 2022-04."""
    out = tmp_path / "roll.xlsx"
    run(ROLL, "--format", "payroll", "-o", out)
    rows = {r[3]: r for r in body(sheets(out)["payroll"], "No.")}
    assert rows["F"][15] == "0.00: eligible, nothing to pay this month"
    assert (rows["C"][12], rows["C"][13], rows["C"][14]) == ("2022-09", "phase-out", "2022-04")
    assert rows["C"][15] == "the change applies from 2022-04; until then 570.00 a month"
    assert (rows["A"][13], rows["A"][14]) == ("less", "2022-04")
    assert rows["B"][12] is None  # not in phase-out
    assert rows["B"][13] is None  # not a renewal


def test_payroll_never_loses_a_record(tmp_path: Path) -> None:
    """8 records: 6 on the roll, E not paid (with why), D on the errors sheet; exit 3."""
    out = tmp_path / "roll.xlsx"
    result = run(ROLL, "--format", "payroll", "-o", out)
    roll = sheets(out)
    on_roll = {r[3] for r in body(roll["payroll"], "No.") if isinstance(r[0], int)}
    not_paid = body(roll["not paid"], "Household")
    errors = body(roll["errors"], "Line")
    assert on_roll == {"A", "B", "C", "F", "S", "T"}
    assert [(r[0], r[3]) for r in not_paid] == [("E", "not eligible")]
    assert "1000.00" in not_paid[0][4]  # the reason: per capita 1000.00 not below 380.00
    assert [(r[0], r[1]) for r in errors] == [(4, "D")]
    assert len(on_roll) + len(not_paid) + len(errors) == len(
        ROLL.read_text(encoding="utf-8").splitlines()
    )
    assert result.exit_code == 3


def test_payroll_of_three_households_as_csv_on_stdout() -> None:
    """B 280.00 + S 437.00 + T 543.40 = 1260.40; no places given, so only a total row."""
    lines = [json.loads(x) for x in ROLL.read_text(encoding="utf-8").splitlines()]
    three = [
        {k: v for k, v in x.items() if k not in ("township", "village")}
        for x in lines
        if x["id"] in ("B", "S", "T")
    ]
    stdin = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in three).encode()
    result = run("-", "--format", "payroll", stdin=stdin)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.splitlines()[0] == "Payment roll for 2022-03: dibao and 特困 support"
    assert ",,,Total (3 households),,,,3,660.00,57.00,543.40,1260.40,,,," in text
    assert "subtotal" not in text
    assert ",B,李*,,dibao,1,280.00,0.00,0.00,280.00," in text


def test_payroll_header_has_the_month_and_the_rules_digest(tmp_path: Path) -> None:
    """The roll's heading names the month paid and the rule set with its digest."""
    out = tmp_path / "roll.xlsx"
    run(ROLL, "--format", "payroll", "--month", "2022-04", "-o", out)
    head = [r[0] for r in sheets(out)["payroll"][:6]]
    check = CliRunner().invoke(
        cli,
        [
            "check",
            str(FIXTURES / "payroll" / "one.json"),
            "--rules",
            str(LADDER),
            "--on",
            "2022-03-15",
            "--format",
            "json",
        ],
    )
    digest = json.loads(check.stdout)["rules"]["digest"]
    assert head[0] == "Payment roll for 2022-04: dibao and 特困 support"
    assert "Month paid: 2022-04" in head
    assert f"Rules: ladder Ladder test baseline ({digest})" in head
    assert "Names and ID numbers are masked (--show-personal-data shows them)" in head


def test_payroll_month_phase_out_last_month_then_ended(tmp_path: Path) -> None:
    """C's phase-out runs 2022-04 to 2022-09: the 2022-09 roll says it is the last month;
    the 2022-10 roll lists C as not paid, phase-out ended."""
    last, after = tmp_path / "sep.xlsx", tmp_path / "oct.xlsx"
    result = run(ROLL, "--format", "payroll", "--month", "2022-09", "-o", last)
    run(ROLL, "--format", "payroll", "--month", "2022-10", "-o", after)
    september = {r[3]: r for r in body(sheets(last)["payroll"], "No.")}
    assert "the month 2022-09 is after the month assessed" in result.stderr
    assert september["C"][15] == "last month of phase-out"
    assert "2022-04" not in (september["A"][15] or "")  # the change applies by then
    october = sheets(after)
    assert "C" not in {r[3] for r in body(october["payroll"], "No.")}
    assert ("C", "西岭镇", "白水村", "dibao, phasing out", "phase-out ended in 2022-09") in body(
        october["not paid"], "Household"
    )


def test_payroll_month_before_the_assessment_is_refused() -> None:
    """A roll for 2022-02 cannot pay from assessments made on 2022-03-15."""
    result = run(ROLL, "--format", "payroll", "--month", "2022-02")
    assert result.exit_code == 1
    assert "the month 2022-02 is before the assessment date of 7 households" in result.stderr
    assert run(ROLL, "--format", "payroll", "--month", "2022-13").exit_code == 2
    assert run(ROLL, "--format", "csv", "--month", "2022-03").exit_code == 2
    assert run(ROLL, "--format", "payroll", "-o", "roll.jsonl").exit_code == 2


def test_payroll_masks_names_and_id_numbers_unless_asked(tmp_path: Path) -> None:
    """张建国 431022198501010131 is 张** 431022********0131 unless --show-personal-data."""
    masked, shown = tmp_path / "m.xlsx", tmp_path / "s.xlsx"
    run(ROLL, "--format", "payroll", "-o", masked)
    run(ROLL, "--format", "payroll", "-o", shown, "--show-personal-data")
    a = next(r for r in body(sheets(masked)["payroll"], "No.") if r[3] == "A")
    assert (a[4], a[5]) == ("张**", "431022********0131")
    a = next(r for r in body(sheets(shown)["payroll"], "No.") if r[3] == "A")
    assert (a[4], a[5]) == ("张建国", "431022198501010131")
    assert "张建国" not in json.dumps(sheets(masked), ensure_ascii=False, default=str)


def test_payroll_in_chinese(tmp_path: Path) -> None:
    """Under --lang zh the sheets, headings, columns and totals are Chinese."""
    out = tmp_path / "花名册.xlsx"
    run(ROLL, "--format", "payroll", "-o", out, lang="zh")
    roll = sheets(out)
    assert list(roll) == ["发放花名册", "未列入发放", "错误记录"]
    rows = roll["发放花名册"]
    assert rows[0][0] == "2022-03 低保金、特困供养金发放花名册"
    assert rows[7][:12] == (  # below the title, month, date, rules, version, masking, unit
        "序号",
        "乡镇（街道）",
        "村（社区）",
        "户编号",
        "户主（保障对象）",
        "身份证号",
        "保障类别",
        "保障人数",
        "差额救助金",
        "分类施保金",
        "特困供养金",
        "月发放合计",
    )
    assert rows[-1][3] == "总计（6 户）"
    assert ("红星村 小计（2 户）") in [r[3] for r in rows]


def test_payroll_groups_a_case_roll_by_its_township_and_village_columns(tmp_path: Path) -> None:
    """A CSV case roll with 乡镇（街道） and 村（社区） columns: the result echoes them and
    the roll groups by them (B: 380 − 100 = 280.00 in 青山村; G: 380 − 200 = 180.00 in
    红星村; 东风乡 and the total 280 + 180 = 460.00)."""
    roll = tmp_path / "台账.csv"
    roll.write_text(
        "户编号,城乡类别,乡镇（街道）,村（社区）,成员编号,与申请人关系,年龄,就业状况,"
        "工资收入(月)\n"
        "B,农村,东风乡,青山村,p1,申请人,45,就业,100\n"
        "G,农村,东风乡,红星村,p1,申请人,50,就业,200\n",
        encoding="utf-8",
    )
    result = run(roll, "--format", "jsonl", "--detail", "full")
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(r["township"], r["village"]) for r in records] == [
        ("东风乡", "青山村"),
        ("东风乡", "红星村"),
    ]
    out = tmp_path / "roll.xlsx"
    run(roll, "--format", "payroll", "-o", out)
    rows = body(sheets(out)["payroll"], "No.")
    assert [(r[3], money(r[11])) for r in rows] == [
        ("B", "280.00"),
        ("青山村 subtotal (1 household)", "280.00"),
        ("G", "180.00"),
        ("红星村 subtotal (1 household)", "180.00"),
        ("东风乡 subtotal (2 households)", "460.00"),
        ("Total (2 households)", "460.00"),
    ]


def test_payroll_single_person_rows_add_up_to_the_household() -> None:
    """Two members enrolled alone at 126.67 (380 / 3) each, a household rounding to the
    yuan: the rows' gaps add up to what the household is paid."""
    record: dict[str, Any] = {
        "schema": "meanstest.assessment/1",
        "household_id": "X",
        "status": "dibao_single",
        "rules": {"id": "r", "name": "r", "as_of": "2022-03-15", "digest": "d"},
        "household_size": 3,
        "benefit_monthly": "253.00",
        "support_monthly": "253.00",
        "benefit": {},
        "reasons": [],
        "members": [
            {
                "id": "p1",
                "relation": "applicant",
                "single_person": True,
                "single_person_benefit": "126.67",
            },
            {
                "id": "p2",
                "relation": "spouse",
                "single_person": True,
                "single_person_benefit": "126.67",
            },
            {"id": "p3", "relation": "child", "single_person": False},
        ],
    }
    document = payroll([record], None, "en")
    sheet: Sheet = document.sheets[0]
    # 126.67 + 126.67 = 253.34; the household's 253.00 puts −0.34 on the last row.
    assert [(r[7], r[8], r[11]) for r in sheet.rows] == [
        (1, Decimal("126.67"), Decimal("126.67")),
        (1, Decimal("126.33"), Decimal("126.33")),
        (2, Decimal("253.00"), Decimal("253.00")),
    ]


# ------------------------------------------------------------ the publication list


def test_notice_lists_the_proposed_households_masked(tmp_path: Path) -> None:
    """6 households listed (A, F, B, C, S, T), 3 + 1 + 1 + 3 + 1 + 1 = 10 persons covered
    (S: only p2 钱二 enrolled alone, so the row names 钱* and covers 1 of its 2 persons;
    the total row's 10 is the sum of the persons column); E is on the not-listed sheet,
    D on the errors sheet."""
    out = tmp_path / "notice.xlsx"
    result = run(ROLL, "--format", "notice", "-o", out)
    assert result.exit_code == 3
    notice = sheets(out)
    assert list(notice) == ["notice", "not listed", "errors"]
    rows = body(notice["notice"], "No.")
    assert [
        (r[0], r[3], r[4], r[5], r[6], r[7], money(r[8]) if r[8] is not None else None)
        for r in rows
    ] == [
        (1, "A", "张**", 3, 3, "dibao", "616.00"),
        (2, "F", "赵*", 1, 1, "dibao", "0.00"),
        (3, "B", "李*", 1, 1, "dibao", "280.00"),
        (4, "C", "陈**", 3, 3, "dibao, phasing out", "570.00"),
        (5, "S", "钱*", 2, 1, "dibao, single-person enrolment", "437.00"),
        (6, "T", "周*", 1, 1, "特困 support", "543.40"),
        (None, "In all 6 households, 10 persons covered", None, None, 10, None, "2446.40"),
    ]
    assert body(notice["not listed"], "Household") == [("E", "not eligible")]
    assert [r[1] for r in body(notice["errors"], "Line")] == ["D"]


def test_notice_is_chinese_under_lang_zh() -> None:
    """The publication list in Chinese, on stdout as CSV, names masked."""
    result = run(ROLL, "--format", "notice", lang="zh")
    lines = result.stdout.splitlines()
    assert lines[0] == "社会救助拟保障对象公示名单"
    assert "公示期 7 天（《最低生活保障审核确认办法》第十九条）" in lines
    assert (
        "序号,乡镇（街道）,村（社区）,户编号,户主（保障对象）,家庭人数,保障人数,保障类别,月保障金额"
    ) in lines
    assert "1,东风乡,红星村,A,张**,3,3,低保,616.00" in lines
    assert "张建国" not in result.stdout
    assert "合计 6 户，保障 10 人" in result.stdout


@pytest.mark.parametrize("fmt", ["payroll", "notice"])
def test_paperwork_text_cells_are_never_formulas(tmp_path: Path, fmt: str) -> None:
    """A household id "=1+2" stays text in the workbook."""
    stdin = json.dumps(
        {
            "id": "=1+2",
            "area": "rural",
            "members": [{"id": "p1", "relation": "applicant", "age": 72, "supporters": []}],
        }
    ).encode()
    out = tmp_path / "x.xlsx"
    run("-", "--format", fmt, "-o", out, stdin=stdin)
    cell = next(
        c
        for row in openpyxl.load_workbook(out).worksheets[0].iter_rows()
        for c in row
        if c.value == "=1+2"
    )
    assert cell.data_type == "s"


@pytest.mark.parametrize("fmt", ["payroll", "notice"])
def test_paperwork_csv_cells_are_never_formulas(fmt: str) -> None:
    """In CSV a text starting with = + - @ is put behind an apostrophe (OWASP's CSV
    injection), names shown in full or masked alike; money is never touched."""
    member = {"id": "p1", "relation": "applicant", "age": 72, "supporters": []}
    households = [
        {"id": "=1+2", "area": "rural", "members": [{**member, "name": '=HYPERLINK("x")'}]},
        {"id": "@SUM(A1)", "area": "rural", "members": [{**member, "name": "+张三"}]},
    ]
    stdin = "".join(json.dumps(h, ensure_ascii=False) + "\n" for h in households).encode()
    for shown in ((), ("--show-personal-data",)):
        result = run("-", "--format", fmt, *shown, stdin=stdin)
        assert result.exit_code == 0, result.stderr
        cells = [c for line in result.stdout.splitlines() for c in line.split(",")]
        assert "'=1+2" in cells
        assert "'@SUM(A1)" in cells
        assert not [c for c in cells if c.startswith(("=", "+", "@", '"='))]
    assert "'=HYPERLINK" in result.stdout
    assert "'+张三" in result.stdout


@pytest.mark.parametrize("fmt", ["payroll", "notice"])
def test_paperwork_in_chinese_has_no_english_words(tmp_path: Path, fmt: str) -> None:
    """Under --lang zh every sheet but the errors speaks Chinese: the only Latin words are
    the rule set's id, its digest and the option named in the masking note."""
    out = tmp_path / "x.xlsx"
    run(ROLL, "--format", fmt, "-o", out, lang="zh")
    text = " ".join(
        str(cell)
        for name, rows in sheets(out).items()
        if name != "错误记录"
        for row in rows
        for cell in row
        if cell is not None
    )
    text = re.sub(r"sha256:[0-9a-f]+", "", text)
    words = set(re.findall(r"[A-Za-z]{2,}", text)) - {"ladder", "show", "personal", "data"}
    assert not words, words


def test_paperwork_errors_in_chinese() -> None:
    """A record without its area is on the errors sheet as 'area：缺少此字段'."""
    stdin = json.dumps(
        {"id": "Z", "members": [{"id": "p1", "relation": "applicant", "age": 72, "supporters": []}]}
    ).encode()
    result = run("-", "--format", "notice", lang="zh", stdin=stdin)
    assert result.exit_code == 3
    assert "1,Z,area：缺少此字段" in result.stdout.splitlines()


def test_payroll_same_bytes_for_any_jobs_and_csv_by_name(tmp_path: Path) -> None:
    """--jobs 2 writes the same workbook as --jobs 1; -o NAME.csv writes CSV."""
    one, two, text = tmp_path / "1.xlsx", tmp_path / "2.xlsx", tmp_path / "roll.csv"
    run(ROLL, "--format", "payroll", "-o", one)
    run(ROLL, "--format", "payroll", "-o", two, "--jobs", "2")
    assert one.read_bytes() == two.read_bytes()
    run(ROLL, "--format", "payroll", "-o", text)
    assert (
        ",,,Total (6 households),,,,10,1770.00,133.00,543.40,2446.40,,,,"
        in text.read_text(encoding="utf-8").splitlines()
    )


def test_notice_counts_the_tekun_member_supported_apart() -> None:
    """TK-4: 黄秀英 (72, unable, three self-care activities failed, her only son unable to
    support) is 特困 and supported on her own, so the dibao household is her son and her
    grandson (size 2). The row covers all three: family 3, persons covered 2 + 1 = 3, and
    the total row says 3 persons; her son and grandson are not named, she is (户主)."""
    line = (FIXTURES / "payroll" / "tekun-apart.json").read_bytes()
    result = run("-", "--format", "notice", lang="zh", stdin=line)
    assert result.exit_code == 0, result.stderr
    row = next(r for r in result.stdout.splitlines() if r.startswith("1,"))
    cells = row.split(",")
    assert cells[3:8] == ["TK-4", "黄**", "3", "3", "低保"]
    assert "合计 1 户，保障 3 人" in result.stdout


def test_notice_names_an_unnamed_member_so() -> None:
    """A household whose applicant has no name is listed with （未填姓名）, never blank."""
    line = json.dumps(
        {
            "id": "N-1",
            "region": "431022",
            "area": "rural",
            "assessed_on": "2021-11-10",
            "members": [{"id": "p1", "relation": "applicant", "age": 40}],
        }
    ).encode()
    result = run("-", "--format", "notice", lang="zh", stdin=line)
    row = next(r for r in result.stdout.splitlines() if r.startswith("1,"))
    assert row.split(",")[4] == "（未填姓名）"


@pytest.mark.parametrize(
    ("lang", "month_line", "dates_line"),
    [
        ("en", "Month paid: none (no household was assessed)", "Assessed on: none"),
        ("zh", "发放月份：无（没有核算结果）", "核算日期：无（没有核算结果）"),
    ],
)
def test_payroll_of_an_empty_roll_says_no_month(
    lang: str, month_line: str, dates_line: str
) -> None:
    """No household and no --month: the roll has no month to pay; its head says so rather
    than leaving "Month paid:" blank (found by the issue-15 review)."""
    result = run("-", "--input-format", "jsonl", "--format", "payroll", lang=lang, stdin=b"")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert month_line in lines
    assert any(line.startswith(dates_line) for line in lines)
    assert not [line for line in lines if line.rstrip().endswith((":", "："))]


def test_an_error_about_standard_input_names_it_in_the_users_language() -> None:
    """An empty standard input read as CSV has no header row: the error names the
    stream in the user's language."""
    zh = run("-", "--format", "payroll", lang="zh", stdin=b"")
    assert zh.exit_code == 1
    assert zh.stderr.startswith("错误：标准输入：")
    en = run("-", "--format", "payroll", lang="en", stdin=b"")
    assert en.stderr.startswith("error: standard input: ")


def test_payroll_rule_lines_say_the_dates_each_was_used_on(tmp_path: Path) -> None:
    """A roll assessed on dates with different values in force (Yizhang's rules on
    2021-07-20, 2021-12-01 and 2025-03-01) lists one line per rule set and digest, in the
    order of the dates, each saying the dates it made; a caseworker can tell them apart."""
    widow = json.loads((EXAMPLES / "yizhang-widow-diabetes.json").read_text(encoding="utf-8"))
    dates = ["2025-03-01", "2021-12-01", "2021-07-20"]
    roll = tmp_path / "roll.jsonl"
    roll.write_text(
        "".join(
            json.dumps({**widow, "id": f"W{n}", "assessed_on": on}) + "\n"
            for n, on in enumerate(dates)
        ),
        encoding="utf-8",
    )
    digests = {}
    for on in dates:
        check = CliRunner().invoke(
            cli,
            [
                "check",
                str(EXAMPLES / "yizhang-widow-diabetes.json"),
                "--on",
                on,
                "--format",
                "json",
            ],
        )
        digests[on] = json.loads(check.stdout)["rules"]["digest"]
    assert digests["2021-07-20"] == digests["2021-12-01"] != digests["2025-03-01"]
    out = tmp_path / "pay.csv"
    for lang, a, b in (
        ("en", "Rules: 431022 Yizhang County ({}; {})", "Rules: 431022 Yizhang County ({}; {})"),
        ("zh", "核算规则：431022 宜章县（{}；{}）", "核算规则：431022 宜章县（{}；{}）"),
    ):
        args = ["batch", str(roll), "--format", "payroll", "--month", "2025-03", "--lang", lang]
        result = CliRunner().invoke(cli, [*args, "-o", str(out)])
        assert result.exit_code == 0, result.output
        head = out.read_text(encoding="utf-8-sig").splitlines()[:8]
        rule_lines = [line for line in head if "431022" in line]
        assert rule_lines == [
            a.format(digests["2021-07-20"], "2021-07-20 – 2021-12-01"),
            b.format(digests["2025-03-01"], "2025-03-01"),
        ]
