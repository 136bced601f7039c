"""What every engine step shares: the typed rules in force, recorded as they are used."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from ..model.result import TraceStep, Warning
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


class Tracer:
    """The steps of the computation, each citing the rule that decided it."""

    def __init__(self, ctx: Context) -> None:
        self.used = ctx.used
        self.steps: list[TraceStep] = []

    def add(self, step: str, rule: Rule[object] | Missing | None, value: object,
            **inputs: object) -> None:
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


def warnings_for(used: Mapping[str, Rule[object]]) -> tuple[Warning, ...]:
    out = []
    for key, rule in used.items():
        source = rule.source
        if source.provisional:
            out.append(Warning("provisional_value", key, source,
                               {"value": rule.written, "since": rule.since}))
        elif source.kind not in (None, "official"):
            out.append(Warning("unofficial_source", key, source,
                               {"value": rule.written, "kind": source.kind}))
    return tuple(out)
