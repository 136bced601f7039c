"""Issue 15, points 7 and 9: the stamp on every result, and the small things found at the desk.

- a lower-case x check digit is read as X;
- an ID number whose birth date disagrees with birth_date or age is said, the same way for
  both (a warning; the declared date or age is used);
- a sentence comparing two figures writes them precisely enough to be true;
- `batch --format xlsx` refuses to write a workbook to a terminal;
- the JSON Schemas describe every field in Chinese and English;
- JSON records, CSV and XLSX rows carry the rule set, digest, date and meanstest version.

The worked example is examples/yizhang-widow-diabetes.json (Yizhang 2021 rural standard
4560 yuan/year = 380.00/month; 3 members; counted income 570.00; benefit 570.00).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, RULES
from openpyxl import load_workbook
from test_cli_env import FakeEnvironment, run

from meanstest import __version__
from meanstest.engine import assess
from meanstest.model.contract import validate_assessment
from meanstest.model.household import parse_household
from meanstest.render.figures import precise, truthful
from meanstest.render.json import to_json
from meanstest.render.labels import message
from meanstest.ruleset.load import load_rules

WIDOW = EXAMPLES / "yizhang-widow-diabetes.json"
YIZHANG = load_rules(RULES / "431022-yizhang.yaml")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_number(first17: str) -> str:
    """GB 11643: Σ digit × weight mod 11 picks the check character from 10X98765432."""
    return (
        first17
        + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]
    )


def _widow() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(WIDOW.read_text(encoding="utf-8"))
    return data


def _assess(data: dict[str, Any]) -> Any:
    household = parse_household(data)
    return assess(household, YIZHANG.at(household.assessed_on))  # type: ignore[arg-type]


# ------------------------------------------------------------------ 9: ID numbers


def test_id_number_check_digit_helper_is_hand_checked() -> None:
    """431022 19850302 012: products 28 27 10 0 16 8 2 9 48 15 0 27 0 10 0 4 4 = 208;
    208 mod 11 = 10 -> '2'. The helper agrees with the hand sum."""
    assert _id_number("43102219850302012") == "431022198503020122"


def test_lower_case_x_is_accepted_and_written_as_x() -> None:
    """An ID number typed with a lower-case x check digit is valid and kept as X."""
    data = _widow()
    # 431022 19850302 123: the sum is 222, 222 mod 11 = 2 -> 'X' (tests/test_household.py).
    data["members"][0]["id_number"] = "43102219850302123x"
    a = _assess(data)
    assert a.members[0].id_number == "43102219850302123X"
    assert to_json(a, "en", show_personal_data=True)["members"][0]["id_number"] == (
        "43102219850302123X"
    )
    assert not [w for w in a.warnings if w.code.startswith("id_number")]


def test_id_number_birth_date_mismatch_is_a_warning_not_an_error() -> None:
    """p1 is declared born 1985-03-02, her ID number says 1985-03-03: the household is
    assessed on the declared date (570.00 as before) and the result warns, in both
    languages, in JSON and in the table. The ID number's date shows only with personal
    data shown (issue 15 review: masked, it would give back the hidden digits)."""
    data = _widow()
    data["members"][0]["id_number"] = _id_number("43102219850303012")
    a = _assess(data)
    assert a.benefit_monthly == Decimal("570.00")
    (w,) = [w for w in a.warnings if w.code == "id_number_birth_date"]
    assert (w.key, w.source) == (None, None)
    record = to_json(a, "en", show_personal_data=True)
    validate_assessment(record)
    first = record["warnings"][0]
    assert first["code"] == "id_number_birth_date"
    assert "1985-03-03" in first["message"]
    assert "1985-03-02" in first["message"]
    zh = to_json(a, "zh", show_personal_data=True)["warnings"][0]["message"]
    assert "身份证号中的出生日期为 1985-03-03" in zh
    assert "1985-03-02" in zh


def test_id_number_age_mismatch_is_the_same_warning() -> None:
    """p2 is declared aged 13 with an ID number born 2009-06-11: on 2021-12-01 that is 12
    (2021 - 2009, the birthday passed in June), so the result warns; declared 12, it
    does not. The declared age is used either way."""
    data = _widow()
    child = data["members"][1]
    del child["birth_date"]
    child["id_number"] = _id_number("43102220090611002")
    child["age"] = 13
    a = _assess(data)
    (w,) = [w for w in a.warnings if w.code.startswith("id_number")]
    assert w.code == "id_number_age"
    assert (w.params["id_age"], w.params["age"]) == (12, 13)
    assert a.members[1].age == 13
    assert "aged 12 on the assessment date, not the declared age 13" in message(
        w.code, w.params, "en"
    )
    child["age"] = 12
    assert not [w for w in _assess(data).warnings if w.code.startswith("id_number")]


def test_id_number_mismatch_shows_in_the_table_under_to_check(tmp_path: Path) -> None:
    """The terminal table lists the data warning under 需核实 (To check)."""
    data = _widow()
    data["members"][0]["id_number"] = _id_number("43102219850303012")
    path = tmp_path / "h.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(FakeEnvironment(lang="zh"), "check", path, "--lang", "zh")
    assert result.exit_code == 0, result.output
    env = FakeEnvironment()
    result = run(env, "check", path)
    assert result.exit_code == 0, result.output
    text = re.sub(r"\s+", " ", env.out)
    assert (
        "To check • Member p1: the birth date in the ID number disagrees with the "
        "declared 1985-03-02" in text
    )
    assert "1985-03-03" not in text


# ------------------------------------------------------------- 9: precise figures


def _alone(annual_income: str, size: int = 1) -> dict[str, Any]:
    members = [{"id": "p1", "relation": "applicant", "age": 50}]
    members += [{"id": f"p{n}", "relation": "child", "age": 10} for n in range(2, size + 1)]
    return {
        "id": "EDGE",
        "region": "431022",
        "area": "rural",
        "assessed_on": "2021-12-01",
        "members": members,
        "incomes": [
            {"member": "p1", "type": "casual_labour", "amount": annual_income, "per": "year"}
        ],
    }


def test_per_capita_just_below_the_standard_is_written_exactly() -> None:
    """4559.94 a year is 379.995 a month (4559.94 / 12), below the 380.00 standard; to the
    fen both are 380.00, so the sentence writes 379.995. The gap 0.005 rounds half up to
    0.01, and the formula and rounding lines say 0.005."""
    a = _assess(_alone("4559.94"))
    assert a.income.per_capita_monthly == Decimal("379.995")
    record = to_json(a, "en")
    assert record["reasons"][0]["message"] == (
        "Per-capita counted income ¥379.995/month is below the dibao standard ¥380.00/month."
    )
    assert "379.995" in to_json(a, "zh")["reasons"][0]["message"]
    assert record["benefit"]["formula"].endswith("380.00 × 1 − 379.995 = 0.005")
    assert record["benefit_monthly"] == "0.01"


def test_per_capita_with_many_places_is_cut_with_an_ellipsis() -> None:
    """13679.88 a year for 3 people: 1139.99 a month, 379.99666… each, below 380.00 but
    380.00 to the fen: written 379.99… (cut, not rounded up)."""
    a = _assess(_alone("13679.88", size=3))
    message_en = to_json(a, "en")["reasons"][0]["message"]
    assert message_en == (
        "Per-capita counted income ¥379.99…/month is below the dibao standard ¥380.00/month."
    )


def test_fen_figures_that_tell_the_truth_are_left_alone() -> None:
    """4559.93 a year is 379.994166… a month: 379.99 to the fen, below 380.00 as the exact
    figure is, so nothing changes."""
    a = _assess(_alone("4559.93"))
    assert to_json(a, "en")["reasons"][0]["message"].startswith(
        "Per-capita counted income ¥379.99/month is below"
    )


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("380", "380.00"),
        ("379.995", "379.995"),
        ("0.000125", "0.000125"),
        ("379.9966666666", "379.99…"),
        ("380.0033333333", "380.00…"),
    ],
)
def test_precise_writes_an_amount_exactly_or_cut_to_the_fen(amount: str, shown: str) -> None:
    """Exact to the fen: two places; up to six places: exactly; more: cut, with …"""
    assert precise(Decimal(amount)) == shown


def test_truthful_changes_only_pairs_the_fen_would_misorder() -> None:
    """A margin that rounds to 0.00 is written exactly; a fair pair is left alone."""
    assert truthful("margin_below", {"amount": Decimal("0.004")}) == {"amount": "0.004"}
    assert truthful("margin_below", {"amount": Decimal("0.015")}) == {}
    assert (
        truthful("below_standard", {"per_capita": Decimal("190"), "standard": Decimal("380")}) == {}
    )


# ---------------------------------------------------------- 9: xlsx to a terminal


def test_batch_xlsx_to_a_terminal_is_a_usage_error() -> None:
    """`batch --format xlsx` without -o on a terminal: exit 2 and nothing written; to a
    pipe or a file it is written as before."""
    env = FakeEnvironment(stdin=(EXAMPLES / "batch" / "caseroll.jsonl").read_bytes())
    env.stdout_isatty = True
    result = run(env, "batch", "-", "--format", "xlsx", "-q")
    assert result.exit_code == 2
    assert "binary workbook" in result.output
    assert env.out_bytes.getvalue() == b""
    piped = FakeEnvironment(stdin=(EXAMPLES / "batch" / "caseroll.jsonl").read_bytes())
    assert run(piped, "batch", "-", "--format", "xlsx", "-q").exit_code == 0
    assert piped.out_bytes.getvalue().startswith(b"PK")


# ------------------------------------------------------------- 9: schema descriptions


def _schema(which: str) -> dict[str, Any]:
    result = CliRunner().invoke(
        __import__("meanstest.cli", fromlist=["cli"]).cli, ["schema", which]
    )
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _schema_choices() -> list[str]:
    from meanstest.cli.schema import schema

    which = schema.params[0]
    return list(which.type.choices)  # type: ignore[attr-defined]


@pytest.mark.parametrize("which", _schema_choices())
def test_schema_describes_every_field_in_chinese_and_english(which: str) -> None:
    """Every property of every definition has a description "中文 / English" and an
    x-description with both, from model/descriptions.py."""
    document = _schema(which)
    parts = [(document.get("title", ""), document), *document.get("$defs", {}).items()]
    missing = []
    for name, part in parts:
        for field, schema in part.get("properties", {}).items():
            both = schema.get("x-description", {})
            if not (
                _CJK.search(both.get("zh", ""))
                and re.search("[a-z]", both.get("en", ""))
                and schema.get("description") == f"{both['zh']} / {both['en']}"
            ):
                missing.append(f"{name}.{field}")
    assert not missing, f"fields without a Chinese and English description: {missing}"


def test_schema_descriptions_name_the_field_where_it_differs() -> None:
    """A name that means something else in one definition gets its own description."""
    household = _schema("household")
    member = household["$defs"]["Member"]["properties"]
    assert member["status"]["x-description"]["en"].startswith("resident, or excluded")
    assert household["properties"]["id"]["x-description"]["zh"].startswith("户编号")
    assert member["id_number"]["x-description"]["en"].endswith("(a lower-case x is read as X)")


# ------------------------------------------------------------------- 7: the stamp


def test_json_record_carries_the_meanstest_version_and_rules() -> None:
    """check --format json: rules {id, name, as_of, digest} and meanstest_version."""
    env = FakeEnvironment(stdin=WIDOW.read_bytes())
    assert run(env, "check", "-", "--format", "json").exit_code == 0
    record = json.loads(env.out)
    validate_assessment(record)
    assert record["meanstest_version"] == __version__
    assert record["rules"]["id"] == "431022"
    assert record["rules"]["as_of"] == "2021-12-01"
    assert record["rules"]["digest"] == YIZHANG.at(__import__("datetime").date(2021, 12, 1)).digest


def test_csv_and_xlsx_rows_carry_the_stamp(tmp_path: Path) -> None:
    """Each summary row ends with rules_id, rules_digest, assessed_on, meanstest_version
    (Chinese headers 规则集, 规则摘要, 核算日期, meanstest版本); an error row has the
    version and no rules."""
    roll = tmp_path / "roll.jsonl"
    widow = _widow()
    broken = copy.deepcopy(widow)
    broken["id"] = "BAD"
    broken["members"][0]["birth_date"] = "1985-02-30"
    roll.write_text(
        "\n".join(json.dumps(h, ensure_ascii=False) for h in (widow, broken)) + "\n",
        encoding="utf-8",
    )
    digest = YIZHANG.at(__import__("datetime").date(2021, 12, 1)).digest
    env = FakeEnvironment()
    result = run(env, "batch", roll, "--format", "csv", "-q")
    assert result.exit_code == 3
    rows = list(csv.DictReader(io.StringIO(env.out)))
    assert (
        rows[0]["rules_id"],
        rows[0]["rules_digest"],
        rows[0]["assessed_on"],
        rows[0]["meanstest_version"],
    ) == ("431022", digest, "2021-12-01", __version__)
    assert (rows[1]["status"], rows[1]["rules_id"], rows[1]["meanstest_version"]) == (
        "error",
        "",
        __version__,
    )
    book_path = tmp_path / "out.xlsx"
    assert (
        run(
            FakeEnvironment(lang="zh"), "batch", roll, "-o", book_path, "-q", "--lang", "zh"
        ).exit_code
        == 3
    )
    sheet = load_workbook(book_path).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][-4:] == ("规则集", "规则摘要", "核算日期", "meanstest版本")
    assert values[1][-4:] == ("431022", digest, "2021-12-01", __version__)
