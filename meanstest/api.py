"""The library front door: pick the rule set and date for a household, then assess it.

The engine itself takes a `RulesAt` snapshot and never chooses a date; this module
holds the choices a caller makes (which rule set, which date) in one place, so the
command line, batch runs and library users all choose the same way.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .engine import assess
from .errors import HouseholdInvalid
from .household import Household, decode_json, parse_household
from .result import Assessment
from .ruleset import RuleLibrary, RuleSet, load_rules


class RuleChooser:
    """Chooses and caches the rule set for each household.

    Args:
        rules: a rule set id or file that applies to every household (``--rules``);
            None means each household's ``region`` decides.
        directory: where rule files are looked up by id (default: the shipped ones).
    """

    def __init__(self, rules: str | Path | None = None, directory: Path | None = None) -> None:
        self.library = RuleLibrary(directory)
        self.fixed = rules
        self._by_id: dict[str, RuleSet] = {}
        self._fixed_set: RuleSet | None = None

    def for_household(self, household: Household) -> RuleSet:
        """Return the rule set that applies to ``household``."""
        if self.fixed is not None:
            if self._fixed_set is None:
                self._fixed_set = load_rules(self.fixed, self.library.directory)
            return self._fixed_set
        if household.region is None:
            raise HouseholdInvalid("the household has no region; give one or use --rules",
                                   problems=())
        if household.region not in self._by_id:
            self._by_id[household.region] = self.library.load(household.region)
        return self._by_id[household.region]


def assessment_date(household: Household, on: dt.date | None, today: dt.date) -> dt.date:
    """Return the date whose rules apply: ``on``, else the household's, else today."""
    return on or household.assessed_on or today


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
