"""Tests of consistency checks (`checks:` in rule files): grammar, and rule sets breaking them.

The national file declares six checks; the fixtures in tests/fixtures/rules/checks/
each break one of them (or a check of their own parent) on a known date. Yizhang
(431022) gives the rural standard as 4560 yuan/year: sourced from 2021-01-01, carried
forward provisionally from 2022-01-01. The national 特困 multiple is 1.3 (GF2016-14,
provisional).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from meanstest.errors import RuleFileError
from meanstest.ruleset.checks import parse_check
from meanstest.ruleset.load import load_rules, overlay
from meanstest.ruleset.model import Label, RuleSet

CHECKS = Path(__file__).resolve().parent / "fixtures" / "rules" / "checks"
LABEL = Label("测试", "test")
NATIONAL_CHECKS = ("edge-above-standard", "urban-not-below-rural", "rural-not-below-floor",
                   "urban-not-below-floor", "tekun-basic-rural", "tekun-basic-urban")


def _load_error(rule: str | Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_rules(rule)
    return info.value


def _only_problem(exc: RuleFileError, check_id: str) -> str:
    """The message of the one problem, which must be about ``check_id``."""
    assert [p.loc for p in exc.problems] == [f"checks.{check_id}"], str(exc)
    return exc.problems[0].msg


# ------------------------------------------------------------------ grammar


@pytest.mark.parametrize("op", [">=", ">", "<=", "<", "=="])
def test_parse_check_each_operator(op: str) -> None:
    """Each of >=, >, <=, <, == splits the text into two sides and the operator."""
    [check] = parse_check(f"dibao.standard.urban {op} dibao.standard.rural", "c", LABEL, "f.yaml")
    assert not isinstance(check, str), check
    assert check.op == op
    assert check.left == ("dibao.standard.urban",)
    assert check.right == ("dibao.standard.rural",)
    assert check.keys == ("dibao.standard.urban", "dibao.standard.rural")
    assert (check.id, check.file) == ("c", "f.yaml")


def test_parse_check_spaces_optional() -> None:
    """No spaces around the operator still parse: 'dibao.edge_multiplier>1'."""
    [check] = parse_check("dibao.edge_multiplier>1", "c", LABEL, "f.yaml")
    assert not isinstance(check, str), check
    assert (check.left, check.op, check.right) == (("dibao.edge_multiplier",), ">",
                                                  (Decimal(1),))


def test_parse_check_products_with_numbers() -> None:
    """A side is a product of keys and numbers, numbers read exactly as Decimal."""
    [check] = parse_check(
        "12 * tekun.basic.monthly >= tekun.basic.multiple_of_dibao * dibao.standard.rural",
        "tekun", LABEL, "f.yaml")
    assert not isinstance(check, str), check
    assert check.left == (Decimal(12), "tekun.basic.monthly")
    assert check.right == ("tekun.basic.multiple_of_dibao", "dibao.standard.rural")
    assert check.keys == ("tekun.basic.monthly", "tekun.basic.multiple_of_dibao",
                          "dibao.standard.rural")


def test_parse_check_decimal_number() -> None:
    """A decimal factor such as 1.3 stays Decimal('1.3')."""
    [check] = parse_check("dibao.standard.urban >= 1.3 * dibao.standard.rural", "c", LABEL, "f")
    assert not isinstance(check, str), check
    assert check.right == (Decimal("1.3"), "dibao.standard.rural")


@pytest.mark.parametrize(("text", "word"), [
    ("dibao.standard.urban >= 1.3x * dibao.standard.rural", "1.3x"),
    ("dibao.standard.urban >= Dibao.standard.rural", "Dibao.standard.rural"),
    ("standard >= 1", "standard"),
    ("dibao.edge_multiplier > -1", "-1"),
    ("dibao.edge_multiplier + 1 > 2", "dibao.edge_multiplier + 1"),
    ("dibao.edge_multiplier * > 1", ""),
])
def test_parse_check_unknown_token_message(text: str, word: str) -> None:
    """A factor that is neither a key nor a number is named in the message."""
    result = parse_check(text, "c", LABEL, "f.yaml")
    assert result == f"'{word}' is neither a rule key nor a number"


@pytest.mark.parametrize("text", ["dibao.edge_multiplier", "dibao.edge_multiplier => 1",
                                  "dibao.edge_multiplier = 1", "1 < dibao.edge_multiplier < 2",
                                  ">= 1", "dibao.edge_multiplier >="])
def test_parse_check_not_a_comparison(text: str) -> None:
    """Text that is not one comparison gets the 'expected a comparison' message."""
    result = parse_check(text, "c", LABEL, "f.yaml")
    assert isinstance(result, str)
    assert result.startswith("expected a comparison")


# ------------------------------------------------------------------ evaluation in a rule file


def _file_with_check(tmp_path: Path, require: str) -> Path:
    path = tmp_path / "with-check.yaml"
    path.write_text(f"""schema: meanstest.rules/1
