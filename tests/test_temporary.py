"""Temporary assistance (临时救助): input errors, outputs, changes to the rules, rolls,
comparisons. The boundaries of the rules themselves are rule tests, in
tests/cases/temporary.yaml; the four example households are in examples/temporary/.

The fixture tests/fixtures/rules/ladder/temporary.yaml (cited, no warnings): rural
standard S = 380/month; 1 to 6 × S = 380 to 2280 a payment, per household; tiers by the
burden B (uncovered loss or expense ÷ the household's income over the period): from 0
0.5 × S (→ 380), from 0.5 2 × S = 760, from 1 4 × S = 1520, from 2 8 × S (→ 2280); at
most 2 payments for a cause in 12 months; a township approves up to 3 × S = 1140; a
burden above 24 months of income is decided case by case; emergencies are paid first.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from meanstest.api import assess_file
from meanstest.batch.core import Assessor, Job
from meanstest.cli import cli
from meanstest.compare import Summary, compare_households
from meanstest.engine import assess
from meanstest.errors import HouseholdInvalid, RuleFileError
from meanstest.files.records import Record
from meanstest.files.roll import Layout, roll_columns, roll_header, roll_rows
from meanstest.files.roll_hardship import payments
from meanstest.model.contract import validate_assessment
from meanstest.model.household import parse_household
from meanstest.render.json import to_json
from meanstest.render.markdown import render as markdown
from meanstest.ruleset.choose import RuleChooser
from meanstest.ruleset.load import load_rules, overlay

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "rules" / "ladder" / "temporary.yaml"
EXAMPLES = ROOT / "examples" / "temporary"
FIRE = EXAMPLES / "yizhang-house-fire.json"
DEMO = ROOT / "examples" / "rules" / "yizhang-temporary-demo.yaml"
ON = dt.date(2021, 12, 1)

_CLEAN_ENV: dict[str, str | None] = {
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "LANGUAGE": None,
    "FORCE_COLOR": None,
}


def run(*args: object) -> Result:
    """Invoke the command line; exceptions are kept in ``result.exception``."""
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="meanstest", env=_CLEAN_ENV)


def _household(**hardship: Any) -> dict[str, Any]:
    """Two adults farming 12000 a year (1000 a month: an edge household), with a fire on
    2021-11-20 and whatever ``hardship`` changes."""
    return {
        "id": "T",
        "area": "rural",
        "members": [
            {"id": "p1", "relation": "applicant", "age": 50},
            {"id": "p2", "relation": "spouse", "age": 48},
        ],
        "incomes": [{"type": "farming", "amount": "12000", "per": "year"}],
        "hardship": {
            "type": "emergency",
            "cause": "fire",
            "date": "2021-11-20",
            "loss": "6000",
            **hardship,
        },
    }


def _fixture(*settings: str) -> Any:
    rules = load_rules(FIXTURE)
    return overlay(rules, list(settings)) if settings else rules


def _assess(data: dict[str, Any], *settings: str, on: dt.date = ON) -> Any:
    return assess(parse_household(data), _fixture(*settings).at(on))


def _problems(data: object, on: dt.date = ON) -> list[tuple[str, str]]:
    with pytest.raises(HouseholdInvalid) as caught:
        assess(parse_household(data), _fixture().at(on))
    return [(p.loc, p.msg) for p in caught.value.problems]


# ------------------------------------------------------------------ bad input


def test_hardship_date_after_the_assessment_date_is_an_error() -> None:
    """A hardship dated after the assessment date names hardship.date."""
    [(loc, msg)] = _problems(_household(date="2021-12-02"))
    assert loc == "hardship.date"
    assert "after the assessment date 2021-12-01" in msg


def test_hardship_payment_with_a_future_date_is_an_error() -> None:
    """A past payment dated after the assessment date names its own date field."""
    data = _household(
        payments=[
            {"date": "2021-05-01", "cause": "fire", "amount": "500"},
            {"date": "2022-01-01", "cause": "fire", "amount": "500"},
        ]
    )
    [(loc, msg)] = _problems(data)
    assert loc == "hardship.payments.1.date"
    assert "in the future" in msg


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"loss": "-5"}, "hardship.loss"),
        ({"covered": {"insurance": "-1"}}, "hardship.covered.insurance"),
        ({"expenses": [{"type": "medical", "amount": "-0.01"}]}, "hardship.expenses.0.amount"),
        (
            {"payments": [{"date": "2021-05-01", "cause": "fire", "amount": "-500"}]},
            "hardship.payments.0.amount",
        ),
    ],
    ids=["loss", "covered", "expense", "payment"],
)
def test_hardship_negative_amounts_are_errors(change: dict[str, Any], where: str) -> None:
    """A negative amount anywhere in the hardship is refused, naming its field."""
    with pytest.raises(HouseholdInvalid) as caught:
        parse_household(_household(**change))
    assert [p.loc for p in caught.value.problems] == [where]
    assert "greater than or equal to 0" in caught.value.problems[0].msg


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"cause": "earthquake"}, "hardship.cause"),
        ({"type": "urgent"}, "hardship.type"),
        (
            {"payments": [{"date": "2021-05-01", "cause": "flood", "amount": "5"}]},
            "hardship.payments.0.cause",
        ),
        ({"expenses": [{"type": "rent", "amount": "5"}]}, "hardship.expenses.0.type"),
        ({"losses": "5"}, "hardship.losses"),
    ],
    ids=["cause", "type", "payment-cause", "expense-type", "unknown-field"],
)
def test_hardship_unknown_words_are_errors(change: dict[str, Any], where: str) -> None:
    """An unknown cause, type or field is refused, naming it (a typo is never ignored)."""
    with pytest.raises(HouseholdInvalid) as caught:
        parse_household(_household(**change))
    assert [p.loc for p in caught.value.problems] == [where]


def test_hardship_unemployment_details_go_with_the_unemployment_cause() -> None:
    """The cause unemployment needs its details; another cause may not give them."""
    with pytest.raises(HouseholdInvalid) as caught:
        parse_household(_household(cause="unemployment"))
    assert [p.loc for p in caught.value.problems] == ["hardship.unemployment"]
    with pytest.raises(HouseholdInvalid) as caught:
        parse_household(_household(unemployment={"months_without_income": 3, "insured": False}))
    assert caught.value.problems[0].msg == "only for the cause unemployment"


def test_check_hardship_error_names_the_field_and_exits_1(tmp_path: Path) -> None:
    """check: a bad hardship is a message on stderr naming the field, exit 1."""
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(_household(date="2022-03-01") | {"assessed_on": "2021-12-01"}), encoding="utf-8"
    )
    result = run("check", path, "--rules", FIXTURE)
    assert result.exit_code == 1
    assert "hardship.date" in result.stderr
    assert "Traceback" not in result.stderr


def test_batch_hardship_error_is_an_error_record(tmp_path: Path) -> None:
    """batch: a bad hardship becomes an error record naming the field; the run goes on."""
    good = _household() | {"id": "A", "assessed_on": "2021-12-01"}
    bad = _household(cause="earthquake") | {"id": "B", "assessed_on": "2021-12-01"}
    path = tmp_path / "roll.jsonl"
    path.write_text("\n".join(json.dumps(h) for h in (good, bad)) + "\n", encoding="utf-8")
    result = run("batch", path, "--rules", FIXTURE)
    assert result.exit_code == 3
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["temporary_assistance"]["eligible"] is True
    assert second["errors"][0]["loc"] == "hardship.cause"


# ------------------------------------------------------------------ the result


def test_hardship_leaves_the_dibao_result_as_it_is() -> None:
    """With or without a hardship, every dibao figure is the same."""
    data = _household()
    with_it = _assess(data)
    without = _assess({k: v for k, v in data.items() if k != "hardship"})
    assert without.temporary_assistance is None
    keep = ("status", "benefit", "income", "members", "thresholds", "reasons", "asset_tests")
    assert [getattr(with_it, k) for k in keep] == [getattr(without, k) for k in keep]


def test_json_record_with_the_section_follows_the_schema() -> None:
    """The JSON record with temporary_assistance validates, in both languages; without
    a hardship there is no such key."""
    result = _assess(_household())
    for lang in ("zh", "en"):
        record = to_json(result, lang)
        validate_assessment(json.loads(json.dumps(record)))
        section = record["temporary_assistance"]
        # B = 6000 ÷ 12000 = 0.5 → tier 2: 2 × 380 = 760, within the township's 1140.
        assert (section["suggested"], section["approver"], section["tier"]) == (
            "760.00",
            "township",
            2,
        )
    plain = _household()
    del plain["hardship"]
    assert "temporary_assistance" not in to_json(_assess(plain), "en")


def test_schema_household_shows_the_hardship() -> None:
    """`meanstest schema household` describes the hardship object and its causes."""
    result = run("schema", "household")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    hardship = schema["$defs"]["Hardship"]
    assert set(hardship["required"]) == {"type", "cause", "date"}
    assert "sudden_illness" in json.dumps(schema["$defs"]["Hardship"]["properties"]["cause"])


def test_schema_assessment_shows_the_section() -> None:
    """`meanstest schema assessment` has the temporary_assistance field."""
    schema = json.loads(run("schema", "assessment").stdout)
    assert "temporary_assistance" in schema["properties"]
    assert "temporary_assistance" not in schema["required"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "zh",
            [
                "临时救助",
                "急难型：火灾",
                "救助金额范围",
                "380.00 – 2280.00（按户）",
                "由经办人在范围内确定",
                "县级民政部门审批",
                "先行救助",
            ],
        ),
        (
            "en",
            [
                "Temporary assistance (临时救助)",
                "emergency: fire",
                "Amount range",
                "380.00 – 2280.00 (per household)",
                "chosen within the range by the caseworker",
                "the county",
                "Paid first",
            ],
        ),
    ],
)
def test_check_table_shows_the_section(lang: str, words: list[str]) -> None:
    """The terminal table of the fire example shows the section in each language."""
    result = run("check", FIRE, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    for word in words:
        assert word in result.stdout


def test_check_markdown_shows_the_section() -> None:
    """The Markdown case file has a temporary-assistance section with its reasons."""
    text = markdown(assess_file(FIRE), "zh")
    assert "## 临时救助" in text
    assert "| 审批 | 县级民政部门审批 |" in text
    assert "- 审批权限已下放乡镇，但乡镇审批金额上限未有出处，暂由县级审批。" in text


def test_yizhang_warns_of_per_household_and_the_unsourced_township_limit() -> None:
    """Under Yizhang's rules the result warns that per household is provisional and that
    the township limit has no source."""
    result = assess_file(FIRE)
    codes = {w.key: w.code for w in result.warnings}
    assert codes["temporary.amount.per"] == "provisional_value"
    assert codes["temporary.approval.township_limit"] == "township_limit_unsourced"
    assert codes["temporary.approval.delegated"] == "unofficial_source"
    assert codes["temporary.amount.maximum"] == "provisional_value"


def test_rules_without_temporary_assistance_say_so() -> None:
    """A rule set in which temporary assistance is not in force: undecided, and why."""
    rules = overlay(_fixture(), ["temporary.enabled=false"], dt.date(2021, 10, 1))
    section = assess(parse_household(_household()), rules.at(ON)).temporary_assistance
    assert section is not None
    assert (section.eligible, section.reasons[0].code) == (None, "temp_not_in_force")


def test_rules_without_the_expenditure_type_leave_it_undecided() -> None:
    """Without the expenditure type in force (before S7, 2018-01-23): undecided."""
    data = _household(type="expenditure", expenses=[{"type": "medical", "amount": "9000"}])
    section = _assess(data, "temporary.expenditure.enabled=false").temporary_assistance
    assert section.eligible is None
    assert section.reasons[0].code == "temp_expenditure_not_in_force"


def test_national_expenditure_type_starts_with_s7() -> None:
    """The national temporary-assistance scheme is in force from S1 (2014-05-01), its
    expenditure type from S7 (2018-01-23)."""
    national = load_rules("000000")
    before, after = (
        national.at(day).views.temporary for day in (dt.date(2018, 1, 22), dt.date(2018, 1, 23))
    )
    assert before is not None
    assert after is not None
    assert (before.expenditure, after.expenditure is not None) == (None, True)
    assert national.at(dt.date(2014, 4, 30)).views.temporary is None


# ------------------------------------------------------------------ changing the rules


def test_set_per_person_multiplies_the_range_by_the_members() -> None:
    """--set temporary.amount.per=person: 2 members, 2 × 380 to 2 × 2280, tier 2 × 2."""
    section = _assess(_household(), "temporary.amount.per=person").temporary_assistance
    assert (section.minimum, section.maximum, section.suggested) == (
        Decimal(760),
        Decimal(4560),
        Decimal(1520),
    )


def test_set_a_cap_in_yuan_lowers_the_maximum() -> None:
    """--set temporary.amount.cap=2000yuan: the range ends at 2000, the top tier too."""
    section = _assess(
        _household(loss="24000"), "temporary.amount.cap=2000yuan"
    ).temporary_assistance
    assert (section.maximum, section.suggested) == (Decimal(2000), Decimal(2000))


def test_set_raising_the_maximum_multiple_lifts_the_top_tier() -> None:
    """--set temporary.amount.maximum=8 (a share stays a share): 8 × 380 = 3040 paid."""
    section = _assess(_household(loss="24000"), "temporary.amount.maximum=8").temporary_assistance
    assert (section.maximum, section.suggested, section.approver) == (
        Decimal(3040),
        Decimal(3040),
        "county",
    )


def test_set_a_township_limit_for_yizhang_names_the_township() -> None:
    """A township limit set for Yizhang (plain yuan for a new one-off key) makes the
    township the approver of the maximum, 2280 ≤ 2280, with no unsourced-limit warning."""
    rules = overlay(load_rules("431022"), ["temporary.approval.township_limit=2280"])
    result = assess(parse_household(json.loads(FIRE.read_bytes())), rules.at(ON))
    section = result.temporary_assistance
    assert (section.approver, section.township_limit) == ("township", Decimal(2280))
    assert "township_limit_unsourced" not in {w.code for w in result.warnings}


def test_no_paying_first_rule_is_a_note_not_a_verdict() -> None:
    """Without paid_first.types in force the case is still eligible, not paid first, and
    a note names the key."""
    section = _assess(_household(), "temporary.paid_first.types=null").temporary_assistance
    assert (section.eligible, section.paid_first) == (True, False)
    assert ("temp_not_set", {"key": "temporary.paid_first.types"}) in [
        (r.code, dict(r.params)) for r in section.reasons
    ]


def test_one_off_amount_in_a_rate_unit_is_refused() -> None:
    """A one-off amount written per month is refused, naming the units it takes."""
    with pytest.raises(RuleFileError) as caught:
        overlay(_fixture(), ["temporary.amount.cap=2000/month"])
    assert "expected one of yuan, share of standard" in str(caught.value)


def test_tiers_must_increase() -> None:
    """Tiers whose burden_from does not increase are refused."""
    with pytest.raises(RuleFileError) as caught:
        overlay(
            _fixture(),
            [
                "temporary.amount.tiers=[{burden_from: 1, amount: {amount: 2, "
                "unit: share of standard}}, {burden_from: 0.5, amount: {amount: "
                "3, unit: share of standard}}]"
            ],
        )
    assert "burden_from must increase" in str(caught.value)


# ------------------------------------------------------------------ batch and rolls


def test_batch_csv_carries_the_temporary_columns(tmp_path: Path) -> None:
    """CSV rows: type, eligible, suggested amount and approver; blank without a hardship."""
    plain = _household() | {"id": "P"}
    del plain["hardship"]
    path = tmp_path / "roll.jsonl"
    path.write_text(
        "\n".join(json.dumps(h | {"assessed_on": "2021-12-01"}) for h in (_household(), plain))
        + "\n",
        encoding="utf-8",
    )
    result = run("batch", path, "--rules", FIXTURE, "--format", "csv", "--lang", "zh")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # the codes under their field names, as in English; the Chinese labels beside them
    assert [
        (
            r["temporary_type"],
            r["temporary_eligible"],
            r["临时救助建议金额"],
            r["temporary_approver"],
        )
        for r in rows
    ] == [("emergency", "true", "760.00", "township"), ("", "", "", "")]
    assert [(r["临时救助类型"], r["临时救助是否符合"], r["临时救助审批"]) for r in rows] == [
        ("急难型", "是", "乡镇（街道）审批"),
        ("", "", ""),
    ]


def test_batch_xlsx_writes_the_suggested_amount_as_a_number(tmp_path: Path) -> None:
    """XLSX: the suggested amount is an exact number cell."""
    from openpyxl import load_workbook

    path = tmp_path / "roll.jsonl"
    path.write_text(
        json.dumps(_household() | {"assessed_on": "2021-12-01"}) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out.xlsx"
    assert run("batch", path, "--rules", FIXTURE, "-o", out).exit_code == 0
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    row = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert row["temporary_suggested"] == 760
    assert (row["temporary_type"], row["temporary_approver"]) == ("emergency", "township")


ROLL_ZH = (
    "户编号,城乡类别,核算日期,与申请人关系,年龄,家庭农业经营净收入(年),临时救助类型,"
    "困难原因,困难发生日期,财产损失,困难医疗支出,保险赔付,近12个月临时救助\n"
    "H1,农村,2021-12-01,申请人,50,12000,急难型,火灾,2021年11月20日,7000,,1000,"
    "2020-11-20 火灾 500；2021/5/1 fire 500\n"
    "H1,,,配偶,48,,,,,,,,\n"
)


def test_roll_reads_the_hardship_columns_with_chinese_headers(tmp_path: Path) -> None:
    """A case roll with Chinese hardship headers gives the same result as the JSON: two
    payments for the fire within 12 months (2020-11-20 counts), so refused."""
    path = tmp_path / "roll.csv"
    path.write_text(ROLL_ZH, encoding="utf-8")
    result = run("batch", path, "--rules", FIXTURE, "--detail", "full")
    assert result.exit_code == 0, result.stdout
    section = json.loads(result.stdout)["temporary_assistance"]
    assert (section["burden"], section["eligible"]) == ("6000.00", False)
    assert [p["date"] for p in section["payments_counted"]] == ["2020-11-20", "2021-05-01"]


def test_roll_payment_cell_errors_name_the_column_and_row(tmp_path: Path) -> None:
    """An unreadable payments cell is an error record naming the column and the row."""
    path = tmp_path / "roll.csv"
    path.write_text(ROLL_ZH.replace("2021/5/1 fire 500", "2021/5/1 fire"), encoding="utf-8")
    result = run("batch", path, "--rules", FIXTURE)
    [error] = json.loads(result.stdout)["errors"]
    assert error["loc"] == "近12个月临时救助"
    assert error["msg"].startswith("row 2: payment 2: expected DATE CAUSE AMOUNT")


def test_roll_payment_cell_reads_dates_and_chinese_causes() -> None:
    """The compact cell: entries split by ; or ；, dates in any roll form, causes in words."""
    assert payments("2021年3月5日 突发重大疾病 1140；2021-08-01  fire 760;") == [
        {"date": "2021-03-05", "cause": "sudden_illness", "amount": "1140"},
        {"date": "2021-08-01", "cause": "fire", "amount": "760"},
    ]
    with pytest.raises(ValueError, match="'March' is not a date"):
        payments("March fire 5")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_roll_rows_round_trip_the_examples(lang: str) -> None:
    """The temporary examples written as roll rows and read back give the same section."""
    households = [json.loads(p.read_bytes()) for p in sorted(EXAMPLES.glob("*.json"))]
    columns = roll_columns(households)
    layout = Layout.from_header(roll_header(columns, lang), 1)
    assessor = Assessor(Job(ON, layout=layout, rules=str(DEMO)))
    direct = Assessor(Job(ON, rules=str(DEMO)))
    for household in households:
        rows = roll_rows(household, columns, lang, repeat=False)
        numbered = tuple((2 + i, tuple(r)) for i, r in enumerate(rows))
        got = assessor.outcome(Record(2, numbered)).output
        want = direct.outcome(Record(1, copy.deepcopy(household))).output
        assert got["temporary_assistance"] == want["temporary_assistance"]


# ------------------------------------------------------------------ compare


def test_compare_counts_the_cost_of_raising_the_minimum(tmp_path: Path) -> None:
    """Raising the minimum to 2 × the standard under Yizhang's rules (no tiers): the fire
    (eligible) goes from 380 to 760 at the suggested amounts (the minimum where no tier),
    the third payment (refused) costs nothing; the maximum stays 2280."""
    households = [
        json.loads((EXAMPLES / name).read_bytes())
        for name in ("yizhang-house-fire.json", "yizhang-third-payment-same-cause.json")
    ]
    path = tmp_path / "roll.jsonl"
    path.write_text(
        "\n".join(json.dumps(h, ensure_ascii=False) for h in households) + "\n", encoding="utf-8"
    )
    result = run("compare", path, "--set", "temporary.amount.minimum=2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["temporary_assistance"] == {
        "households": 2,
        "eligible": {"before": 1, "after": 1},
        "to_verify": {"before": 0, "after": 0},
        "suggested_before": "380.00",
        "suggested_after": "760.00",
        "suggested_difference": "380.00",
        "maximum_before": "2280.00",
        "maximum_after": "2280.00",
        "maximum_difference": "0.00",
    }
    table = run("compare", path, "--set", "temporary.amount.minimum=2", "--lang", "en")
    assert "Temporary assistance (one-off, yuan)" in table.stdout


def test_compare_library_sums_tiers_under_a_proposal() -> None:
    """The library: under the fixture, raising the maximum to 8 × S lifts a top-tier case
    from 2280 to 3040, and the change rows carry both amounts."""
    household = parse_household(_household(loss="24000") | {"assessed_on": "2021-12-01"})
    base = RuleChooser(FIXTURE)
    changed = base.changed(None, ("temporary.amount.maximum=8",), None)
    summary = Summary()
    for change in compare_households([(1, household)], base, changed, None, ON):
        summary.add(change)
        assert (change.before_temporary.suggested, change.after_temporary.suggested) == (
            Decimal(2280),
            Decimal(3040),
        )
    assert summary.temporary.suggested == {"before": Decimal(2280), "after": Decimal(3040)}


def test_compare_without_hardships_has_no_temporary_section(tmp_path: Path) -> None:
    """A roll without hardships gives no temporary_assistance block."""
    data = _household()
    del data["hardship"]
    path = tmp_path / "roll.jsonl"
    path.write_text(json.dumps(data | {"assessed_on": "2021-12-01"}) + "\n", encoding="utf-8")
    result = run(
        "compare",
        path,
        "--base",
        FIXTURE,
        "--set",
        "temporary.amount.minimum=2",
        "--format",
        "json",
    )
    assert "temporary_assistance" not in json.loads(result.stdout)


def test_every_temporary_example_has_a_rule_test() -> None:
    """Each example household of examples/temporary/ is named by a case of its cases.yaml."""
    cases = (EXAMPLES / "cases.yaml").read_text(encoding="utf-8")
    missing = [p.name for p in EXAMPLES.glob("*.json") if f"household: {p.name}" not in cases]
    assert missing == []


def test_readme_temporary_output_is_current() -> None:
    """The temporary-assistance section shown in the README is what `check` prints today
    (width 100); MEANSTEST_UPDATE_GOLDEN=1 rewrites it."""
    result = CliRunner().invoke(
        cli,
        ["check", str(FIRE), "--lang", "en"],
        prog_name="meanstest",
        env={**_CLEAN_ENV, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"},
    )
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    first = lines.index("Temporary assistance (临时救助)")
    shown = "\n".join(lines[first : lines.index("", first)])
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split("<!-- temporary-output:start -->")
    block, tail = rest.split("<!-- temporary-output:end -->")
    want = f"\n```text\n{shown}\n```\n"
    if os.environ.get("MEANSTEST_UPDATE_GOLDEN"):
        readme.write_text(
            f"{head}<!-- temporary-output:start -->{want}<!-- temporary-output:end -->{tail}",
            encoding="utf-8",
        )
        block = want
    assert block == want, "README temporary output is stale: rerun with MEANSTEST_UPDATE_GOLDEN=1"


def test_temporary_labels_leave_other_messages_alone() -> None:
    """The temporary-assistance vocabulary translates only its own parameters: the asset
    test's ``types`` still read as the asset types they are."""
    from meanstest.render.labels import message

    assert message("not_tested", {"types": "other"}, "en") == "other: no test in the rules"
    assert message("temp_no_expense", {"expense_types": "medical, other"}, "en") == (
        "No essential expense that counts (medical costs, other essential costs)."
    )


