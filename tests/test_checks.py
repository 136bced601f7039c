"""Tests of consistency checks (`checks:` in rule files): grammar, and rule sets breaking them.

The national file declares four checks, Hunan's five more (特困 basic at least 1.3 × the
dibao standard, per area, and the three care floors); the fixtures in
tests/fixtures/rules/checks/ each break one of them (or a check of their own parent) on
a known date. Yizhang (431022) gives the rural standard as 4560 yuan/year: sourced from
2021-01-01, carried forward provisionally from 2022-01-01. Hunan's rural minimum
(provisional, secondary sources) is 4300 yuan/year from 2021-01-01, 5000 yuan/year from
2023-01-01 and 485 yuan/month (5820 a year) from 2025-01-01; its urban minimum is 650
yuan/month from 2023-01-01. The national 特困 multiple is 1.3 (GF2016-14, provisional).

A failed check whose checked values (its left side) are all sourced is an error; with a
provisional one the rule set loads and keeps a `Breach` for the dates it lasts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from meanstest.errors import Invalid, RuleFileError
from meanstest.ruleset.checks import parse_check
from meanstest.ruleset.load import load_rules, overlay
from meanstest.ruleset.model import Label, RuleSet

CHECKS = Path(__file__).resolve().parent / "fixtures" / "rules" / "checks"
LABEL = Label("测试", "test")
NATIONAL_CHECKS = (
    "edge-above-standard",
    "urban-not-below-rural",
    "rural-not-below-floor",
    "urban-not-below-floor",
)
HUNAN_CHECKS = (
    "tekun-basic-rural",
    "tekun-basic-urban",
    # the same floor for 特困 basic standards by area and support mode
    *(
        f"tekun-basic-{place}-{area}"
        for place in (
            "by-area",
            "institutional",
            "at-home",
            "by-area-institutional",
            "by-area-at-home",
        )
        for area in ("rural", "urban")
    ),
    "tekun-care-full-self-care",
    "tekun-care-partial",
    "tekun-care-full-loss",
)


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
    assert not isinstance(check, Invalid), check
    assert check.op == op
    assert check.left == ("dibao.standard.urban",)
    assert check.right == ("dibao.standard.rural",)
    assert check.keys == ("dibao.standard.urban", "dibao.standard.rural")
    assert (check.id, check.file) == ("c", "f.yaml")


def test_parse_check_spaces_optional() -> None:
    """No spaces around the operator still parse: 'dibao.edge_multiplier>1'."""
    [check] = parse_check("dibao.edge_multiplier>1", "c", LABEL, "f.yaml")
    assert not isinstance(check, str), check
    assert (check.left, check.op, check.right) == (("dibao.edge_multiplier",), ">", (Decimal(1),))


def test_parse_check_products_with_numbers() -> None:
    """A side is a product of keys and numbers, numbers read exactly as Decimal."""
    [check] = parse_check(
        "12 * tekun.basic.monthly >= tekun.basic.multiple_of_dibao * dibao.standard.rural",
        "tekun",
        LABEL,
        "f.yaml",
    )
    assert not isinstance(check, str), check
    assert check.left == (Decimal(12), "tekun.basic.monthly")
    assert check.right == ("tekun.basic.multiple_of_dibao", "dibao.standard.rural")
    assert check.keys == (
        "tekun.basic.monthly",
        "tekun.basic.multiple_of_dibao",
        "dibao.standard.rural",
    )


def test_parse_check_decimal_number() -> None:
    """A decimal factor such as 1.3 stays Decimal('1.3')."""
    [check] = parse_check("dibao.standard.urban >= 1.3 * dibao.standard.rural", "c", LABEL, "f")
    assert not isinstance(check, str), check
    assert check.right == (Decimal("1.3"), "dibao.standard.rural")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("dibao.standard.urban >= 1.3x * dibao.standard.rural", "1.3x"),
        ("dibao.standard.urban >= Dibao.standard.rural", "Dibao.standard.rural"),
        ("standard >= 1", "standard"),
        ("dibao.edge_multiplier > -1", "-1"),
        ("dibao.edge_multiplier + 1 > 2", "dibao.edge_multiplier + 1"),
        ("dibao.edge_multiplier * > 1", ""),
    ],
)
def test_parse_check_unknown_token_message(text: str, word: str) -> None:
    """A factor that is neither a key nor a number is named in the message."""
    result = parse_check(text, "c", LABEL, "f.yaml")
    assert str(result) == f"'{word}' is neither a rule key nor a number"


@pytest.mark.parametrize(
    "text",
    [
        "dibao.edge_multiplier",
        "dibao.edge_multiplier => 1",
        "dibao.edge_multiplier = 1",
        "1 < dibao.edge_multiplier < 2",
        ">= 1",
        "dibao.edge_multiplier >=",
    ],
)
def test_parse_check_not_a_comparison(text: str) -> None:
    """Text that is not one comparison gets the 'expected a comparison' message."""
    result = parse_check(text, "c", LABEL, "f.yaml")
    assert isinstance(result, Invalid)
    assert str(result).startswith("expected a comparison")


# ------------------------------------------------------------------ evaluation in a rule file


def _file_with_check(tmp_path: Path, require: str) -> Path:
    path = tmp_path / "with-check.yaml"
    path.write_text(
        f"""schema: meanstest.rules/1
