"""The assessment engine: a pure function from a household and rules to a result.

No file, clock, environment or printing: everything comes in as arguments. Amounts are
kept as exact annual equivalents (a monthly amount times 12), so the tests compare
exact sums (`counted income < standard × size`) and the one division by 12 happens at
the end, before the single rounding the rule file states. The benefit is computed on
the household, `standard × size − counted income`, never from a rounded per-capita
figure multiplied back.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from .errors import HouseholdInvalid, Problem
from .household import Expense, Household, Member
from .money import MONTHS_PER_YEAR, ZERO, divide, monthly, quantize
from .parameters import UNLIMITED
from .result import (
    Assessment,
    AssetTest,
    Benefit,
    DeductionLine,
    Income,
    IncomeLine,
    MemberResult,
    Reason,
    Rounding,
    RulesUsed,
    Status,
    Threshold,
    TraceStep,
    Warning,
)
from .ruleset import Param, RulesAt

_EMPLOYED = frozenset({"employed", "self_employed"})


class _Rules:
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

    def optional(self, key: str) -> Any:
        """Return a value, or None when the rule set does not have the key at all."""
        return self.get(key) if key in self.rules.params else None


class _Trace:
    def __init__(self, rules: _Rules) -> None:
        self.rules = rules
        self.steps: list[TraceStep] = []

    def add(self, step: str, key: str | None, value: object, **inputs: object) -> None:
        source = self.rules.param(key).source if key else None
        self.steps.append(TraceStep(step, key, value, inputs, source))


class _Counted(NamedTuple):
    """The household's income, as exact annual amounts."""

    lines: tuple[IncomeLine, ...]
    deductions: tuple[DeductionLine, ...]
    accepted: dict[int, Decimal]
    gross: Decimal
    exempt: Decimal
    deducted: Decimal
    counted: Decimal

    @property
    def floored(self) -> bool:
        return self.gross - self.exempt < self.deducted


class _Outcome(NamedTuple):
    status: Status
    reasons: tuple[Reason, ...]
    single: dict[str, Decimal]  # member id -> exact monthly single-person benefit


def assess(household: Household, rules: RulesAt) -> Assessment:
    """Assess one household under the rules in force on ``rules.on``.

    Raises:
        HouseholdInvalid: the household names a type the rules do not know, or a
            birth date after the assessment date.
        RuleNotInForce: a rule the assessment needs has no value on that date.
    """
    r = _Rules(rules)
    trace = _Trace(r)
    _check_against_rules(household, rules)

    members = _membership(household, r, trace)
    counted_ids = {m.id for m, counted, _ in members if counted}
    size = len(counted_ids)
    income = _count_income(household, r, trace, counted_ids)
    months = r.get("income.reference_months")

    standard_key = f"dibao.standard.{household.area}"
    standard = Decimal(r.get(standard_key))  # annual, per person
    trace.add("standard", standard_key, monthly(standard), annual=standard)
    per_capita = divide(monthly(income.counted), size) if size else ZERO
    if size:
        trace.add("per_capita_income", "income.reference_months", per_capita,
                  counted_monthly=monthly(income.counted), size=size, reference_months=months)

    asset_tests = _asset_tests(household, r, size, standard)
    for test in asset_tests:
        if test.key:
            trace.add("asset_test", test.key, test.passed, test=test.name, **test.reason.params)

    multiplier = Decimal(r.get("dibao.edge_multiplier"))
    dibao_line = standard * size
    edge_line = dibao_line * multiplier
    own = _own_counted(household, income.lines, income.accepted)
    outcome = _classify(household, r, trace, income.counted, size, standard, multiplier,
                        asset_tests, own, counted_ids)
    trace.add("status", "dibao.edge_multiplier", outcome.status,
              counted=monthly(income.counted), dibao_line=monthly(dibao_line),
              edge_line=monthly(edge_line), assets_ok=all(t.passed for t in asset_tests))
    benefit = _benefit(outcome, r, trace, income.counted, dibao_line, size, standard)

    by_category: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in income.lines:
        if line.counted:
            by_category[line.category] += line.monthly
    return Assessment(
        household_id=household.id,
        rules=RulesUsed(rules.id, rules.name.zh, rules.name.en, rules.on, rules.digest),
        area=household.area,
        household_size=size,
        standard_monthly=monthly(standard),
        income=Income(months, monthly(income.gross), monthly(income.exempt),
                      monthly(income.deducted), monthly(income.counted), per_capita,
                      income.floored, dict(sorted(by_category.items()))),
        incomes=income.lines,
        deductions=income.deductions,
        assets_ok=all(t.passed for t in asset_tests),
        asset_tests=asset_tests,
        status=outcome.status,
        benefit=benefit,
        members=tuple(
            MemberResult(m.id, m.name, m.relation, m.age_on(rules.on), counted_flag, why,
                         monthly(own.get(m.id, ZERO)), m.id in outcome.single,
                         outcome.single.get(m.id), m.id_number)
            for m, counted_flag, why in members),
        thresholds=(
            Threshold("dibao", monthly(standard), monthly(dibao_line),
                      monthly(dibao_line - income.counted)),
            Threshold("edge", monthly(standard * multiplier), monthly(edge_line),
                      monthly(edge_line - income.counted)),
        ),
        reasons=outcome.reasons,
        trace=tuple(trace.steps),
        warnings=_warnings(r.used),
        type_labels={
            **{i.type: rules.income_types[i.type].label for i in household.incomes},
            **{e.type: rules.expense_types[e.type].label for e in household.expenses}},
    )


