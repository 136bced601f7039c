"""Stage B: housing bought, built or decorated recently (`engine.housing`), for every
household of a block at once.

Under a rule ``assets.housing.recent_months`` (the view's ``housing_recent_months``,
``recent`` in the rule arrays: -1 for none), each housing item of the household's own
property with a date (``acquired_on``, days since 1970) is measured in whole months to
the assessment date, exactly as `engine.context.whole_months` counts them, and refuses
the household's property test when within the months as the rule compares them.

A 特困 member's own property test counts the housing the rule refuses too (`tekun`:
``bad_recent``), and uses the rule when it holds housing (`events`).

Housing without a date passes (the reference's warning that the date was not given is
about the household's data, with no rule key: no summary field shows it). What this
engine leaves to the reference engine (`route`): a housing date after the assessment
date (an error record there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .fields import NO_DATE
from .parse import ASSET_TYPES, Roll

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .compute import Vars
    from .rule_arrays import Rules

_HOUSING = ASSET_TYPES.index("housing")
# Why such a household goes to the reference (the run report's ``to_reference``).
ROUTE_AFTER = "housing date"


def whole_months(start: NDArray[np.int64], end: NDArray[np.int64]) -> NDArray[np.int64]:
    """Whole months from ``start`` to ``end`` (days since 1970): a month counts once
    its day is reached (`engine.context.whole_months`)."""
    s, e = start.astype("datetime64[D]"), end.astype("datetime64[D]")
    s_month, e_month = s.astype("datetime64[M]"), e.astype("datetime64[M]")
    s_day = (s - s_month.astype("datetime64[D]")).astype(np.int64)
    e_day = (e - e_month.astype("datetime64[D]")).astype(np.int64)
    out: NDArray[np.int64] = (
        e_month.astype(np.int64) - s_month.astype(np.int64) - (e_day < s_day)
    ).astype(np.int64)
    return out


def recent(v: Vars, roll: Roll, rules: Rules) -> None:
    """The test of housing acquired recently: ``a_recent_bad`` for each asset (housing
    the rule refuses, whoever holds it: `tekun` counts it in a member's property), folded
    into the household's ``assets_ok`` (after `compute.assets`); ``housing_after`` for
    `route`."""
    at = roll.assets
    seg, sid = v["a_seg"], v["a_sid"]
    acquired = at.columns["acquired"]
    on = v["on"][at.hh]
    dated = acquired != NO_DATE
    limit = rules.a["recent"][sid]
    months = whole_months(np.where(dated, acquired, on), on)
    passes = np.where(rules.a["strict_recent"][sid], months > limit, months >= limit)
    tested = (at.columns["type"] == _HOUSING) & (limit >= 0)
    v["a_recent_bad"] = tested & dated & ~passes
    v["assets_ok"] = v["assets_ok"] & ~seg.any(v["a_own"] & v["a_recent_bad"])
    v["housing_after"] = seg.any(dated & (acquired > on))


def route(v: Vars) -> None:
    """Send what this engine leaves to the reference engine there (after
    `compute.totals`)."""
    v["route"] = np.where((v["route"] == "") & v["housing_after"], ROUTE_AFTER, v["route"])