id: with-check
name: {{zh: 检查, en: Check}}
level: proposal
extends: "000000"
checks:
  - id: my-check
    description: {{zh: 检查, en: Check}}
    require: {require}
""",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("require", "holds"),
    [
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
    ],
)
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
    """The national file declares the four checks, in file order, all from 000000-national.yaml."""
    rules = load_rules("000000")
    assert tuple(c.id for c in rules.checks) == NATIONAL_CHECKS
    assert {c.file for c in rules.checks} == {"000000-national.yaml"}
    assert rules.breaches == ()


def test_checks_hunan_declared_with_source_and_start() -> None:
    """Hunan adds its 特困 floors after the national checks, each citing its secondary
    source and in force from its date (1.3× from 2020-11-01, care from 2017-03-01)."""
    rules = load_rules("430000")
    assert tuple(c.id for c in rules.checks) == (*NATIONAL_CHECKS, *HUNAN_CHECKS)
    hunan = {c.id: c for c in rules.checks[len(NATIONAL_CHECKS) :]}
    assert {c.file for c in hunan.values()} == {"430000-hunan.yaml"}
    assert hunan["tekun-basic-rural"].start == dt.date(2020, 11, 1)
    assert hunan["tekun-basic-rural"].source is not None
    assert hunan["tekun-basic-rural"].source.id == "hunan-2020-34-report"
    assert hunan["tekun-basic-rural"].source.kind == "secondary"
    assert hunan["tekun-basic-rural"].source.provisional is True
    assert hunan["tekun-care-partial"].start == dt.date(2017, 3, 1)
    assert hunan["tekun-care-partial"].right == (Fraction(1, 6), "minimum_wage.previous_year")


def test_checks_shipped_rule_sets_load() -> None:
    """Every shipped rule set loads; only Yizhang's carried-forward rural standard breaks a
    check, and only as a breach: 4560 a year is below 2023's 5000 (until 2025-01-01) and
    2025's 485 a month = 5820 a year (open-ended)."""
    for rule_id in ("000000", "430000", "431000"):
        assert load_rules(rule_id).breaches == ()
    yizhang = load_rules("431022")
    assert tuple(c.id for c in yizhang.checks) == (*NATIONAL_CHECKS, *HUNAN_CHECKS)
    assert [
        (b.check, b.keys, b.value, b.limit, b.since, b.start, b.end, b.level)
        for b in yizhang.breaches
    ] == [
        (
            "rural-not-below-floor",
            ("dibao.standard.rural",),
            "4560 yuan/year",
            "5000 yuan/year",
            dt.date(2023, 1, 1),
            dt.date(2023, 1, 1),
            dt.date(2025, 1, 1),
            "province",
        ),
        (
            "rural-not-below-floor",
            ("dibao.standard.rural",),
            "4560 yuan/year",
            "485 yuan/month (= 5820 yuan/year)",
            dt.date(2025, 1, 1),
            dt.date(2025, 1, 1),
            None,
            "province",
        ),
    ]
    assert [b.source.id for b in yizhang.breaches if b.source] == [
        "hunan-minimum-2023-report",
        "hunan-minimum-2025-report",
    ]


