"""The benefit: the gap on the household (or tiers), top-ups, rounded once as stated.

The gap is computed on the household, standard × size − counted income, never from a
rounded per-capita figure multiplied back. A rule set may pay by tiers instead (分档,
审核确认办法 Art. 23); the other method is still computed, so the two can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

from ..model.result import Benefit, PhaseOut, Reason, Rounding, TopUp
from ..money import ZERO, divide, monthly, quantize
from ..ruleset.amounts import monthly_amount
from ..ruleset.views import Missing
from .citations import benefit_rule
from .context import Context, Tracer
from .status import Outcome

Method = Literal["household_gap", "single_person_sum", "tiered", "phase_out", "none"]


def compute_benefit(outcome: Outcome, ctx: Context, trace: Tracer, counted: Decimal,
                    size: int, standard: Decimal, top_ups: Mapping[str, TopUp],
                    phase: PhaseOut | None) -> Benefit:
    """Return the monthly benefit for the household's status (amounts annual in, monthly out).

    The core is the household's gap (or its tier), or each single-person member's gap;
    a minimum benefit raises a core below it; 分类施保 top-ups are added; the sum is
    rounded as the rules say, once on the household or per member.
    """
    if outcome.status == "phase_out" and phase is not None:
        # A phase-out result is made only under phase-out rules in force.
        rules = ctx.rules.phase_out
        trace.add("benefit", rules.months if rules else None, phase.monthly,
                  method="phase_out", until=phase.until)
        return Benefit("phase_out", phase.monthly, None, {"until": phase.until})
    if outcome.status not in ("dibao", "dibao_single"):
        return Benefit("none", ZERO, None, {})
    rounding = ctx.rules.rounding
    unit = ctx.use(rounding.unit)
    mode = ctx.use(rounding.mode)
    stage = ctx.use(rounding.stage)
    extra = sum((t.monthly for t in top_ups.values()), ZERO)
    alternatives: dict[str, Decimal] = {}
    method: Method
    inputs: dict[str, object]
    if outcome.status == "dibao":
        gap = monthly(standard * size - counted)
        tiered = _tiered(ctx, counted, size, standard)
        if tiered is not None:
            alternatives = {"household_gap": quantize(gap + extra, unit, mode),
                            "tiered": quantize(tiered + extra, unit, mode)}
        method_rule = ctx.rules.benefit.method
        by_tiers = method_rule is not None and ctx.use(method_rule) == "tiered"
        if by_tiers and tiered is None:
            ctx.use(ctx.rules.benefit.tiers)  # raises: tiered payment needs tiers in force
        paid_by_tiers = by_tiers and tiered is not None
        method = "tiered" if paid_by_tiers else "household_gap"
        core = tiered if paid_by_tiers and tiered is not None else gap
        inputs = {"standard": monthly(standard), "size": size,
                  "counted_monthly": monthly(counted)}
        # The members share the household's core equally (for a per-member minimum
        # and per-member rounding).
        shares = [divide(core, size)] * size
    else:
        method = "single_person_sum"
        inputs = {"standard": monthly(standard), "members": dict(outcome.single)}
        shares = list(outcome.single.values())
    shares, notes = _minimum(ctx, trace, shares, standard)
    pieces = [*shares, *(t.monthly for t in top_ups.values())]
    raw = sum(pieces, ZERO)
    if stage == "member_benefit":
        after = sum((quantize(v, unit, mode) for v in pieces), ZERO)
    else:
        after = quantize(raw, unit, mode)
    if extra:
        inputs["top_ups"] = extra
    trace.add("benefit", benefit_rule(method, ctx.rules), after, method=method, before=raw,
              mode=mode, stage=stage, **inputs)
    return Benefit(method, after, Rounding(unit, mode, stage, raw, after), inputs, extra,
                   alternatives, notes)


def _minimum(ctx: Context, trace: Tracer, shares: list[Decimal],
             standard: Decimal) -> tuple[list[Decimal], tuple[Reason, ...]]:
    """Raise the members' shares to the minimum benefit the rules set, if any.

    A minimum per person raises each share below it; a minimum per household raises
    the total (spread equally over the members paid). Both are monthly.
    """
    rules = ctx.rules.benefit
    bases = {"standard": monthly(standard)}
    notes: list[Reason] = []
    if rules.minimum_per_person is not None and shares:
        least = ctx.monthly(rules.minimum_per_person, bases)
        if any(share < least for share in shares):
            before = sum(shares, ZERO)
            shares = [max(share, least) for share in shares]
            notes.append(Reason("minimum_benefit", {"before": before,
                                                    "after": sum(shares, ZERO)}))
            trace.add("minimum_benefit", rules.minimum_per_person, sum(shares, ZERO),
                      per_person=least, before=before)
    if rules.minimum_per_household is not None and shares:
        least = ctx.monthly(rules.minimum_per_household, bases)
        total = sum(shares, ZERO)
        if total < least:
            shares = [divide(least, len(shares))] * len(shares)
            notes.append(Reason("minimum_benefit", {"before": total, "after": least}))
            trace.add("minimum_benefit", rules.minimum_per_household, least,
                      per_household=least, before=total)
    return shares, tuple(notes)


def _tiered(ctx: Context, counted: Decimal, size: int, standard: Decimal) -> Decimal | None:
    """The tiered benefit per month, or None when the rules have no tiers."""
    tiers = ctx.rules.benefit.tiers
    if isinstance(tiers, Missing):
        return None
    per_capita = divide(counted, size)  # annual
    for tier in ctx.use(tiers):
        if per_capita < standard * tier.below_share:
            return monthly_amount(tier.amount, {"standard": monthly(standard)}) * size
    return ZERO
