"""Summary rows of results for CSV and XLSX: one row per household.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..money import fmt
from . import temporary
from .text import printable

if TYPE_CHECKING:
    from ..model.result import Assessment


SUMMARY_COLUMNS: tuple[tuple[str, str, str], ...] = (
    # (field, English header, Chinese header)
    ("household_id", "household_id", "户编号"),
    ("line", "line", "行号"),
    ("status", "status", "认定结果"),
    ("eligible", "eligible", "是否享受低保"),
    ("household_size", "household_size", "家庭人数"),
    ("per_capita_monthly", "per_capita_monthly", "家庭人均月收入"),
    ("standard_monthly", "standard_monthly", "低保标准(月)"),
    ("benefit_monthly", "benefit_monthly", "月救助金"),
    ("support_monthly", "support_monthly", "月救助供养金合计"),
    # temporary assistance (临时救助): blank for a household without a hardship
    ("temporary_type", "temporary_type", "临时救助类型"),
    ("temporary_eligible", "temporary_eligible", "临时救助是否符合"),
    ("temporary_suggested", "temporary_suggested", "临时救助建议金额"),
    ("temporary_approver", "temporary_approver", "临时救助审批"),
    ("warnings", "warnings", "提示"),
    ("errors", "errors", "错误"),
)


def summary_row(a: Assessment, line: int) -> tuple[Any, ...]:
    """One row per household for CSV/XLSX: the figures a caseworker scans for.

    ``warnings`` lists the rule keys whose values were provisional or unofficial;
    the full sentences are in the JSON result.
    """
    warned = "; ".join(dict.fromkeys(w.key for w in a.warnings if w.key))
    return (printable(a.household_id or ""), line, a.status, a.eligible, a.household_size,
            fmt(a.income.per_capita_monthly), fmt(a.standard_monthly),
            fmt(a.benefit_monthly), fmt(a.support_monthly), *temporary.row(a.temporary_assistance),
            warned, "")


def error_row(record: Mapping[str, Any]) -> tuple[Any, ...]:
    """The summary row of an error record: status ``error`` and what went wrong."""
    errors = "; ".join(f"{e['loc']}: {e['msg']}" if e["loc"] else e["msg"]
                       for e in record["errors"])
    return (record["household_id"] or "", record["line"], "error", None, None, None, None,
            None, None, *temporary.row(None), "", errors)

