"""A deduction limited to members with a disability of some grades
(``deduction.<type>.disability_grades``): the kind of local rule a Hunan county writes
(衡阳's model, policy notes §13.2: "一、二级，或智力、精神三级"), as data.

The rules are the `grades` engine fixture (tests/fixtures/rules/engine/grades.yaml, over
`base`): rural standard S = 380 a month, edge line 1.5 × S = 570;

- ``disability_rehab``: requires [disabled] (base) and grades {any: [1, 2],
  intellectual: [3], mental: [3]}, cited to the fixture's document (fx, 第二十三条);
- ``medical``: no condition; grades {any: [1], physical: [3, 4]}, provisional; at most
  100 a month per person.

The household of most tests: p1 (40, employed) earns 1000 a month, p2 (38) has the
disability the test gives and claims the expense; two persons. Deducted D a month:
counted 1000 − D, per capita (1000 − D) ÷ 2; dibao when below 380, and the benefit is
2 × 380 − (1000 − D) = D − 240. Nothing deducted: per capita 500, not below 380 but
below 570: an edge household, benefit 0.

Every expected figure is worked by hand in the test. The columnar engine is held to the
reference engine on households drawn for these rules at the end.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, FIXTURES, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meanstest.batch.columnar_run import BlockRunner
from meanstest.batch.core import Assessor, Job
from meanstest.engine import assess
from meanstest.errors import RuleFileError
from meanstest.files.records import Record
from meanstest.model.household import parse_household
from meanstest.model.result import Assessment
from meanstest.money import fmt
from meanstest.render.json import to_json
from meanstest.render.labels import message
from meanstest.ruleset.load import RuleLibrary, load_rules
from meanstest.ruleset.model import RuleSet

ENGINE = FIXTURES / "rules" / "engine"
GRADES = ENGINE / "grades.yaml"
COUNTY_B = EXAMPLES / "rules" / "990002-example-county-b.yaml"
ON = dt.date(2021, 12, 1)
REHAB = "deduction.disability_rehab.disability_grades"
MEDICAL = "deduction.medical.disability_grades"
SEVERE = "any:1, any:2, intellectual:3, mental:3"  # the rehab grades, as reasons give them


@functools.cache
def _rules() -> RuleSet:
    return load_rules(str(GRADES), ENGINE)


def _household(
    disability: dict[str, Any] | None, *expenses: dict[str, Any], p2: str = "p2"
) -> dict[str, Any]:
    second: dict[str, Any] = {"id": p2, "relation": "spouse", "age": 38}
    if disability is not None:
        second["disability"] = disability
    return {
        "area": "rural",
        "members": [
            {"id": "p1", "relation": "applicant", "age": 40, "employment": "employed"},
            second,
        ],
        "incomes": [{"member": "p1", "type": "wage", "amount": "1000", "per": "month"}],
        "expenses": list(expenses),
    }


def _claim(kind: str, amount: str, member: str | None = "p2") -> dict[str, Any]:
    item: dict[str, Any] = {"type": kind, "amount": amount, "per": "month"}
    if member is not None:
        item["member"] = member
    return item


def _assess(data: dict[str, Any]) -> Assessment:
    return assess(parse_household(data), _rules().at(ON))


def _line(result: Assessment, i: int = 0) -> tuple[str, str, list[str]]:
    d = result.deductions[i]
    return d.status, fmt(d.accepted_monthly), [r.code for r in d.reasons]


def _cited(result: Assessment, item: int = 0) -> tuple[str | None, str | None]:
    """The key and source id the trace step of a claim cites."""
    (step,) = [s for s in result.trace if s.step == "deduction" and s.inputs["item"] == item]
    return step.key, None if step.source is None else step.source.id


# ---------------------------------------------------------------- the reference engine


def test_a_grade_2_physical_member_has_rehabilitation_deducted() -> None:
    """Grade 2 is in ``any: [1, 2]``: 300 deducted. Counted 1000 − 300 = 700, per capita
    350 < 380: dibao, 2 × 380 − 700 = 60.00."""
    result = _assess(
        _household({"category": "physical", "grade": 2}, _claim("disability_rehab", "300"))
    )
    assert _line(result) == ("accepted", "300.00", ["accepted"])
    assert fmt(result.income.counted_monthly) == "700.00"
    assert fmt(result.income.per_capita_monthly) == "350.00"
    assert (result.status, fmt(result.benefit_monthly)) == ("dibao", "60.00")


def test_a_grade_3_physical_member_is_refused_citing_the_grades() -> None:
    """Grade 3 physical is in none of the grades: refused, the reason naming the member
    and the grades, the trace step citing the grades rule and its document. Nothing
    deducted: per capita 500, edge, 0.00 (and p2 is not severely disabled enough to be
    enrolled alone: grade 3 physical is not in single_person.disability_grades)."""
    result = _assess(
        _household({"category": "physical", "grade": 3}, _claim("disability_rehab", "300"))
    )
    assert _line(result) == ("refused", "0.00", ["grade_not_allowed"])
    reason = result.deductions[0].reasons[0]
    assert dict(reason.params) == {"member": "p2", "grades": SEVERE}
    assert _cited(result) == (REHAB, "fx")
    assert fmt(result.income.per_capita_monthly) == "500.00"
    assert (result.status, fmt(result.benefit_monthly)) == ("edge", "0.00")


def test_a_grade_3_intellectual_member_has_rehabilitation_deducted() -> None:
    """Grade 3 is allowed for an intellectual disability: 300 deducted, 60.00 as for
    grade 2."""
    result = _assess(
        _household({"category": "intellectual", "grade": 3}, _claim("disability_rehab", "300"))
    )
    assert _line(result) == ("accepted", "300.00", ["accepted"])
    assert (result.status, fmt(result.benefit_monthly)) == ("dibao", "60.00")


def test_requires_and_grades_must_both_hold() -> None:
    """rehab requires [disabled] and the grades: a member with no certificate fails the
    condition (the requires rule is cited); one with a grade-4 mental certificate meets
    it but not the grades (the grades rule is cited); a claim naming nobody needs a
    member for the condition, checked first. Nothing is deducted in any: edge, 0.00."""
    none = _assess(_household(None, _claim("disability_rehab", "300")))
    assert _line(none) == ("refused", "0.00", ["condition_not_met"])
    assert _cited(none)[0] == "deduction.disability_rehab.requires"
    grade_4 = _assess(
        _household({"category": "mental", "grade": 4}, _claim("disability_rehab", "300"))
    )
    assert _line(grade_4) == ("refused", "0.00", ["grade_not_allowed"])
    assert _cited(grade_4) == (REHAB, "fx")
    nobody = _assess(
        _household({"category": "visual", "grade": 3}, _claim("disability_rehab", "300", None))
    )
    assert _line(nobody) == ("refused", "0.00", ["needs_member"])
    for result in (none, grade_4, nobody):
        assert (result.status, fmt(result.benefit_monthly)) == ("edge", "0.00")


def test_grades_without_requires_refuse_a_claim_naming_no_member() -> None:
    """medical has no condition but grades: a claim naming nobody is refused (whose
    certificate?), citing the grades; the sentence says the grades it allows. Nothing
    deducted: per capita 500, below the edge line 570, and p2 (grade 1) is enrolled
    alone: the standard less p2's own income (none), 380.00."""
    result = _assess(
        _household({"category": "physical", "grade": 1}, _claim("medical", "150", None))
    )
    assert _line(result) == ("refused", "0.00", ["grades_need_member"])
    assert _cited(result)[0] == MEDICAL
    reason = result.deductions[0].reasons[0]
    assert message(reason.code, reason.params, "zh") == (
        "须指明持残疾证的成员（可扣减的残疾等级：一级，或肢体三、四级）"
    )
    assert message(reason.code, reason.params, "en") == (
        "needs a member holding a disability certificate (grades this deduction allows: "
        "grade 1, or grade 3–4 physical)"
    )
    assert (result.status, fmt(result.benefit_monthly)) == ("dibao_single", "380.00")


