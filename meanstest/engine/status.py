"""The status: dibao, edge with single-person enrolment, or not eligible."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ..model.household import Household, Member
from ..model.result import AssetTest, Reason, Status
from ..money import ZERO, divide, monthly
from ..ruleset.amounts import monthly_amount
from ..ruleset.blocks import Band
from ..ruleset.views import Grades
from .context import Context, Tracer, under, within

# The edge reasons, by whether the edge is a strict limit (低于) and whether it is met.
_EDGE_CODES = {
    (True, True): "below_edge",
    (True, False): "above_edge",
    (False, True): "within_edge",
    (False, False): "over_edge",
}


class Outcome(NamedTuple):
    status: Status
    reasons: tuple[Reason, ...]
    single: dict[str, Decimal]  # member id -> exact monthly single-person benefit
    # Members enrolled alone in a band that adds no 分类施保 top-ups.
    no_top_ups: frozenset[str] = frozenset()


def classify(
    household: Household,
    ctx: Context,
    trace: Tracer,
    counted: Decimal,
    size: int,
    standard: Decimal,
    multiplier: Decimal,
    asset_tests: tuple[AssetTest, ...],
    own: dict[str, Decimal],
    members: set[str],
) -> Outcome:
    """Decide the status: dibao, edge (with single-person enrolment) or not eligible.

    The tests compare exact figures (annual counted income against the standard times
    the household size), as the rules compare them (below, or not above): a status is
    never decided on a rounded figure. ``size`` is at least 1.
    """
    views = ctx.rules.dibao
    standard_rule = ctx.cite(views.standard[household.area])
    edge_rule = ctx.cite(views.edge_multiplier)
    assets_ok = all(t.passed for t in asset_tests)
    per_capita = divide(monthly(counted), size)
    dibao_line = standard * size
    below = within(counted, dibao_line, standard_rule)
    strict = standard_rule.comparison == "below"
    if below and assets_ok:
        return Outcome(
            "dibao",
            (
                Reason(
                    "below_standard" if strict else "within_standard",
                    {"per_capita": per_capita, "standard": monthly(standard)},
                ),
            ),
            {},
        )
    reasons = _not_dibao_reasons(
        asset_tests, assets_ok, below, strict, per_capita, standard, multiplier
    )
    edge = assets_ok and not below and within(counted, dibao_line * multiplier, edge_rule)
    if assets_ok and not below:
        reasons.append(
            _edge_reason(edge_rule.comparison == "below", edge, per_capita, standard, multiplier)
        )
    alone = single_person(
        household,
        ctx,
        trace,
        members,
        own,
        standard,
        edge=edge,
        assets_ok=assets_ok,
        counted=counted,
        size=size,
    )
    single = alone.amounts
    reasons += alone.reasons
    status: Status = "dibao_single" if single else "edge" if edge else "not_eligible"
    if status == "not_eligible" and assets_ok and size > 1:
        # One member has just been assessed alone: naming them again would be no news.
        reasons += [
            Reason("single_person_may_apply", {"member": member_id})
            for member_id in _may_apply_alone(household, ctx, trace, members, own, standard)
        ]
    return Outcome(status, tuple(reasons), single, alone.no_top_ups)


def _not_dibao_reasons(
    asset_tests: tuple[AssetTest, ...],
    assets_ok: bool,
    below: bool,
    strict: bool,
    per_capita: Decimal,
    standard: Decimal,
    multiplier: Decimal,
) -> list[Reason]:
    """Why a household is not in dibao: the asset tests it failed, an income over the
    standard (with the edge line, which the next reason compares it with: the sentence
    writes the income exactly when the fen would put it on that line)."""
    reasons: list[Reason] = []
    if not assets_ok:
        reasons.append(
            Reason(
                "assets_failed", {"tests": ", ".join(t.name for t in asset_tests if not t.passed)}
            )
        )
    if not below:
        reasons.append(
            Reason(
                "above_standard" if strict else "over_standard",
                {
                    "per_capita": per_capita,
                    "standard": monthly(standard),
                    "edge": monthly(standard * multiplier),
                },
            )
        )
    return reasons


def _edge_reason(
    strict: bool, edge: bool, per_capita: Decimal, standard: Decimal, multiplier: Decimal
) -> Reason:
    """Whether the household is within the edge, for one over the standard."""
    code = _EDGE_CODES[(strict, edge)]
    return Reason(
        code,
        {
            "per_capita": per_capita,
            "edge": monthly(standard * multiplier),
            "multiplier": multiplier,
        },
    )


_WITHOUT_WORK = frozenset({"unemployed", "unable"})


def _may_apply_alone(
    household: Household,
    ctx: Context,
    trace: Tracer,
    members: set[str],
    own: dict[str, Decimal],
    standard: Decimal,
) -> list[str]:
    """Adult members without work and severely disabled, who may apply on their own in
    any household (S5 §1(1)), and whose own income is below the standard (else there
    would be nothing to pay): named for the caseworker, not enrolled by the engine."""
    rules = ctx.rules.single_person
    rule = rules.unemployed_severely_disabled
    if rule is None or not ctx.use(rule):
        return []
    adult = ctx.use(rules.adult_age)  # a minor is under this age
    grades = ctx.use(rules.disability_grades)
    out = []
    for m in household.members:
        if (
            m.id in members
            and m.employment in _WITHOUT_WORK
            and own.get(m.id, ZERO) < standard
            and m.age_on(ctx.on) >= adult
            and disability_qualifies(m, grades)
        ):
            out.append(m.id)
            trace.add("single_person", rule, "may_apply", member=m.id)
    return out


_NO_GRADES: frozenset[int] = frozenset()


def disability_qualifies(member: Member, grades: Grades) -> bool:
    if member.disability is None:
        return False
    grade = member.disability.grade
    return grade in grades.get("any", _NO_GRADES) or grade in grades.get(
        member.disability.category, _NO_GRADES
    )


class Alone(NamedTuple):
    """Who is enrolled alone (单人户施保), paid what (monthly, exact), and why."""

    amounts: dict[str, Decimal]
    reasons: list[Reason]
    no_top_ups: frozenset[str] = frozenset()


_NOBODY = Alone({}, [])


def single_person(
    household: Household,
    ctx: Context,
    trace: Tracer,
    members: set[str],
    own: dict[str, Decimal],
    standard: Decimal,
    *,
    edge: bool,
    assets_ok: bool,
    counted: Decimal,
    size: int,
) -> Alone:
    """Members who may be enrolled alone (单人户施保), with what each is paid a month.

    Nationally a member of an edge household (as ``requires_edge`` says) is paid the
    standard minus their own income. Local bands (``single_person.bands``) set their
    own ceilings on the family's per-capita income, as multiples of the standard, and
    what is paid below each: the first band whose ceiling the household is within
    decides (``counted`` is the household's annual counted income).
    """
    rules = ctx.rules.single_person
    if not assets_ok or not ctx.use(rules.enabled):
        return _NOBODY
    band: Band | None = None
    if rules.bands is not None:
        bands = ctx.use(rules.bands)
        band = next(
            (b for b in bands if under(counted, standard * size * b.bound, b.comparison)), None
        )
        if band is None:
            return _NOBODY
    elif ctx.use(rules.requires_edge) and not edge:
        return _NOBODY
    grades = ctx.use(rules.disability_grades)
    illness = ctx.use(rules.serious_illness)
    out: dict[str, Decimal] = {}
    reasons: list[Reason] = []
    # A member who qualifies but whose own income leaves no gap is said so, after those
    # enrolled: otherwise the caseworker sees a severely disabled member not enrolled
    # and no reason why (review 16).
    nothing: list[Reason] = []
    for m in household.members:
        if m.id not in members:
            continue
        by_disability = disability_qualifies(m, grades)
        if not (by_disability or (illness and m.serious_illness)):
            continue
        mine = own.get(m.id, ZERO)
        amount = _alone_amount(band, standard, mine)
        cited = (
            rules.bands
            if band is not None
            else rules.disability_grades
            if by_disability
            else rules.serious_illness
        )
        trace.add(
            "single_person",
            cited,
            amount,
            member=m.id,
            own_income=monthly(mine),
            **_band_inputs(band, standard),
        )
        if amount == ZERO:
            nothing.append(
                Reason(
                    "single_person_own_income",
                    {"member": m.id, "income": monthly(mine), "standard": monthly(standard)},
                )
            )
            continue
        out[m.id] = amount
        reasons.append(_alone_reason(m.id, amount, band, counted, size, standard))
    no_top_ups = frozenset(out) if band is not None and not band.top_ups else frozenset()
    return Alone(out, reasons + nothing, no_top_ups)


def _alone_amount(band: Band | None, standard: Decimal, own: Decimal) -> Decimal:
    """What a member enrolled alone is paid a month: the standard minus own income (the
    national rule, or a band's ``gap``), the full standard, or the band's amount."""
    pay = "gap" if band is None else band.pay
    if pay == "gap":
        return monthly(max(ZERO, standard - own))
    if pay == "full_standard":
        return monthly(standard)
    assert not isinstance(pay, str)  # noqa: S101 - the loader allows these three only
    return monthly_amount(pay, {"standard": monthly(standard)})


def _band_inputs(band: Band | None, standard: Decimal) -> dict[str, object]:
    if band is None:
        return {}
    pay = band.pay if isinstance(band.pay, str) else "amount"
    return {
        "band": band.bound,
        "comparison": band.comparison,
        "limit": monthly(standard * band.bound),
        "pay": pay,
    }


def _alone_reason(
    member: str, amount: Decimal, band: Band | None, counted: Decimal, size: int, standard: Decimal
) -> Reason:
    if band is None:
        return Reason("single_person", {"member": member, "benefit": amount})
    return Reason(
        f"single_person_{band.comparison}",
        {
            "member": member,
            "benefit": amount,
            "per_capita": divide(monthly(counted), size),
            "multiplier": band.bound,
            "limit": monthly(standard * band.bound),
        },
    )
