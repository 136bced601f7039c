"""The result record: the figures each step of the assessment made, as one `Assessment`."""

from __future__ import annotations

from decimal import Decimal

from ..model.household import Household, Member
from ..model.result import (
    Assessment,
    AssetTest,
    Benefit,
    ChildFlag,
    Income,
    MemberResult,
    PhaseOut,
    Rigid,
    RulesUsed,
    Tekun,
    Threshold,
    TopUp,
)
from ..money import ZERO, monthly
from ..ruleset.model import RulesAt
from .change import payment_change
from .context import Context, Tracer, warnings_for
from .housing import undated_housing_warnings
from .identity import id_number_warnings
from .income import Counted
from .status import Outcome


def assessment_record(
    household: Household,
    rules: RulesAt,
    ctx: Context,
    trace: Tracer,
    members: list[tuple[Member, bool, str | None]],
    size: int,
    standard: Decimal,
    income: Counted,
    months: int,
    per_capita: Decimal,
    asset_tests: tuple[AssetTest, ...],
    assets_ok: bool,
    outcome: Outcome,
    benefit: Benefit,
    own: dict[str, Decimal],
    tekun: dict[str, Tekun],
    extra: dict[str, TopUp],
    children: dict[str, ChildFlag],
    phase: PhaseOut | None,
    rigid: Rigid | None,
    thresholds: tuple[Threshold, ...],
    support: Decimal,
) -> Assessment:
    """The result record, from the figures each step made."""
    views = ctx.rules
    return Assessment(
        household_id=household.id,
        rules=RulesUsed(rules.id, rules.name.zh, rules.name.en, rules.on, rules.digest),
        area=household.area,
        household_size=size,
        standard_monthly=monthly(standard),
        income=_income(income, months, per_capita),
        incomes=income.lines,
        deductions=income.deductions,
        assets_ok=assets_ok,
        asset_tests=asset_tests,
        status=outcome.status,
        benefit=benefit,
        members=_member_results(rules, members, outcome, own, tekun, extra, children),
        thresholds=thresholds,
        reasons=outcome.reasons,
        trace=tuple(trace.steps),
        warnings=(
            *id_number_warnings(household, rules.on),
            *warnings_for(ctx.used, household.area),
            *undated_housing_warnings(asset_tests, views),
        ),
        type_labels={
            **{i.type: views.income.types[i.type].label for i in household.incomes},
            **{e.type: views.income.expense_types[e.type].label for e in household.expenses},
        },
        phase_out=phase,
        rigid=rigid,
        tekun_support_monthly=support,
        change=payment_change(household.current, outcome.status, benefit.monthly, phase, rules.on),
        township=household.township,
        village=household.village,
    )


def _income(income: Counted, months: int, per_capita: Decimal) -> Income:
    """The income summary, monthly."""
    return Income(
        months,
        monthly(income.gross),
        monthly(income.exempt),
        monthly(income.deducted),
        monthly(income.counted),
        per_capita,
        income.floored,
        income.by_category(),
    )


def _member_results(
    rules: RulesAt,
    members: list[tuple[Member, bool, str | None]],
    outcome: Outcome,
    own: dict[str, Decimal],
    tekun: dict[str, Tekun],
    extra: dict[str, TopUp],
    children: dict[str, ChildFlag],
) -> tuple[MemberResult, ...]:
    """One result per member, in the household's order."""
    return tuple(
        MemberResult(
            m.id,
            m.name,
            m.relation,
            m.age_on(rules.on),
            counted_flag,
            why,
            monthly(own.get(m.id, ZERO)),
            m.id in outcome.single,
            outcome.single.get(m.id),
            m.id_number,
            tekun.get(m.id),
            extra.get(m.id),
            children.get(m.id),
        )
        for m, counted_flag, why in members
    )
