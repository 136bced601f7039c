"""The building blocks of the assistance ladder that counties write (issue 12, points
5-8): 分类施保 groups defined by conditions on a member, the single-person route with
its own ceilings and amounts, 特困 standards by area and support mode, and 特困 as a
household outcome (status ``tekun``, ``support_monthly``).

The rules are the `ladder` fixture (tests/fixtures/rules/ladder/ladder.yaml: rural
standard 380 a month, urban 500, edge 1.5 ×, 特困 basic 1.3 × the standard, care 0.1 /
0.3 / 0.6 of it; groups: the elderly (60+) and minors (under 18) their share plus 0.1 ×
the standard, the seriously ill plus 0.2 ×, the severely disabled (grade 1-2) plus
0.15 ×, the highest of them) and the `blocks_*` files beside it that change one block
each (their header comments give their values). Broken rule files are in
tests/fixtures/rules/blocks_bad/. Every expected figure is worked by hand in the test.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import FIXTURES
from rich.console import Console

from meanstest.cli import cli
from meanstest.compare import Summary, compare_households
from meanstest.engine import assess
from meanstest.errors import RuleFileError
from meanstest.files.roll import roll_columns, roll_header, roll_rows
from meanstest.model.contract import validate_assessment
from meanstest.model.household import Household, parse_household
from meanstest.model.result import Assessment
from meanstest.money import fmt
from meanstest.render import markdown, table
from meanstest.render.json import to_json
from meanstest.render.labels import Lang
from meanstest.ruleset.choose import RuleChooser
from meanstest.ruleset.load import RuleLibrary, load_rules, overlay
from meanstest.ruleset.model import RuleSet

ON = dt.date(2021, 12, 1)
LADDER = FIXTURES / "rules" / "ladder"
BAD = FIXTURES / "rules" / "blocks_bad"


@functools.cache
def _rule_set(rule_id: str) -> RuleSet:
    return RuleLibrary(LADDER).load(rule_id)


def household(
    *members: dict[str, Any],
    incomes: tuple[dict[str, Any], ...] = (),
    area: str = "rural",
    **extra: Any,
) -> Household:
    """A household; members are given with their relation (the first is the applicant)."""
    listed = [
        {"id": f"p{i}", "relation": "applicant" if i == 1 else "spouse", **m}
        for i, m in enumerate(members, start=1)
    ]
    return parse_household({"area": area, "members": listed, "incomes": list(incomes), **extra})


def wage(amount: str, member: str = "p1") -> dict[str, Any]:
    """A monthly wage of a member."""
    return {"member": member, "type": "wage", "amount": amount, "per": "month"}


def run(hh: Household, rule_id: str = "ladder", changes: list[str] | None = None) -> Assessment:
    """Assess under a fixture rule set (with --set changes, if any) on 2021-12-01."""
    rule_set = _rule_set(rule_id)
    if changes:
        rule_set = overlay(rule_set, changes)
    return assess(hh, rule_set.at(ON))


def member(result: Assessment, member_id: str) -> Any:
    return next(m for m in result.members if m.id == member_id)


def steps(result: Assessment, name: str) -> list[Any]:
    return [s for s in result.trace if s.step == name]


# ------------------------------------------------------------ 5. 分类施保 groups

_EARNER = {"age": 40, "employment": "employed"}


def test_groups_minor_at_440_a_month() -> None:
    """Urban standard 1100, three persons at 700 per capita (wage 2100), the minor in
    the group at 440 a month: gap 1100 × 3 − 2100 = 1200, + 440 = 1640.00."""
    hh = household(
        _EARNER,
        {"age": 40},
        {"age": 10, "relation": "child"},
        incomes=(wage("2100"),),
        area="urban",
    )
    result = run(hh, "blocks_groups")
    assert (result.status, fmt(result.benefit_monthly)) == ("dibao", "1640.00")
    top_up = member(result, "p3").top_up
    assert (top_up.groups, fmt(top_up.monthly), top_up.full_standard) == (
        ("minor",),
        "440.00",
        None,
    )


def test_groups_student_in_full_time_education_at_440_a_month() -> None:
    """The same household, the third member a 19-year-old undergraduate: not a minor,
    but in the county's group of students in full-time education: 1200 + 440 =
    1640.00; the trace cites the group's key."""
    hh = household(
        _EARNER,
        {"age": 40},
        {"age": 19, "relation": "child", "education": "undergraduate"},
        incomes=(wage("2100"),),
        area="urban",
    )
    result = run(hh, "blocks_groups")
    assert fmt(result.benefit_monthly) == "1640.00"
    top_up = member(result, "p3").top_up
    assert top_up.groups == ("students",)
    assert [label.en for label in top_up.labels] == ["students in full-time education"]
    (step,) = steps(result, "top_up")
    assert (step.key, step.inputs["member"]) == ("classified.groups.students", "p3")


