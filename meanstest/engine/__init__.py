"""The assessment engine: a pure function from a household and rules to a result.

No file, clock, environment or printing: everything comes in as arguments. Amounts are
kept as exact annual equivalents (a monthly amount times 12), so the tests compare
exact sums (`counted income < standard × size`) and the one division by 12 happens at
the end, before the single rounding the rule file states. The benefit is computed on
the household, `standard × size − counted income`, never from a rounded per-capita
figure multiplied back.
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import HouseholdInvalid, Problem
from ..model.household import Household, Member
from ..model.result import (
    Assessment,
    Benefit,
    PhaseOut,
    Reason,
    Rigid,
    Tekun,
    Threshold,
)
from ..money import ZERO, divide, monthly
from ..ruleset.model import RulesAt
from .assets import run_asset_tests
from .benefit import compute_benefit
from .children import unsupported_children
from .citations import status_rule
from .context import Context, Tracer, within
from .income import Counted, check_against_rules, count_income, membership, own_counted
from .ladder import member_groups, phase_out, rigid_expenditure
from .record import assessment_record
from .status import Outcome, classify
from .tekun import assess_tekun

__all__ = ["assess"]


def assess(household: Household, rules: RulesAt) -> Assessment:
    """Assess one household under the rules in force on ``rules.on``.

    Raises:
        HouseholdInvalid: the household names a type the rules do not know, or a
            birth date after the assessment date.
        RuleNotInForce: a rule the assessment needs has no value on that date.
    """
    # One function on purpose: the steps in the order the policy takes them, each a
    # call into its own module, so the pipeline reads top to bottom in one place.
    ctx = Context(rules)
    trace = Tracer(ctx)
    views = ctx.rules
    check_against_rules(household, rules)
    _check_hardship_dates(household, rules)

    members = membership(household, ctx, trace)
    counted_ids = {m.id for m, counted, _ in members if counted}
    if not counted_ids:
        raise _nobody_lives_here(members)
    living = len(counted_ids)  # co-resident members not excluded by status
    standard_rule = ctx.cite(views.dibao.standard[household.area])
    standard = standard_rule.value  # annual, per person
    trace.add("standard", standard_rule, monthly(standard), annual=standard)

    members, counted_ids, tekun, apart = _tekun_apart(household, ctx, trace, members, standard)
    support = sum((tekun[k].support_monthly for k in apart), ZERO) if apart else ZERO
    income = count_income(household, ctx, trace, counted_ids)
    months = ctx.use(views.income.reference_months)
    if apart and len(apart) == len(tekun):  # every member living here is 特困
        # Every member passed the 特困 property test: the household's property is
        # within the limits for the expenditure-type temporary assistance too.
        return _with_hardship(
            _tekun_household(
                household,
                rules,
                ctx,
                trace,
                members,
                living,
                standard,
                income,
                months,
                tekun,
                support,
            ),
            household,
            ctx,
            trace,
            standard,
            income,
            living,
            True,
        )
    size = len(counted_ids)
    per_capita = divide(monthly(income.counted), size)
    # Plain arithmetic, counted income ÷ size: no rule of its own to cite.
    trace.add(
        "per_capita_income",
        None,
        per_capita,
        counted_monthly=monthly(income.counted),
        size=size,
        reference_months=months,
    )

    update: dict[str, object] = {
        "assets": tuple(a for a in household.assets if a.member is None or a.member in counted_ids)
    }
    tested = run_asset_tests(household.model_copy(update=update), ctx, size, standard)
    for test, rule in tested:
        if rule is not None:
            trace.add("asset_test", rule, test.passed, test=test.name, **test.reason.params)
    asset_tests = tuple(test for test, _ in tested)
    assets_ok = all(t.passed for t in asset_tests)

    multiplier = ctx.use(views.dibao.edge_multiplier)
    dibao_line = standard * size
    edge_line = dibao_line * multiplier
    own = own_counted(household, income.lines, income.accepted, counted_ids)
    outcome = classify(
        household,
        ctx,
        trace,
        income.counted,
        size,
        standard,
        multiplier,
        asset_tests,
        own,
        counted_ids,
    )
    below = within(income.counted, dibao_line, ctx.cite(views.dibao.standard[household.area]))
    outcome, phase, rigid = _beyond_dibao(
        household,
        ctx,
        trace,
        outcome,
        income,
        counted_ids,
        assets_ok and not below,
        assets_ok,
        standard,
    )
    trace.add(
        "status",
        status_rule(outcome.status, views, household.area, asset_tests, size),
        outcome.status,
        counted=monthly(income.counted),
        dibao_line=monthly(dibao_line),
        edge_line=monthly(edge_line),
        assets_ok=assets_ok,
    )
    paid = (
        [m.id for m in household.members if m.id in counted_ids]
        if outcome.status == "dibao"
        else list(outcome.single)
    )
    groups = {}
    if views.classified is not None and outcome.status in ("dibao", "dibao_single"):
        groups = member_groups(
            household, ctx, [k for k in paid if k not in outcome.no_top_ups], living
        )
    benefit, extra = compute_benefit(
        outcome, ctx, trace, income.counted, size, standard, paid, groups, phase
    )
    notes = benefit.notes
    if outcome.status in ("dibao", "dibao_single") and benefit.monthly == 0:
        # Eligible on the exact figures: the status stands (it opens medical, schooling
        # and housing assistance too), and the reason says the payment rounds to nothing.
        before = benefit.rounding.before if benefit.rounding is not None else ZERO
        notes = (*notes, Reason("gap_rounds_to_nothing", {"before": before}))
    if notes:
        outcome = outcome._replace(reasons=(*outcome.reasons, *notes))
    thresholds = (
        Threshold(
            "dibao",
            monthly(standard),
            monthly(dibao_line),
            monthly(dibao_line - income.counted),
            ctx.cite(views.dibao.standard[household.area]).comparison,
        ),
        Threshold(
            "edge",
            monthly(standard * multiplier),
            monthly(edge_line),
            monthly(edge_line - income.counted),
            ctx.cite(views.dibao.edge_multiplier).comparison,
        ),
    )
    result = assessment_record(
        household,
        rules,
        ctx,
        trace,
        members,
        size,
        standard,
        income,
        months,
        per_capita,
        asset_tests,
        assets_ok,
        outcome,
        benefit,
        own,
        tekun,
        extra,
        unsupported_children(household, ctx, trace),
        phase,
        rigid,
        thresholds,
        support,
    )
    return _with_hardship(result, household, ctx, trace, standard, income, size, assets_ok)


def _with_hardship(
    result: Assessment,
    household: Household,
    ctx: Context,
    trace: Tracer,
    standard: Decimal,
    income: Counted,
    size: int,
    assets_ok: bool,
) -> Assessment:
    """The temporary-assistance test, for a household that declares a hardship."""
    if household.hardship is None:
        return result
    from . import temporary  # noqa: PLC0415 - only a hardship needs it (start-up)

    return temporary.with_temporary(
        result,
        household,
        ctx,
        trace,
        temporary.Means(
            household.area, standard, income.gross - income.exempt, income.counted, size, assets_ok
        ),
    )


def _check_hardship_dates(household: Household, rules: RulesAt) -> None:
    """Refuse a hardship or payment dated after the assessment (`temporary.check_dates`)."""
    if household.hardship is not None:
        from . import temporary  # noqa: PLC0415 - only a hardship needs it (start-up)

        temporary.check_dates(household, rules.on)


def _nobody_lives_here(members: list[tuple[Member, bool, str | None]]) -> HouseholdInvalid:
    """The error for a household whose every member is excluded by status."""
    who = [f"{m.id} {why}" for m, _, why in members]
    return HouseholdInvalid(
        "nobody_counted", problems=(Problem("members", "all_members_excluded", {"members": who}),)
    )


def _tekun_household(
    household: Household,
    rules: RulesAt,
    ctx: Context,
    trace: Tracer,
    members: list[tuple[Member, bool, str | None]],
    living: int,
    standard: Decimal,
    income: Counted,
    months: int,
    tekun: dict[str, Tekun],
    support: Decimal,
) -> Assessment:
    """A household whose counted members are all 特困: supported as such, so no dibao
    test is made (no per-capita income, no thresholds); its size is the members who
    live in it."""
    rules_tekun = ctx.rules.tekun
    assert rules_tekun is not None  # noqa: S101 - only 特困 rules make 特困 members
    outcome = Outcome("tekun", (Reason("all_tekun", {"count": living}),), {})
    trace.add("status", rules_tekun.in_dibao_household, "tekun", members=living, support=support)
    own = own_counted(
        household, income.lines, income.accepted, {m.id for m, counted, _ in members if counted}
    )
    return assessment_record(
        household,
        rules,
        ctx,
        trace,
        members,
        living,
        standard,
        income,
        months,
        ZERO,
        (),
        True,
        outcome,
        Benefit("none", ZERO, None, {}),
        own,
        tekun,
        {},
        unsupported_children(household, ctx, trace),
        None,
        None,
        (),
        support,
    )


def _tekun_apart(
    household: Household,
    ctx: Context,
    trace: Tracer,
    members: list[tuple[Member, bool, str | None]],
    standard: Decimal,
) -> tuple[list[tuple[Member, bool, str | None]], set[str], dict[str, Tekun], set[str]]:
    """The 特困 test of each counted member (one result each); those who qualify (the
    last set returned) are supported apart from the household's dibao when the rules
    say so."""
    views = ctx.rules
    counted_ids = {m.id for m, counted, _ in members if counted}
    tekun: dict[str, Tekun] = {}
    apart: set[str] = set()
    if views.tekun is not None:
        tekun = assess_tekun(household, ctx, trace, views.tekun, counted_ids, standard)
        apart = {k for k, t in tekun.items() if t.eligible is True}
        if apart and ctx.use(views.tekun.in_dibao_household) == "separate":
            members = [
                (m, False, "tekun") if m.id in apart else (m, c, why) for m, c, why in members
            ]
            counted_ids -= apart
    return members, counted_ids, tekun, apart


def _beyond_dibao(
    household: Household,
    ctx: Context,
    trace: Tracer,
    outcome: Outcome,
    income: Counted,
    members: set[str],
    above_standard: bool,
    assets_ok: bool,
    standard: Decimal,
) -> tuple[Outcome, PhaseOut | None, Rigid | None]:
    """Phase-out for a household leaving dibao; the rigid-expenditure test for the rest."""
    rigid = None
    phase = phase_out(
        household, ctx, trace, outcome.status, above_standard, members, income.counted, standard
    )
    if phase is not None:
        outcome = _after_phase_out(outcome, phase)
    if outcome.status == "not_eligible" and assets_ok:
        rigid = rigid_expenditure(
            household, ctx, trace, members, income.counted, income.gross - income.exempt
        )
        if rigid is not None and rigid.met:
            outcome = outcome._replace(
                status="rigid_expenditure", reasons=(*outcome.reasons, rigid.reason)
            )
    return outcome, phase, rigid


def _after_phase_out(outcome: Outcome, phase: PhaseOut) -> Outcome:
    """The status once phase-out applies: paid until its last month, then stopped."""
    if phase.ceiling is not None:
        return outcome._replace(
            reasons=(*outcome.reasons, Reason("phase_out_ceiling", {"limit": phase.ceiling}))
        )
    if phase.ended:
        return outcome._replace(
            reasons=(*outcome.reasons, Reason("phase_out_ended", {"until": phase.until}))
        )
    return Outcome(
        "phase_out",
        (
            *outcome.reasons,
            Reason(
                "phase_out",
                {"months": phase.months, "until": phase.until, "benefit": phase.monthly},
            ),
        ),
        {},
    )
