"""The one exception family of meanstest.

Every error a user can cause is a `MeansTestError`. Each carries structured
fields (file, location, key, date) as well as a sentence, so the CLI can print
it, a batch can turn it into an error record and a test can assert on it.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong at one place.

    Attributes:
        loc: where, as a dotted path (``members.1.birth_date``) or a YAML key path.
        msg: what was expected, as a sentence fragment.
        line: 1-based line in the file, when known.
        column: 1-based column in the file, when known.
    """

    loc: str
    msg: str
    line: int | None = None
    column: int | None = None

    def where(self) -> str:
        """Return ``loc`` with the line and column, when known."""
        if self.line is None:
            return self.loc
        pos = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{self.loc} ({pos})" if self.loc else pos


class MeansTestError(Exception):
    """Base of every error that bad input or bad rules can cause."""

    def __init__(self, message: str, *, path: str | None = None,
                 problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.problems = problems

    def __str__(self) -> str:
        head = f"{self.path}: {self.message}" if self.path else self.message
        if not self.problems:
            return head
        lines = [head, *(f"  {p.where()}: {p.msg}" if p.where() else f"  {p.msg}"
                         for p in self.problems)]
        return "\n".join(lines)


class HouseholdInvalid(MeansTestError):
    """A household file or record does not follow `meanstest.household/1`."""


class RuleFileError(MeansTestError):
    """A rule file is malformed, or a set of rule files does not fit together."""


class RuleNotInForce(MeansTestError):
    """A rule the assessment needs has no value in force on the assessment date."""

    def __init__(self, key: str, on: dt.date, *, rule_set: str) -> None:
        super().__init__(
            f"rule set {rule_set} has no value of '{key}' in force on {on.isoformat()}; "
            "add a dated value to the rule file or assess on another date",
        )
        self.key = key
        self.on = on
        self.rule_set = rule_set


class UnknownRuleSet(MeansTestError):
    """No rule file has the requested id."""


class Unreadable(NamedTuple):
    """A record of a case roll that cannot be read into a household.

    Attributes:
        household_id: the record's id, when one can be read.
        errors: what is wrong, as a `meanstest.error/1` record says it (loc and msg).
    """

    household_id: str | None
    errors: tuple[dict[str, str], ...]

    def __str__(self) -> str:
        return "; ".join(f"{e['loc']}: {e['msg']}" if e["loc"] else e["msg"]
                         for e in self.errors)