def test_groups_e7_full_standard_plus_top_ups() -> None:
    """policy.md §10 E7: standard 380, three persons at 200 per capita (wage 600): gap
    540, a share of 180 each. The seriously ill member is paid the full standard plus
    20%: 380 + 76 = 456; the elderly member the share plus 10%: 180 + 38 = 218; the
    ordinary member 180. 456 + 218 + 180 = 854.00."""
    hh = household(
        {"age": 45, "serious_illness": True},
        {"age": 65},
        {"age": 40, "employment": "employed"},
        incomes=(wage("600", "p3"),),
    )
    result = run(hh, "blocks_groups")
    assert (result.status, fmt(result.benefit_monthly)) == ("dibao", "854.00")
    ill, old = member(result, "p1").top_up, member(result, "p2").top_up
    assert (fmt(ill.full_standard), fmt(ill.monthly)) == ("200.00", "76.00")
    assert (ill.full_standard is None, old.full_standard, fmt(old.monthly)) == (
        False,
        None,
        "38.00",
    )
    assert member(result, "p3").top_up is None
    assert (fmt(result.benefit.full_standard), fmt(result.benefit.top_ups)) == ("200.00", "114.00")


@pytest.mark.parametrize(("combine", "expected"), [("highest", "2120.00"), ("sum", "3000.00")])
def test_groups_member_in_several_groups_gets_the_highest_or_the_sum(
    combine: str, expected: str
) -> None:
    """Urban 1100, wage 2100, three persons: shares of 1200 / 3 = 400. The third member,
    17, seriously ill, at senior secondary school, is in three groups: minors (400 +
    440 = 840), students (840), the seriously ill (1100 + 220 = 1320). Highest: 1320,
    so 400 + 400 + 1320 = 2120.00. Sum: the full standard (one group pays it) and every
    top-up, 1100 + 440 + 440 + 220 = 2200, so 400 + 400 + 2200 = 3000.00."""
    hh = household(
        _EARNER,
        {"age": 40},
        {"age": 17, "relation": "child", "serious_illness": True, "education": "senior_secondary"},
        incomes=(wage("2100"),),
        area="urban",
    )
    result = run(hh, "blocks_groups", [f"classified.combine={combine}"])
    assert fmt(result.benefit_monthly) == expected


@pytest.mark.parametrize(("single_parent", "expected"), [(True, "2200.00"), (False, "2080.00")])
def test_groups_single_parent_family(single_parent: bool, expected: str) -> None:
    """Urban 1100, one parent earning 2100 and two children: gap 1200. In a
    single-parent family each child is paid the single-parent top-up, 500 (more than a
    minor's 440): 1200 + 2 × 500 = 2200.00; otherwise 1200 + 2 × 440 = 2080.00."""
    hh = household(
        _EARNER,
        {"age": 10, "relation": "child"},
        {"age": 8, "relation": "child"},
        incomes=(wage("2100"),),
        area="urban",
        single_parent_family=single_parent,
    )
    assert fmt(run(hh, "blocks_groups").benefit_monthly) == expected


@pytest.mark.parametrize(
    ("others", "expected"),
    [
        ((), "410.00"),  # alone: 380 + 30
        (({"age": 50, "status": "imprisoned"},), "410.00"),  # the other is not counted
        (({"age": 50},), "760.00"),  # two: 2 × 380, no top-up
    ],
)
def test_groups_living_alone_is_one_member_living_in_the_household(
    others: tuple[dict[str, Any], ...], expected: str
) -> None:
    """A member of 50 with no income lives alone when nobody else is counted: the gap
    380 plus the living-alone top-up of 30 = 410.00; with a spouse at home, 760.00."""
    assert fmt(run(household({"age": 50}, *others), "blocks_groups").benefit_monthly) == (expected)


