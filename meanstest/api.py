"""The library front door: assess a household under the rules and date its caller chose.

The engine itself takes a `RulesAt` snapshot and never chooses a date; which rule set
and which date apply is decided by `meanstest.ruleset.choose`, for the command line,
batch runs, comparisons, rule tests and library users alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from .engine import assess
from .files.json import decode_json
from .model.household import Household, parse_household
from .model.result import Assessment
from .ruleset.choose import Chooser, RuleChooser


def assess_household(
    household: Household, chooser: Chooser, on: dt.date | None, today: dt.date
) -> Assessment:
    """Assess a validated household with the rules its chooser gives, on its date."""
    return assess(household, chooser.rules_at(household, on, today))


def assess_file(
    path: str | Path,
    rules: str | Path | None = None,
    on: dt.date | None = None,
    rules_dirs: Iterable[str | Path] = (),
) -> Assessment:
    """Read a household JSON file and assess it (today's rules unless dated).

    ``rules_dirs`` are directories of your own rule files, searched by id before the
    shipped ones (as ``--rules-dir``).
    """
    data = decode_json(Path(path).read_bytes())
    household = parse_household(data)
    chooser = RuleChooser(rules, search=[Path(d) for d in rules_dirs])
    return assess_household(household, chooser, on, dt.date.today())
