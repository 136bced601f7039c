"""Properties of the assessment that must hold for every household (hypothesis).

Households come from tests/strategies.py: valid Yizhang (431022) households, assessed
with the shipped rules on their own `assessed_on` (2021-07-01 to 2026-12-31). The
shipped rules pay the plain gap (no 分类施保 top-ups, no tiers, no deduction caps) on a
rural standard of 4,560 yuan a year (380.00 a month) per person.

Each property is bounded to a few hundred examples so the file runs in seconds.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import examples
from hypothesis import HealthCheck, event, example, given, note, settings
from hypothesis import strategies as st
from strategies import (
    REGION,
    households,
    money,
    money_text,
    near_the_line,
    renewals,
    tekun_near_the_standard,
)

from meanstest.engine import assess
from meanstest.model.household import parse_household
from meanstest.model.result import Assessment
from meanstest.money import fmt
from meanstest.render.json import to_json
from meanstest.ruleset.load import load_rules
from meanstest.ruleset.model import RuleSet

ROOT = Path(__file__).resolve().parent.parent
PROPERTY = settings(
    deadline=None,
    max_examples=examples(150),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def shipped() -> RuleSet:
    """The shipped 431022 rules, loaded on first use (inside a test, so the rule cache
    goes where conftest puts it)."""
    return load_rules(REGION)


def run(data: dict[str, Any], rule_set: RuleSet | None = None) -> Assessment:
    """Parse a household dict and assess it under ``rule_set`` (default: the shipped
    431022) on its own date."""
    household = parse_household(data)
    assert household.assessed_on is not None
    rules = shipped() if rule_set is None else rule_set
    return assess(household, rules.at(household.assessed_on))


def counted_types(on: dt.date, counted: bool = True) -> list[str]:
    """The income types the shipped rules count (or, with ``counted=False``, exempt) on ``on``."""
    params = shipped().at(on).params
    return sorted(
        key.removeprefix("income.counted.")
        for key, p in params.items()
        if key.startswith("income.counted.") and bool(p.value) is counted
    )


def _on(data: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(data["assessed_on"])


def _cents(amount: int | str) -> int:
    return int(Decimal(str(amount)) * 100)


def _summary(a: Assessment) -> str:
    return (
        f"status={a.status} benefit={a.benefit_monthly} size={a.household_size} "
        f"counted={a.income.counted_monthly} members="
        f"{[(m.id, m.counted, m.excluded_because, m.single_person) for m in a.members]}"
    )


# ------------------------------------------------------------------ monotonic in income


@st.composite
def more_income(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], str]:
    """A household without `current`, and the same household with more countable income.

    Either an existing counted item grows, or a new counted item (``wage`` or another
    counted type) is added for the household or a resident member. The household comes
    from `households`, from `near_the_line` (where the status changes) or from
    `tekun_near_the_standard` (where 特困 status changes). Returns
    ``(before, after, what changed)``.
    """
    before = draw(
        st.one_of(households(with_current=False), near_the_line(), tekun_near_the_standard())
    )
    after = json.loads(json.dumps(before))
    on = _on(before)
    counted = counted_types(on)
    resident = [m["id"] for m in after["members"] if m.get("status", "resident") == "resident"]
    items = [
        i
        for i in after.get("incomes", ())
        if i["type"] in counted and i.get("member", resident[0] if resident else None) in resident
    ]
    delta = draw(st.one_of(st.integers(1, 100), st.integers(1, 2_000_00)))
    grow: bool = draw(st.booleans())
    if items and grow:
        item = draw(st.sampled_from(items))
        item["amount"] = money_text(_cents(item["amount"]) + delta, draw(st.integers(0, 3)))
        what = f"{item['type']} of {item.get('member')} + {delta / 100} per {item['per']}"
    else:
        who = draw(st.sampled_from([None, *resident]))
        kind = draw(st.sampled_from(["wage", *counted]))
        item = {
            "type": kind,
            "amount": money_text(delta, 3),
            "per": draw(st.sampled_from(("month", "year"))),
        }
        if who is not None:
            item["member"] = who
        after.setdefault("incomes", []).append(item)
        what = f"new {kind} of {who} {delta / 100} per {item['per']}"
    return before, after, what


@settings(PROPERTY, max_examples=examples(400))
@given(more_income())
def test_benefit_never_rises_when_countable_income_rises(
    case: tuple[dict[str, Any], dict[str, Any], str],
) -> None:
    """More countable income never raises the benefit (same rules, same date, no `current`).

    Renewals (`current`) are left out: phase-out (渐退) keeps paying the current benefit
    when income rises through work, which may be more than the gap was.

    Two rises follow the rules as written, so the test recognises them (and counts them
    with ``event``) instead of failing; the two counter-example tests below pin one of
    each:

    - dibao → dibao_single: a household just below the line gets the small household
      gap; just above it, it is an edge household, and a seriously ill or severely
      disabled member may be enrolled alone (单人户施保, 审核确认办法 Art. 8) with the
      gap between the standard and their *own* income, which can be far larger (the
      same holds a fen below the line, where the household gap rounds to nothing and
      the household is assessed as at the line);
    - a member stops being 特困: a 特困 member is supported apart (rule
      ``tekun.in_dibao_household: separate``), outside the household's count. Income
      that lifts their own income to the standard ends 特困 (认定办法 Art. 6) and brings
      them back into the count, with their deductible expenses, so the household's
      dibao may rise while the member loses the larger 特困 support, which is not
      part of ``benefit_monthly``.
    """
    before, after, what = case
    a, b = run(before), run(after)
    note(f"change: {what}")
    note(f"before: {_summary(a)}")
    note(f"after:  {_summary(b)}")
    if b.benefit_monthly <= a.benefit_monthly:
        return
    rejoined = [
        m.id
        for m, n in zip(a.members, b.members, strict=True)
        if m.excluded_because == "tekun" and n.counted
    ]
    if rejoined:
        event("rise: a member stopped being 特困 and rejoined the household's count")
        return
    if a.status == "dibao" and b.status == "dibao_single":
        event("rise: dibao just below the line → single-person enrolment above it")
        # Above the line, or so close below it that the household gap rounds to nothing
        # (then the household is assessed as at the line: reason nothing_to_pay).
        assert (
            b.income.counted_monthly >= a.standard_monthly * a.household_size
            or "nothing_to_pay" in [r.code for r in b.reasons]
        )
        return
    raise AssertionError(f"the benefit rose from {a.benefit_monthly} to {b.benefit_monthly}")


def test_counter_example_single_person_enrolment_above_the_line() -> None:
    """Documents a rise the rules make (not a property): 2 people, the applicant seriously
    ill, household wage 759 → 761 a month. At 759 the household is below the line (760)
    and gets the gap, 1.00; at 761 it is an edge household and the applicant, with no
    income of their own, is enrolled alone for 380.00. Change this test if policy
    decides the household should get the larger of the two."""

    def household(wage: str) -> dict[str, Any]:
        return {
            "region": REGION,
            "area": "rural",
            "assessed_on": "2021-12-01",
            "members": [
                {"id": "p1", "relation": "applicant", "age": 40, "serious_illness": True},
                {"id": "p2", "relation": "spouse", "age": 40},
            ],
            "incomes": [{"type": "wage", "amount": wage, "per": "month"}],
        }

    below, above = run(household("759")), run(household("761"))
    assert (below.status, below.benefit_monthly) == ("dibao", Decimal("1.00"))
    assert (above.status, above.benefit_monthly) == ("dibao_single", Decimal("380.00"))


def test_counter_example_member_leaves_tekun() -> None:
    """Documents a rise the rules make (not a property): a person of 75 living alone with no
    supporter, a pension and 50 a month of medical costs. With a pension of 300 they are
    特困: a `tekun` household of one (no dibao; support 1.3 × 380 = 494.00, the shipped
    rules setting no care standard); with 400 they are not 特困 (own income above 380)
    and their counted income is 400 − 50 = 350: dibao 30.00."""

    def household(pension: str) -> dict[str, Any]:
        return {
            "region": REGION,
            "area": "rural",
            "assessed_on": "2021-12-01",
            "members": [{"id": "p1", "relation": "applicant", "age": 75, "supporters": []}],
            "incomes": [{"member": "p1", "type": "pension", "amount": pension, "per": "month"}],
            "expenses": [{"member": "p1", "type": "medical", "amount": "50", "per": "month"}],
        }

    tekun, not_tekun = run(household("300")), run(household("400"))
    assert (tekun.status, tekun.household_size, tekun.eligible) == ("tekun", 1, False)
    assert tekun.benefit_monthly == 0
    assert tekun.support_monthly == Decimal("494.00")
    assert tekun.members[0].tekun is not None
    assert tekun.members[0].tekun.eligible is True
    assert (not_tekun.status, not_tekun.benefit_monthly) == ("dibao", Decimal("30.00"))


# ------------------------------------------------------------------ the ceiling


@settings(PROPERTY, max_examples=examples(200))
@given(st.one_of(households(), near_the_line(), tekun_near_the_standard()))
def test_benefit_never_exceeds_standard_times_size(data: dict[str, Any]) -> None:
    """A dibao benefit is at most standard × household size; a single-person one at most
    standard × the members enrolled alone (before top-ups: the shipped rules have none)."""
    a = run(data)
    note(_summary(a))
    assert a.benefit.top_ups == 0
    if a.status == "dibao":
        assert a.benefit_monthly <= a.standard_monthly * a.household_size
    elif a.status == "dibao_single":
        enrolled = [m for m in a.members if m.single_person]
        assert enrolled
        assert a.benefit_monthly <= a.standard_monthly * len(enrolled)
        for m in enrolled:
            assert m.single_person_benefit is not None
            assert m.single_person_benefit <= a.standard_monthly


# ------------------------------------------------------------------ zero ⇔ not eligible


def _zero_exactly_when_not_eligible(a: Assessment) -> None:
    """One assertion per paid status, so hypothesis reports each kind of failure.

    Eligible and paid: dibao, dibao_single, and phase_out (paid until it ends). An
    eligible household's benefit may round to 0.00 (issue 12: eligibility is decided on
    the exact figures); then a reason says so.
    """
    note(_summary(a))
    zero = a.benefit_monthly == 0
    assert a.eligible is (a.status in ("dibao", "dibao_single", "phase_out")), a.status
    explained = "gap_rounds_to_nothing" in [r.code for r in a.reasons]
    if not a.eligible:
        assert zero, f"not eligible ({a.status}) but paid {a.benefit_monthly}"
    elif a.status in ("dibao", "dibao_single"):
        assert not zero or explained, f"{a.status} with 0.00 and no reason saying why"
        assert zero or not explained, f"{a.status} paid {a.benefit_monthly}, said nothing"
    else:
        assert not zero, "phase_out (paid until it ends) but the benefit is 0.00"


_ONE = {"region": REGION, "area": "rural", "assessed_on": "2021-12-01"}


@settings(PROPERTY, max_examples=examples(300))
@given(st.one_of(households(), near_the_line()))
@example(
    {
        **_ONE,
        "members": [{"id": "p1", "relation": "applicant", "age": 40}],
        "incomes": [{"type": "wage", "amount": "4559.99", "per": "year"}],
    }
)
@example(
    {
        **_ONE,
        "members": [{"id": "p1", "relation": "applicant", "age": 40, "serious_illness": True}],
        "incomes": [
            {"member": "p1", "type": "wage", "amount": "4559.99", "per": "year"},
            {"type": "wage", "amount": "0.01", "per": "year"},
        ],
    }
)
def test_benefit_is_zero_exactly_when_not_eligible(data: dict[str, Any]) -> None:
    """Not eligible: the benefit is 0.00; eligible: paid, or 0.00 with the reason that the
    gap rounds to nothing (contract §2).

    Includes households just below a line (`near_the_line`): the household's dibao
    line, or a seriously ill member's own standard in an edge household, a few fen a
    year away.
    """
    _zero_exactly_when_not_eligible(run(data))


@settings(PROPERTY, max_examples=examples(150))
@given(renewals())
@example(
    {
        **_ONE,
        "members": [{"id": "p1", "relation": "applicant", "age": 40, "employment": "employed"}],
        "incomes": [{"member": "p1", "type": "wage", "amount": "1500", "per": "month"}],
        "current": {"status": "dibao"},
    }
)
def test_benefit_is_zero_exactly_when_not_eligible_in_renewals(data: dict[str, Any]) -> None:
    """The same for renewals (`current`), where phase-out (渐退) pays the current benefit
    and counts as eligible."""
    _zero_exactly_when_not_eligible(run(data))


@settings(PROPERTY, max_examples=examples(300))
@given(st.one_of(households(), near_the_line()))
def test_exact_income_below_the_standard_is_always_dibao(data: dict[str, Any]) -> None:
    """A household whose exact per-capita income is below the standard, with its assets
    passing, is dibao (or, when every member is 特困, tekun), whatever its benefit rounds
    to (issue 12: a status is never decided on a rounded figure)."""
    a = run(data)
    note(_summary(a))
    below = a.income.counted_monthly < a.standard_monthly * a.household_size
    if a.household_size and a.assets_ok and below:
        assert a.status in ("dibao", "tekun"), a.status


@settings(PROPERTY, max_examples=examples(300))
@given(st.one_of(households(), near_the_line()), st.sampled_from(("month", "year")))
def test_one_fen_more_income_never_raises_the_gap_benefit(data: dict[str, Any], per: str) -> None:
    """On the gap route (dibao, no phase-out, no single-person enrolment, no tiers), a
    fen more counted income never raises the benefit (issue 12)."""
    if data.get("current"):
        return
    before = run(data)
    if before.status != "dibao" or before.benefit.method != "household_gap":
        return
    more = json.loads(json.dumps(data))
    member = next(
        m["id"] for m, r in zip(more["members"], before.members, strict=True) if r.counted
    )
    more.setdefault("incomes", []).append(
        {"member": member, "type": "wage", "amount": "0.01", "per": per}
    )
    after = run(more)
    note(f"before {_summary(before)}\nafter {_summary(after)}")
    if after.status == "dibao_single":
        # Reaching the standard moves a severely disabled or ill member onto the
        # single-person route: the jump is national policy (S2 Art. 8), not the gap's.
        return
    assert after.benefit_monthly <= before.benefit_monthly


# ------------------------------------------------------------------ exempt income


@st.composite
def exempt_income(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A household, and the same household with one more income of a type not counted."""
    before = draw(households())
    after = json.loads(json.dumps(before))
    kind = draw(st.sampled_from(counted_types(_on(before), counted=False)))
    item: dict[str, Any] = {
        "type": kind,
        "amount": draw(money()),
        "per": draw(st.sampled_from(("month", "year"))),
    }
    who = draw(st.sampled_from([None, *(m["id"] for m in after["members"])]))
    if who is not None:
        item["member"] = who
    incomes = after.setdefault("incomes", [])
    incomes.insert(draw(st.integers(0, len(incomes))), item)
    return before, after