@pytest.mark.parametrize(
    ("on", "limits"),
    [
        (dt.date(2021, 12, 1), []),  # 4560 (sourced) ≥ 4300
        (dt.date(2022, 12, 31), []),  # 4560 (provisional) ≥ 4300
        (dt.date(2023, 1, 1), ["5000 yuan/year"]),
        (dt.date(2024, 12, 31), ["5000 yuan/year"]),
        (dt.date(2025, 1, 1), ["485 yuan/month (= 5820 yuan/year)"]),
        (dt.date(2030, 6, 1), ["485 yuan/month (= 5820 yuan/year)"]),
    ],
)
def test_checks_breach_on_the_value_in_force(on: dt.date, limits: list[str]) -> None:
    """The rural standard in force carries the breaches of its date, and no other value does."""
    params = load_rules("431022").at(on).params
    assert [b.limit for b in params["dibao.standard.rural"].breaches] == limits
    assert [k for k, p in params.items() if p.breaches and k != "dibao.standard.rural"] == []


def test_checks_sourced_county_standard_below_minimum_refused() -> None:
    """A sourced 4800 a year from 2023-01-01 is below Hunan's 5000: an error naming both."""
    exc = _load_error(CHECKS / "sourced-standard-below-minimum.yaml")
    msg = _only_problem(exc, "rural-not-below-floor")
    assert "does not hold on 2023-01-01" in msg
    assert "dibao.standard.rural = 4800 yuan/year" in msg
    assert "宜章县农村低保标准测试通知 宜民发〔2023〕9号 第一条" in msg
    assert "dibao.floor.rural = 5000 yuan/year" in msg
    assert "县级民政部门问答（2023-09-04）" in msg
    assert "430000-hunan.yaml" in msg


def test_checks_edge_multiplier_one_provisional_is_a_breach() -> None:
    """A provisional edge multiplier 1.0 from 2024-01-01 fails `dibao.edge_multiplier > 1`:
    the file loads, with a breach from 2024-01-01 on (1.5 holds before)."""
    rules = load_rules(CHECKS / "edge-multiplier-one.yaml")
    assert [
        (b.check, b.op, b.keys, b.value, b.limit, b.start, b.end, b.source) for b in rules.breaches
    ] == [
        (
            "edge-above-standard",
            ">",
            ("dibao.edge_multiplier",),
            "1.0",
            "1",
            dt.date(2024, 1, 1),
            None,
            None,
        )
    ]  # the limit is a number in the check: no source
    assert rules.at(dt.date(2023, 12, 31))["dibao.edge_multiplier"].breaches == ()


def test_checks_urban_below_rural_refused() -> None:
    """Urban 370/month (4440 a year) below rural 4560/year: both values and sources named.

    The sourced 370 is below Hunan's urban minimum of 650 a month too: a second error.
    Only the checked (left) side decides: the rural 4560 it is compared with is
    provisional, and the failure is still an error.
    """
    exc = _load_error(CHECKS / "urban-below-rural.yaml")
    assert [p.loc for p in exc.problems] == [
        "checks.urban-not-below-rural",
        "checks.urban-not-below-floor",
    ]
    msg = exc.problems[0].msg
    assert "2023-01-01" in msg  # the urban standard starts then; rural is in force
    assert "dibao.standard.urban = 370 yuan/month" in msg
    assert "宜章县城市低保标准测试通知" in msg
    assert "第二条" in msg
    assert "urban-below-rural.yaml" in msg
    assert "dibao.standard.rural = 4560 yuan/year" in msg
    assert "the 2021 figure carried forward" in msg  # the rural value's provisional note
    assert "431022-yizhang.yaml" in msg


def test_checks_urban_per_month_compared_per_year() -> None:
    """Urban 400/month = 4800 a year is not below rural 4560/year: the file loads.

    (Its provisional 400 is below Hunan's urban minimum, 650 a month from 2023-01-01 and
    740 from 2025-01-01: breaches, not errors.)
    """
    rules = load_rules(CHECKS / "urban-monthly-ok.yaml")
    urban = rules.at(dt.date(2023, 1, 1))["dibao.standard.urban"]
    assert urban.value == 4800  # 400 × 12
    assert [b.check for b in urban.breaches] == ["urban-not-below-floor"]
    assert {b.check for b in rules.breaches} == {"urban-not-below-floor", "rural-not-below-floor"}


