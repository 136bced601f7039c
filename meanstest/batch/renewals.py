"""Stage B for renewals: what a household's ``current`` status changes (`parse_current`).

The reference engine reads ``current`` in three places of the summary's figures:

- 特困's supporters (`engine.tekun`): a co-resident adult on dibao now (``dibao`` or
  ``phase_out``) is unable to support from ``tekun.supporter.unable_dibao_age``;
  `tekun` and `events` take that in here (`on_dibao`);
- phase-out (渐退, `engine.ladder.phase_out`): a household paid now (``dibao``,
  ``dibao_single`` or ``phase_out`` with a monthly benefit above 0) that is no longer
  dibao, with its property within the limits and its income above the standard, may be
  kept on a phase-out payment for the rule's months. The columnar engine does not
  compute phase-out: every such household goes to the reference engine (``current:
  phase-out``), whether or not the period starts (a phase-out starts for a dibao
  household only when a member has found work; the reference decides);
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
from .status import DIBAO, SINGLE

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .compute import Vars
    from .parse import Roll

_ON_DIBAO: Final = [CURRENT_STATUSES.index(s) for s in ("dibao", "phase_out")]
_PAID: Final = [CURRENT_STATUSES.index(s) for s in ("dibao", "dibao_single", "phase_out")]
ROUTE: Final = "current: phase-out"


def _current(roll: Roll) -> NDArray[np.int64]:
    found = roll.more.get("current")
    return np.full(len(roll), -1, dtype=np.int64) if found is None else found


def on_dibao(roll: Roll) -> NDArray[np.bool_]:
    """Households on dibao now, as 特困's supporter test reads it."""
    return np.isin(_current(roll), _ON_DIBAO)


def route(v: Vars, roll: Roll) -> None:
    """Send the households phase-out may apply to to the reference engine (after
    `status.status`, before `benefit.benefit`)."""
    paid = np.isin(_current(roll), _PAID) & (roll.more.get("current_fen", 0) > 0)
    leaving = ~np.isin(v["first"], (DIBAO, SINGLE)) & v["assets_ok"] & ~v["below"]
    v["route"] = np.where((v["route"] == "") & paid & leaving, ROUTE, v["route"])
