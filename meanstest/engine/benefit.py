"""The benefit: the gap on the household, or the single-person sum, rounded once."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ..money import ZERO, monthly, quantize
from ..result import Benefit, Rounding
from .context import RuleReader, Tracer
from .status import Outcome


def compute_benefit(outcome: Outcome, r: RuleReader, trace: Tracer, counted: Decimal,
             dibao_line: Decimal, size: int, standard: Decimal) -> Benefit:
    """The gap benefit on the household, or the single-person sum, rounded as stated."""
    if outcome.status not in ("dibao", "dibao_single"):
        return Benefit("none", ZERO, None, {})
    unit = Decimal(r.get("rounding.benefit.unit"))
    mode = r.get("rounding.benefit.mode")
    stage = r.get("rounding.stage")
    method: Literal["household_gap", "single_person_sum"]
    if outcome.status == "dibao":
        raw = monthly(dibao_line - counted)
        method = "household_gap"
        inputs: dict[str, object] = {"standard": monthly(standard), "size": size,
                                     "counted_monthly": monthly(counted)}
        after = quantize(raw, unit, mode)
    else:
        raw = sum(outcome.single.values(), ZERO)
        method = "single_person_sum"
        inputs = {"standard": monthly(standard), "members": dict(outcome.single)}
        if stage == "member_benefit":
            after = sum((quantize(v, unit, mode) for v in outcome.single.values()), ZERO)
        else:
            after = quantize(raw, unit, mode)
    trace.add("benefit", "rounding.benefit.unit", after, method=method, before=raw,
              mode=mode, stage=stage, **inputs)
    r.param("rounding.benefit.mode")
    r.param("rounding.stage")
    return Benefit(method, after, Rounding(unit, mode, stage, raw, after), inputs)