def test_allowed_grades_then_the_caps_and_the_provisional_warning() -> None:
    """p2, grade 1 visual, claims rehab 300 (allowed: grade 1) and medical 150 (allowed:
    grade 1 of any category), medical capped at 100 per person. Deducted 300 + 100 =
    400: counted 600, per capita 300 < 380: dibao, 760 − 600 = 160.00. The provisional
    medical grades are warned of; the sourced rehab grades are not."""
    result = _assess(
        _household(
            {"category": "visual", "grade": 1},
            _claim("disability_rehab", "300"),
            _claim("medical", "150"),
        )
    )
    assert _line(result, 0) == ("accepted", "300.00", ["accepted"])
    assert _line(result, 1) == ("capped", "100.00", ["capped_per_person_monthly"])
    assert fmt(result.income.deductions_monthly) == "400.00"
    assert (result.status, fmt(result.benefit_monthly)) == ("dibao", "160.00")
    provisional = [w.key for w in result.warnings if w.code == "provisional_value"]
    assert MEDICAL in provisional
    assert REHAB not in provisional


def test_a_physical_grade_4_member_has_medical_costs_deducted_up_to_the_cap() -> None:
    """Grade 4 physical is in medical's ``physical: [3, 4]`` (not in rehab's): medical
    150 capped at 100, counted 900, per capita 450: edge, 0.00; the same member's rehab
    claim is refused."""
    result = _assess(
        _household(
            {"category": "physical", "grade": 4},
            _claim("medical", "150"),
            _claim("disability_rehab", "300"),
        )
    )
    assert _line(result, 0) == ("capped", "100.00", ["capped_per_person_monthly"])
    assert _line(result, 1) == ("refused", "0.00", ["grade_not_allowed"])
    assert fmt(result.income.counted_monthly) == "900.00"
    assert (result.status, fmt(result.benefit_monthly)) == ("edge", "0.00")


