"""The 特困 test for each member (特困人员认定办法 Arts. 4–8, 22).

A member is extremely poor when all three "no" conditions hold: no capacity to work,
no livelihood (own counted income below the dibao standard and property within the
limits) and no statutory supporter able to support. Each condition is met, not met,
or undetermined (for instance when the caseworker has not declared the supporters).

Co-resident adults are the household's statutory supporters (审核确认办法 Art. 7 counts
co-resident people with a duty of support); one of them is unable to support when old
or severely disabled as the rules say (Art. 8), on dibao and 60 or over, or 特困
themselves (Art. 8(1)). The income and property conditions Art. 8 adds for those cases
are for the caseworker to confirm, and the result says so.

Who is 特困 then depends on who else is: an elderly couple with nothing are each the
other's only supporter. The members who are 特困 are the largest set in which every
member meets the other conditions and has no able supporter outside the set (found by
removing members until none is left to remove); a member who might be 特困 (a condition
to verify) makes the test of those they would support "to verify" as well.
"""

from __future__ import annotations

from decimal import Decimal

from ..model.household import Asset, Household, Member
from ..model.result import Condition, Reason, Tekun, support
from ..money import ZERO, monthly
from ..ruleset.keys import CARE_BANDS
from ..ruleset.views import Place, TekunStandards, TekunView
from .assets import run_asset_tests
from .citations import tekun_rule
from .context import Context, Tracer, within
from .income import item_annual
from .status import disability_qualifies

_IN_SCHOOL = frozenset({"primary", "junior_secondary", "senior_secondary", "vocational_secondary"})


def assess_tekun(
    household: Household,
    ctx: Context,
    trace: Tracer,
    rules: TekunView,
    counted: set[str],
    standard: Decimal,
) -> dict[str, Tekun]:
    """Return the 特困 result of every counted member (``standard`` is annual)."""
    ages = {m.id: m.age_on(ctx.on) for m in household.members}
    shared = _Shared(household, ctx, rules)
    members = [m for m in household.members if m.id in counted]
    own = {
        m.id: (
            _work_capacity(m, ages[m.id], ctx, rules),
            _livelihood(household, m, ctx, rules, counted, standard, shared),
            _outside_supporters(m),
        )
        for m in members
    }
    able = _able_bodied(household, ctx, rules, counted, ages)
    nearby = _nearby(household, members, able)
    # Who might be 特困 (no condition fails), and who surely is (every condition holds),
    # each the largest set whose members have no able supporter outside it.
    maybe = _largest({k for k, cs in own.items() if False not in [c.met for c in cs]}, nearby)
    sure = _largest({k for k in maybe if all(c.met is True for c in own[k])}, nearby)
    out: dict[str, Tekun] = {}
    for m in members:
        work, living, outside = own[m.id]
        conditions = (work, living, _supporter_condition(nearby[m.id], outside, maybe, sure))
        out[m.id] = _member_tekun(household, m, ctx, trace, rules, conditions, standard)
    return out


def _nearby(household: Household, members: list[Member], able: list[str]) -> dict[str, list[str]]:
    """Each member's co-resident able-bodied adults who may support them."""
    # Relations are declared to the applicant: one declared "other" and the applicant owe
    # each other no support. Between two other members the tie is not known, so each
    # counts as one who may support the other.
    strangers = {m.id for m in household.members if m.relation == "other"}
    applicant = {m.id for m in household.members if m.relation == "applicant"}
    return {
        m.id: [
            o
            for o in able
            if o != m.id
            and not (m.id in applicant and o in strangers)
            and not (m.id in strangers and o in applicant)
        ]
        for m in members
    }


def _member_tekun(
    household: Household,
    m: Member,
    ctx: Context,
    trace: Tracer,
    rules: TekunView,
    conditions: tuple[Condition, Condition, Condition],
    standard: Decimal,
) -> Tekun:
    """One member's 特困 result from their three conditions, with the standards paid."""
    met = [c.met for c in conditions]
    eligible = False if False in met else None if None in met else True
    band = _self_care_band(m, ctx, rules)
    mode = m.tekun_support_mode or "at_home"
    basic = care = None
    notes: list[Reason] = []
    trace.add(
        "tekun",
        tekun_rule(conditions, ctx.rules, rules, household.area),
        eligible,
        member=m.id,
        **{c.name: c.met for c in conditions},
    )
    if eligible is not False:
        basic, care, notes = _standards(
            ctx, trace, rules.standards, m.id, band, (household.area, mode), standard
        )
        if rules.standards.by_mode and m.tekun_support_mode is None:
            # The rules pay by support mode and the input does not say which.
            notes.insert(0, Reason("tekun_mode_assumed"))
    return Tekun(
        eligible, conditions, band, basic, care, tuple(notes), mode, support(eligible, basic, care)
    )


