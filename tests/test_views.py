"""Tests of the typed rule views: what `RuleSet.at` builds for the engine to read.

Each scheme is one frozen object; a scheme not in force is None; a needed value with
none in force is a `Missing` that names its key and raises only when used; every value
keeps its key and source; the views are built once per date and pickle.
"""

from __future__ import annotations

import datetime as dt
import functools
import pickle
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from meanstest.engine import assess
from meanstest.engine.context import Context, Tracer
from meanstest.errors import Invalid, RuleNotInForce
from meanstest.model.household import parse_household
from meanstest.ruleset import keys as P
from meanstest.ruleset.build_views import build_views
from meanstest.ruleset.load import RuleLibrary, load_rules
from meanstest.ruleset.model import Param, RulesAt, RuleSet
from meanstest.ruleset.views import CAP_NAMES, Missing, Rule, RuleViews, Tier

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rules"
ON = dt.date(2021, 12, 1)
ON_2025 = dt.date(2025, 3, 1)  # the ladder fixture's rigid-expenditure rules start in 2025
AFTER_URBAN = dt.date(2022, 6, 1)  # the engine fixture's urban standard ends on 2022-01-01
OPTIONAL_SCHEMES = ("tekun", "classified", "phase_out", "rigid", "unsupported_child")


@functools.cache
def _rule_set(folder: str, rule_id: str) -> RuleSet:
    return RuleLibrary(FIXTURES / folder).load(rule_id)


def engine_rules(rule_id: str = "base", on: dt.date = ON) -> RulesAt:
    """The engine fixture rule set ``rule_id`` in force on ``on``."""
    return _rule_set("engine", rule_id).at(on)


def ladder_rules(rule_id: str = "ladder", on: dt.date = ON_2025) -> RulesAt:
    """The ladder fixture rule set ``rule_id`` (every scheme in force) on ``on``."""
    return _rule_set("ladder", rule_id).at(on)


def _household(area: str = "rural") -> dict[str, object]:
    return {
        "area": area,
        "members": [{"id": "p1", "relation": "applicant", "age": 40}],
        "incomes": [{"member": "p1", "type": "wage", "amount": "100", "per": "month"}],
    }


# ------------------------------------------------------------------ schemes


def test_views_schemes_not_in_force_are_none() -> None:
    """A rule set without 特困, 分类施保, phase-out, rigid or child rules has None views."""
    views = engine_rules().views
    assert {name: getattr(views, name) for name in OPTIONAL_SCHEMES} == dict.fromkeys(
        OPTIONAL_SCHEMES
    )


def test_views_schemes_in_force_are_built() -> None:
    """Under the ladder fixture, which sets every scheme, no scheme view is None."""
    views = ladder_rules().views
    assert all(getattr(views, name) is not None for name in OPTIONAL_SCHEMES)
    assert views.classified is not None
    # The groups in the order of their names (classified.groups.NAME).
    assert [g.name for g in views.classified.groups] == [
        "elderly",
        "minor",
        "serious_illness",
        "severe_disability",
    ]


def test_views_scheme_before_its_start_is_none() -> None:
    """A scheme whose values start later is None before that date and built from it on."""
    national = load_rules("000000")
    assert national.at(dt.date(2021, 12, 1)).views.rigid is None  # 刚性支出 from 2025
    assert national.at(dt.date(2025, 6, 1)).views.rigid is not None


# ------------------------------------------------------------------ values, keys, sources


def test_views_values_are_typed_and_keep_key_and_source() -> None:
    """A Rule's value is converted; its key, source and Param are those of the snapshot."""
    rules = engine_rules()
    standard = rules.views.dibao.standard["rural"]
    assert isinstance(standard, Rule)
    assert (standard.key, standard.value) == ("dibao.standard.rural", Decimal(4560))
    assert standard.param is rules.params["dibao.standard.rural"]
    assert standard.source == rules.params["dibao.standard.rural"].source
    assert standard.written == rules.params["dibao.standard.rural"].written
    months = rules.views.income.reference_months
    assert isinstance(months, Rule)
    assert type(months.value) is int
    counted = rules.views.income.counted
    assert {t: r.value for t, r in counted.items() if isinstance(r, Rule)} == {
        "wage": True,
        "farming": True,
        "rent": True,
        "pension": True,
        "scholarship": False,
        "social_assistance": False,
    }
    financial = rules.views.assets.financial_types
    assert isinstance(financial, Rule)
    assert isinstance(financial.value, frozenset)


def test_views_unlimited_is_none() -> None:
    """``unlimited`` in a rule file becomes None: no limit."""
    assets = engine_rules("lenient_assets").views.assets
    assert isinstance(assets.financial_limit_months, Rule)
    assert isinstance(assets.housing_max_count, Rule)
    assert assets.financial_limit_months.value is None
    assert assets.housing_max_count.value is None
    assert engine_rules("lenient_assets").params["assets.housing.max_count"].value == (P.UNLIMITED)


def test_views_deduction_caps_in_order_and_unruled_type() -> None:
    """Caps are held by name in the order they apply; a type with no rule is Missing."""
    deductions = engine_rules("caps").views.deductions
    care = deductions["care"]
    assert tuple(care.caps) == CAP_NAMES
    assert [c.key for c in care.caps.values()] == [
        f"deduction.care.cap.{name}" for name in CAP_NAMES
    ]
    other = engine_rules().views.deductions["other_cost"]
    assert isinstance(other.deductible, Missing)
    assert other.deductible.key == "deduction.other_cost.deductible"
    assert (other.requires, dict(other.caps)) == (None, {})