def test_checks_provisional_standard_below_a_sourced_floor_is_a_breach() -> None:
    """A sourced floor of 400/month (4800 a year) from 2024-01-01 is above Yizhang's
    provisional 4560: the set loads, with the breach naming the floor and its source.

    The file's floor replaces Hunan's from 2024-01-01, so 2023's 5000 still applies for
    2023 (a breach of its own), and 2025's 485 a month is gone.
    """
    rules = load_rules(CHECKS / "county-below-floor.yaml")
    assert [(b.value, b.limit, b.start, b.end) for b in rules.breaches] == [
        ("4560 yuan/year", "5000 yuan/year", dt.date(2023, 1, 1), dt.date(2024, 1, 1)),
        ("4560 yuan/year", "400 yuan/month (= 4800 yuan/year)", dt.date(2024, 1, 1), None),
    ]
    source = rules.breaches[1].source
    assert source is not None
    assert (source.title, source.number, source.article, source.kind) == (
        "湖南省农村低保最低指导标准测试通知",
        "湘民发〔2024〕1号",
        "第三条",
        "official",
    )
    assert rules.breaches[1].level == "proposal"  # the level of the file the floor is in


def test_checks_floor_below_standard_loads() -> None:
    """A floor of 4200/year under the 4560/year standard keeps the check: the file loads."""
    rules = load_rules(CHECKS / "floor-ok.yaml")
    assert rules.at(dt.date(2024, 1, 1)).value("dibao.floor.rural") == 4200


def test_checks_tekun_basic_below_multiple_refused() -> None:
    """Sourced 特困 basic 480/month: 12 × 480 = 5760 < 1.3 × 4560 = 5928 → Hunan's
    tekun-basic-rural fails, an error."""
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
    """A file has its parent's checks after the national ones; its own check is kept."""
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
    used = {
        "edge-multiplier-one.yaml",
        "urban-below-rural.yaml",
        "urban-monthly-ok.yaml",
        "county-below-floor.yaml",
        "floor-ok.yaml",
        "tekun-basic-below.yaml",
        "tekun-basic-equal.yaml",
        "unknown-key-check.yaml",
        "bad-token-check.yaml",
        "checks-parent.yaml",
        "child-breaks-parent-check.yaml",
        "child-breaks-national-check.yaml",
    }
    used |= {"sourced-standard-below-minimum.yaml", "care-below-share.yaml", "care-at-share.yaml"}
    assert {p.name for p in CHECKS.glob("*.yaml")} == used


# ------------------------------------------------------------------ proposals (--set)


def _breaches(rules: RuleSet, check: str) -> list[tuple[str, str, dt.date, dt.date | None]]:
    return [(b.value, b.limit, b.start, b.end) for b in rules.breaches if b.check == check]


def test_checks_overlay_edge_multiplier_one_is_a_breach() -> None:
    """--set dibao.edge_multiplier=1 from 2027-01-01 is provisional: a breach of
    edge-above-standard from 2027-01-01, not an error."""
    changed = overlay(load_rules("431022"), ["dibao.edge_multiplier=1"], dt.date(2027, 1, 1))
    assert _breaches(changed, "edge-above-standard") == [("1", "1", dt.date(2027, 1, 1), None)]


def test_checks_overlay_without_date_is_a_breach_on_every_date() -> None:
    """--set dibao.edge_multiplier=0.8 with no --from (every date) fails from the first date."""
    changed = overlay(load_rules("431022"), ["dibao.edge_multiplier=0.8"], None)
    [breach] = [b for b in changed.breaches if b.check == "edge-above-standard"]
    assert (breach.value, breach.start, breach.end) == ("0.8", dt.date.min, None)


def test_checks_overlay_standard_below_inherited_floor_is_a_breach() -> None:
    """With a floor of 4200/year, --set rural 340/month (4080 a year) from 2027 breaks
    rural-not-below-floor from 2027-01-01 on (a breach: --set values are provisional)."""
    base = load_rules(CHECKS / "floor-ok.yaml")
    changed = overlay(base, ["dibao.standard.rural=340/month"], dt.date(2027, 1, 1))
    assert _breaches(changed, "rural-not-below-floor")[-1] == (
        "340 yuan/month (= 4080 yuan/year)",
        "4200 yuan/year",
        dt.date(2027, 1, 1),
        None,
    )


