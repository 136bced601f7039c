"""Issue 15, point 4: `meanstest template household` and `meanstest template roll`.

The example household is the README's worked example under other names (张丽, a widow
with diabetes, and her two children at school; Yizhang 2021, rural): casual labour
900.00 a month; a scholarship of 500.00 a year (41.67 a month, not counted); medical
costs of 3960.00 a year (330.00 a month, deducted in full). Counted income 900.00 −
330.00 = 570.00; per capita 570.00 / 3 = 190.00, below the 4560 / 12 = 380.00 standard;
benefit 380.00 × 3 − 570.00 = 570.00 a month.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from test_cli_env import FakeEnvironment, run

from meanstest.batch.api import read_households
from meanstest.engine import assess
from meanstest.model.fields import id_number_problem
from meanstest.model.household import Household, parse_household
from meanstest.ruleset.load import load_rules


def _template_household() -> dict[str, Any]:
    env = FakeEnvironment()
    assert run(env, "template", "household").exit_code == 0
    data: dict[str, Any] = json.loads(env.out)
    return data


def test_template_household_is_valid_and_assesses_to_the_worked_figures() -> None:
    """The printed household validates, its ID numbers are right (GB 11643) and agree
    with the birth dates, and it assesses to the hand-worked figures above."""
    data = _template_household()
    household = parse_household(data)
    for member in household.members:
        assert member.id_number is not None
        assert id_number_problem(member.id_number) is None
    rules = load_rules("431022")
    a = assess(household, rules.at(household.assessed_on))  # type: ignore[arg-type]
    assert a.status == "dibao"
    assert a.income.gross_monthly.quantize(Decimal("0.01")) == Decimal("941.67")
    assert a.income.counted_monthly == Decimal("570")
    assert a.income.per_capita_monthly == Decimal("190")
    assert a.benefit_monthly == Decimal("570.00")
    assert not [w for w in a.warnings if w.code.startswith("id_number")]


def test_template_household_to_a_file(tmp_path: Path) -> None:
    """-o writes the same JSON to a file."""
    out = tmp_path / "household.json"
    assert run(FakeEnvironment(), "template", "household", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == _template_household()


def _roll(tmp_path: Path, name: str, lang: str) -> Path:
    out = tmp_path / name
    result = run(FakeEnvironment(lang=lang), "template", "roll", "--lang", lang, "-o", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    ("name", "lang"),
    [("台账.xlsx", "zh"), ("roll.xlsx", "en"), ("台账.csv", "zh"), ("roll.csv", "en")],
)
def test_template_roll_reads_back_into_the_example_household(
    tmp_path: Path, name: str, lang: str
) -> None:
    """The roll template, read as batch reads it, is the household template exactly;
    `batch` assesses it to dibao, 570.00."""
    roll = _roll(tmp_path, name, lang)
    ((line, household),) = list(read_households(str(roll)))
    assert line == 2
    assert isinstance(household, Household)
    assert household == parse_household(_template_household())
    env = FakeEnvironment()
    result = run(env, "batch", roll, "--format", "csv", "-q")
    assert result.exit_code == 0, result.output
    header, row = env.out.splitlines()
    fields = dict(zip(header.split(","), row.split(","), strict=False))
    assert (fields["household_id"], fields["status"], fields["benefit_monthly"]) == (
        "EXAMPLE-0001",
        "dibao",
        "570.00",
    )


def test_template_roll_zh_workbook_has_drop_downs_and_formats(tmp_path: Path) -> None:
    """The workbook: the roll first (Chinese headers), drop-down lists for relation,
    member status, yes/no, education, employment, area, disability, current status;
    amounts checked as numbers ≥ 0; ID numbers as text; the spare header cells offer the
    layout's other columns; a hidden lists sheet and a notes sheet after the roll."""
    book = load_workbook(_roll(tmp_path, "台账.xlsx", "zh"))
    assert book.sheetnames == ["台账", "选项", "说明"]
    assert book["选项"].sheet_state == "hidden"
    sheet = book["台账"]
    header = [c.value for c in sheet[1]]
    column = {name: i for i, name in enumerate(header) if name}
    lists = book["选项"]

    def choices(name: str) -> list[str]:
        letter = get_column_letter(column[name] + 1)
        for check in sheet.data_validations.dataValidation:
            if f"{letter}2:{letter}1000" in str(check.sqref) and check.type == "list":
                target = check.formula1.split("!")[1].replace("$", "")
                return [c.value for (c,) in lists[target]]
        raise AssertionError(f"no drop-down for {name}")

    assert choices("与申请人关系") == [
        "申请人",
        "配偶",
        "子女",
        "父母",
        "祖父母",
        "孙子女",
        "兄弟姐妹",
        "其他",
    ]
    assert choices("重特大疾病") == ["是", "否"]
    assert choices("成员状态")[0] == "共同生活"
    assert choices("城乡类别") == ["农村", "城市"]
    assert choices("现救助类别") == ["低保", "单人户施保", "低保边缘", "不符合", "渐退"]
    assert "初中" in choices("受教育程度")
    assert "务农" in choices("就业状况")
    assert choices("残疾等级") == ["一级", "二级", "三级", "四级"]
    money = [c for c in sheet.data_validations.dataValidation if c.type == "decimal"]
    medical = get_column_letter(column["自付医疗费用(年)"] + 1)
    assert any(f"{medical}2:{medical}1000" in str(c.sqref) and c.formula1 == "0" for c in money)
    spare = [
        c
        for c in sheet.data_validations.dataValidation
        if "1:" in str(c.sqref) and str(c.sqref).endswith("1")
    ]
    (header_list,) = spare
    offered = [c.value for (c,) in lists[header_list.formula1.split("!")[1].replace("$", "")]]
    assert "工资收入(年)" in offered
    assert "工资收入(月)" not in offered  # already a column
    assert "家庭租金收入(月)" in offered
    assert "货车(营生)" in offered
    id_letter = get_column_letter(column["身份证号"] + 1)
    assert sheet.column_dimensions[id_letter].number_format == "@"
    assert sheet.cell(row=2, column=column["身份证号"] + 1).value == "431022198503020042"
    assert sheet.cell(row=2, column=column["零工收入(月)"] + 1).value == 900
    assert "每位家庭成员一行" in "".join(str(c.value) for (c,) in book["说明"].iter_rows())