def _work_capacity(m: Member, age: int, ctx: Context, rules: TekunView) -> Condition:
    elderly = ctx.use(rules.age_elderly)
    minor = ctx.use(rules.age_minor_below)
    if age >= elderly:
        return Condition(
            "no_work_capacity", True, Reason("tekun_elderly", {"age": age, "age_limit": elderly})
        )
    if age < minor:
        return Condition(
            "no_work_capacity", True, Reason("tekun_minor", {"age": age, "age_limit": minor})
        )
    if (
        m.education in _IN_SCHOOL
        and ctx.use(rules.students_continue)
        and age < ctx.use(rules.students_age_below)
    ):
        return Condition("no_work_capacity", True, Reason("tekun_student", {"age": age}))
    if disability_qualifies(m, ctx.use(rules.disability_grades)):
        assert m.disability is not None  # noqa: S101 - disability_qualifies checked it
        return Condition(
            "no_work_capacity",
            True,
            Reason(
                "tekun_disabled", {"category": m.disability.category, "grade": m.disability.grade}
            ),
        )
    return Condition("no_work_capacity", False, Reason("tekun_can_work", {"age": age}))


def _own_income(
    household: Household, member: str | None, ctx: Context, rules: TekunView, alone: bool
) -> Decimal:
    """A member's own income as the 特困 test counts it, annual (``member`` None: the
    household-level income, declared for no member).

    Household-level income is the member's own when they are the only counted member.
    """
    excluded = ctx.use(rules.income_excluded_types)
    # Provisional: looked at here, used (and warned of) only when it leaves an item out.
    assistance = rules.income_excluded_assistance
    counted = ctx.rules.income.counted
    total = ZERO
    for item in household.incomes:
        mine = item.member == member or (alone and item.member is None)
        if not mine or item.type in excluded:
            continue
        if not ctx.use(counted[item.type]):
            continue
        if assistance is not None and item.type in assistance.value:
            ctx.use(assistance)  # it would count but for this rule: the rule is used
            continue
        total += item_annual(item, ctx)  # an imputed wage counts as the minimum wage
    return total


class _Shared:
    """What is declared for the household as a whole (no member), and the asset tests
    run so far: worked out once per household, when first needed."""

    def __init__(self, household: Household, ctx: Context, rules: TekunView) -> None:
        self.household = household
        self.ctx = ctx
        self.rules = rules
        self.assets = tuple(a for a in household.assets if a.member is None)
        self.tested: dict[tuple[int, ...], list[str]] = {}  # by the assets' ids
        self._income: Decimal | None = None

    def income(self) -> Decimal:
        """Household-level income as the 特困 test counts it, annual."""
        if self._income is None:
            self._income = _own_income(self.household, None, self.ctx, self.rules, alone=False)
        return self._income


def _livelihood(
    household: Household,
    m: Member,
    ctx: Context,
    rules: TekunView,
    counted: set[str],
    standard: Decimal,
    shared: _Shared,
) -> Condition:
    alone = len(counted) == 1
    income = _own_income(household, m.id, ctx, rules, alone)
    # Below the dibao standard as the rules compare it (S3 Art. 6: 低于).
    if not within(income, standard, ctx.cite(ctx.rules.dibao.standard[household.area])):
        return Condition(
            "no_livelihood",
            False,
            Reason("tekun_income_over", {"income": monthly(income), "standard": monthly(standard)}),
        )
    # The member's own property; household-level property too when they live alone.
    own = tuple(a for a in household.assets if a.member == m.id or (alone and a.member is None))
    failed = _failed_asset_tests(household, own, ctx, standard, shared.tested)
    if failed:
        return Condition(
            "no_livelihood", False, Reason("tekun_property_over", {"tests": ", ".join(failed)})
        )
    if not alone:
        # Income and property declared for the household as a whole are partly this
        # member's, in a share only the caseworker can tell. Met whatever the share
        # when all of it would still pass; otherwise to verify.
        common = shared.assets
        if (shared.income() or common) and (
            income + shared.income() >= standard
            or _failed_asset_tests(household, own + common, ctx, standard, shared.tested)
        ):
            return Condition(
                "no_livelihood",
                None,
                Reason(
                    "tekun_household_means",
                    {"income": monthly(shared.income()), "count": len(common)},
                ),
            )
    return Condition(
        "no_livelihood",
        True,
        Reason("tekun_income_under", {"income": monthly(income), "standard": monthly(standard)}),
    )


