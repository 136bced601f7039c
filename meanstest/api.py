"""The library front door: pick the rule set and date for a household, then assess it.

The engine itself takes a `RulesAt` snapshot and never chooses a date; this module
holds the choices a caller makes (which rule set, which date) in one place, so the
command line, batch runs and library users all choose the same way.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .engine import assess
from .files.json import decode_json
from .model.household import Household, parse_household
from .model.result import Assessment
from .ruleset.choose import RuleChooser, assessment_date


def assess_household(household: Household, chooser: RuleChooser, on: dt.date | None,
                     today: dt.date) -> Assessment:
    """Assess a validated household with the rules and date the caller chose."""
    rule_set = chooser.for_household(household)
    return assess(household, rule_set.at(assessment_date(household, on, today)))


def assess_file(path: str | Path, rules: str | Path | None = None,
                on: dt.date | None = None) -> Assessment:
    """Read a household JSON file and assess it (today's rules unless dated)."""
    data = decode_json(Path(path).read_bytes())
    household = parse_household(data)
    return assess_household(household, RuleChooser(rules), on, dt.date.today())
