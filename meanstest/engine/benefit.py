"""The benefit: the gap on the household (or tiers), top-ups, rounded once as stated.

The gap is computed on the household, standard × size − counted income, never from a
rounded per-capita figure multiplied back. A rule set may pay by tiers instead (分档,
审核确认办法 Art. 23); the other method is still computed, so the two can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Literal

from ..model.result import Benefit, PhaseOut, Reason, Rounding, TopUp
from ..money import ZERO, divide, monthly, quantize
from ..ruleset.amounts import monthly_amount
from ..ruleset.views import ClassifiedGroup, Missing
from .citations import benefit_rule
from .context import Context, Tracer
from .ladder import pay_groups
from .status import Outcome

Method = Literal["household_gap", "single_person_sum", "tiered", "phase_out", "none"]


def compute_benefit(
    outcome: Outcome,
    ctx: Context,
    trace: Tracer,
    counted: Decimal,
    size: int,
    standard: Decimal,
    members: Sequence[str],
    groups: Mapping[str, tuple[ClassifiedGroup, ...]],
    phase: PhaseOut | None,
) -> tuple[Benefit, dict[str, TopUp]]:
    """Return the monthly benefit for the household's status (amounts annual in, monthly
    out), and what each member in 分类施保 groups gets.

    The core is the household's gap (or its tier), shared equally by its ``members``,
    or each single-person member's amount; a minimum benefit raises a share below it;
    a member of a group paid the full standard gets it instead of their share, and the
    groups' top-ups are added; the sum is rounded as the rules say, once on the
    household or per member.
    """
    if outcome.status == "phase_out" and phase is not None:
        return _phase_out_benefit(ctx, trace, phase), {}
    if outcome.status not in ("dibao", "dibao_single"):
        return Benefit("none", ZERO, None, {}), {}
    rounding = ctx.rules.rounding
    unit = ctx.use(rounding.unit)
    mode = ctx.use(rounding.mode)
    stage = ctx.use(rounding.stage)
    method, inputs, shares, cores = _core(outcome, ctx, counted, size, standard, members)
    shares, notes = _minimum(ctx, trace, shares, standard)
    top_ups, extra, full = _top_ups(ctx, trace, shares, groups, standard)
    raw = _settled(sum(shares.values(), ZERO) + extra)
    after = _rounded(shares, top_ups, raw, unit, mode, stage)
    # Both methods compared, each with the same groups' full standard and top-ups.
    alternatives = {
        name: quantize(_settled(_with_groups(core, members, top_ups, standard) + extra), unit, mode)
        for name, core in cores.items()
    }
    if extra:
        inputs["top_ups"] = extra
    if full:
        inputs["full_standard"] = full
    trace.add(
        "benefit",
        benefit_rule(method, ctx.rules),
        after,
        method=method,
        before=raw,
        mode=mode,
        stage=stage,
        **inputs,
    )
    return Benefit(
        method,
        after,
        Rounding(unit, mode, stage, raw, after),
        inputs,
        extra,
        alternatives,
        notes,
        full,
    ), top_ups


def _phase_out_benefit(ctx: Context, trace: Tracer, phase: PhaseOut) -> Benefit:
    """The benefit of a household in phase-out: what the phase-out pays."""
    # A phase-out result is made only under phase-out rules in force.
    rules = ctx.rules.phase_out
    trace.add(
        "benefit",
        rules.months if rules else None,
        phase.monthly,
        method="phase_out",
        until=phase.until,
    )
    return Benefit("phase_out", phase.monthly, None, {"until": phase.until})


# Every figure here is a sum of fen amounts divided by 12, by a household's size and by
# shares the rules write with a few places: its exact value, if it is a half fen (or a
# whole unit), has a handful of decimal places. Computed in 34 digits, a share that does
# not terminate (83.335 / 3) is a hair off, and so is the sum of the shares (83.33499…),
# which then rounds the wrong way (83.33 for 83.335, half up 83.34). Rounded first to
# 20 places, far below any place such a figure has and far above the error, the sum is
# the exact figure again whenever it ends, and unchanged in what it rounds to otherwise.
_SETTLE = Decimal("1e-20")
_TOO_LARGE = Decimal("1e13")


def _settled(amount: Decimal) -> Decimal:
    """``amount`` without the error of its 34-digit shares (see ``_SETTLE``)."""
    if abs(amount) >= _TOO_LARGE:  # no room for 20 places in 34 digits (and no such benefit)
        return amount
    return quantize(amount, _SETTLE)


def _rounded(
    shares: dict[str, Decimal],
    top_ups: Mapping[str, TopUp],
    raw: Decimal,
    unit: Decimal,
    mode: str,
    stage: str,
) -> Decimal:
    """The benefit rounded as the rules say: each member's, or once on the household."""
    if stage == "member_benefit":
        return sum(
            (
                quantize(_settled(v + top_ups[k].monthly if k in top_ups else v), unit, mode)
                for k, v in shares.items()
            ),
            ZERO,
        )
    return quantize(raw, unit, mode)


