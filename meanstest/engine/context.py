"""What every engine step shares: the rules in force, recorded as they are read."""

from __future__ import annotations

from typing import Any

from ..model.result import TraceStep, Warning
from ..ruleset.model import Param, RulesAt


class RuleReader:
    """RulesAt with a record of every key used, for the trace and the warnings."""

    def __init__(self, rules: RulesAt) -> None:
        self.rules = rules
        self.used: dict[str, Param] = {}

    def param(self, key: str) -> Param:
        param = self.rules[key]
        self.used.setdefault(key, param)
        return param

    def get(self, key: str) -> Any:
        return self.param(key).value

    def peek(self, key: str) -> Any:
        """Return a value (None when the key is absent) without counting it as used:
        for a rule read to see whether it applies, which is `get` once it does."""
        param = self.rules.params.get(key)
        return None if param is None else param.value

    def optional(self, key: str) -> Any:
        """Return a value, or None when the rule set does not have the key at all."""
        return self.get(key) if key in self.rules.params else None


class Tracer:
    def __init__(self, rules: RuleReader) -> None:
        self.rules = rules
        self.steps: list[TraceStep] = []

    def add(self, step: str, key: str | None, value: object, **inputs: object) -> None:
        source = self.rules.param(key).source if key else None
        self.steps.append(TraceStep(step, key, value, inputs, source))


def warnings_for(used: dict[str, Param]) -> tuple[Warning, ...]:
    out = []
    for key, param in used.items():
        if param.provisional:
            out.append(Warning("provisional_value", key, param.source,
                               {"value": param.written, "since": param.since}))
        elif param.source.kind not in (None, "official"):
            out.append(Warning("unofficial_source", key, param.source,
                               {"value": param.written, "kind": param.source.kind}))
    return tuple(out)
