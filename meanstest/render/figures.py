"""Figures in sentences written precisely enough to be true.

Money is shown to the fen. A sentence that compares two figures can then say what is
false: a per-capita income of 379.995 yuan is below a standard of 380.00, yet both
round to "380.00", and "¥380.00 is below the dibao standard ¥380.00" is not true of
the figures it shows. For the sentences that compare, this module writes the pair to
the fen when the fen figures keep the order of the exact ones, and otherwise each
inexact figure exactly (379.995) or, when it has too many places to read, cut to the
fen with an ellipsis (379.99…, the digits that follow dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..money import CONTEXT, FEN, fmt, to_fen

if TYPE_CHECKING:
    from ..model.result import Assessment

# Message code -> the two parameters it compares (left is below, above… right).
COMPARED: dict[str, tuple[str, str]] = {
    "below_standard": ("per_capita", "standard"),
    "above_standard": ("per_capita", "standard"),
    "within_standard": ("per_capita", "standard"),
    "over_standard": ("per_capita", "standard"),
    "tekun_income_over": ("income", "standard"),
    "single_person_own_income": ("income", "standard"),
    "tekun_income_under": ("income", "standard"),
    "rigid_income_over": ("per_capita", "limit"),
    "rigid_income_above": ("per_capita", "limit"),
    "financial_ok": ("per_capita", "limit"),
    "financial_over": ("per_capita", "limit"),
}
# Messages that compare a share with its line, both written as percentages to one place.
PERCENTS: dict[str, tuple[str, str]] = {
    "rigid_met": ("share", "threshold"),
    "rigid_met_not_below": ("share", "threshold"),
    "rigid_share_below": ("share", "threshold"),
    "rigid_share_under": ("share", "threshold"),
}
_TENTH = Decimal("0.1")
# Messages that say an amount of money is between two figures: "0.00" would be false.
DISTANCES: dict[str, str] = {
    "margin_below": "amount",
    "margin_above": "amount",
    "margin_within": "amount",
}
# Beyond this many decimal places a figure is cut to the fen with an ellipsis.
_MAX_PLACES = 6


def precise(amount: Decimal) -> str:
    """An amount exactly (379.995) when it has a few places, else cut to the fen (379.99…)."""
    if to_fen(amount) == amount:
        return fmt(amount)
    exact = amount.normalize(CONTEXT)
    places = -int(exact.as_tuple().exponent)
    if places <= _MAX_PLACES:
        return f"{exact:f}"
    return f"{amount.quantize(FEN, rounding=ROUND_DOWN)}…"


def percent(share: Decimal) -> str:
    """A share as a percentage to one place, half up as every figure (1.5625 → 156.3%)."""
    return f"{_tenth(share).normalize(CONTEXT):f}%"


def _tenth(share: Decimal) -> Decimal:
    return (share * 100).quantize(_TENTH, rounding=ROUND_HALF_UP, context=CONTEXT)


def _precise_percent(share: Decimal) -> str:
    """A share as a percentage exactly (50.008%), or cut with an ellipsis."""
    exact = (share * 100).normalize(CONTEXT)
    if -int(exact.as_tuple().exponent) <= _MAX_PLACES - 2:
        return f"{exact:f}%"
    return f"{(share * 100).quantize(Decimal('1e-4'), rounding=ROUND_DOWN):f}…%"


def _order(a: Decimal, b: Decimal) -> int:
    return (a > b) - (a < b)


def truthful(code: str, params: Mapping[str, object]) -> dict[str, str]:
    """The parameters of a message to write more precisely than to the fen (often none)."""
    pair = COMPARED.get(code)
    if pair is not None:
        left, right = params.get(pair[0]), params.get(pair[1])
        if (
            isinstance(left, Decimal)
            and isinstance(right, Decimal)
            and _order(to_fen(left), to_fen(right)) != _order(left, right)
        ):
            return {pair[0]: precise(left), pair[1]: precise(right)}
        # Over the standard, the next sentence compares the income with the edge line:
        # the fen must not put it on that line either (569.995 beside 570.00).
        edge = params.get("edge")
        if isinstance(left, Decimal) and isinstance(edge, Decimal) and _misplaced(left, (edge,)):
            return {pair[0]: precise(left)}
        return {}
    shares = PERCENTS.get(code)
    if shares is not None:
        share, line = params.get(shares[0]), params.get(shares[1])
        if (
            isinstance(share, Decimal)
            and isinstance(line, Decimal)
            and _order(_tenth(share), _tenth(line)) != _order(share, line)
        ):
            return {shares[0]: _precise_percent(share)}
        return {}
    name = DISTANCES.get(code)
    if name is not None:
        amount = params.get(name)
        # 0.00 would be false, and 0.01 for 0.005 twice the distance (issue 15 review)
        if (
            isinstance(amount, Decimal)
            and amount
            and to_fen(amount) != amount
            and abs(to_fen(amount)) <= FEN
        ):
            return {name: precise(amount)}
    return {}


def _misplaced(amount: Decimal, others: tuple[Decimal, ...]) -> bool:
    """Whether the fen would put ``amount`` on the wrong side of one of ``others``."""
    return any(_order(to_fen(amount), to_fen(o)) != _order(amount, o) for o in others)


def against(amount: Decimal, *others: Decimal) -> str:
    """``amount`` to the fen, or precisely (379.995) when the fen would put it on the
    wrong side of one of ``others`` shown beside it: a per-capita income of 379.995
    beside a standard of 380.00, or of 569.995 beside an edge line of 570.00 (the
    accounting of the table, Markdown and the form)."""
    return precise(amount) if _misplaced(amount, others) else fmt(amount)


def accounting(per_capita: Decimal, *lines: Decimal) -> Callable[[Decimal], str]:
    """How the income accounting writes its amounts (gross, not counted, deductions,
    counted): to the fen, or, when the per-capita income must be written precisely to
    stay on its side of a line (`against`), each precisely too, so that the
    lines add up as shown (379.995 ÷ 1 = 379.995, never 380.00 ÷ 1 = 379.995)."""
    return precise if _misplaced(per_capita, lines) else fmt


def lines(a: Assessment) -> tuple[Decimal, ...]:
    """The per-person lines the accounting shows the per-capita income beside: the
    dibao standard and the edge line."""
    return (a.standard_monthly, *(t.per_capita_monthly for t in a.thresholds))
