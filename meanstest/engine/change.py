"""How a renewal's payment changes: more, less, unchanged, stopped, phase-out, started.

A household under review gives its current assistance (``current``: status and monthly
benefit). The change compares that with the benefit now assessed and says from which
month it applies: the month after the decision. 审核确认办法 Art. 21 pays assistance
from the month after the decision; meanstest applies the same month to increases,
reductions and stops. The assessment date stands for the date of the decision.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..errors import MeansTestError
from ..model.household import Current
from ..model.result import ELIGIBLE, Change, PhaseOut
from ..model.vocabulary import ChangeKind
from ..money import ZERO


def month_after(day: dt.date, months: int = 1) -> str:
    """The month ``months`` after the month of ``day``, as YYYY-MM.

    Raises:
        MeansTestError: the month is after 9999-12 (an assessment date near the end of
            the calendar, most likely a typo): months are compared as YYYY-MM text.
    """
    index = day.year * 12 + day.month - 1 + months
    if index // 12 > dt.MAXYEAR:
        raise MeansTestError(
            "month_beyond_calendar", params={"day": day.isoformat(), "months": months}
        )
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _next(month: str) -> str:
    """The month after a YYYY-MM month."""
    year, number = int(month[:4]), int(month[5:7])
    return month_after(dt.date(year, number, 1))


def payment_change(
    current: Current | None, status: str, benefit: Decimal, phase: PhaseOut | None, on: dt.date
) -> Change | None:
    """The change of a renewal's dibao payment, or None without ``current``.

    The kinds, in the order they are tested:

    - ``phase_out``: the household enters phase-out (渐退), not already in it;
    - ``stopped``: it was paid dibao (dibao, single-person, phase-out) and is no longer;
    - ``started``: it was not paid dibao and now is;
    - ``more``, ``less`` or ``unchanged``: the benefit against the current one.

    A phase-out that has run out stopped after its last month, which may be before the
    decision; one in its last month stops from the month after the decision; every other
    change applies from the month after the decision.
    """
    if current is None:
        return None
    was_paid = current.status in ELIGIBLE
    paid = status in ELIGIBLE
    kind: ChangeKind
    if status == "phase_out" and current.status != "phase_out":
        kind = "phase_out"
    elif was_paid and not paid:
        kind = "stopped"
    elif paid and not was_paid:
        kind = "started"
    elif benefit > current.monthly_benefit:
        kind = "more"
    elif benefit < current.monthly_benefit:
        kind = "less"
    else:
        kind = "unchanged"
    start = month_after(on)
    if kind == "stopped" and phase is not None and phase.ended and phase.ceiling is None:
        start = min(start, _next(phase.until))
    if status == "phase_out" and phase is not None and not phase.ended and start > phase.until:
        # Assessed in the phase-out's last month: that month is still paid, but from the
        # month this decision applies nothing is (the payment roll leaves it out).
        return Change("stopped", current.status, status, current.monthly_benefit, ZERO, start)
    return Change(kind, current.status, status, current.monthly_benefit, benefit, start)