def test_the_refusal_says_the_member_masked_and_the_grades_in_both_languages() -> None:
    """A member whose id is their name (a caseworker's shortcut) is masked in the
    sentence as everywhere else: 张三 → 张*."""
    data = _household(
        {"category": "physical", "grade": 3}, _claim("disability_rehab", "300", "张三"), p2="张三"
    )
    data["members"][1]["name"] = "张三"
    result = _assess(data)
    zh = to_json(result, "zh")["income"]["deductions"][0]["reasons"][0]["message"]
    en = to_json(result, "en")["income"]["deductions"][0]["reasons"][0]["message"]
    assert zh == "张* 的残疾等级不在可扣减范围（一、二级，或智力、精神三级）"
    assert en == (
        "张*'s disability grade is not one this deduction allows "
        "(grade 1–2, or grade-3 intellectual or mental)"
    )
    assert "张三" not in json.dumps(to_json(result, "zh"), ensure_ascii=False)


def test_the_view_holds_the_grades_and_no_grades_is_none() -> None:
    """The view of rehab holds the grades by category; a type without the key has None."""
    views = _rules().at(ON).views
    rule = views.deductions["disability_rehab"].disability_grades
    assert rule is not None
    assert rule.key == REHAB
    assert dict(rule.value) == {
        "any": frozenset({1, 2}),
        "intellectual": frozenset({3}),
        "mental": frozenset({3}),
    }
    assert views.deductions["education"].disability_grades is None


def test_example_county_b_limits_rehabilitation_to_the_severely_disabled() -> None:
    """The example county (衡阳's model) on its example household: p2 grade 2 physical,
    300 deducted from 1500: counted 1200, three persons, per capita 400 < 500: dibao;
    1500 − 1200 = 300, plus p2's 分类施保 top-up 0.1 × 500 = 50: 350.00. Its grades
    are a provisional demonstration: warned of."""
    rule_set = load_rules(str(COUNTY_B))
    path = EXAMPLES / "rules" / "households" / "990002-rehab-severely-disabled.json"
    household = parse_household(json.loads(path.read_text(encoding="utf-8")))
    result = assess(household, rule_set.at(dt.date(2025, 6, 1)))
    assert _line(result) == ("accepted", "300.00", ["accepted"])
    assert (result.status, fmt(result.benefit_monthly)) == ("dibao", "350.00")
    provisional = [w.key for w in result.warnings if w.code == "provisional_value"]
    assert REHAB in provisional


# ------------------------------------------------------------------- rule-file errors


