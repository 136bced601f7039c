"""Stage B for renewals: what a household's ``current`` status changes (`parse_current`).

The reference engine reads ``current`` in three places of the summary's figures:

- 特困's supporters (`engine.tekun`): a co-resident adult on dibao now (``dibao`` or
  ``phase_out``) is unable to support from ``tekun.supporter.unable_dibao_age``;
  `tekun` and `events` take that in here (`on_dibao`);
- phase-out (渐退, `engine.ladder.phase_out`): a household paid now (``dibao``,
  ``dibao_single`` or ``phase_out`` with a monthly benefit above 0) that is no longer
  dibao, with its property within the limits and its income above the standard, is
  kept on a phase-out payment for the rule's months when it is in phase-out already,
  or when it is on dibao and a counted member has found work (employed with wage
  income above 0, or self-employed with business income above 0, by the income type's
  category; `engine.ladder._found_work`). The columnar engine does not compute
  phase-out: such a household goes to the reference engine (``current: phase-out``);
- temporary assistance, which only a household with a ``hardship`` has (routed).

A renewal that stays dibao or single-person dibao, or that is not paid now, or that is
below the standard or fails the property tests is decided here: phase-out does not
touch it (`engine.ladder._started` returns before any rule is used). The payment
change (``change``) is in the full record only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np

from .parse_current import CURRENT_STATUSES
from .parse_members import EMPLOYMENT
from .rule_arrays import INCOME_CATEGORIES
from .status import DIBAO, SINGLE

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .compute import Vars
    from .parse import Roll
    from .rule_arrays import Rules

_ON_DIBAO: Final = [CURRENT_STATUSES.index(s) for s in ("dibao", "phase_out")]
_PAID: Final = [CURRENT_STATUSES.index(s) for s in ("dibao", "dibao_single", "phase_out")]
_PHASE_OUT: Final = CURRENT_STATUSES.index("phase_out")
# The income category that shows a member has found work, by employment.
_WORK: Final = {
    EMPLOYMENT.index("employed"): INCOME_CATEGORIES.index("wage"),
    EMPLOYMENT.index("self_employed"): INCOME_CATEGORIES.index("business"),
}
ROUTE: Final = "current: phase-out"


def _current(roll: Roll) -> NDArray[np.int64]:
    found = roll.more.get("current")
    return np.full(len(roll), -1, dtype=np.int64) if found is None else found


def on_dibao(roll: Roll) -> NDArray[np.bool_]:
    """Households on dibao now, as 特困's supporter test reads it."""
    return np.isin(_current(roll), _ON_DIBAO)


def route(v: Vars, roll: Roll, rules: Rules) -> None:
    """Send the households phase-out applies to to the reference engine (after
    `status.status`, before `benefit.benefit`)."""
    current = _current(roll)
    paid = np.isin(current, _PAID) & (roll.more.get("current_fen", 0) > 0)
    leaving = ~np.isin(v["first"], (DIBAO, SINGLE)) & v["assets_ok"] & ~v["below"]
    starts = (current == _PHASE_OUT) | _found_work(v, roll, rules)
    v["route"] = np.where((v["route"] == "") & paid & leaving & starts, ROUTE, v["route"])


def _found_work(v: Vars, roll: Roll, rules: Rules) -> NDArray[np.bool_]:
    """A counted member is employed (self-employed) and has wage (business) income
    above 0 of their own."""
    emp = roll.members.columns["emp"]
    wants = np.full(len(emp), -1, dtype=np.int64)
    for employment, wanted in _WORK.items():
        wants[emp == employment] = wanted
    wants[~v["m_counted"]] = -1
    member = v["i_member"]
    want = np.where(member >= 0, wants[np.maximum(member, 0)], -1)
    category = rules.a["i_category"][v["i_sid"], v["i_type"]]
    works = (want >= 0) & (roll.incomes.columns["fen"] > 0) & (category == want)
    found: NDArray[np.bool_] = v["i_seg"].any(works)
    return found