def _count_income(household: Household, r: _Rules, trace: _Trace,
                  members: set[str]) -> _Counted:
    """Income items counted or not, then deductions, then counted income (floored at 0)."""
    lines = _income_lines(household, r, members)
    for line in lines:
        if line.key:
            trace.add("income_item", line.key, line.counted, item=line.item, type=line.type,
                      monthly=line.monthly)
    own_lines = [line for line in lines if line.reason != "not_member"]
    gross = sum((line.monthly * MONTHS_PER_YEAR for line in own_lines), ZERO)
    exempt = sum((line.monthly * MONTHS_PER_YEAR for line in own_lines if not line.counted),
                 ZERO)
    deductions, accepted = _deductions(household, r, trace, members, gross - exempt)
    deducted = sum(accepted.values(), ZERO)
    counted = max(ZERO, gross - exempt - deducted)
    trace.add("counted_income", "income.reference_months", monthly(counted),
              gross=monthly(gross), exempt=monthly(exempt), deductions=monthly(deducted),
              floored_at_zero=gross - exempt < deducted)
    return _Counted(lines, deductions, accepted, gross, exempt, deducted, counted)


def _classify(household: Household, r: _Rules, trace: _Trace, counted: Decimal, size: int,
              standard: Decimal, multiplier: Decimal, asset_tests: tuple[AssetTest, ...],
              own: dict[str, Decimal], members: set[str]) -> _Outcome:
    """Decide the status: dibao, edge (with single-person enrolment) or not eligible."""
    if size == 0:
        return _Outcome("not_eligible", (Reason("no_counted_members"),), {})
    assets_ok = all(t.passed for t in asset_tests)
    per_capita = divide(monthly(counted), size)
    dibao_line = standard * size
    if counted < dibao_line and assets_ok:
        return _Outcome("dibao", (Reason("below_standard", {
            "per_capita": per_capita, "standard": monthly(standard)}),), {})
    reasons: list[Reason] = []
    if not assets_ok:
        reasons.append(Reason("assets_failed", {"tests": ", ".join(
            t.name for t in asset_tests if not t.passed)}))
    if counted >= dibao_line:
        reasons.append(Reason("above_standard", {"per_capita": per_capita,
                                                 "standard": monthly(standard)}))
    edge = assets_ok and counted < dibao_line * multiplier
    if assets_ok:
        reasons.append(Reason("below_edge" if edge else "above_edge", {
            "per_capita": per_capita, "edge": monthly(standard * multiplier),
            "multiplier": multiplier}))
    single = _single_person(household, r, trace, members, own, standard, edge=edge,
                            assets_ok=assets_ok)
    reasons += [Reason("single_person", {"member": member_id, "benefit": amount})
                for member_id, amount in single.items()]
    status: Status = "dibao_single" if single else "edge" if edge else "not_eligible"
    return _Outcome(status, tuple(reasons), single)