id: with-check
name: {{zh: 检查, en: Check}}
level: proposal
extends: "000000"
checks:
  - id: my-check
    description: {{zh: 检查, en: Check}}
    require: {require}
""", encoding="utf-8")
    return path


@pytest.mark.parametrize(("require", "holds"), [
    # the national edge multiplier is 1.5 (from 2021-07-01)
    ("dibao.edge_multiplier >= 1.5", True),
    ("dibao.edge_multiplier > 1.5", False),
    ("dibao.edge_multiplier <= 1.5", True),
    ("dibao.edge_multiplier < 1.5", False),
    ("dibao.edge_multiplier == 1.5", True),
    ("dibao.edge_multiplier == 1.50", True),
    ("dibao.edge_multiplier == 1.4", False),
    ("2 * dibao.edge_multiplier == 3", True),  # 2 × 1.5 = 3
    ("2 * dibao.edge_multiplier < 3", False),
])
def test_check_operators_evaluated_on_load(tmp_path: Path, require: str, holds: bool) -> None:
    """A file's own check is run on load with the operator's meaning (edge multiplier 1.5)."""
    path = _file_with_check(tmp_path, require)
    if holds:
        assert "my-check" in [c.id for c in load_rules(path).checks]
        return
    msg = _only_problem(_load_error(path), "my-check")
    assert "2021-07-01" in msg
    assert "dibao.edge_multiplier = 1.5" in msg


def test_check_same_key_twice_is_evaluated(tmp_path: Path) -> None:
    """A key used twice in a product is still checked: 1.5 × 1.5 = 2.25 is not > 3, so refused."""
    path = _file_with_check(tmp_path, "dibao.edge_multiplier * dibao.edge_multiplier > 3")
    msg = _only_problem(_load_error(path), "my-check")
    assert "2021-07-01" in msg
    assert "dibao.edge_multiplier = 1.5" in msg


def test_check_same_key_twice_holds(tmp_path: Path) -> None:
    """1.5 × 1.5 == 2.25 holds, so the file loads."""
    path = _file_with_check(tmp_path, "dibao.edge_multiplier * dibao.edge_multiplier == 2.25")
    assert "my-check" in [c.id for c in load_rules(path).checks]


# ------------------------------------------------------------------ the national checks


def test_checks_national_declared_in_order() -> None:
    """The national file declares the six checks, in file order, all from 000000-national.yaml."""
    rules = load_rules("000000")
    assert tuple(c.id for c in rules.checks) == NATIONAL_CHECKS
    assert {c.file for c in rules.checks} == {"000000-national.yaml"}


def test_checks_shipped_rule_sets_pass() -> None:
    """Every shipped rule set loads: none breaks an inherited check."""
    for rule_id in ("000000", "430000", "431000", "431022"):
        assert tuple(c.id for c in load_rules(rule_id).checks) == NATIONAL_CHECKS


def test_checks_edge_multiplier_one_refused() -> None:
    """Edge multiplier 1.0 from 2024-01-01 breaks `dibao.edge_multiplier > 1`, with its source."""
    path = CHECKS / "edge-multiplier-one.yaml"
    exc = _load_error(path)
    assert Path(str(exc.path)).name == "edge-multiplier-one.yaml"
    msg = _only_problem(exc, "edge-above-standard")
    assert "dibao.edge_multiplier > 1" in msg
    assert "2024-01-01" in msg  # 1.5 holds from 2021-07-01; the 1.0 starts 2024-01-01
    assert "dibao.edge_multiplier = 1.0" in msg
    assert "edge line equal to the standard" in msg  # the provisional note
    assert "edge-multiplier-one.yaml" in msg


def test_checks_urban_below_rural_refused() -> None:
    """Urban 370/month (4440 a year) below rural 4560/year: both values and sources named."""
    exc = _load_error(CHECKS / "urban-below-rural.yaml")
    msg = _only_problem(exc, "urban-not-below-rural")
    assert "2023-01-01" in msg  # the urban standard starts then; rural is in force
    assert "dibao.standard.urban = 370 yuan/month" in msg
    assert "宜章县城市低保标准测试通知" in msg
    assert "第二条" in msg
    assert "urban-below-rural.yaml" in msg
    assert "dibao.standard.rural = 4560 yuan/year" in msg
    assert "the 2021 figure carried forward" in msg  # the rural value's provisional note
    assert "431022-yizhang.yaml" in msg


def test_checks_urban_per_month_compared_per_year() -> None:
    """Urban 400/month = 4800 a year is not below rural 4560/year: the file loads."""
    rules = load_rules(CHECKS / "urban-monthly-ok.yaml")
    urban = rules.at(dt.date(2023, 1, 1))["dibao.standard.urban"]
    assert urban.value == 4800  # 400 × 12


def test_checks_county_below_floor_in_same_file_refused() -> None:
    """A floor of 400/month (4800 a year) declared in the file is above rural 4560: refused."""
    exc = _load_error(CHECKS / "county-below-floor.yaml")
    msg = _only_problem(exc, "rural-not-below-floor")
    assert "2024-01-01" in msg  # the floor starts then
    assert "dibao.standard.rural = 4560 yuan/year" in msg
    assert "431022-yizhang.yaml" in msg
    assert "dibao.floor.rural = 400 yuan/month" in msg
    assert "湖南省农村低保最低指导标准测试通知" in msg
    assert "第三条" in msg
    assert "county-below-floor.yaml" in msg


def test_checks_floor_below_standard_loads() -> None:
    """A floor of 4200/year under the 4560/year standard keeps the check: the file loads."""
    rules = load_rules(CHECKS / "floor-ok.yaml")
    assert rules.at(dt.date(2024, 1, 1)).value("dibao.floor.rural") == 4200


def test_checks_tekun_basic_below_multiple_refused() -> None:
    """特困 basic 480/month: 12 × 480 = 5760 < 1.3 × 4560 = 5928 → tekun-basic-rural fails."""
    exc = _load_error(CHECKS / "tekun-basic-below.yaml")
    msg = _only_problem(exc, "tekun-basic-rural")  # no urban standard: tekun-basic-urban silent
    assert "2024-01-01" in msg
    assert "tekun.basic = 480 yuan/month" in msg
    assert "tekun-basic-below.yaml" in msg
    assert "tekun.basic >= 1.3 * dibao.standard.rural" in msg
    assert "dibao.standard.rural = 4560 yuan/year" in msg
    assert "431022-yizhang.yaml" in msg


def test_checks_tekun_basic_at_multiple_loads() -> None:
    """特困 basic 494/month: 12 × 494 = 5928 = 1.3 × 4560, so >= holds and the file loads."""
    rules = load_rules(CHECKS / "tekun-basic-equal.yaml")
    assert rules.at(dt.date(2024, 1, 1)).value("tekun.basic") == 494 * 12  # kept as annual yuan


def test_checks_unknown_key_error_with_line() -> None:
    """A check naming an unknown key (dibao.floor.rurall) is an error at its `require` line 11."""
    exc = _load_error(CHECKS / "unknown-key-check.yaml")
    assert Path(str(exc.path)).name == "unknown-key-check.yaml"
    assert [(p.loc, p.line) for p in exc.problems] == [("checks.0.require", 11)]
    assert "dibao.floor.rurall" in exc.problems[0].msg
    assert "unknown-key-check.yaml" in str(exc)
    assert "line 11" in str(exc)


def test_checks_bad_token_error_with_line() -> None:
    """A check with a bad factor (1.3x) is an error at its `require` line 11, naming the factor."""
    exc = _load_error(CHECKS / "bad-token-check.yaml")
    assert [(p.loc, p.line) for p in exc.problems] == [("checks.0.require", 11)]
    assert exc.problems[0].msg == "'1.3x' is neither a rule key nor a number"


# ------------------------------------------------------------------ inheritance


def test_checks_inherited_by_child_files() -> None:
    """A child has its parent's checks after the national ones; the parent's own check is kept."""
    parent = load_rules(CHECKS / "checks-parent.yaml")
    assert tuple(c.id for c in parent.checks) == (*NATIONAL_CHECKS, "edge-at-most-two")
    assert parent.checks[-1].file == "checks-parent.yaml"


def test_checks_child_breaks_parent_check() -> None:
    """A child's 2.5 from 2024-01-01 breaks the parent's `dibao.edge_multiplier <= 2`."""
    exc = _load_error(CHECKS / "child-breaks-parent-check.yaml")
    assert Path(str(exc.path)).name == "child-breaks-parent-check.yaml"
    msg = _only_problem(exc, "edge-at-most-two")
    assert "2024-01-01" in msg
    assert "dibao.edge_multiplier = 2.5" in msg
    assert "child-breaks-parent-check.yaml" in msg


def test_checks_grandchild_breaks_national_check() -> None:
    """0.9 from 2025-01-01 two files below the national file still breaks edge-above-standard."""
    exc = _load_error(CHECKS / "child-breaks-national-check.yaml")
    msg = _only_problem(exc, "edge-above-standard")
    assert "2025-01-01" in msg
    assert "dibao.edge_multiplier = 0.9" in msg


def test_checks_every_fixture_is_used() -> None:
    """Every file in tests/fixtures/rules/checks is loaded by a test here."""
    used = {"edge-multiplier-one.yaml", "urban-below-rural.yaml", "urban-monthly-ok.yaml",
            "county-below-floor.yaml", "floor-ok.yaml", "tekun-basic-below.yaml",
            "tekun-basic-equal.yaml", "unknown-key-check.yaml", "bad-token-check.yaml",
            "checks-parent.yaml", "child-breaks-parent-check.yaml",
            "child-breaks-national-check.yaml"}
    assert {p.name for p in CHECKS.glob("*.yaml")} == used


# ------------------------------------------------------------------ proposals (--set)


def _overlay_error(base: RuleSet, settings: list[str], start: dt.date | None) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        overlay(base, settings, start)
    return info.value


def test_checks_overlay_edge_multiplier_one_refused() -> None:
    """--set dibao.edge_multiplier=1 from 2027-01-01 is refused by edge-above-standard."""
    exc = _overlay_error(load_rules("431022"), ["dibao.edge_multiplier=1"], dt.date(2027, 1, 1))
    msg = _only_problem(exc, "edge-above-standard")
    assert "2027-01-01" in msg
    assert "dibao.edge_multiplier = 1" in msg
    assert "set on the command line: dibao.edge_multiplier=1" in msg


def test_checks_overlay_without_date_refused() -> None:
    """--set dibao.edge_multiplier=0.8 with no --from (every date) is refused too."""
    exc = _overlay_error(load_rules("431022"), ["dibao.edge_multiplier=0.8"], None)
    msg = _only_problem(exc, "edge-above-standard")
    assert "dibao.edge_multiplier = 0.8" in msg


def test_checks_overlay_standard_below_inherited_floor_refused() -> None:
    """With a floor of 4200/year, --set rural 340/month (4080 a year) from 2027 is refused."""
    base = load_rules(CHECKS / "floor-ok.yaml")
    exc = _overlay_error(base, ["dibao.standard.rural=340/month"], dt.date(2027, 1, 1))
    msg = _only_problem(exc, "rural-not-below-floor")
    assert "2027-01-01" in msg
    assert "dibao.standard.rural = 340 yuan/month" in msg
    assert "dibao.floor.rural = 4200 yuan/year" in msg
    assert "floor-ok.yaml" in msg


def test_checks_overlay_standard_above_inherited_floor_accepted() -> None:
    """With a floor of 4200/year, --set rural 360/month (4320 a year) is accepted."""
    base = load_rules(CHECKS / "floor-ok.yaml")
    changed = overlay(base, ["dibao.standard.rural=360/month"], dt.date(2027, 1, 1))
    assert changed.at(dt.date(2027, 1, 1)).value("dibao.standard.rural") == 4320  # 360 × 12


def test_checks_overlay_new_floor_above_standard_refused() -> None:
    """--set dibao.floor.rural=400/month (4800 a year) on 431022 is above rural 4560: refused."""
    exc = _overlay_error(load_rules("431022"), ["dibao.floor.rural=400/month"],
                         dt.date(2027, 1, 1))
    msg = _only_problem(exc, "rural-not-below-floor")
    assert "dibao.floor.rural = 400 yuan/month" in msg
    assert "dibao.standard.rural = 4560 yuan/year" in msg


def test_checks_overlay_keeps_checks() -> None:
    """A rule set changed by --set carries the same checks as its base."""
    base = load_rules("431022")
    changed = overlay(base, ["dibao.standard.rural=420/month"], dt.date(2027, 1, 1))
    assert changed.checks == base.checks