@pytest.mark.parametrize(
    ("employment", "expected"), [("unemployed", "560.00"), ("employed", "360.00")]
)
def test_groups_employment_and_disability_conditions(employment: str, expected: str) -> None:
    """Two persons, one earning 400 (per capita 200): gap 760 − 400 = 360, shares of 180.
    A member without work and with a grade-3 physical disability is paid the full
    standard instead: 180 + 380 = 560.00; the same member employed is in no group:
    360.00."""
    hh = household(
        {"age": 45, "employment": employment, "disability": {"category": "physical", "grade": 3}},
        {"age": 45, "employment": "farming"},
        incomes=(wage("400", "p2"),),
    )
    assert fmt(run(hh, "blocks_groups").benefit_monthly) == expected


def test_groups_relation_condition_from_set() -> None:
    """A group of the applicant's grandchildren, set on the command line: an adult
    grandchild (20) in a household of two with no income: gap 760 + 50 = 810.00."""
    group = (
        "classified.groups.grandchildren={members: {relation: [grandchild]}, "
        "top_up: {amount: 50, unit: yuan/month}}"
    )
    hh = household({"age": 50}, {"age": 20, "relation": "grandchild"})
    result = run(hh, "blocks_groups", [group])
    assert fmt(result.benefit_monthly) == "810.00"
    assert member(result, "p2").top_up.groups == ("grandchildren",)


def test_groups_json_record_has_groups_labels_and_full_standard() -> None:
    """The JSON record names each member's groups with their labels, the top-up and
    what the full standard adds (E7: 200.00), and validates against the contract."""
    hh = household(
        {"age": 45, "serious_illness": True},
        {"age": 65},
        {"age": 40, "employment": "employed"},
        incomes=(wage("600", "p3"),),
    )
    record = to_json(run(hh, "blocks_groups"), "zh")
    validate_assessment(json.loads(json.dumps(record)))
    assert record["members"][0]["top_up"] == {
        "groups": ["serious_illness"],
        "labels": ["重病患者"],
        "monthly": "76.00",
        "full_standard": "200.00",
    }
    assert record["benefit"]["full_standard_monthly"] == "200.00"
    assert (record["benefit_monthly"], record["support_monthly"]) == ("854.00", "854.00")


# ------------------------------------------------------------ 6. single-person bands

_DISABLED_34 = {
    "age": 34,
    "employment": "unemployed",
    "disability": {"category": "physical", "grade": 2},
}


@pytest.mark.parametrize(
    ("earned", "status", "expected"),
    [
        ("912", "dibao_single", "380.00"),  # per capita 456 = 1.2 × 380: below 2 ×
        ("1368", "dibao_single", "380.00"),  # 684 = 1.8 ×: below 2 × (above the edge 570)
        ("1900", "dibao_single", "190.00"),  # 950 = 2.5 ×: below 3 ×, half of 380
        ("7600", "not_eligible", "0.00"),  # 3800 = 10 ×: no band
    ],
)
def test_single_person_bands_full_half_nothing(earned: str, status: str, expected: str) -> None:
    """Standard 380; a 34-year-old with a grade-2 physical disability and no income,
    whose spouse earns ``earned`` a month (family per capita half of it). "Full
    standard below 2 ×, half between 2 × and 3 ×, nothing above, no top-ups": her
    severe-disability top-up (0.15 × 380 = 57) is not added."""
    hh = household({"age": 40, "employment": "employed"}, _DISABLED_34, incomes=(wage(earned),))
    result = run(hh, "blocks_single_bands")
    assert (result.status, fmt(result.benefit_monthly)) == (status, expected)
    assert member(result, "p2").top_up is None


def test_single_person_band_reason_and_trace_cite_the_bands() -> None:
    """At 2.5 × (950 a month per capita) the reason names the ceiling it is below
    (3 × 380 = 1140.00) and the trace cites single_person.bands."""
    hh = household({"age": 40, "employment": "employed"}, _DISABLED_34, incomes=(wage("1900"),))
    result = run(hh, "blocks_single_bands")
    reason = next(r for r in result.reasons if r.code.startswith("single_person"))
    assert reason.code == "single_person_below"
    assert (
        fmt(reason.params["per_capita"]),
        fmt(reason.params["limit"]),
        reason.params["multiplier"],
    ) == ("950.00", "1140.00", Decimal(3))
    (step,) = steps(result, "single_person")
    assert (step.key, step.inputs["pay"], fmt(step.value)) == (
        "single_person.bands",
        "amount",
        "190.00",
    )


