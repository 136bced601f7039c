"""The one place that decides which rule set and which date apply to a household.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import HouseholdInvalid
from ..model.household import Household
from .load import RuleLibrary, load_rules
from .model import RuleSet


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