def test_template_roll_en_workbook_speaks_english(tmp_path: Path) -> None:
    """--lang en: English headers and the contract's words in the lists."""
    book = load_workbook(_roll(tmp_path, "roll.xlsx", "en"))
    assert book.sheetnames == ["roll", "lists", "notes"]
    header = [c.value for c in book["roll"][1]]
    assert header[:4] == ["household_id", "region", "area", "assessed_on"]
    assert "income:casual_labour:month" in header
    words = {c.value for row in book["lists"].iter_rows() for c in row if c.value}
    assert {"applicant", "spouse", "yes", "no", "resident", "income:wage:year"} <= words


def test_template_roll_csv_has_a_bom_and_no_spare_columns(tmp_path: Path) -> None:
    """CSV: UTF-8 with a BOM (Excel reads Chinese then), the header and the 3 member rows,
    the household columns on the first row only."""
    data = _roll(tmp_path, "台账.csv", "zh").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    # 乡镇（街道） and 村（社区） follow the household's date, blank in the example: the
    # payment roll groups by them when a caseworker fills them in.
    assert lines[0].startswith(
        "户编号,行政区划代码,城乡类别,核算日期,乡镇（街道）,村（社区）,成员编号,姓名"
    )
    assert len(lines) == 4
    assert lines[1].startswith("EXAMPLE-0001,431022,农村,2021-12-01,,,p1,张丽,申请人")
    assert lines[2].startswith(",,,,,,p2,张小明,子女")


def test_template_roll_to_stdout_and_usage_errors(tmp_path: Path) -> None:
    """No -o: CSV on stdout; a workbook to a terminal, a wrong suffix or a format that
    contradicts it: usage errors (exit 2)."""
    env = FakeEnvironment(lang="zh")
    assert run(env, "template", "roll", "--lang", "zh").exit_code == 0
    assert env.out.lstrip("\ufeff").startswith("户编号,")
    tty = FakeEnvironment()
    tty.stdout_isatty = True
    result = run(tty, "template", "roll", "--format", "xlsx")
    assert result.exit_code == 2
    assert "binary workbook" in result.output
    piped = FakeEnvironment()
    assert run(piped, "template", "roll", "--format", "xlsx").exit_code == 0
    assert piped.out_bytes.getvalue().startswith(b"PK")
    assert run(FakeEnvironment(), "template", "roll", "-o", tmp_path / "roll.txt").exit_code == 2
    assert (
        run(
            FakeEnvironment(), "template", "roll", "--format", "csv", "-o", tmp_path / "roll.xlsx"
        ).exit_code
        == 2
    )


def test_template_roll_workbook_is_the_same_bytes_each_time(tmp_path: Path) -> None:
    """No time of writing inside: two runs give the same file."""
    first = _roll(tmp_path, "a.xlsx", "zh").read_bytes()
    assert first == _roll(tmp_path, "b.xlsx", "zh").read_bytes()


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("household",), "existing.json"),
        (("roll",), "台账.xlsx"),
        (("roll", "--lang", "zh"), "台账.csv"),
    ],
)
def test_template_never_overwrites_unless_forced(
    tmp_path: Path, args: tuple[str, ...], name: str
) -> None:
    """Issue 15 review, defect 1: -o onto an existing file refuses (exit 1, the file
    untouched, the `file_exists` message of `rules new`); --force replaces it."""
    path = tmp_path / name
    path.write_bytes(b"a day's work\n")
    env = FakeEnvironment()
    result = run(env, "template", *args, "-o", path)
    assert result.exit_code == 1
    assert name in env.err
    assert "the file exists" in env.err or "文件已存在" in env.err
    assert path.read_bytes() == b"a day's work\n"
    assert run(FakeEnvironment(), "template", *args, "-o", path, "--force").exit_code == 0
    assert path.read_bytes() != b"a day's work\n"


def test_template_refusal_in_chinese(tmp_path: Path) -> None:
    """The refusal speaks Chinese under --lang zh."""
    path = tmp_path / "台账.xlsx"
    path.write_bytes(b"x")
    env = FakeEnvironment(lang="zh")
    assert run(env, "template", "roll", "-o", path).exit_code == 1
    assert "文件已存在；请换一个名字，或用 --force 替换" in env.err


def test_template_roll_township_and_village_are_read_back(tmp_path: Path) -> None:
    """A caseworker who fills 乡镇（街道） and 村（社区） in the template's first row gets
    them on the household (what the payment roll groups by)."""
    path = _roll(tmp_path, "台账.csv", "zh")
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    cells = lines[1].split(",")
    cells[4], cells[5] = "梅田镇", "东村"
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", "utf-8-sig")
    [(_, household)] = list(read_households(str(path)))
    assert isinstance(household, Household)
    assert (household.township, household.village) == ("梅田镇", "东村")
