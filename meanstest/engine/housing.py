"""Housing bought, built or decorated recently (近期购建或装修住房), as an asset test.

A county may refuse a household whose housing was bought, built or decorated in the
last months before the assessment (郴州's rural dibao rules: 近3年内购买、新建或装修住房的，
不予纳入): the rule ``assets.housing.recent_months`` gives the months. Each housing item's
``acquired_on`` is measured in whole months to the assessment date, counted as
`context.whole_months` counts them (a month counts once its day is reached: from
31 January, 28 February is 0 whole months and 31 March 2); the months pass the test when
they meet the limit as the rule compares them (``not_below`` by default: housing
acquired exactly the limit ago passes; ``above`` refuses it too).

A housing item without a date is not refused: the caseworker is told that the date was
not given (the warning ``housing_date_missing``), as a start date not given leaves a
child's parents "to verify" rather than deciding.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..errors import Problem
from ..model.household import Household
from ..model.result import AssetTest, Reason, Warning
from ..ruleset.views import RuleViews
from .context import Context, whole_months, within

TEST = "housing_recent"  # the asset test's name (the label ``asset.housing_recent``)
UNDATED = "housing_recent_undated"  # its reason when only undated housing could fail


def recent_housing_test(household: Household, ctx: Context) -> AssetTest | None:
    """The test of housing acquired recently, or None when no rule or no housing asks it.

    Refused when any dated housing item is within the months; the reason names the
    latest such date. Otherwise it passes, naming the latest date, or (when some
    housing is undated) how many items have no date.
    """
    rule = ctx.rules.assets.housing_recent_months
    houses = [a for a in household.assets if a.type == "housing"]
    if rule is None or not houses:
        return None
    limit = ctx.use(rule)
    dated = [
        (a.acquired_on, whole_months(a.acquired_on, ctx.on))
        for a in houses
        if a.acquired_on is not None
    ]
    recent = [(d, m) for d, m in dated if not within(Decimal(m), Decimal(limit), rule)]
    undated = len(houses) - len(dated)
    if recent or (dated and not undated):
        date, months = max(recent or dated)  # the latest date
        code = "housing_recent" if recent else "housing_recent_ok"
        params: dict[str, object] = {"date": date.isoformat(), "months": months, "limit": limit}
    else:
        code, params = UNDATED, {"count": undated, "limit": limit}
    return AssetTest(TEST, not recent, rule.key, Reason(code, params))


def undated_housing_warnings(
    asset_tests: tuple[AssetTest, ...], views: RuleViews
) -> tuple[Warning, ...]:
    """The warning that housing the rules would test has no date (the caseworker checks
    it): data to check, naming the rule in its sentence."""
    rule = views.assets.housing_recent_months
    if rule is None:
        return ()
    # About the household's data, as the ID-number checks are (no key: the renderers
    # list it among the data to check); the sentence names the rule that asks for it.
    return tuple(
        Warning("housing_date_missing", None, None, {**t.reason.params, "rule": rule.key})
        for t in asset_tests
        if t.name == TEST and t.reason.code == UNDATED
    )


def housing_date_problems(household: Household, on: dt.date) -> list[Problem]:
    """A housing date after the assessment date, naming its field."""
    return [
        Problem(
            f"assets.{i}.acquired_on",
            "after_assessment_date",
            {"date": a.acquired_on.isoformat(), "on": on.isoformat()},
        )
        for i, a in enumerate(household.assets)
        if a.acquired_on is not None and a.acquired_on > on
    ]
