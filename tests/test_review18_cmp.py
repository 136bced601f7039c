"""A Chenzhou policy officer's review of `meanstest compare` (cmp18), every figure by hand.

The roll (tests/fixtures/compare18/roll.jsonl, 14 rural Yizhang households, assessed on
2027-07-15) under the proposal tests/fixtures/compare18/yizhang-rise-2027-07.yaml: the
rural standard S from 4,560 a year (380 a month) to 500 a month, and schooling costs
deducted up to 200 a month a student, both from 2027-07-01. The rules (rules/*.yaml,
policy.md §9): per-capita income Y = counted income ÷ N ÷ 12; dibao when Y < S and
deposits per person ≤ 24 × S; benefit (S − Y) × N; edge household when Y < 1.5 × S
(570 → 750), not paid; a grade-1/2 disabled, unemployed member of an edge household is
enrolled alone at S − own income (0 here); 特困 support 1.3 × S (494 → 650); a dibao
household whose income rose through work is phased out for 6 months at its current
benefit (the period starting the month after the decision), and one already in phase-out
is paid until its 6 months end. Basic pensions are not counted; none are given.

  id   N  counted a year             before (S = 380)              after (S = 500)           change
  H01  4  farming 9,600: Y 200      dibao (380−200)×4 = 720       dibao (500−200)×4 = 1200      +480
  H02  2  wage 800×12: Y 400        edge (400 < 570)              dibao (500−400)×2 = 200    +200 in
  H03  1  wage 600×12: Y 600        not eligible (600 ≥ 570)      edge (600 < 750)                 0
  H04  1  farming 300×12: Y 300,    not eligible: 10,000 >        dibao 500−300 = 200        +200 in
          deposit 10,000            24×380 = 9,120                (10,000 ≤ 24×500 = 12,000)
  H05  1  wage 450×12: Y 450,       450 ≥ 380 through work:       dibao 500−450 = 50            −250
          current dibao 300         phase-out at 300 (to 2028-01)
  H06  2  wage 800×12: Y 400,       edge; p2 (grade 2) alone:     dibao (500−400)×2 = 200       −180
          p2 disabled grade 2       380 − 0 = 380
  H07  2  wage 1,040×12: Y 520,     edge; p2 alone: 380           edge (520 ≥ 500); p2: 500     +120
          p2 disabled grade 1
  H08  1  none, aged 75, no         特困: 1.3 × 380 = 494         特困: 1.3 × 500 = 650         +156
          supporters
  H09  1  wage 450×12: Y 450,       phase-out at 200, since       dibao 500−450 = 50            −150
          current phase-out 200     2027-03-01: paid to 2027-09
          since 2027-03-01
  H10  3  farming 20,160: Y 560     edge                          edge                             0
  H11  1  farming 6,000: Y 500      edge                          edge (500 is not below 500)      0
  H12  3  farming 24,000 − school-  dibao 380×3 − 1,000 = 140     cap 200×12 = 2,400:       −140 out
          ing 12,000: Y 333.33                                    Y 600: edge
  H13  -  birth date 1960-02-30: an error row
  H14  1  wage 2,000×12: Y 2,000    not eligible                  not eligible                     0

A month: before 720+300+380+380+494+200+140 = 2,614; after 1200+200+200+50+200+500+650+50
= 3,050; difference +436 (gains 480+200+200+120+156 = 1,156; losses 250+180+150+140 =
720); a year (× 12) 31,368 → 36,600, +5,232.

The rest of the 2027 budget year is July to December, 6 months. Every change runs all 6
months except H09's: its phase-out pays 200 in July, August and September only (3
months), while the proposal pays 50 for 6: 6 × 50 − 3 × 200 = −300, not 6 × −150 =
−900. The budget year: 6 × (436 + 150) − 300 = +3,216 (before the fix, +2,616).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook

from meanstest.cli import cli
from meanstest.files.roll import roll_columns, roll_header, roll_rows

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "fixtures" / "compare18"
ROLL = HERE / "roll.jsonl"
PROPOSAL = HERE / "yizhang-rise-2027-07.yaml"
ON = "2027-07-15"

_ENV: dict[str, str | None] = {
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "LANGUAGE": None,
    "FORCE_COLOR": None,
    "COLUMNS": "160",
}

# Each household's (before status, after status, paid before, paid after, change,
# movement, change over the budget year's rest), worked in the module docstring.
EXPECTED = {
    "H01": ("dibao", "dibao", "720.00", "1200.00", "480.00", "gains", "2880.00"),
    "H02": ("edge", "dibao", "0.00", "200.00", "200.00", "enters", "1200.00"),
    "H03": ("not_eligible", "edge", "0.00", "0.00", "0.00", "same", "0.00"),
    "H04": ("not_eligible", "dibao", "0.00", "200.00", "200.00", "enters", "1200.00"),
    "H05": ("phase_out", "dibao", "300.00", "50.00", "-250.00", "loses", "-1500.00"),
    "H06": ("dibao_single", "dibao", "380.00", "200.00", "-180.00", "loses", "-1080.00"),
    "H07": ("dibao_single", "dibao_single", "380.00", "500.00", "120.00", "gains", "720.00"),
    "H08": ("tekun", "tekun", "494.00", "650.00", "156.00", "gains", "936.00"),
    "H09": ("phase_out", "dibao", "200.00", "50.00", "-150.00", "loses", "-300.00"),
    "H10": ("edge", "edge", "0.00", "0.00", "0.00", "same", "0.00"),
    "H11": ("edge", "edge", "0.00", "0.00", "0.00", "same", "0.00"),
    "H12": ("dibao", "edge", "140.00", "0.00", "-140.00", "leaves", "-840.00"),
    "H14": ("not_eligible", "not_eligible", "0.00", "0.00", "0.00", "same", "0.00"),
}


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="meanstest", env=_ENV)


def compare(*args: object, roll: Path = ROLL) -> Result:
    return run("compare", roll, "--proposal", PROPOSAL, "--on", ON, "-q", *args)


def _rows(path: Path) -> dict[str, dict[str, Any]]:
    if path.suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    else:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {r["household_id"]: r for r in rows}


def _check_rows(rows: dict[str, dict[str, Any]]) -> None:
    for hid, (was, now, before, after, change, movement, year) in EXPECTED.items():
        r = rows[hid]
        got = (
            r["before_status"],
            r["after_status"],
            r["before_support"],
            r["after_support"],
            r["change"],
            r["movement"],
            r["change_budget_year"],
        )
        assert got == (was, now, before, after, change, movement, year), hid
        assert str(r["months"]) == "6", hid
    assert rows["H13"]["movement"] == "error"
    assert "birth_date" in rows["H13"]["error"] or "出生日期" in rows["H13"]["error"]


def test_every_figure_agrees_with_the_hand_worked_roll(tmp_path: Path) -> None:
    """JSON summary, `--changes` .csv and .jsonl: each household and every total to the
    fen, as worked in the module docstring; exit status 3 for the error row."""
    result = compare("--format", "json", "--changes", tmp_path / "c.csv", "--top", "20")
    assert result.exit_code == 3, (result.stderr, result.exception)
    data = json.loads(result.stdout)
    assert data["cost"] == {
        "monthly_before": "2614.00",
        "monthly_after": "3050.00",
        "monthly_difference": "436.00",
        "annual_before": "31368.00",
        "annual_after": "36600.00",
        "annual_difference": "5232.00",
        "gained_monthly": "1156.00",
        "lost_monthly": "720.00",
    }
    assert data["budget_year"] == {
        "difference": "3216.00",
        "periods": [{"year": 2027, "from_month": "2027-07", "months": 6, "households": 13}],
    }
    assert data["movements"] == {
        "enters": 2,
        "leaves": 1,
        "phase_out": 0,
        "gains": 3,
        "loses": 3,
        "same": 4,
        "error": 1,
    }  # 2 + 1 + 3 + 3 + 4 + 1 = 14 records; H05 was in phase-out before, enters none
    assert data["caseload"] == {
        "dibao": {"before": 2, "after": 6},  # H01 H12 → H01 H02 H04 H05 H06 H09
        "dibao_single": {"before": 2, "after": 1},  # H06 H07 → H07
        "phase_out": {"before": 2, "after": 0},  # H05 H09
        "tekun": {"before": 1, "after": 1},  # H08
        "edge": {"before": 3, "after": 4},  # H02 H10 H11 → H03 H10 H11 H12
        "not_eligible": {"before": 3, "after": 1},  # H03 H04 H14 → H14
    }
    groups = {g["group"]: g for g in data["groups"]}
    # 1-person: H03 H04 H05 H08 H09 H11 H14: a month 0+200−250+156−150 = −44; the
    # budget year 1200 − 1500 + 936 − 300 = +336.
    assert (groups["size:1"]["households"], groups["size:1"]["monthly_difference"]) == (
        7,
        "-44.00",
    )
    assert groups["size:1"]["budget_year_difference"] == "336.00"
    # Sizes add up to the 13 compared households and to the +436 and +3,216.
    sizes = [g for k, g in groups.items() if k.startswith("size:")]
    assert sum(g["households"] for g in sizes) == 13
    assert sum(float(g["monthly_difference"]) for g in sizes) == 436
    assert sum(float(g["budget_year_difference"]) for g in sizes) == 3216
    assert (groups["elderly"]["households"], groups["elderly"]["monthly_difference"]) == (
        2,
        "156.00",
    )  # H08 (75), H10 (65, 62): 156 + 0
    assert groups["minors"]["monthly_difference"] == "340.00"  # H01 480, H12 −140
    _check_rows(_rows(tmp_path / "c.csv"))
    assert compare("--changes", tmp_path / "c.jsonl").exit_code == 3
    _check_rows(_rows(tmp_path / "c.jsonl"))


def test_phase_out_ending_in_the_budget_year_is_costed_to_its_last_month(
    tmp_path: Path,
) -> None:
    """H09 alone: phase-out since 2027-03-01, 6 months, so paid to 2027-09. Before: 200
    for July, August, September (3 months, 600); after: dibao 50 for 6 months (300).
    The budget year's change is 300 − 600 = −300, not 6 × (50 − 200) = −900; the month
    still changes by −150."""
    roll = tmp_path / "h09.jsonl"
    roll.write_text(
        next(line for line in ROLL.read_text(encoding="utf-8").splitlines() if "H09" in line)
        + "\n",
        encoding="utf-8",
    )
    data = json.loads(compare("--format", "json", roll=roll).stdout)
    assert data["cost"]["monthly_difference"] == "-150.00"
    assert data["budget_year"]["difference"] == "-300.00"


def test_the_table_and_the_html_say_the_same(tmp_path: Path) -> None:
    """The HTML report shows what the table shows: the caseload's change column (+4 for
    dibao: 2 → 6) and the largest changes signed (+480.00 for H01), and the budget year's
    +3216.00."""
    table = compare("--top", "20", "--html", tmp_path / "r.html")
    assert table.exit_code == 3
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|svg).*?</\1>", "", page, flags=re.S))
    money = re.compile(r"[+-]?\d+\.\d\d")
    assert sorted(money.findall(text)) == sorted(money.findall(table.stdout))
    assert re.search(r"dibao\s+2\s+6\s+\+4\b", text)
    assert re.search(r"not eligible\s+3\s+1\s+-2\b", text)
    assert "+3216.00" in text
    assert "+3216.00" in table.stdout


def _roll_rows(lang: str) -> tuple[list[Any], list[list[str]]]:
    """The roll in the case-roll layout (`meanstest template roll`): supporters cannot
    be written there, so H08 has none declared."""
    data = [json.loads(line) for line in ROLL.read_text(encoding="utf-8").splitlines()]
    for h in data:
        for m in h["members"]:
            m.pop("supporters", None)
    columns = roll_columns(data)
    rows = [roll_header(columns, lang)]
    for h in data:
        rows += roll_rows(h, columns, lang, repeat=lang == "en")
    return columns, rows


def test_the_same_roll_as_csv_gbk_and_xlsx_gives_the_same_changes(tmp_path: Path) -> None:
    """The roll as Chinese CSV (GBK, no --encoding), English CSV and a workbook: the same
    changes, but H08, whose lack of supporters a case roll cannot say: a 75-year-old
    alone with no income is then dibao 380 → 500 (+120), 特困 to verify."""
    _, zh = _roll_rows("zh")
    _, en = _roll_rows("en")
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(zh)
    (tmp_path / "roll-gbk.csv").write_bytes(out.getvalue().encode("gbk"))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(en)
    (tmp_path / "roll-en.csv").write_bytes(codecs.BOM_UTF8 + out.getvalue().encode("utf-8"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in zh:
        sheet.append(row)
    book.save(tmp_path / "roll.xlsx")
    for name in ("roll-gbk.csv", "roll-en.csv", "roll.xlsx"):
        changes = tmp_path / f"{name}.changes.csv"
        result = compare("--changes", changes, roll=tmp_path / name)
        assert result.exit_code == 3, (name, result.stderr, result.exception)
        rows = _rows(changes)
        assert (rows["H08"]["before_support"], rows["H08"]["after_support"]) == (
            "380.00",
            "500.00",
        )
        rows["H08"].update(
            before_status="tekun",
            after_status="tekun",
            before_support="494.00",
            after_support="650.00",
            change="156.00",
            change_budget_year="936.00",
        )
        _check_rows(rows)


def test_each_set_form_costs_what_it_should() -> None:
    """`--set` forms on the roll from 2027-07-01 (monthly difference, budget year):

    - ``dibao.standard.rural=500/month`` (and ``6000 yuan/year``): as the proposal but
      H12 keeps its full deduction: (500×3 − 1000) = 500, +360 instead of −140:
      436 + 140 + 360 = +936; budget year 6 × 936 + 600 (H09, see the docstring) = 6216;
    - ``benefit.minimum.per_person=0.2 share of standard``: 76 a person; only H12 is
      below (140 < 3 × 76 = 228): +88, 6 × 88 = 528;
    - ``deduction.education.cap.per_person=200/month``: H12 leaves, −140, −840;
    - ``single_person.enabled=false``: H06 and H07 lose 380 each: −760, −4560;
    - ``assets.financial.types=[deposit]``: no one holds securities: 0.
    """
    cases = {
        "dibao.standard.rural=500/month": ("936.00", "6216.00"),
        "dibao.standard.rural=6000 yuan/year": ("936.00", "6216.00"),
        "benefit.minimum.per_person=0.2 share of standard": ("88.00", "528.00"),
        "deduction.education.cap.per_person=200/month": ("-140.00", "-840.00"),
        "single_person.enabled=false": ("-760.00", "-4560.00"),
        "assets.financial.types=[deposit]": ("0.00", "0.00"),
    }
    for setting, (month, year) in cases.items():
        result = run(
            "compare",
            ROLL,
            "--set",
            setting,
            "--from",
            "2027-07-01",
            "--on",
            ON,
            "--format",
            "json",
            "-q",
        )
        assert result.exit_code == 3, (setting, result.stderr)
        data = json.loads(result.stdout)
        got = (data["cost"]["monthly_difference"], data["budget_year"]["difference"])
        assert got == (month, year), setting


def test_a_proposal_that_extends_nothing_says_so(tmp_path: Path) -> None:
    """Before: each key was refused as new ("needs a description", "not a declared
    expense type"), never naming the missing `extends`."""
    text = PROPOSAL.read_text(encoding="utf-8").replace('extends: "431022"\n', "")
    proposal = tmp_path / "no-extends.yaml"
    proposal.write_text(text, encoding="utf-8")
    result = run("compare", ROLL, "--proposal", proposal, "--on", ON)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "level (line 7, column 1): a proposal changes the rule set it extends" in (result.stderr)
    assert "description" not in result.stderr
    zh = run("compare", ROLL, "--proposal", proposal, "--on", ON, "--lang", "zh")
    assert "调整方案须用 extends 写明它所修改的规则集" in zh.stderr


def test_a_proposal_kept_in_the_rules_dir_keeps_its_name(tmp_path: Path) -> None:
    """A proposal file in the officer's --rules-dir, named as the examples are
    (standard-rise-2027.yaml, id yizhang-standard-rise-2027): before, "the file name says
    id 'standard'" (exit 1); it is named by its path, never looked up by id."""
    mine = tmp_path / "rules"
    mine.mkdir()
    (mine / "rise.yaml").write_text(PROPOSAL.read_text(encoding="utf-8"), encoding="utf-8")
    result = run(
        "compare",
        ROLL,
        "--rules-dir",
        mine,
        "--proposal",
        mine / "rise.yaml",
        "--on",
        ON,
        "--format",
        "json",
        "-q",
    )
    assert result.exit_code == 3, result.stderr
    assert json.loads(result.stdout)["cost"]["monthly_difference"] == "436.00"
    # A county file there is still held to its name.
    county = (ROOT / "rules" / "431022-yizhang.yaml").read_text(encoding="utf-8")
    (mine / "431022-mine.yaml").write_text(county.replace('id: "431022"', 'id: "431023"'))
    bad = run("compare", ROLL, "--rules-dir", mine, "--proposal", mine / "rise.yaml")
    assert bad.exit_code == 1
    assert "the file name says id '431022' but the file says '431023'" in bad.stderr


def test_hostile_rolls_give_a_clear_status(tmp_path: Path) -> None:
    """An empty roll: exit 0 and a report that says it holds no households; a roll of
    only error rows: exit 3; a proposal in force only from September on 15 July: exit 1
    naming both dates. No traceback anywhere."""
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = compare(roll=empty)
    assert result.exit_code == 0, result.stderr
    assert "no households" in result.output
    errors = tmp_path / "errors.jsonl"
    errors.write_text(
        next(line for line in ROLL.read_text(encoding="utf-8").splitlines() if "H13" in line)
        + "\n",
        encoding="utf-8",
    )
    assert compare(roll=errors).exit_code == 3
    late = tmp_path / "late.yaml"
    late.write_text(PROPOSAL.read_text(encoding="utf-8").replace("2027-07-01", "2027-09-01"))
    result = run("compare", ROLL, "--proposal", late, "--on", ON)
    assert result.exit_code == 1
    assert "2027-07-15" in result.stderr
    assert "--on 2027-09-01" in result.stderr
    assert "Traceback" not in result.output


def test_a_set_amount_without_its_unit_is_told_how_to_write_it() -> None:
    """`--set dibao.standard.rural=abc`: before, "give the unit of the amount: unit:
    yuan/month | yuan/year", the form of a rule file, not of a --set change; now the
    --set form, and when a bare number works."""
    for setting in ("dibao.standard.rural=abc",):
        result = run("compare", ROLL, "--set", setting, "--on", ON, "-q")
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert (
            f"dibao.standard.rural.unit (--set {setting}): give the unit of the amount, as in "
            "dibao.standard.rural=500/month (units: yuan/month | yuan/year); a bare number "
            "keeps the unit of the rule it changes only when --base ID names the rules"
        ) in " ".join(result.stderr.split())


@pytest.mark.parametrize(
    "setting", ["dibao.standard.rural=-5/month", "dibao.standard.rural=-5 yuan/year"]
)
def test_a_set_negative_amount_with_its_unit_is_refused_as_negative(setting: str) -> None:
    """The unit is there: "give the unit of the amount" sent the user after the wrong
    thing (try18). The amount is refused as a rule file's -5 is, at the --set change."""
    result = run("compare", ROLL, "--set", setting, "--on", ON, "-q")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    said = " ".join(result.stderr.split())
    assert f"dibao.standard.rural (--set {setting}): expected an amount of zero or more" in said
    assert "give the unit" not in said


def test_the_rule_changes_say_which_values_are_provisional() -> None:
    """Yizhang's 4,560 a year (carried forward from 2021, no source) and both proposed
    values (marked provisional in the proposal) are unsourced: the report said so
    nowhere, and a reader took them for official figures. JSON `before_provisional` /
    `after_provisional`; the table and HTML add "provisional" after the date."""
    data = json.loads(compare("--format", "json").stdout)
    assert [
        (c["key"], c["before_provisional"], c["after_provisional"]) for c in data["rule_changes"]
    ] == [
        ("deduction.education.cap.per_person", False, True),  # not in force before
        ("dibao.standard.rural", True, True),
    ]
    table = " ".join(compare().stdout.split())
    assert "4560 yuan/year (2022-01-01, provisional)" in table
    assert "500 yuan/month (2027-07-01, provisional)" in table
    zh = " ".join(compare("--lang", "zh").stdout.split())
    assert "4560 元/年（2022-01-01，暂定值）" in zh