def _county(tmp_path: Path, key: str, value: str) -> RuleFileError:
    """Load a county over `base` setting one key; the error it gives."""
    for name in ("base.yaml",):
        (tmp_path / name).write_text((ENGINE / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "county.yaml").write_text(
        f"""schema: meanstest.rules/1
id: county
name: {{zh: 县, en: County}}
level: county
extends: base
parameters:
  {key}:
    description: {{zh: 可扣减的残疾等级, en: Grades}}
    values:
      - from: 2021-07-01
        value: {value}
        provisional: true
        note: test
""",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as info:
        RuleLibrary(tmp_path).load("county")
    return info.value


@pytest.mark.parametrize(
    ("key", "value", "loc", "says"),
    [
        (
            REHAB,
            "{any: [1, 5]}",
            f"parameters.{REHAB}.values.0.value.any",
            "expected a list of grades from 1 to 4",
        ),
        (
            REHAB,
            "{any: [二级]}",
            f"parameters.{REHAB}.values.0.value.any",
            "expected a list of grades from 1 to 4",
        ),
        (
            REHAB,
            "{psychic: [3]}",
            f"parameters.{REHAB}.values.0.value",
            "psychic",
        ),
        (
            "deduction.massage.disability_grades",
            "{any: [1, 2]}",
            "parameters.deduction.massage.disability_grades",
            "massage",
        ),
        (  # no grade would ever qualify: the deduction never applies (try18)
            REHAB,
            "{}",
            f"parameters.{REHAB}.values.0.value",
            "expected at least one disability grade",
        ),
        (
            REHAB,
            "{any: [1], mental: []}",
            f"parameters.{REHAB}.values.0.value.mental",
            "expected at least one disability grade",
        ),
    ],
    ids=[
        "grade-5",
        "grade-in-words",
        "unknown-category",
        "unknown-type",
        "empty-mapping",
        "empty-grades",
    ],
)
def test_a_bad_grades_value_is_a_load_error_naming_file_key_and_line(
    tmp_path: Path, key: str, value: str, loc: str, says: str
) -> None:
    """A grade out of 1–4 or written in words, an unknown category, or the key on an
    expense type the rules do not declare: the error names the file, the key path and
    the line of the value (line 11) or of the key (line 7)."""
    error = _county(tmp_path, key, value)
    assert error.path is not None
    assert error.path.endswith("county.yaml")
    problem = error.problems[0]
    assert problem.loc == loc, error.problems
    assert says in problem.msg, problem.msg
    assert problem.line == (7 if loc.endswith("disability_grades") else 11), problem


# --------------------------------------------------- the columnar engine, held to it

_DISABILITIES = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "category": st.sampled_from(
                ("visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple")
            ),
            "grade": st.integers(1, 4),
        }
    ),
)


@st.composite
def _graded_households(draw: st.DrawFn) -> dict[str, Any]:
    """A household whose members have and lack qualifying grades, claiming the graded
    expenses (and another) for a member or for nobody, with income near the line."""
    size = draw(st.integers(1, 4))
    members: list[dict[str, Any]] = []
    for i in range(size):
        m: dict[str, Any] = {
            "id": f"p{i + 1}",
            "relation": "applicant" if i == 0 else "spouse" if i == 1 else "child",
            "age": draw(st.integers(18, 70)) if i < 2 else draw(st.integers(0, 17)),
        }
        disability = draw(_DISABILITIES)
        if disability is not None:
            m["disability"] = disability
        if i and draw(st.integers(0, 5)) == 0:
            m["status"] = "imprisoned"  # not counted: a claim for them is refused
        members.append(m)
    ids = [m["id"] for m in members]
    claims = [
        _claim(
            draw(st.sampled_from(("disability_rehab", "medical", "support_paid"))),
            str(draw(st.integers(1, 60000)) / 100),
            draw(st.one_of(st.none(), st.sampled_from(ids))),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    return {
        "id": f"G{draw(st.integers(0, 999))}",
        "area": "rural",
        "assessed_on": ON.isoformat(),
        "members": members,
        "incomes": [
            {
                "member": "p1",
                "type": "wage",
                "amount": str(draw(st.integers(0, 40000 * size)) / 100),
                "per": "month",
            }
        ],
        "expenses": claims,
    }


@functools.cache
def _engines(path: Path) -> tuple[BlockRunner, Assessor]:
    rules = load_rules(str(path), path.parent if "fixtures" in path.parts else None)
    job = Job(today=ON, rules=rules, output="dict", detail="summary")
    return BlockRunner(job), Assessor(job)


@pytest.mark.parametrize("path", [GRADES, COUNTY_B], ids=["grades", "990002"])
@settings(
    deadline=None,
    max_examples=examples(60),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(roll=st.lists(_graded_households(), min_size=1, max_size=8))
def test_columnar_and_reference_agree_on_graded_deductions(
    path: Path, roll: list[dict[str, Any]]
) -> None:
    """Both engines give the same summary record for every household (status, income
    figures, benefit, the provisional warning of medical's grades when used), and under
    the fixture the columnar engine decides them itself (county B's single-person bands
    send its households to the reference engine, equal by construction)."""
    if path == COUNTY_B:
        for h in roll:
            h["assessed_on"] = "2025-06-01"
    runner, reference = _engines(path)
    data = b"".join(json.dumps(h, ensure_ascii=False).encode("utf-8") + b"\n" for h in roll)
    piece = runner.run(data)
    expected = [
        reference.outcome(Record(i + 1, line)).output for i, line in enumerate(data.splitlines())
    ]
    assert piece.output == expected
    if path == GRADES:
        assert piece.tally.paths["columnar"] == len(roll), piece.tally.routes