@pytest.mark.parametrize(("first", "expected"), [("below", "190.00"), ("not_above", "380.00")])
def test_single_person_band_ceiling_has_its_comparison(first: str, expected: str) -> None:
    """Per capita exactly 2 × 380 = 760 (spouse earns 1520): "below 2 ×" (低于) is not
    met, so the next band pays half (190.00); "not above 2 ×" (不高于) is met: 380.00."""
    bands = (
        f"single_person.bands=[{{{first}: 2, pay: full_standard, top_ups: false}}, "
        "{below: 3, pay: {amount: 0.5, unit: share of standard}, top_ups: false}]"
    )
    hh = household({"age": 40, "employment": "employed"}, _DISABLED_34, incomes=(wage("1520"),))
    assert fmt(run(hh, "blocks_single_bands", [bands]).benefit_monthly) == expected


def test_single_person_band_with_top_ups_and_with_the_gap() -> None:
    """With top-ups: 380 + her severe-disability top-up 57 = 437.00 at 1.2 ×. A band
    paying the gap pays the standard minus her own income (a pension of 100): 280.00."""
    with_top_ups = (
        "single_person.bands=[{below: 2, pay: full_standard}, "
        "{below: 3, pay: {amount: 0.5, unit: share of standard}}]"
    )
    hh = household({"age": 40, "employment": "employed"}, _DISABLED_34, incomes=(wage("912"),))
    assert fmt(run(hh, "blocks_single_bands", [with_top_ups]).benefit_monthly) == "437.00"
    gap = "single_person.bands=[{below: 2, pay: gap, top_ups: false}]"
    pension = {"member": "p2", "type": "pension", "amount": "100", "per": "month"}
    hh = household(
        {"age": 40, "employment": "employed"}, _DISABLED_34, incomes=(wage("812"), pension)
    )  # per capita (812 + 100) / 2 = 456
    assert fmt(run(hh, "blocks_single_bands", [gap]).benefit_monthly) == "280.00"


def test_single_person_bands_keep_who_may_apply() -> None:
    """Who may apply is still the rules' grades: a grade-4 member at 1.2 × is not
    enrolled; the household is an edge household (456 < 570)."""
    hh = household(
        {"age": 40, "employment": "employed"},
        {**_DISABLED_34, "disability": {"category": "physical", "grade": 4}},
        incomes=(wage("912"),),
    )
    result = run(hh, "blocks_single_bands")
    assert (result.status, fmt(result.benefit_monthly)) == ("edge", "0.00")


# ------------------------------------------------------------ 7. 特困 by area and mode

_ALONE_72 = {"age": 72, "supporters": []}


@pytest.mark.parametrize(
    ("area", "extra", "basic", "care", "support", "basic_key"),
    [
        # rural, at home (by default): basic 1.3 × 380 = 494.00, care 0.1 × 494 = 49.40
        ("rural", {}, "494.00", "49.40", "543.40", "tekun.basic"),
        # rural institutional: 1.5 × 380 = 570.00; care 1700 / 10 = 170.00
        (
            "rural",
            {"tekun_support_mode": "institutional"},
            "570.00",
            "170.00",
            "740.00",
            "tekun.basic.institutional",
        ),
        # rural institutional, partly lost (2 failed): care rural 200.00
        (
            "rural",
            {"tekun_support_mode": "institutional", "self_care_failed": ["bathing", "dressing"]},
            "570.00",
            "200.00",
            "770.00",
            "tekun.basic.institutional",
        ),
        # urban at home: 800.00; care 0.1 × 800 = 80.00
        (
            "urban",
            {"tekun_support_mode": "at_home"},
            "800.00",
            "80.00",
            "880.00",
            "tekun.basic.urban.at_home",
        ),
        # urban institutional, fully lost (4 failed): 1.5 × 500 = 750.00; care 1700 / 3 =
        # 566.666… (566.67); support 1316.666… → 1316.67
        (
            "urban",
            {
                "tekun_support_mode": "institutional",
                "self_care_failed": ["bathing", "dressing", "eating", "toileting"],
            },
            "750.00",
            "566.67",
            "1316.67",
            "tekun.basic.institutional",
        ),
    ],
)
def test_tekun_standards_by_area_and_mode(
    area: str, extra: dict[str, Any], basic: str, care: str, support: str, basic_key: str
) -> None:
    """The most specific standard in force applies (area and mode, mode, area, the
    default), and the trace cites the key that set the basic standard."""
    result = run(household({**_ALONE_72, **extra}, area=area), "blocks_tekun_places")
    tekun = member(result, "p1").tekun
    assert (fmt(tekun.basic_monthly), fmt(tekun.care_monthly)) == (basic, care)
    assert (result.status, fmt(result.support_monthly)) == ("tekun", support)
    assert tekun.support_mode == extra.get("tekun_support_mode", "at_home")
    (step,) = steps(result, "tekun_support")
    assert step.key == basic_key


