"""The property tests: financial assets, vehicles, housing, registered business."""

from __future__ import annotations

from decimal import Decimal

from ..model.household import Household
from ..model.result import AssetTest, Reason
from ..money import ZERO, divide, monthly
from ..ruleset.keys import UNLIMITED
from .context import RuleReader


def run_asset_tests(household: Household, r: RuleReader, size: int,
                 standard: Decimal) -> tuple[AssetTest, ...]:
    tests = []
    financial_types = set(r.get("assets.financial.types"))
    limit_months = r.get("assets.financial.limit_months")
    financial = sum((a.value for a in household.assets if a.type in financial_types), ZERO)
    per_capita = divide(financial, size) if size else financial
    key = "assets.financial.limit_months"
    if limit_months == UNLIMITED:
        tests.append(AssetTest("financial", True, key, Reason("financial_unlimited", {
            "per_capita": per_capita})))
    else:
        limit = monthly(standard) * Decimal(limit_months)
        tests.append(AssetTest("financial", per_capita <= limit, key, Reason(
            "financial_ok" if per_capita <= limit else "financial_over",
            {"per_capita": per_capita, "limit": limit, "months": limit_months})))

    vehicles = [a for a in household.assets if a.type == "vehicle"]
    if vehicles:
        allowed = set(r.get("assets.vehicle.allowed_kinds"))
        exempt = r.get("assets.vehicle.livelihood_exempt")
        bad = [a.kind for a in vehicles
               if a.kind not in allowed and not (a.for_livelihood and exempt)]
        tests.append(AssetTest("vehicle", not bad, "assets.vehicle.allowed_kinds", Reason(
            "vehicle_over" if bad else "vehicle_ok",
            {"kinds": ", ".join(str(k) for k in bad) if bad else ", ".join(
                str(a.kind) for a in vehicles)})))
        r.param("assets.vehicle.livelihood_exempt")

    houses = sum(a.count for a in household.assets if a.type == "housing")
    if houses:
        most = r.get("assets.housing.max_count")
        ok = most == UNLIMITED or houses <= most
        tests.append(AssetTest("housing", ok, "assets.housing.max_count", Reason(
            "housing_ok" if ok else "housing_over", {"count": houses, "max": most})))

    businesses = [a for a in household.assets if a.type == "business"]
    if businesses:
        allowed_business = r.get("assets.business.allowed")
        exempt = r.get("assets.business.livelihood_exempt")
        bad_count = sum(1 for a in businesses
                        if not allowed_business and not (a.for_livelihood and exempt))
        tests.append(AssetTest("business", bad_count == 0, "assets.business.allowed", Reason(
            "business_over" if bad_count else "business_ok", {"count": len(businesses)})))
        r.param("assets.business.livelihood_exempt")

    untested = [a.type for a in household.assets
                if a.type not in financial_types and a.type not in
                ("vehicle", "housing", "business")]
    if untested:
        tests.append(AssetTest("other", True, None, Reason("not_tested", {
            "types": ", ".join(sorted(set(untested)))})))
    return tuple(tests)
