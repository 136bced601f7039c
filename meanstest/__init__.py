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
    "Household": "meanstest.model.household",
    "parse_household": "meanstest.model.household",
    "decode_json": "meanstest.files.json",
    "load_rules": "meanstest.ruleset.load",
    "RuleSet": "meanstest.ruleset.model",
    "RulesAt": "meanstest.ruleset.model",
    "RuleLibrary": "meanstest.ruleset.load",
    "Assessment": "meanstest.model.result",
    "MeansTestError": "meanstest.errors",
    "HouseholdInvalid": "meanstest.errors",
    "RuleFileError": "meanstest.errors",
    "RuleNotInForce": "meanstest.errors",
    "assess_file": "meanstest.api",
    "assess_records": "meanstest.batch.api",
    "assess_table": "meanstest.batch.arrow_api",
}

__all__ = [  # noqa: RUF022 - grouped as in _EXPORTS
    "__version__",
    "assess",
    "Household",
    "parse_household",
    "decode_json",
    "load_rules",
    "RuleSet",
    "RulesAt",
    "RuleLibrary",
    "Assessment",
    "MeansTestError",
    "HouseholdInvalid",
    "RuleFileError",
    "RuleNotInForce",
    "assess_file",
    "assess_records",
    "assess_table",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'meanstest' has no attribute '{name}'")
    return getattr(importlib.import_module(module), name)