def test_checks_overlay_standard_above_inherited_floor_accepted() -> None:
    """With a floor of 4200/year, --set rural 360/month (4320 a year) is accepted."""
    base = load_rules(CHECKS / "floor-ok.yaml")
    changed = overlay(base, ["dibao.standard.rural=360/month"], dt.date(2027, 1, 1))
    assert changed.at(dt.date(2027, 1, 1)).value("dibao.standard.rural") == 4320  # 360 × 12


def test_checks_overlay_new_floor_above_standard_is_a_breach() -> None:
    """--set dibao.floor.rural=400/month (4800 a year) from 2027 on 431022 is above the
    provisional rural 4560: a breach from 2027-01-01 (2025's 5820 a year before it)."""
    changed = overlay(load_rules("431022"), ["dibao.floor.rural=400/month"], dt.date(2027, 1, 1))
    assert _breaches(changed, "rural-not-below-floor")[-2:] == [
        (
            "4560 yuan/year",
            "485 yuan/month (= 5820 yuan/year)",
            dt.date(2025, 1, 1),
            dt.date(2027, 1, 1),
        ),
        ("4560 yuan/year", "400 yuan/month (= 4800 yuan/year)", dt.date(2027, 1, 1), None),
    ]


def test_checks_overlay_keeps_checks() -> None:
    """A rule set changed by --set carries the same checks as its base."""
    base = load_rules("431022")
    changed = overlay(base, ["dibao.standard.rural=420/month"], dt.date(2027, 1, 1))
    assert changed.checks == base.checks


# ------------------------------------------------------------------ Hunan's 特困 care floors


def test_checks_care_sourced_below_its_share_refused() -> None:
    """A sourced partial-loss care of 290 a month is below 1/6 × 1800 = 300: an error."""
    msg = _only_problem(_load_error(CHECKS / "care-below-share.yaml"), "tekun-care-partial")
    assert "tekun.care.partial >= 1/6 * minimum_wage.previous_year" in msg
    assert "does not hold on 2024-01-01" in msg
    assert "tekun.care.partial = 290 yuan/month" in msg
    assert "minimum_wage.previous_year = 1800 yuan/month" in msg


def test_checks_care_at_its_share_loads_in_any_unit() -> None:
    """Care at exactly 1/10, 1/6 and 1/3 of 1800 a month (a share, 300 a month, 7200 a
    year) meets the three checks: no breach of a care check."""
    rules = load_rules(CHECKS / "care-at-share.yaml")
    assert [b.check for b in rules.breaches if b.check.startswith("tekun-care")] == []


def test_checks_care_provisional_below_its_share_is_a_breach() -> None:
    """--set full-loss care at 590 a month from 2027: 12 × 590 = 7080 < 1/3 × 12 × 1800 =
    7200, a breach whose limit is written as the check has it, with its yearly figure."""
    base = load_rules(CHECKS / "care-at-share.yaml")
    changed = overlay(base, ["tekun.care.full_loss=590/month"], dt.date(2027, 1, 1))
    [breach] = [b for b in changed.breaches if b.check == "tekun-care-full-loss"]
    assert (breach.value, breach.limit, breach.start, breach.end) == (
        "590 yuan/month (= 7080 yuan/year)",
        "1/3 × 1800 yuan/month (= 7200 yuan/year)",
        dt.date(2027, 1, 1),
        None,
    )
    assert breach.since == dt.date(2024, 1, 1)  # the wage it is a share of, in force since
    assert breach.source is not None
    assert breach.source.id == "hunan-care-2017-report"  # the check's own source
    assert breach.level == "province"  # the file that declares the check


def test_checks_care_silent_without_a_minimum_wage() -> None:
    """Yizhang sets neither care standards nor a minimum wage: the care checks are silent."""
    assert [b for b in load_rules("431022").breaches if b.check.startswith("tekun-care")] == []


def test_parse_check_fraction_factor_exact() -> None:
    """A factor 1/6 is an exact Fraction, never a rounded decimal; 1/0 is refused."""
    [check] = parse_check("tekun.care.partial >= 1/6 * minimum_wage.previous_year", "c", LABEL, "f")
    assert not isinstance(check, str), check
    assert check.right == (Fraction(1, 6), "minimum_wage.previous_year")
    assert str(parse_check("tekun.care.partial >= 1/0 * minimum_wage", "c", LABEL, "f")) == (
        "'1/0' divides by zero"
    )
