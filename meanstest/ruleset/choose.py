"""Which rules, on which date: the one place that decides it for every caller.

`meanstest check`, `batch`, `compare`, the rule tests (`meanstest test`) and the library
(`meanstest.api`, `assess_records`) all choose here, so a household is assessed under the
same rules and on the same date whichever way it comes in:

- **the rule set**: the one named (``--rules`` ID or FILE, or a loaded `RuleSet`), else
  the household's ``region``. A region with no rule file is remembered with its error,
  so a case roll of many such households looks on disk once.
- **what-ifs**: a proposal file and ``--set`` changes apply to the households of the
  rule set they extend (a city's or the province's: the households of every county
  under it), and never to a household under other rules.
- **the date**: ``--on``, else the household's ``assessed_on``, else today (which the
  caller gives: nothing here reads the clock).
"""

from __future__ import annotations

import abc
import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..errors import HouseholdInvalid, Problem, UnknownRuleSet
from ..model.household import Household
from ..model.sources import Label
from .checks import Breach
from .load import RuleLibrary, load_rules, overlay
from .model import RulesAt, RuleSet


class NoRegion(HouseholdInvalid):
    """Neither ``--rules`` nor the household's ``region`` says which rules apply."""

    def __init__(self) -> None:
        super().__init__("no_region")


class UnknownRegion(UnknownRuleSet):
    """The household's ``region`` names no rule file (what it says lists the known ones)."""

    def __init__(self, region: str, found: UnknownRuleSet) -> None:
        super().__init__(found.code, params=found.params)
        self.region = region


def assessment_date(household: Household, on: dt.date | None, today: dt.date) -> dt.date:
    """Return the date whose rules apply: ``on``, else the household's, else today."""
    return on or household.assessed_on or today


def rules_ref(rules: str, near: Sequence[Path]) -> str | Path:
    """Read a rule set named in a file (a rule test): an id, or a rule file's path.

    A path is relative to the first directory of ``near`` that has the file (the case
    file's own, then the working directory); an id is looked up as ``--rules`` is.
    """
    if not rules.endswith((".yaml", ".yml")) and "/" not in rules:
        return rules
    candidates = [directory / rules for directory in near]
    return next((c for c in candidates if c.is_file()), candidates[0])


class Chooser(abc.ABC):
    """Chooses the rules for each household; `rules_at` adds the date."""

    def for_household(self, household: Household) -> RuleSet:
        """Return the rule set that applies to ``household``."""
        return self.for_region(household.region)

    @abc.abstractmethod
    def for_region(self, region: str | None) -> RuleSet:
        """Return the rule set that applies to a household of ``region`` (the columnar
        engine chooses once for all the households of a region)."""

    def rules_at(self, household: Household, on: dt.date | None, today: dt.date) -> RulesAt:
        """Return the rule values in force for ``household`` on its assessment date."""
        return self.for_household(household).at(assessment_date(household, on, today))

    def loaded(self) -> list[RuleSet]:
        """Return the rule sets this chooser has given so far (each once, in order)."""
        return []


class RuleChooser(Chooser):
    """Chooses and caches the rule set for each household.

    Args:
        rules: a rule set (loaded, or an id or file) that applies to every household
            (``--rules``); None means each household's ``region`` decides.
        directory: where rule files are looked up by id (default: the shipped ones).
        search: directories of a user's own rule files (``--rules-dir``), looked in
            first, for the rule set and every id its files extend.

    Raises (from `for_household`):
        NoRegion: no ``rules`` and the household has no region.
        UnknownRegion: no rule file has the household's region as its id.
        UnknownRuleSet, RuleFileError: ``rules`` cannot be found, or a file is broken.
    """

    def __init__(
        self,
        rules: str | Path | RuleSet | None = None,
        directory: Path | None = None,
        search: Sequence[Path] = (),
    ) -> None:
        self.library = RuleLibrary(directory, search)
        self.fixed = rules
        self._fixed_set = rules if isinstance(rules, RuleSet) else None
        self._by_region: dict[str, RuleSet] = {}
        self._unknown: dict[str, UnknownRuleSet] = {}

    def for_region(self, region: str | None) -> RuleSet:
        """Return the rule set that applies to a household of ``region``."""
        if self.fixed is not None:
            if self._fixed_set is None:
                self._fixed_set = load_rules(
                    str(self.fixed), self.library.directory, self.library.search
                )
            return self._fixed_set
        if region is None:
            raise NoRegion
        found = self._by_region.get(region)
        if found is not None:
            return found
        if region in self._unknown:
            raise UnknownRegion(region, self._unknown[region])
        try:
            found = self.library.load(region)
        except UnknownRuleSet as exc:
            self._unknown[region] = exc
            raise UnknownRegion(region, exc) from None
        self._by_region[region] = found
        return found

    def loaded(self) -> list[RuleSet]:
        """Return the rule sets this chooser has given so far (each once, in order)."""
        return [*([self._fixed_set] if self._fixed_set else []), *self._by_region.values()]

    def changed(
        self,
        proposal: str | Path | None = None,
        settings: Sequence[str] = (),
        start: dt.date | None = None,
    ) -> ProposalChooser:
        """Return the chooser of a what-if on these rules (see `ProposalChooser`)."""
        return ProposalChooser(self, proposal, settings, start)


