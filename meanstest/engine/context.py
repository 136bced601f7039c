"""What every engine step shares: the typed rules in force, recorded as they are used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TypeVar

from ..model.result import TraceStep, Warning
from ..money import monthly
from ..ruleset.amounts import Amount, Share, scale
from ..ruleset.checks import BREACH_CODES
from ..ruleset.model import RulesAt
from ..ruleset.views import Missing, Rule

T = TypeVar("T")


class Context:
    """The rule views of one date, with a record of every rule the assessment used.

    A rule counts as used (and so is warned of when provisional or unofficially
    sourced) when the engine reads its value with `use`, or cites it in the trace; a
    rule read only to see whether it applies is looked at on its view, not used.
    """

    __slots__ = ("on", "rules", "used")

    def __init__(self, rules: RulesAt) -> None:
        self.on = rules.on
        self.rules = rules.views
        self.used: dict[str, Rule[object]] = {}

    def use(self, rule: Rule[T] | Missing) -> T:
        """Return a rule's value, recorded as used.

        Raises:
            RuleNotInForce: the rule has no value in force on the assessment date.
        """
        if isinstance(rule, Missing):
            raise rule.error()
        self.used.setdefault(rule.key, rule)
        return rule.value

    def cite(self, rule: Rule[T] | Missing) -> Rule[T]:
        """Return a rule itself, recorded as used: for a step that needs its key too.

        Raises:
            RuleNotInForce: the rule has no value in force on the assessment date.
        """
        if isinstance(rule, Missing):
            raise rule.error()
        self.used.setdefault(rule.key, rule)
        return rule

    def monthly(self, rule: Rule[Amount] | Missing, bases: Mapping[str, Decimal]) -> Decimal:
        """The monthly figure of an amount rule, recorded as used (with the rule of its
        base, when it is a share of the minimum wage).

        ``bases`` are the monthly bases the caller knows (the standard, the member's 特困
        basic standard); the minimum wages come from the rules.

        Raises:
            RuleNotInForce: the rule, or the minimum wage it is a share of, has no value
                in force on the assessment date.
        """
        value = self.use(rule)
        if not isinstance(value, Share):
            return monthly(value)
        if value.of in bases:
            return scale(bases[value.of], value.ratio)
        wages = {
            "minimum_wage": self.rules.minimum_wage,
            "minimum_wage_previous_year": self.rules.minimum_wage_previous_year,
        }
        return scale(monthly(self.use(wages[value.of])), value.ratio)


class Tracer:
    """The steps of the computation, each citing the rule that decided it."""

    def __init__(self, ctx: Context) -> None:
        self.used = ctx.used
        self.steps: list[TraceStep] = []

    def add(
        self, step: str, rule: Rule[object] | Missing | None, value: object, **inputs: object
    ) -> None:
        """Record a step; the rule it cites counts as used (as `Context.cite`).

        Raises:
            RuleNotInForce: the rule has no value in force on the assessment date.
        """
        if rule is None:
            self.steps.append(TraceStep(step, None, value, inputs, None))
            return
        if isinstance(rule, Missing):
            raise rule.error()
        self.used.setdefault(rule.key, rule)
        self.steps.append(TraceStep(step, rule.key, value, inputs, rule.source))


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end``: a month counts once its day is reached
    (from 31 January, 28 February is 0 and 31 March 2). How long a parent has been
    absent (事实无人抚养儿童) and how long ago housing was acquired are both counted so."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def within(value: Decimal, limit: Decimal, rule: Rule[object]) -> bool:
    """Whether ``value`` meets the threshold ``limit`` as its rule compares it.

    An upper limit is met ``below`` it (低于) or ``not_above`` it (不高于); a lower limit
    ``above`` it (高于) or ``not_below`` it (不低于). Both sides are exact.
    """
    comparison = rule.comparison
    if comparison == "below":
        return value < limit
    if comparison == "not_above":
        return value <= limit
    if comparison == "above":
        return value > limit
    if comparison == "not_below":
        return value >= limit
    raise ValueError(f"{rule.key} is not a threshold")  # a programming error


def under(value: Decimal, limit: Decimal, comparison: str) -> bool:
    """Whether ``value`` is within an upper ``limit``: ``below`` it (低于) or
    ``not_above`` it (不高于); both sides exact."""
    return value < limit if comparison == "below" else value <= limit


def warnings_for(used: Mapping[str, Rule[object]], area: str | None = None) -> tuple[Warning, ...]:
    """The warnings of the rules an assessment used, in the order first used: each
    provisional or unofficially sourced value, and each consistency check a provisional
    value fails on the date (a county standard below the province's minimum). A check
    written per area warns only for the household's ``area`` (given): a rural household
    is not told that 特困 basic is below 1.3 × the urban standard."""
    out = []
    for key, rule in used.items():
        source = rule.source
        if source.provisional:
            out.append(
                Warning(
                    "provisional_value", key, source, {"value": rule.written, "since": rule.since}
                )
            )
        elif source.kind not in (None, "official"):
            out.append(
                Warning(
                    "unofficial_source", key, source, {"value": rule.written, "kind": source.kind}
                )
            )
        out += [
            Warning(
                BREACH_CODES[b.op],
                key,
                b.source,
                {
                    "value": b.value,
                    "limit": b.limit,
                    "since": b.since,
                    "check": b.text,
                    "level": b.level or "",
                },
            )
            for b in rule.breaches
            if area is None or b.area is None or b.area == area
        ]
    return tuple(out)
