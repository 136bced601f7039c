"""meanstest: household means tests for China's minimum living guarantee (低保).

The public surface is small; submodules load on first use so that the command line
starts fast (``import meanstest`` alone costs almost nothing).

Example:
    >>> from meanstest import assess_file  # doctest: +SKIP
    >>> assess_file("examples/yizhang-widow-diabetes.json").benefit_monthly  # doctest: +SKIP
    Decimal('570.00')
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "assess": "meanstest.engine",
    "Household": "meanstest.household",
    "parse_household": "meanstest.household",
    "decode_json": "meanstest.household",
    "load_rules": "meanstest.ruleset",
    "RuleSet": "meanstest.ruleset",
    "RulesAt": "meanstest.ruleset",
    "RuleLibrary": "meanstest.ruleset",
    "Assessment": "meanstest.result",
    "MeansTestError": "meanstest.errors",
    "HouseholdInvalid": "meanstest.errors",
    "RuleFileError": "meanstest.errors",
    "RuleNotInForce": "meanstest.errors",
    "assess_file": "meanstest.api",
    "assess_records": "meanstest.batch",
}

__all__ = [  # noqa: RUF022 - grouped as in _EXPORTS
    "__version__", "assess", "Household", "parse_household", "decode_json", "load_rules",
    "RuleSet", "RulesAt", "RuleLibrary", "Assessment", "MeansTestError", "HouseholdInvalid",
    "RuleFileError", "RuleNotInForce", "assess_file", "assess_records",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'meanstest' has no attribute '{name}'")
    return getattr(importlib.import_module(module), name)