def test_views_tiers_are_typed() -> None:
    """Benefit tiers become Tier tuples with Decimal bounds and amounts."""
    tiers = ladder_rules("ladder_tiered").views.benefit.tiers
    assert isinstance(tiers, Rule)
    assert tiers.value
    assert all(isinstance(t, Tier) and isinstance(t.below_share, Decimal) for t in tiers.value)


class _Recording(dict[str, Param]):
    """The params of a snapshot, recording every key looked up in them."""

    def __init__(self, params: Mapping[str, Param]) -> None:
        super().__init__(params)
        self.read: set[str] = set()

    def get(self, key: str, default: object = None) -> Any:  # type: ignore[override]
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Param:
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)


def _keys_read(rules: RulesAt) -> set[str]:
    """Every key the views of ``rules`` look up, whether the rules set it or not."""
    params = _Recording(rules.params)
    build_views(rules.id, rules.on, params, rules.income_types, rules.expense_types)
    return params.read


@pytest.mark.parametrize("shipped", [False, True], ids=["ladder", "431022"])
def test_views_every_key_is_a_rule_key(shipped: bool) -> None:
    """Every key the views read is one the loader accepts (no typo can hide in views.py)."""
    rules = load_rules("431022").at(ON) if shipped else ladder_rules()
    unknown = {
        k
        for k in _keys_read(rules)
        if isinstance(
            P.checker_for(k, dict(rules.income_types), dict(rules.expense_types)), Invalid
        )
    }
    assert unknown == set()


def test_views_read_every_static_key() -> None:
    """Each fixed rule key is read by a view, but the floors, which only load checks read
    (temporary assistance's keys under the ladder fixture that adds them)."""
    only_checks = {"dibao.floor.urban", "dibao.floor.rural"}
    read = _keys_read(ladder_rules()) | _keys_read(ladder_rules("temporary"))
    assert set(P.STATIC_KEYS) - read == only_checks


# ------------------------------------------------------------------ missing values


def test_views_missing_value_names_its_key() -> None:
    """A value with none in force is a Missing naming the key, the date and the rule set."""
    rules = engine_rules(on=AFTER_URBAN)
    urban = rules.views.dibao.standard["urban"]
    assert urban == Missing("dibao.standard.urban", AFTER_URBAN, "base")
    assert "dibao.standard.urban" not in rules.params


def test_context_use_of_missing_raises_rule_not_in_force() -> None:
    """Using a Missing value raises RuleNotInForce with its key; nothing is recorded."""
    rules = engine_rules(on=AFTER_URBAN)
    ctx = Context(rules)
    with pytest.raises(RuleNotInForce) as caught:
        ctx.use(rules.views.dibao.standard["urban"])
    assert (caught.value.key, caught.value.on, caught.value.rule_set) == (
        "dibao.standard.urban",
        AFTER_URBAN,
        "base",
    )
    assert ctx.used == {}


def test_missing_value_raises_only_when_needed() -> None:
    """With no urban standard in force, an urban household fails and a rural one passes."""
    rules = engine_rules(on=AFTER_URBAN)
    assert assess(parse_household(_household("rural")), rules).status == "dibao"
    with pytest.raises(RuleNotInForce) as caught:
        assess(parse_household(_household("urban")), rules)
    assert caught.value.key == "dibao.standard.urban"


# ------------------------------------------------------------------ used rules


def test_context_records_rules_used_once_in_first_use_order() -> None:
    """use and the trace record a rule once, in the order first used; a look does not."""
    rules = engine_rules()
    views = rules.views
    ctx = Context(rules)
    trace = Tracer(ctx)
    assert views.benefit.method is None  # the base fixture pays the gap: nothing to look at
    look = views.rounding.mode
    assert isinstance(look, Rule)
    assert look.value == "half_up"  # looking at a value does not use it
    assert ctx.use(views.dibao.edge_multiplier) == Decimal("1.5")
    trace.add("standard", views.dibao.standard["rural"], Decimal(380))
    ctx.use(views.dibao.edge_multiplier)
    assert list(ctx.used) == ["dibao.edge_multiplier", "dibao.standard.rural"]
    assert [(s.step, s.key) for s in trace.steps] == [("standard", "dibao.standard.rural")]
    assert trace.steps[0].source == rules.params["dibao.standard.rural"].source


# ------------------------------------------------------------------ caching and pickling


def test_views_built_once_per_date() -> None:
    """The same date gives the same snapshot and views object; another date new ones."""
    rule_set = _rule_set("engine", "base")
    assert rule_set.at(ON).views is rule_set.at(ON).views
    assert rule_set.at(AFTER_URBAN).views is not rule_set.at(ON).views


@pytest.mark.parametrize(
    ("folder", "rule_id"), [("engine", "base"), ("engine", "caps"), ("ladder", "ladder")]
)
def test_views_pickle(folder: str, rule_id: str) -> None:
    """Views (and the snapshot holding them) survive pickling, Missing values included."""
    rules = _rule_set(folder, rule_id).at(ON_2025)
    blob = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
    copy = pickle.loads(blob)  # noqa: S301 - bytes this test has just written
    assert isinstance(copy.views, RuleViews)
    assert copy.views == rules.views
    missing = pickle.loads(pickle.dumps(engine_rules(on=AFTER_URBAN).views))  # noqa: S301
    assert isinstance(missing.dibao.standard["urban"], Missing)


def test_views_pickled_rule_set_assesses_the_same() -> None:
    """A rule set pickled after use (as sent to batch workers) assesses as the original."""
    rule_set = _rule_set("ladder", "ladder")
    rule_set.at(ON_2025)
    copy: RuleSet = pickle.loads(pickle.dumps(rule_set))  # noqa: S301 - written just above
    household = parse_household(_household())
    assert assess(household, copy.at(ON_2025)) == assess(household, rule_set.at(ON_2025))
