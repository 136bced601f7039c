"""The property tests: financial assets, vehicles, housing, registered business."""

from __future__ import annotations

from decimal import Decimal

from ..model.household import Household
from ..model.result import AssetTest, Reason
from ..money import ZERO, divide, monthly
from ..ruleset.keys import UNLIMITED
from ..ruleset.views import Rule
from .context import Context, within
from .housing import recent_housing_test

# Each test with the rule it cites in the trace (None: a test no rule decides).
TestedAssets = tuple[tuple[AssetTest, Rule[object] | None], ...]


def run_asset_tests(
    household: Household, ctx: Context, size: int, standard: Decimal
) -> TestedAssets:
    rules = ctx.rules.assets
    tests: list[tuple[AssetTest, Rule[object] | None]] = []
    financial_types = ctx.use(rules.financial_types)
    _financial(household, ctx, size, standard, financial_types, tests)
    _vehicles(household, ctx, tests)
    _housing(household, ctx, tests)
    recent = recent_housing_test(household, ctx)
    if recent is not None:
        tests.append((recent, rules.housing_recent_months))
    _business(household, ctx, tests)
    _untested(household, financial_types, tests)
    return tuple(tests)


def _financial(
    household: Household,
    ctx: Context,
    size: int,
    standard: Decimal,
    financial_types: frozenset[str],
    tests: list[tuple[AssetTest, Rule[object] | None]],
) -> None:
    """The financial-assets test: per-capita savings against months of the standard."""
    rules = ctx.rules.assets
    limit_rule = ctx.cite(rules.financial_limit_months)
    limit_months = limit_rule.value
    financial = sum((a.value for a in household.assets if a.type in financial_types), ZERO)
    per_capita = divide(financial, size) if size else financial
    if limit_months is None:  # unlimited
        tests.append(
            (
                AssetTest(
                    "financial",
                    True,
                    limit_rule.key,
                    Reason("financial_unlimited", {"per_capita": per_capita}),
                ),
                limit_rule,
            )
        )
    else:
        limit = monthly(standard) * limit_months
        ok = within(per_capita, limit, limit_rule)  # not above the limit, or below it
        tests.append(
            (
                AssetTest(
                    "financial",
                    ok,
                    limit_rule.key,
                    Reason(
                        "financial_ok" if ok else "financial_over",
                        {"per_capita": per_capita, "limit": limit, "months": limit_months},
                    ),
                ),
                limit_rule,
            )
        )


def _vehicles(
    household: Household, ctx: Context, tests: list[tuple[AssetTest, Rule[object] | None]]
) -> None:
    """The vehicle test: kinds the rules allow, or used for a livelihood when exempt."""
    rules = ctx.rules.assets
    vehicles = [a for a in household.assets if a.type == "vehicle"]
    if vehicles:
        allowed = ctx.cite(rules.vehicle_allowed_kinds)
        exempt = ctx.use(rules.vehicle_livelihood_exempt)
        bad = [
            a.kind
            for a in vehicles
            if a.kind not in allowed.value and not (a.for_livelihood and exempt)
        ]
        tests.append(
            (
                AssetTest(
                    "vehicle",
                    not bad,
                    allowed.key,
                    Reason(
                        "vehicle_over" if bad else "vehicle_ok",
                        {
                            "kinds": ", ".join(str(k) for k in bad)
                            if bad
                            else ", ".join(str(a.kind) for a in vehicles)
                        },
                    ),
                ),
                allowed,
            )
        )


def _housing(
    household: Household, ctx: Context, tests: list[tuple[AssetTest, Rule[object] | None]]
) -> None:
    """The housing test: no more houses than the rules allow."""
    rules = ctx.rules.assets
    houses = sum(a.count for a in household.assets if a.type == "housing")
    if houses:
        most = ctx.cite(rules.housing_max_count)
        ok = most.value is None or within(Decimal(houses), Decimal(most.value), most)
        tests.append(
            (
                AssetTest(
                    "housing",
                    ok,
                    most.key,
                    Reason(
                        "housing_ok" if ok else "housing_over",
                        {"count": houses, "max": UNLIMITED if most.value is None else most.value},
                    ),
                ),
                most,
            )
        )


def _business(
    household: Household, ctx: Context, tests: list[tuple[AssetTest, Rule[object] | None]]
) -> None:
    """The registered-business test: allowed, or for a livelihood when exempt."""
    rules = ctx.rules.assets
    businesses = [a for a in household.assets if a.type == "business"]
    if businesses:
        allowed_business = ctx.cite(rules.business_allowed)
        exempt = ctx.use(rules.business_livelihood_exempt)
        bad_count = sum(
            1
            for a in businesses
            if not allowed_business.value and not (a.for_livelihood and exempt)
        )
        tests.append(
            (
                AssetTest(
                    "business",
                    bad_count == 0,
                    allowed_business.key,
                    Reason(
                        "business_over" if bad_count else "business_ok", {"count": len(businesses)}
                    ),
                ),
                allowed_business,
            )
        )


def _untested(
    household: Household,
    financial_types: frozenset[str],
    tests: list[tuple[AssetTest, Rule[object] | None]],
) -> None:
    """Asset types no rule tests, listed as not tested."""
    untested = [
        a.type
        for a in household.assets
        if a.type not in financial_types and a.type not in ("vehicle", "housing", "business")
    ]
    if untested:
        tests.append(
            (
                AssetTest(
                    "other",
                    True,
                    None,
                    Reason("not_tested", {"types": ", ".join(sorted(set(untested)))}),
                ),
                None,
            )
        )