@settings(PROPERTY, max_examples=examples(200))
@given(exempt_income())
def test_income_that_is_not_counted_changes_nothing(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    """Adding a scholarship, veterans' benefit, social assistance, ... (any type the rules do
    not count on that date) changes neither the status, the benefit nor the counted income."""
    before, after = case
    a, b = run(before), run(after)
    note(f"before: {_summary(a)}")
    note(f"after:  {_summary(b)}")
    assert b.status == a.status
    assert b.benefit_monthly == a.benefit_monthly
    assert b.income.counted_monthly == a.income.counted_monthly
    assert b.household_size == a.household_size


# ------------------------------------------------------------------ order


def _by_id(out: dict[str, Any]) -> dict[str, Any]:
    return {m["id"]: m for m in out["members"]}


def _without_index(items: list[dict[str, Any]]) -> list[str]:
    return sorted(
        json.dumps({k: v for k, v in i.items() if k != "index"}, sort_keys=True, ensure_ascii=False)
        for i in items
    )


def _order_free(a: Assessment) -> dict[str, Any]:
    """The result with every list whose order follows the input made into a multiset."""
    out = to_json(a)
    income = dict(out["income"])
    income["items"] = _without_index(income["items"])
    income["deductions"] = _without_index(income["deductions"])
    benefit = {k: v for k, v in out["benefit"].items() if k != "formula"}
    return {
        "status": out["status"],
        "eligible": out["eligible"],
        "benefit_monthly": out["benefit_monthly"],
        "benefit": benefit,
        "household_size": out["household_size"],
        "income": income,
        "assets_ok": out["assets_ok"],
        "assets_failed": sorted(out["assets_failed"]),
        "asset_tests": sorted((t["test"], t["passed"], t["code"]) for t in out["asset_tests"]),
        "members": _by_id(out),
        "thresholds": out["thresholds"],
        "phase_out": out["phase_out"],
        "rigid": out["rigid_expenditure"],
        "reasons": sorted(json.dumps(r, ensure_ascii=False) for r in out["reasons"]),
        "warnings": sorted(json.dumps(w, ensure_ascii=False) for w in out["warnings"]),
    }


@st.composite
def reordered(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A household, and the same household with members and items in another order."""
    before = draw(households())
    after = json.loads(json.dumps(before))
    for field in ("members", "incomes", "expenses", "assets"):
        if field in after:
            after[field] = draw(st.permutations(after[field]))
    return before, after


def _assert_same(left: dict[str, Any], right: dict[str, Any]) -> None:
    """Assert two order-free views are equal, naming the first field that differs."""
    for key, value in left.items():
        if key == "members" and value != right[key]:
            for mid, m in value.items():
                other = right[key].get(mid)
                assert other is not None, f"member {mid} missing"
                for field, mine in m.items():
                    assert other[field] == mine, (
                        f"member {mid}, {field}:\n  in input order: {mine}\n"
                        f"  reordered:      {other[field]}"
                    )
        assert right[key] == value, key


def _decisions(view: dict[str, Any]) -> dict[str, Any]:
    """The order-free view without the wording: each member's 特困 conditions as
    (name, met, code), and reasons as codes."""
    members = {}
    for mid, member in view["members"].items():
        m = dict(member)
        if m["tekun"] is not None:
            m["tekun"] = {
                **m["tekun"],
                "conditions": [(c["name"], c["met"], c["code"]) for c in m["tekun"]["conditions"]],
            }
        members[mid] = m
    reasons = sorted(json.loads(r)["code"] for r in view["reasons"])
    return {**view, "members": members, "reasons": reasons}


@settings(PROPERTY, max_examples=examples(200))
@given(reordered())
def test_order_of_members_and_items_changes_no_decision(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    """Members, incomes, expenses and assets in another order give the same decisions:
    status, benefit, income totals and items, asset tests, reason codes and each member's
    result by id (counted, 特困 conditions met or not, single-person benefit, ...)."""
    before, after = case
    a, b = run(before), run(after)
    note(f"before: {_summary(a)}")
    _assert_same(_decisions(_order_free(a)), _decisions(_order_free(b)))


_CHILD_AND_TWO_ADULTS = [
    {"id": "p1", "relation": "applicant", "age": 10},
    {"id": "p2", "relation": "parent", "age": 40},
    {"id": "p3", "relation": "parent", "age": 40},
]


@settings(PROPERTY, max_examples=examples(200))
@given(reordered())
@example(
    ({**_ONE, "members": _CHILD_AND_TWO_ADULTS}, {**_ONE, "members": _CHILD_AND_TWO_ADULTS[::-1]})
)
def test_order_of_members_and_items_changes_no_explanation(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    """The same, wording included: every message of the result (reasons, 特困 conditions,
    asset tests, deductions) is the same whatever the order of the input lists, with
    only item indexes and the trace order left aside."""
    before, after = case
    a, b = run(before), run(after)
    note(f"before: {_summary(a)}")
    _assert_same(_order_free(a), _order_free(b))


# ------------------------------------------------------------------ determinism


@settings(PROPERTY, max_examples=examples(100))
@given(households())
def test_assessing_twice_gives_byte_identical_json(data: dict[str, Any]) -> None:
    """The same household assessed twice (parsed afresh each time) gives the same bytes."""
    first = json.dumps(to_json(run(data)), ensure_ascii=False)
    second = json.dumps(to_json(run(json.loads(json.dumps(data)))), ensure_ascii=False)
    assert first == second
    assert json.dumps(to_json(run(data), "zh"), ensure_ascii=False) == json.dumps(
        to_json(run(data), "zh"), ensure_ascii=False
    )


# ------------------------------------------------------------------ other counties

GUIYANG = """\
# A sibling county for the tests: Guiyang (桂阳县), 431021, also in Chenzhou.
schema: meanstest.rules/1
id: "431021"
name: {zh: 桂阳县, en: Guiyang County}
level: county
extends: "431000"

parameters:
  dibao.standard.rural:
    description: {zh: 农村低保标准, en: Rural dibao standard}
    unit: yuan/year
    values:
      - from: 2021-01-01
        value: 6120
        provisional: true
        note: a made-up figure for the tests
  dibao.standard.urban:
    description: {zh: 城市低保标准, en: Urban dibao standard}
    unit: yuan/year
    values:
      - from: 2021-01-01
        value: 7200
        provisional: true
        note: a made-up figure for the tests
  single_person.enabled:
    description: {zh: 单人户施保, en: Single-person enrolment}
    values:
      - from: 2021-07-01
        value: false
        provisional: true
        note: a made-up change for the tests
"""


@pytest.fixture(scope="module")
def with_sibling(tmp_path_factory: pytest.TempPathFactory) -> tuple[RuleSet, RuleSet]:
    """431022 loaded from a copy of rules/ with a sibling county added, and 431021 itself."""
    directory = tmp_path_factory.mktemp("rules")
    for path in (ROOT / "rules").glob("*.yaml"):
        shutil.copy(path, directory / path.name)
    (directory / "431021-guiyang.yaml").write_text(GUIYANG, encoding="utf-8")
    yizhang = load_rules(REGION, directory=directory)
    guiyang = load_rules("431021", directory=directory)
    return yizhang, guiyang


def test_sibling_county_file_is_a_real_change(with_sibling: tuple[RuleSet, RuleSet]) -> None:
    """The sibling file loads and differs from Yizhang, so the next test compares something."""
    _, guiyang = with_sibling
    on = dt.date(2022, 1, 1)
    assert guiyang.at(on).value("dibao.standard.rural") != shipped().at(on).value(
        "dibao.standard.rural"
    )


@settings(
    PROPERTY,
    max_examples=examples(100),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(households())
def test_another_countys_rule_file_changes_nothing(
    with_sibling: tuple[RuleSet, RuleSet], data: dict[str, Any]
) -> None:
    """Adding another county's rule file beside 431022 changes no result, nor the digest."""
    yizhang, _ = with_sibling
    on = _on(data)
    assert yizhang.at(on).digest == shipped().at(on).digest
    assert to_json(run(data, yizhang)) == to_json(run(data, shipped()))


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, min_value=Decimal("-1e12"), max_value=Decimal("1e12")
    )
)
@example(Decimal("1E+3"))
@example(Decimal("0E-30"))
@example(Decimal("-0.004"))
@example(Decimal("0.005"))
@example(Decimal("999999999999.995"))
def test_money_is_written_with_two_decimals_rounded_half_up(amount: Decimal) -> None:
    """fmt writes what formatting the value rounded half up to the fen writes: two
    decimals, no exponent (1E+3 → 1000.00), half a fen rounded away from zero, and no
    sign on nothing (−0.004 → 0.00)."""
    rounded = amount.quantize(Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)
    expected = f"{rounded:f}" if rounded else "0.00"
    assert fmt(amount) == expected
    assert "E" not in fmt(amount)
    assert fmt(amount).rpartition(".")[2].isdigit()
    assert len(fmt(amount).rpartition(".")[2]) == 2


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        ("570", "570.00"),
        ("0.005", "0.01"),
        ("0.0049", "0.00"),
        ("1E+3", "1000.00"),
        ("41.665", "41.67"),
        ("-2.345", "-2.35"),
        ("999999999999.99", "999999999999.99"),
        ("-0.004", "0.00"),
        ("-0.005", "-0.01"),
        ("0E-30", "0.00"),
    ],
)
def test_money_written_by_hand(amount: str, written: str) -> None:
    """Worked by hand: to the fen, half away from zero, never in exponent form."""
    assert fmt(Decimal(amount)) == written