def _check_against_rules(household: Household, rules: RulesAt) -> None:
    problems = []
    for i, m in enumerate(household.members):
        if m.birth_date is not None and m.birth_date > rules.on:
            problems.append(Problem(f"members.{i}.birth_date",
                                    f"{m.birth_date} is after the assessment date {rules.on}"))
    for i, item in enumerate(household.incomes):
        if item.type not in rules.income_types:
            problems.append(Problem(f"incomes.{i}.type", f"unknown income type '{item.type}' "
                                    f"(known: {', '.join(rules.income_types)})"))
    for i, exp in enumerate(household.expenses):
        if exp.type not in rules.expense_types:
            problems.append(Problem(f"expenses.{i}.type", f"unknown expense type '{exp.type}' "
                                    f"(known: {', '.join(rules.expense_types)})"))
    if problems:
        raise HouseholdInvalid(f"the household does not fit rule set {rules.id}",
                               problems=tuple(problems))


def _membership(household: Household, r: _Rules,
                trace: _Trace) -> list[tuple[Member, bool, str | None]]:
    excluded = set(r.get("household.excluded_statuses"))
    out: list[tuple[Member, bool, str | None]] = []
    for m in household.members:
        counted = m.status not in excluded
        out.append((m, counted, None if counted else m.status))
    trace.add("membership", "household.excluded_statuses", sum(c for _, c, _ in out),
              declared=len(out), excluded=[m.id for m, c, _ in out if not c])
    return out


def _annual(amount: Decimal, per: str) -> Decimal:
    return amount * MONTHS_PER_YEAR if per == "month" else amount


def _income_lines(household: Household, r: _Rules,
                  members: set[str]) -> tuple[IncomeLine, ...]:
    lines = []
    for i, item in enumerate(household.incomes):
        category = r.rules.income_types[item.type].category
        month = monthly(_annual(item.amount, item.per))
        if item.member is not None and item.member not in members:
            lines.append(IncomeLine(i, item.member, item.type, category, item.amount, item.per,
                                    month, counted=False, reason="not_member", key=None))
            continue
        key = f"income.counted.{item.type}"
        counted = bool(r.get(key))
        lines.append(IncomeLine(i, item.member, item.type, category, item.amount, item.per,
                                month, counted, "counted" if counted else "exempt", key))
    return tuple(lines)


def _meets(member: Member | None, condition: str) -> bool:
    if member is None:
        return False
    if condition == "employed":
        return member.employment in _EMPLOYED
    if condition == "disabled":
        return member.disability is not None
    if condition == "serious_illness":
        return member.serious_illness
    return member.education not in (None, "none")  # in_education