class ProposalChooser(Chooser):
    """The rules of a what-if: a proposal file that extends the base rules, ``--set``
    changes in force from ``start``, or both (the changes on top of the proposal).

    A proposal changes the rule set it extends: a household of that rule set, or of a
    county under the city or province it extends (the proposal read in place of that
    file, under the county's own), is assessed under it; a household whose rules are
    others (another county of the roll) is refused, never assessed under rules not its
    own.

    Raises:
        RuleFileError: on construction, when a ``--set`` change does not fit a rule set
            it may meet (the one named, else every shipped one): the whole run is wrong,
            and it stops before any household is read.
    """

    def __init__(
        self,
        base: RuleChooser,
        proposal: str | Path | None = None,
        settings: Sequence[str] = (),
        start: dt.date | None = None,
    ) -> None:
        self.base = base
        library = base.library
        self.proposal = (
            RuleChooser(proposal, library.directory, library.search) if proposal else None
        )
        self.settings = list(settings)
        self.start = start
        self._changed: dict[str, RuleSet] = {}
        self._inserted: dict[str, RuleSet] = {}
        self._given: dict[int, RuleSet] = {}
        if self.settings:
            named = proposal or base.fixed
            targets = [named] if named else base.library.ids()
            for target in targets:
                rule_set = (
                    target
                    if isinstance(target, RuleSet)
                    else load_rules(str(target), library.directory, library.search)
                )
                overlay(rule_set, self.settings, start)

    def for_region(self, region: str | None) -> RuleSet:
        """Return the proposed rule set for a household of ``region``."""
        rule_set = self.base.for_region(region)
        if self.proposal is not None:
            proposed = self.proposal.for_region(region)
            extends = proposed.chain[:-1]
            if extends and extends != rule_set.chain and rule_set.chain[: len(extends)] == extends:
                # A city's or the province's proposal, a household of a county under it.
                if rule_set.id not in self._inserted:
                    self._inserted[rule_set.id] = insert_proposal(
                        self.base.library, proposed, rule_set
                    )
                proposed = self._inserted[rule_set.id]
            elif extends != rule_set.chain:
                extended = proposed.chain[-2] if len(proposed.chain) > 1 else "none"
                raise HouseholdInvalid(
                    "proposal_not_for_household",
                    problems=(
                        Problem(
                            "region",
                            "proposal_other_rules",
                            {"extended": extended, "rule_set": rule_set.id},
                        ),
                    ),
                )
            rule_set = proposed
        if self.settings:
            if rule_set.id not in self._changed:
                self._changed[rule_set.id] = overlay(rule_set, self.settings, self.start)
            rule_set = self._changed[rule_set.id]
        self._given.setdefault(id(rule_set), rule_set)
        return rule_set

    def loaded(self) -> list[RuleSet]:
        """Return the proposed rule sets given so far (each once, in order)."""
        return list(self._given.values())

    def name(self) -> Label | None:
        """The proposal file's name (its ``name:``), None for ``--set`` changes alone."""
        if self.proposal is None:
            return None
        fixed = self.proposal.fixed
        assert fixed is not None  # noqa: S101 - a proposal chooser always names its file
        rule_set = load_rules(str(fixed), self.base.library.directory, self.base.library.search)
        return rule_set.name

    def new_breaches(self) -> list[Breach]:
        """The consistency checks the proposal's provisional values fail that the current
        rules do not (a proposed standard below the province's minimum): each once."""
        known = {_identity(b) for rule_set in self.base.loaded() for b in rule_set.breaches}
        found: dict[tuple[object, ...], Breach] = {}
        for rule_set in self.loaded():
            for breach in rule_set.breaches:
                if _identity(breach) not in known:
                    found.setdefault(_identity(breach), breach)
        return list(found.values())


def _identity(breach: Breach) -> tuple[object, ...]:
    """What a breach is, whichever rule set has it and however its dates are split."""
    return (breach.check, breach.keys, breach.value, breach.limit, breach.area)


def insert_proposal(library: RuleLibrary, proposal: RuleSet, below: RuleSet) -> RuleSet:
    """Return ``below`` (a county's rules) with ``proposal`` in place of the city or
    province file it extends: the proposal's file is read between that file and the
    files under it, so the county's own values still override it as they override the
    file the proposal changes, and every check of the chain runs again.

    The caller has made sure that the proposal extends a rule set of ``below``'s chain.
    Its id is ``<county>+<proposal>``, so a result names both.
    """
    from .resolve import resolve as resolve_chain  # noqa: PLC0415 - only for proposals

    depth = len(proposal.chain) - 1
    files = [*proposal.files, *below.files[depth:]]
    chain = [(Path(f), *library.read(Path(f))) for f in files]
    rule_set = resolve_chain(chain)
    return dataclasses.replace(rule_set, id=f"{below.id}+{proposal.id}")