def _core(
    outcome: Outcome,
    ctx: Context,
    counted: Decimal,
    size: int,
    standard: Decimal,
    members: Sequence[str],
) -> tuple[Method, dict[str, object], dict[str, Decimal], dict[str, Decimal]]:
    """The method paid, its trace inputs, each member's share of the core a month, and
    both methods' cores when tiers are in force."""
    method: Method
    inputs: dict[str, object]
    cores: dict[str, Decimal] = {}  # both methods' cores, when tiers are in force
    if outcome.status == "dibao":
        method, core, cores = _household_core(ctx, counted, size, standard)
        inputs = {"standard": monthly(standard), "size": size, "counted_monthly": monthly(counted)}
        # The members share the household's core equally (for a per-member minimum,
        # the full standard of some groups, and per-member rounding).
        shares = dict.fromkeys(members, divide(core, size))
    else:
        method = "single_person_sum"
        inputs = {"standard": monthly(standard), "members": dict(outcome.single)}
        shares = dict(outcome.single)
    return method, inputs, shares, cores


def _top_ups(
    ctx: Context,
    trace: Tracer,
    shares: dict[str, Decimal],
    groups: Mapping[str, tuple[ClassifiedGroup, ...]],
    standard: Decimal,
) -> tuple[dict[str, TopUp], Decimal, Decimal]:
    """The 分类施保 top-ups by member, their sum, and the full standard some groups are
    paid instead of their share (a month)."""
    top_ups: dict[str, TopUp] = {}
    extra = full = ZERO
    if groups:
        top_ups = pay_groups(ctx, trace, shares, groups, standard)
        extra = sum((t.monthly for t in top_ups.values()), ZERO)
        full = sum((t.full_standard for t in top_ups.values() if t.full_standard is not None), ZERO)
    return top_ups, extra, full


def _household_core(
    ctx: Context, counted: Decimal, size: int, standard: Decimal
) -> tuple[Method, Decimal, dict[str, Decimal]]:
    """The method paid, the household's core (the gap, or its tier) a month, and both
    methods' cores when the rules have tiers (else nothing to compare)."""
    gap = monthly(standard * size - counted)
    tiered = _tiered(ctx, counted, size, standard)
    method_rule = ctx.rules.benefit.method
    by_tiers = method_rule is not None and ctx.use(method_rule) == "tiered"
    if by_tiers and tiered is None:
        ctx.use(ctx.rules.benefit.tiers)  # raises: tiered payment needs tiers in force
    if tiered is None:
        return "household_gap", gap, {}
    cores = {"household_gap": gap, "tiered": tiered}
    return ("tiered", tiered, cores) if by_tiers else ("household_gap", gap, cores)


def _with_groups(
    core: Decimal, members: Sequence[str], top_ups: Mapping[str, TopUp], standard: Decimal
) -> Decimal:
    """The household's core shared by its members, a member paid the full standard
    getting it instead of the share (top-ups not included)."""
    share = divide(core, len(members))
    full = max(share, monthly(standard))
    return sum(
        (full if k in top_ups and top_ups[k].full_standard is not None else share for k in members),
        ZERO,
    )


def _minimum(
    ctx: Context, trace: Tracer, shares: dict[str, Decimal], standard: Decimal
) -> tuple[dict[str, Decimal], tuple[Reason, ...]]:
    """Raise the members' shares to the minimum benefit the rules set, if any.

    A minimum per person raises each share below it; a minimum per household raises
    the total (spread equally over the members paid). Both are monthly.
    """
    rules = ctx.rules.benefit
    bases = {"standard": monthly(standard)}
    notes: list[Reason] = []
    if rules.minimum_per_person is not None and shares:
        least = ctx.monthly(rules.minimum_per_person, bases)
        if any(share < least for share in shares.values()):
            before = sum(shares.values(), ZERO)
            shares = {k: max(share, least) for k, share in shares.items()}
            notes.append(
                Reason("minimum_benefit", {"before": before, "after": sum(shares.values(), ZERO)})
            )
            trace.add(
                "minimum_benefit",
                rules.minimum_per_person,
                sum(shares.values(), ZERO),
                per_person=least,
                before=before,
            )
    if rules.minimum_per_household is not None and shares:
        least = ctx.monthly(rules.minimum_per_household, bases)
        total = sum(shares.values(), ZERO)
        if total < least:
            shares = dict.fromkeys(shares, divide(least, len(shares)))
            notes.append(Reason("minimum_benefit", {"before": total, "after": least}))
            trace.add(
                "minimum_benefit",
                rules.minimum_per_household,
                least,
                per_household=least,
                before=total,
            )
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
