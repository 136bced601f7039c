"""The payment change of a renewal, in words and as a JSON section."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ..model.result import Change
from ..money import fmt
from .labels import Lang, label, message

if TYPE_CHECKING:
    from ..model.contract import Status
    from ..model.contract_change import ChangeOut


def sentence(change: Change, lang: Lang) -> str:
    """Say how the payment changes and from which month (dibao stopped for 特困 support
    says so: the household is still paid, as 特困)."""
    code = "change.to_tekun" if change.to_status == "tekun" else f"change.{change.kind}"
    return message(
        code,
        {
            "from_amount": change.from_monthly,
            "to_amount": change.to_monthly,
            "month": change.from_month,
        },
        lang,
    )


def lines(change: Change, lang: Lang) -> list[tuple[str, str]]:
    """The change as label-value pairs, for the table and Markdown."""
    return [
        (
            label("change.kind", lang),
            f"{label(f'change.{change.kind}', lang)}{'：' if lang == 'zh' else ': '}"
            f"{fmt(change.from_monthly)} → {fmt(change.to_monthly)}",
        ),
        (label("change.from_month", lang), change.from_month),
    ]


def why(lang: Lang) -> str:
    """Why the change applies from that month."""
    return message("change.why_month", {}, lang)


def to_json(change: Change, lang: Lang) -> ChangeOut:
    """The ``change`` section of the result."""
    return {
        "kind": change.kind,
        "from_status": change.from_status,
        "to_status": cast("Status", change.to_status),
        "from_monthly": fmt(change.from_monthly),
        "to_monthly": fmt(change.to_monthly),
        "from_month": change.from_month,
        "message": sentence(change, lang),
    }