def test_tekun_mode_not_given_uses_at_home_and_says_so() -> None:
    """Rules that pay by support mode and a member without one: the at-home standard,
    and a note; under rules that do not distinguish modes, no note."""
    by_mode = member(run(household(_ALONE_72), "blocks_tekun_places"), "p1").tekun
    assert [n.code for n in by_mode.notes] == ["tekun_mode_assumed"]
    plain = member(run(household(_ALONE_72)), "p1").tekun
    assert plain.notes == ()


def test_tekun_place_standard_below_the_floor_is_kept_as_a_breach() -> None:
    """Yizhang's rural standard is 4560 a year; 1.3 × 4560 = 5928. A rural institutional
    basic standard of 5000 a year breaks Hunan's check for that place; a --set value is
    provisional, so the rule set loads and keeps the breach (results warn of it); 6000
    does not break it."""
    yizhang = load_rules("431022")
    low = overlay(yizhang, ["tekun.basic.rural.institutional=5000/year"])
    breaches = [b for b in low.breaches if b.check == "tekun-basic-by-area-institutional-rural"]
    assert breaches, [b.check for b in low.breaches]
    assert "5000 yuan/year" in breaches[0].value
    high = overlay(yizhang, ["tekun.basic.rural.institutional=6000/year"])
    assert not [b for b in high.breaches if b.check.startswith("tekun-basic-by-area-inst")]


def test_tekun_support_mode_in_the_json_record() -> None:
    """The record says the mode whose standard applies and the member's support."""
    hh = household({**_ALONE_72, "tekun_support_mode": "institutional"})
    record = to_json(run(hh, "blocks_tekun_places"), "en")
    validate_assessment(json.loads(json.dumps(record)))
    tekun = record["members"][0]["tekun"]
    assert tekun is not None
    assert (tekun["support_mode"], tekun["support_monthly"]) == ("institutional", "740.00")


# ------------------------------------------------------------ 8. 特困 as an outcome


def _lone_elder() -> Assessment:
    """72, alone, no income, no supporter: 特困; full self-care under `ladder`: basic
    1.3 × 380 = 494.00, care 0.1 × 494 = 49.40: support 543.40 a month."""
    return run(household(_ALONE_72))


def test_tekun_household_status_size_and_support() -> None:
    """A lone 特困 elder: status tekun (not eligible for dibao), household size 1, no
    dibao benefit, support 543.40, no thresholds (nothing divided by 0)."""
    result = _lone_elder()
    assert (result.status, result.eligible, result.household_size) == ("tekun", False, 1)
    assert (fmt(result.benefit_monthly), fmt(result.support_monthly)) == ("0.00", "543.40")
    assert result.thresholds == ()
    assert [r.code for r in result.reasons] == ["all_tekun"]
    assert not steps(result, "per_capita_income")