def _failed_asset_tests(
    household: Household,
    assets: tuple[Asset, ...],
    ctx: Context,
    standard: Decimal,
    tested: dict[tuple[int, ...], list[str]],
) -> list[str]:
    """The asset tests that property fails, held by one person.

    Members with nothing of their own test the same household property: each set of
    assets is tested once per household (``tested``).
    """
    if not assets:  # no property passes every test: run them only when there is some
        return []
    key = tuple(map(id, assets))  # the household's own Asset objects, alive throughout
    failed = tested.get(key)
    if failed is None:
        update: dict[str, object] = {"assets": assets}
        tests = run_asset_tests(household.model_copy(update=update), ctx, 1, standard)
        failed = tested[key] = [t.name for t, _ in tests if not t.passed]
    return failed


def _largest(members: set[str], nearby: dict[str, list[str]]) -> set[str]:
    """The largest subset in which nobody has a co-resident supporter outside it."""
    while True:
        keep = {k for k in members if all(o in members for o in nearby[k])}
        if keep == members:
            return keep
        members = keep


def _supporter_condition(
    near: list[str], outside: Condition, maybe: set[str], sure: set[str]
) -> Condition:
    """No able supporter: none nearby who is able (not 特困), nor outside."""
    able = [o for o in near if o not in maybe]
    if able:
        return Condition(
            "no_supporter", False, Reason("tekun_supporter_in_household", {"supporter": able[0]})
        )
    unsure = [o for o in near if o not in sure]
    if unsure and outside.met is not False:
        return Condition(
            "no_supporter", None, Reason("tekun_supporter_maybe_tekun", {"supporter": unsure[0]})
        )
    if near and outside.met is True:
        return Condition(
            "no_supporter", True, Reason("tekun_supporters_tekun", {"supporter": ", ".join(near)})
        )
    return outside


def _outside_supporters(m: Member) -> Condition:
    """The supporters declared outside the household."""
    if m.supporters is None:
        return Condition("no_supporter", None, Reason("tekun_supporters_unknown"))
    able = [s for s in m.supporters if s.able_to_support]
    if able:
        return Condition(
            "no_supporter", False, Reason("tekun_supporter_outside", {"relation": able[0].relation})
        )
    code = "tekun_supporters_unable" if m.supporters else "tekun_no_supporters"
    return Condition("no_supporter", True, Reason(code, {"count": len(m.supporters)}))


def _able_bodied(
    household: Household, ctx: Context, rules: TekunView, counted: set[str], ages: dict[str, int]
) -> list[str]:
    """Co-resident adults who can support the others unless they are 特困, sorted by id."""
    unable_age = ctx.use(rules.supporter_unable_age)
    unable_grades = ctx.use(rules.supporter_unable_grades)
    adult = ctx.use(rules.age_minor_below)
    # Co-resident members are on dibao when the household is now (Art. 8(2)); whether a
    # new application will be granted is what is being assessed, so it cannot count.
    dibao_age = rules.supporter_unable_dibao_age
    on_dibao = household.current is not None and household.current.status in ("dibao", "phase_out")
    near = []
    # Sorted by id, so the supporter named does not depend on the order members are listed.
    for other in sorted(household.members, key=_member_id):
        if other.id not in counted or ages[other.id] < adult:
            continue
        if ages[other.id] >= unable_age or disability_qualifies(other, unable_grades):
            continue
        if dibao_age is not None and on_dibao and ages[other.id] >= ctx.use(dibao_age):
            continue
        near.append(other.id)
    return near


def _member_id(member: Member) -> str:
    return member.id


def _self_care_band(m: Member, ctx: Context, rules: TekunView) -> str:
    failed = len(m.self_care_failed)
    if failed == 0:
        return CARE_BANDS[0]
    return (
        CARE_BANDS[1] if failed <= ctx.use(rules.self_care_partial_max_failed) else (CARE_BANDS[2])
    )


def _standards(
    ctx: Context,
    trace: Tracer,
    rules: TekunStandards,
    member: str,
    band: str,
    place: Place,
    standard: Decimal,
) -> tuple[Decimal | None, Decimal | None, list[Reason]]:
    """The basic living and care standards per month where the member is supported (the
    household's area, the support mode), or why they are not known; the trace cites
    the rule that set the basic standard."""
    notes: list[Reason] = []
    basic_rule = rules.basic[place]
    basic = ctx.monthly(basic_rule, {"standard": monthly(standard)})
    bands = rules.care[band][place]
    care: Decimal | None = None
    if bands.amount is not None:
        care = ctx.monthly(bands.amount, {"standard": monthly(standard), "tekun_basic": basic})
    else:
        notes.append(Reason("tekun_care_not_set", {"key": bands.key}))
    trace.add(
        "tekun_support",
        basic_rule,
        basic,
        member=member,
        area=place[0],
        mode=place[1],
        care=care,
        care_key=None if bands.amount is None else bands.amount.key,
    )
    return basic, care, notes