def _deductions(household: Household, r: _Rules, trace: _Trace, members: set[str],
                income: Decimal) -> tuple[tuple[DeductionLine, ...], dict[int, Decimal]]:
    """Apply each claimed expense against the rules: refuse, cap or accept it.

    Caps apply in a fixed order: per item, per person, per household, share of income;
    items share a person's or household's cap in the order they were listed.
    """
    by_id = {m.id: m for m in household.members}
    accepted: dict[int, Decimal] = {}
    reasons: dict[int, list[Reason]] = defaultdict(list)
    refused: set[int] = set()
    used_person: dict[tuple[str, str | None], Decimal] = defaultdict(lambda: ZERO)
    used_household: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for i, exp in enumerate(household.expenses):
        claim = _annual(exp.amount, exp.per)
        why = _refusal(exp, r, by_id, members)
        if why is not None:
            reasons[i].append(why)
            refused.add(i)
            accepted[i] = ZERO
            continue
        amount = claim
        prefix = f"deduction.{exp.type}.cap."
        for cap_name in ("per_item_monthly", "per_person_monthly", "per_household_monthly",
                         "share_of_income"):
            cap = r.optional(prefix + cap_name)
            if cap is None or cap == UNLIMITED:
                continue
            already = {"per_item_monthly": ZERO,
                       "per_person_monthly": used_person[(exp.type, exp.member)]}.get(
                           cap_name, used_household[exp.type])
            whole = (income * Decimal(cap) if cap_name == "share_of_income"
                     else Decimal(cap) * MONTHS_PER_YEAR)
            limit = max(whole - already, ZERO)
            if amount > limit:
                name = "share" if cap_name == "share_of_income" else "cap"
                reasons[i].append(Reason(f"capped_{cap_name}", {
                    name: Decimal(cap), "key": prefix + cap_name, "allowed": monthly(limit)}))
                amount = limit
        used_person[(exp.type, exp.member)] += amount
        used_household[exp.type] += amount
        accepted[i] = amount
    lines = []
    for i, exp in enumerate(household.expenses):
        claim = _annual(exp.amount, exp.per)
        kind = r.rules.expense_types[exp.type].kind
        if i in refused:
            status = "refused"
        elif accepted[i] < claim:
            status = "capped"
        else:
            status = "accepted"
            reasons[i].append(Reason("netted" if kind == "transfer_expenditure"
                                     else "accepted"))
        lines.append(DeductionLine(i, exp.member, exp.type, kind, monthly(claim),
                                   monthly(accepted[i]), status, tuple(reasons[i])))  # type: ignore[arg-type]
        key = f"deduction.{exp.type}.deductible"
        trace.add("deduction", key if key in r.rules.params else None, status, item=i,
                  type=exp.type, claimed=monthly(claim), accepted=monthly(accepted[i]))
    return tuple(lines), accepted


def _refusal(exp: Expense, r: _Rules, by_id: dict[str, Member],
             members: set[str]) -> Reason | None:
    if exp.member is not None and exp.member not in members:
        return Reason("not_member", {"member": exp.member})
    key = f"deduction.{exp.type}.deductible"
    if key not in r.rules.params or not r.get(key):
        if key in r.rules.params:
            return Reason("not_deductible", {"key": key})
        return Reason("no_rule", {"key": key})
    requires = r.optional(f"deduction.{exp.type}.requires") or ()
    member = by_id.get(exp.member) if exp.member else None
    for condition in requires:
        if exp.member is None:
            return Reason("needs_member", {"condition": condition})
        if not _meets(member, condition):
            return Reason("condition_not_met", {"member": exp.member, "condition": condition})
    return None


def _own_counted(household: Household, incomes: tuple[IncomeLine, ...],
                 accepted: dict[int, Decimal]) -> dict[str, Decimal]:
    """Each member's own counted income, annual, net of their own accepted deductions."""
    own: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in incomes:
        if line.counted and line.member is not None:
            own[line.member] += line.monthly * MONTHS_PER_YEAR
    for i, exp in enumerate(household.expenses):
        if exp.member is not None:
            own[exp.member] -= accepted[i]
    return {k: max(ZERO, v) for k, v in own.items()}