def test_tekun_member_beside_a_dibao_member_adds_support() -> None:
    """A 特困 grandmother (72, no supporter) and her grandson (10, an able parent
    outside): he is not 特困 and is the dibao household alone: gap 380 + a minor's
    top-up 38 = 418.00; she is supported apart, 543.40; support 961.40, status dibao."""
    hh = household(
        _ALONE_72,
        {
            "age": 10,
            "relation": "grandchild",
            "supporters": [{"relation": "parent", "able_to_support": True}],
        },
    )
    result = run(hh)
    assert (result.status, result.household_size) == ("dibao", 1)
    assert (fmt(result.benefit_monthly), fmt(result.support_monthly)) == ("418.00", "961.40")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tekun_household_table_and_markdown_divide_by_nothing(lang: Lang) -> None:
    """The table and the Markdown show the size 1, the 特困 support and the total, and
    no division: no "÷", no per-capita line, no dibao thresholds."""
    result = _lone_elder()
    out = io.StringIO()
    table.render(result, Console(file=out, width=100, color_system=None, markup=False), lang)
    shown, md = out.getvalue(), markdown.render(result, lang)
    words = {
        "en": (
            "Household size  1",
            "特困 support",
            "Total support a month",
            "Per-capita",
            "dibao threshold",
        ),
        "zh": (
            "共同生活家庭成员人数  1",
            "特困供养金",
            "月救助供养金合计",
            "家庭人均月收入",
            "低保线",
        ),
    }[lang]
    size, support, total, per_capita, threshold = words
    assert size in shown
    assert "543.40" in shown
    for text in (shown, md):
        for present in (support, total):
            assert present in text
        for absent in ("÷", per_capita, threshold):
            assert absent not in text
    assert f"- **{total}{'：' if lang == 'zh' else ': '}¥543.40**" in md


def test_tekun_household_json_validates_in_both_languages() -> None:
    """The record of a tekun household validates against the contract, with status
    tekun, eligible false, benefit 0.00 and support 543.40."""
    for lang in ("en", "zh"):
        record = json.loads(json.dumps(to_json(_lone_elder(), lang)))  # type: ignore[arg-type]
        validate_assessment(record)
        assert (
            record["status"],
            record["eligible"],
            record["household_size"],
            record["benefit_monthly"],
            record["support_monthly"],
            record["thresholds"],
        ) == ("tekun", False, 1, "0.00", "543.40", [])


def _roll(tmp_path: Path) -> Path:
    """A roll: the lone elder (T1, 特困) and a dibao household of one (D1, no income:
    380.00)."""
    elder = {
        "id": "T1",
        "area": "rural",
        "assessed_on": "2021-12-01",
        "members": [{"id": "p1", "relation": "applicant", "age": 72, "supporters": []}],
    }
    dibao = {
        "id": "D1",
        "area": "rural",
        "assessed_on": "2021-12-01",
        "members": [{"id": "p1", "relation": "applicant", "age": 40}],
    }
    path = tmp_path / "roll.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (elder, dibao)) + "\n", encoding="utf-8")
    return path


def _cli(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env={"LANG": None, "LC_ALL": None})


def test_tekun_in_batch_jsonl_csv_and_xlsx(tmp_path: Path) -> None:
    """batch writes support_monthly: T1 543.40 (no dibao), D1 380.00, in JSON Lines and
    in the CSV and XLSX rows (月救助供养金合计 in Chinese), and totals it."""
    roll, rules = _roll(tmp_path), LADDER / "ladder.yaml"
    jsonl = _cli("batch", roll, "--rules", rules, "--lang", "en")
    assert jsonl.exit_code == 0, jsonl.stderr
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [(r["status"], r["benefit_monthly"], r["support_monthly"]) for r in records] == [
        ("tekun", "0.00", "543.40"),
        ("dibao", "380.00", "380.00"),
    ]
    # The run's totals: dibao 380.00; everything paid 543.40 + 380 = 923.40.
    assert "total monthly benefit 380.00 yuan" in jsonl.stderr
    assert "total paid a month, 特困 support included, 923.40 yuan" in jsonl.stderr
    rows = list(
        csv.DictReader(
            io.StringIO(
                _cli("batch", roll, "--rules", rules, "--format", "csv", "--lang", "en").stdout
            )
        )
    )
    assert [(r["status"], r["household_size"], r["support_monthly"]) for r in rows] == [
        ("tekun", "1", "543.40"),
        ("dibao", "1", "380.00"),
    ]
    zh = _cli("batch", roll, "--rules", rules, "--format", "csv", "--lang", "zh").stdout
    assert "月救助供养金合计" in zh.splitlines()[0]
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    assert _cli("batch", roll, "--rules", rules, "-o", out).exit_code == 0
    book = load_workbook(out, read_only=True)
    try:
        sheet = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    column = sheet[0].index("support_monthly")
    # Money as numbers (openpyxl reads a decimal cell back as a float).
    assert [row[column] for row in sheet[1:]] == [543.4, 380]


