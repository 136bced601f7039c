"""The temporary-assistance (临时救助) section of a result: JSON, and the lines that the
table and Markdown renderers lay out in their own way.

No rich here: ``check --format json`` writes this section without loading it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, cast

from ..money import fmt
from .labels import Lang, label, message
from .text import colon, comma, in_brackets

if TYPE_CHECKING:
    from ..model.contract import Approver, HardshipCause, HardshipType, TemporaryOut
    from ..model.result import TemporaryAssistance

_VERDICT = {True: "tekun.yes", False: "tekun.no", None: "temporary.undecided"}


def _money(value: Decimal | None) -> str | None:
    return None if value is None else fmt(value)


def to_json(t: TemporaryAssistance, lang: Lang) -> TemporaryOut:
    """The section as `meanstest.assessment/1` writes it (``temporary_assistance``)."""
    share = t.burden_share
    return {
        "type": cast("HardshipType", t.type),
        "cause": cast("HardshipCause", t.cause),
        "date": t.date.isoformat(),
        "eligible": t.eligible,
        "reasons": [
            {"code": r.code, "message": message(r.code, r.params, lang)} for r in t.reasons
        ],
        "burden": fmt(t.burden),
        "covered": fmt(t.covered),
        "burden_share": None if share is None else f"{share.quantize(Decimal('0.0001'))}",
        "per": "person" if t.per == "person" else "household" if t.per else None,
        "persons": t.persons,
        "minimum": _money(t.minimum),
        "maximum": _money(t.maximum),
        "suggested": _money(t.suggested),
        "tier": t.tier,
        "approver": cast("Approver | None", t.approver),
        "township_limit": _money(t.township_limit),
        "paid_first": t.paid_first,
        "reserve_fund": _money(t.reserve_fund),
        "payments_counted": [
            {"index": p.item, "date": p.date.isoformat(), "amount": fmt(p.amount)}
            for p in t.payments_counted
        ],
        "payments_limit": t.payments_limit,
        "window_from": None if t.window_from is None else t.window_from.isoformat(),
    }


def lines(t: TemporaryAssistance, lang: Lang) -> list[tuple[str, str]]:
    """The section as (label, value) lines, for the terminal and Markdown."""
    L = partial(label, lang=lang)
    out = [
        (L("temporary.type"), f"{L(f'hardship.{t.type}')}{colon(lang)}{L(f'cause.{t.cause}')}"),
        (L("temporary.date"), t.date.isoformat()),
        (L("temporary.eligible"), L(_VERDICT[t.eligible])),
        (
            L("temporary.burden"),
            fmt(t.burden) + in_brackets(f"{L('temporary.covered')} {fmt(t.covered)}", lang),
        ),
    ]
    if t.minimum is not None and t.maximum is not None:
        out.append(
            (
                L("temporary.range"),
                f"{fmt(t.minimum)} – {fmt(t.maximum)}" + in_brackets(L(f"per.{t.per}"), lang),
            )
        )
        if t.eligible is not False:
            out.append(
                (
                    L("temporary.suggested"),
                    L("temporary.caseworker") if t.suggested is None else fmt(t.suggested),
                )
            )
    if t.approver is not None:
        out.append((L("temporary.approver"), L(f"approver.{t.approver}")))
        out.append((L("temporary.paid_first"), L("yes" if t.paid_first else "no")))
    if t.payments_limit is not None:
        dates = comma(lang).join(
            f"{p.date.isoformat()} {fmt(p.amount)}" for p in t.payments_counted
        )
        out.append(
            (
                L("temporary.payments"),
                f"{len(t.payments_counted)} / "
                f"{t.payments_limit}" + (in_brackets(dates, lang) if dates else ""),
            )
        )
    return out


def reasons(t: TemporaryAssistance, lang: Lang) -> list[str]:
    """The section's reasons as sentences."""
    return [message(r.code, r.params, lang) for r in t.reasons]


def row(t: TemporaryAssistance | None) -> tuple[str | bool | None, ...]:
    """The batch summary cells: type, eligible, suggested amount, approver (blank cells
    for a household without a hardship, and for what the section leaves open)."""
    if t is None:
        return (None, None, None, None)
    return (t.type, t.eligible, _money(t.suggested), t.approver)