def _asset_tests(household: Household, r: _Rules, size: int,
                 standard: Decimal) -> tuple[AssetTest, ...]:
    tests = []
    financial_types = set(r.get("assets.financial.types"))
    limit_months = r.get("assets.financial.limit_months")
    financial = sum((a.value for a in household.assets if a.type in financial_types), ZERO)
    per_capita = divide(financial, size) if size else financial
    key = "assets.financial.limit_months"
    if limit_months == UNLIMITED:
        tests.append(AssetTest("financial", True, key, Reason("financial_unlimited", {
            "per_capita": per_capita})))
    else:
        limit = monthly(standard) * Decimal(limit_months)
        tests.append(AssetTest("financial", per_capita <= limit, key, Reason(
            "financial_ok" if per_capita <= limit else "financial_over",
            {"per_capita": per_capita, "limit": limit, "months": limit_months})))

    vehicles = [a for a in household.assets if a.type == "vehicle"]
    if vehicles:
        allowed = set(r.get("assets.vehicle.allowed_kinds"))
        exempt = r.get("assets.vehicle.livelihood_exempt")
        bad = [a.kind for a in vehicles
               if a.kind not in allowed and not (a.for_livelihood and exempt)]
        tests.append(AssetTest("vehicle", not bad, "assets.vehicle.allowed_kinds", Reason(
            "vehicle_over" if bad else "vehicle_ok",
            {"kinds": ", ".join(str(k) for k in bad) if bad else ", ".join(
                str(a.kind) for a in vehicles)})))
        r.param("assets.vehicle.livelihood_exempt")

    houses = sum(a.count for a in household.assets if a.type == "housing")
    if houses:
        most = r.get("assets.housing.max_count")
        ok = most == UNLIMITED or houses <= most
        tests.append(AssetTest("housing", ok, "assets.housing.max_count", Reason(
            "housing_ok" if ok else "housing_over", {"count": houses, "max": most})))

    businesses = [a for a in household.assets if a.type == "business"]
    if businesses:
        allowed_business = r.get("assets.business.allowed")
        exempt = r.get("assets.business.livelihood_exempt")
        bad_count = sum(1 for a in businesses
                        if not allowed_business and not (a.for_livelihood and exempt))
        tests.append(AssetTest("business", bad_count == 0, "assets.business.allowed", Reason(
            "business_over" if bad_count else "business_ok", {"count": len(businesses)})))
        r.param("assets.business.livelihood_exempt")

    untested = [a.type for a in household.assets
                if a.type not in financial_types and a.type not in
                ("vehicle", "housing", "business")]
    if untested:
        tests.append(AssetTest("other", True, None, Reason("not_tested", {
            "types": ", ".join(sorted(set(untested)))})))
    return tuple(tests)


def _disability_qualifies(member: Member, grades: tuple[tuple[str, tuple[int, ...]], ...]) -> bool:
    if member.disability is None:
        return False
    for category, allowed in grades:
        if category in ("any", member.disability.category) and member.disability.grade in allowed:
            return True
    return False


def _single_person(household: Household, r: _Rules, trace: _Trace, members: set[str],
                   own: dict[str, Decimal], standard: Decimal, *, edge: bool,
                   assets_ok: bool) -> dict[str, Decimal]:
    """Members who may be enrolled alone (单人户施保), with their exact monthly gap."""
    if not assets_ok or not r.get("single_person.enabled"):
        return {}
    if r.get("single_person.requires_edge") and not edge:
        return {}
    grades = r.get("single_person.disability_grades")
    illness = r.get("single_person.serious_illness")
    out: dict[str, Decimal] = {}
    for m in household.members:
        if m.id not in members:
            continue
        by_disability = _disability_qualifies(m, grades)
        by_illness = bool(illness) and m.serious_illness
        if not (by_disability or by_illness):
            continue
        gap = max(ZERO, standard - own.get(m.id, ZERO))
        if gap == ZERO:
            continue
        out[m.id] = monthly(gap)
        trace.add("single_person", "single_person.disability_grades" if by_disability
                  else "single_person.serious_illness", monthly(gap), member=m.id,
                  own_income=monthly(own.get(m.id, ZERO)))
    return out


def _benefit(outcome: _Outcome, r: _Rules, trace: _Trace, counted: Decimal,
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


def _warnings(used: dict[str, Param]) -> tuple[Warning, ...]:
    out = []
    for key, param in used.items():
        if param.provisional:
            out.append(Warning("provisional_value", key, param.source,
                               {"value": param.written, "since": param.since}))
        elif param.source.kind not in (None, "official"):
            out.append(Warning("unofficial_source", key, param.source,
                               {"value": param.written, "kind": param.source.kind}))
    return tuple(out)