def test_tekun_in_compare_statuses_transitions_and_costs(tmp_path: Path) -> None:
    """A rural standard of 400 instead of 380: T1 stays tekun, support 1.3 × 400 = 520
    + 52 = 572.00 (was 543.40, +28.60); D1 dibao 380 → 400 (+20). Cost before 543.40 +
    380 = 923.40, after 572 + 400 = 972.00: +48.60 a month."""
    rule_set = _rule_set("ladder")
    records = [
        (n, parse_household(json.loads(line)))
        for n, line in enumerate(_roll(tmp_path).read_text().splitlines(), start=1)
    ]
    summary = Summary()
    for change in compare_households(
        records,
        RuleChooser(rule_set),
        RuleChooser(overlay(rule_set, ["dibao.standard.rural=400/month"])),
        None,
        ON,
    ):
        summary.add(change)
    assert (summary.before["tekun"], summary.after["tekun"]) == (1, 1)
    assert summary.transitions[("tekun", "tekun")] == 1
    assert (fmt(summary.total_before), fmt(summary.total_after), fmt(summary.difference)) == (
        "923.40",
        "972.00",
        "48.60",
    )
    assert summary.movements["gains"] == 2
    shown = _cli(
        "compare",
        tmp_path / "roll.jsonl",
        "--base",
        LADDER / "ladder.yaml",
        "--set",
        "dibao.standard.rural=400/month",
        "--format",
        "json",
    )
    assert shown.exit_code == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["caseload"]["tekun"] == {"before": 1, "after": 1}
    assert data["cost"]["monthly_difference"] == "48.60"


# ------------------------------------------------------------ input: the two new fields


def test_roll_columns_read_and_write_the_new_fields(tmp_path: Path) -> None:
    """A case roll with 单亲家庭 and 特困供养方式 columns reads into the household fields
    (是 → true, 集中供养 → institutional), and `batch` assesses it: institutional basic
    1.5 × 380 = 570.00 + care 170.00 under blocks_tekun_places. Written back as a roll,
    the columns come out with their Chinese headers and words."""
    path = tmp_path / "roll.csv"
    path.write_text(
        "户编号,城乡类别,核算日期,单亲家庭,成员编号,与申请人关系,年龄,特困供养方式\n"
        "R1,农村,2021-12-01,是,p1,申请人,72,集中供养\n",
        encoding="utf-8",
    )
    result = _cli("batch", path, "--rules", LADDER / "blocks_tekun_places.yaml", "--detail", "full")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    # No supporters declared: 特困 is to verify, not yet supported; the standard shows.
    tekun = record["members"][0]["tekun"]
    assert (tekun["support_mode"], tekun["basic_monthly"], tekun["care_monthly"]) == (
        "institutional",
        "570.00",
        "170.00",
    )
    data = {
        "id": "R1",
        "area": "rural",
        "single_parent_family": True,
        "members": [
            {"id": "p1", "relation": "applicant", "age": 72, "tekun_support_mode": "at_home"}
        ],
    }
    columns = roll_columns([data])
    header, row = roll_header(columns, "zh"), roll_rows(data, columns, "zh")[0]
    cells = dict(zip(header, row, strict=True))
    assert (cells["单亲家庭"], cells["特困供养方式"]) == ("是", "分散供养")
    assert roll_header(columns, "en")[header.index("单亲家庭")] == "single_parent_family"


def test_schema_household_lists_the_new_fields() -> None:
    """`meanstest schema household` has single_parent_family and tekun_support_mode."""
    schema = json.loads(_cli("schema", "household").stdout)
    assert "single_parent_family" in schema["properties"]
    member_props = schema["$defs"]["Member"]["properties"]
    assert "tekun_support_mode" in member_props


# ------------------------------------------------------------ broken rule files

