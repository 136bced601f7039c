"""The view classes and fields the columnar engine computes from (`rule_tables`).

`rule_tables.coverage` refuses a snapshot with a field not listed here that holds
anything: a rule feature added to the views since, which the columnar engine does not
compute, so every household under that snapshot goes to the reference engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

# The view classes the columnar engine computes from, and the fields it reads.
KNOWN: Final[dict[str, frozenset[str]]] = {
    "RuleViews": frozenset(
        {
            "membership",
            "dibao",
            "minimum_wage",
            "minimum_wage_previous_year",
            "income",
            "deductions",
            "assets",
            "single_person",
            "rounding",
            "benefit",
            "tekun",
            "classified",
            "phase_out",
            "rigid",
            "unsupported_child",
            "temporary",
        }
    ),
    "MembershipView": frozenset({"excluded_statuses"}),
    "DibaoView": frozenset({"standard", "edge_multiplier"}),
    "IncomeView": frozenset({"reference_months", "counted", "types", "expense_types"}),
    "DeductionView": frozenset(
        {"kind", "deductible", "requires", "caps", "threshold", "disability_grades"}
    ),
    "AssetsView": frozenset(
        {
            "financial_types",
            "financial_limit_months",
            "vehicle_allowed_kinds",
            "vehicle_livelihood_exempt",
            "housing_max_count",
            "business_allowed",
            "business_livelihood_exempt",
        }
    ),
    "SinglePersonView": frozenset(
        {
            "enabled",
            "requires_edge",
            "disability_grades",
            "serious_illness",
            "unemployed_severely_disabled",
            "adult_age",
        }
    ),
    "RoundingView": frozenset({"unit", "mode", "stage"}),
    "BenefitView": frozenset({"method", "tiers", "minimum_per_person", "minimum_per_household"}),
    "Tier": frozenset({"below_share", "amount"}),
    "TekunView": frozenset(
        {
            "age_elderly",
            "age_minor_below",
            "students_continue",
            "students_age_below",
            "disability_grades",
            "income_excluded_types",
            "income_excluded_assistance",
            "supporter_unable_age",
            "supporter_unable_grades",
            "supporter_unable_dibao_age",
            "self_care_partial_max_failed",
            "in_dibao_household",
            "standards",
        }
    ),
    "TekunStandards": frozenset({"basic", "care", "by_mode"}),
    "CareBand": frozenset({"amount", "key"}),
    "ClassifiedView": frozenset({"groups", "combine"}),
    "ClassifiedGroup": frozenset({"name", "rule", "label"}),  # rule: `rule_groups`
    "PhaseOutView": frozenset({"months", "ceiling"}),
    "RigidView": frozenset(
        {"enabled", "disposable_income", "expenditure_ratio", "expense_types", "validity_months"}
    ),
    "UnsupportedChildView": frozenset(
        {
            "age_below",
            "severe_disability",
            "min_months",
            "both_parents",
            "one_parent",
            "other_parent",
            "min_months_for",
        }
    ),
    "Missing": frozenset({"key", "on", "rule_set"}),
    "IncomeType": frozenset({"category", "label"}),
    "ExpenseType": frozenset({"kind", "label"}),
    "Label": frozenset({"zh", "en"}),
}
# Views only households with an input the columnar path never takes use (temporary
# assistance: a ``hardship``), so their fields are not read here.
OPAQUE: Final = frozenset({"TemporaryView"})


def unknown_fields(value: object, path: str = "views") -> str | None:
    """The first field of a view the engine does not know that holds a value."""
    fields = getattr(type(value), "_fields", None)
    if type(value).__name__ in OPAQUE:
        return None
    if fields is None:
        items = (
            value.items()
            if isinstance(value, Mapping)
            else ((None, item) for item in value)
            if isinstance(value, tuple)
            else ()
        )
        for key, item in items:
            if found := unknown_fields(item, path if key is None else f"{path}.{key}"):
                return found
        return None
    known = KNOWN.get(type(value).__name__)
    if known is None:
        return f"{path} ({type(value).__name__})"
    for name in fields:
        item = getattr(value, name)
        if name not in known:
            if item not in (None, False, (), {}):
                return f"{path}.{name}"
            continue
        if (found := unknown_fields(item, f"{path}.{name}")) is not None:
            return found
    return None