def test_rules_new_copies_the_local_temporary_values_and_they_load(tmp_path: Path) -> None:
    """A new county's file started from the demonstration overlay copies the local
    temporary-assistance values (tiers and one-off amounts in their units), not the
    national ones, and loads with the same values."""
    from meanstest.ruleset.scaffold import new_rule_file

    base = load_rules(DEMO)
    text = new_rule_file("431021", base, "桂阳县", "Guiyang", dt.date(2021, 1, 1))
    assert "temporary.amount.tiers:" in text
    assert "temporary.reserve_fund.township:\n    unit: yuan\n" in text
    assert "temporary.emergency.fire:" not in text
    (tmp_path / f"{base.id}.yaml").write_bytes(DEMO.read_bytes())
    path = tmp_path / "431021.yaml"
    path.write_text(text, encoding="utf-8")
    copied = load_rules(path).at(ON).views.temporary
    original = base.at(ON).views.temporary
    assert copied is not None
    assert original is not None
    assert copied.tiers is not None
    assert original.tiers is not None
    assert copied.tiers.value == original.tiers.value
    assert copied.reserve_fund is not None
    assert copied.reserve_fund.value == Decimal(20000)


def test_example_roll_holds_the_four_examples() -> None:
    """examples/temporary/roll.jsonl is the four example households, one a line."""
    lines = (EXAMPLES / "roll.jsonl").read_text(encoding="utf-8").splitlines()
    files = [json.loads(p.read_bytes()) for p in sorted(EXAMPLES.glob("*.json"))]
    assert [json.loads(line) for line in lines] == files


def test_example_proposal_of_higher_multiples_costs_what_it_should() -> None:
    """The example roll under examples/proposals/temporary-multiples-rise.yaml (2 to 8
    times the standard), with Yizhang's rules (no tiers) as the base: the fire and the
    illness are eligible (380–2280 each, after 760–3040), the expenditure case is to
    verify (no income line), the third payment refused. Suggested (the minimum): 2 × 380
    = 760 → 2 × 760 = 1520; maximum: 2 × 2280 = 4560 → 2 × 3040 = 6080."""
    result = run(
        "compare",
        EXAMPLES / "roll.jsonl",
        "--proposal",
        ROOT / "examples" / "proposals" / "temporary-multiples-rise.yaml",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["temporary_assistance"] == {
        "households": 4,
        "eligible": {"before": 2, "after": 2},
        "to_verify": {"before": 1, "after": 1},
        "suggested_before": "760.00",
        "suggested_after": "1520.00",
        "suggested_difference": "760.00",
        "maximum_before": "4560.00",
        "maximum_after": "6080.00",
        "maximum_difference": "1520.00",
    }