BAD_FILES = {
    # name: (key path, down to the part of a structured value that is wrong; words of the
    # message; line)
    "group-unknown-condition.yaml": (
        "parameters.classified.groups.elderly.values.0.value.members.age_form",
        "'age_form' is not a condition",
        13,
    ),
    "group-unknown-education.yaml": (
        "parameters.classified.groups.students.values.0.value.members.education.0",
        "'university' is not one of",
        13,
    ),
    "group-pays-nothing.yaml": (
        "parameters.classified.groups.elderly.values.0.value",
        "pays nothing extra",
        13,
    ),
    "group-top-up-wrong-unit.yaml": (
        "parameters.classified.groups.elderly.values.0.value.top_up.unit",
        "'share of minimum_wage' is not a unit",
        13,
    ),
    "group-renamed-key.yaml": (
        "parameters.classified.elderly.amount",
        "this key is now classified.groups.elderly",
        9,
    ),
    "bands-not-increasing.yaml": (
        "parameters.single_person.bands.values.0.value.1.below",
        "band 2: the ceilings must increase",
        15,
    ),
    "bands-two-ceilings.yaml": (
        "parameters.single_person.bands.values.0.value.0",
        "band 1: give its ceiling once",
        13,
    ),
    "bands-unknown-pay.yaml": (
        "parameters.single_person.bands.values.0.value.0.pay",
        "band 1: pay: expected gap, full_standard",
        13,
    ),
    "tekun-unknown-mode.yaml": (
        "parameters.tekun.basic.rural.institution",
        "'rural.institution' is not an area or a support mode",
        9,
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_broken_block_names_file_key_and_line(name: str) -> None:
    """Each broken block is a load error naming the file, the key path and the line."""
    loc, words, line = BAD_FILES[name]
    with pytest.raises(RuleFileError) as info:
        load_rules(BAD / name)
    assert Path(str(info.value.path)).resolve() == (BAD / name).resolve()
    assert words in str(info.value), str(info.value)
    assert (loc, line) in [(p.loc, p.line) for p in info.value.problems], info.value.problems


def test_broken_blocks_all_covered() -> None:
    """Every file in tests/fixtures/rules/blocks_bad is in the table above."""
    assert {p.name for p in BAD.iterdir()} == set(BAD_FILES)


# ------------------------------------------------------------ the guide's examples


def test_guide_examples_load(tmp_path: Path) -> None:
    """Every parameters example in docs/rules.md loads on top of Yizhang's rules (with
    its sources declared), so the guide never shows a rule file that would not load."""
    guide = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(
        encoding="utf-8"
    )
    blocks = [b.split("```", 1)[0] for b in guide.split("```yaml\n")[1:]]
    snippets = [
        b
        for b in blocks
        if b.startswith("  classified.")
        or b.startswith("  single_person.")
        or b.startswith("  tekun.basic")
    ]
    assert len(snippets) == 3
    sources = "".join(f"  {s}: {{title: {s}}}\n" for s in ("CX2024", "HN2024", "HN2017"))
    for i, snippet in enumerate(snippets):
        path = tmp_path / f"guide-{i}.yaml"
        path.write_text(
            f"schema: meanstest.rules/1\nid: guide-{i}\nname: {{zh: 示例, en: "
            f'Example}}\nlevel: proposal\nextends: "431022"\nsources:\n{sources}'
            f"parameters:\n{snippet}",
            encoding="utf-8",
        )
        load_rules(path)


def test_rules_new_copies_groups_as_rule_files_write_them() -> None:
    """`meanstest rules new` over rules with 分类施保 groups copies each group in YAML flow
    style, which reads back to the same group."""
    from meanstest.ruleset import keys, yamlfile
    from meanstest.ruleset.scaffold import new_rule_file

    base = _rule_set("blocks_groups")
    # Read as the loader reads a rule file (numbers as exact decimals).
    data = yamlfile.load(new_rule_file("431099", base, "测试县", "Test County", ON), "new")
    groups = {k: v for k, v in data["parameters"].items() if k.startswith("classified.groups.")}
    assert set(groups) == {
        f"classified.groups.{name}"
        for name in (
            "alone",
            "disabled_without_work",
            "elderly",
            "minor",
            "serious_illness",
            "severe_disability",
            "single_parent",
            "students",
        )
    }
    for key, decl in groups.items():
        written = decl["values"][0]["value"]
        assert keys.classified_group(written) == base.at(ON).params[key].value, key
