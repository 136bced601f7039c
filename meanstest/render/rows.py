"""Summary rows of results for CSV and XLSX: one row per household, each stamped with
the rules, the date and the meanstest version that made it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..money import fmt
from . import temporary
from .text import printable

if TYPE_CHECKING:
    from ..model.result import Assessment


# The stamp every row carries, so that a sheet that travels alone still says what made
# it: the rule set, the digest of its values, the assessment date, the meanstest version.
STAMP_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("rules_id", "rules_id", "规则集"),
    ("rules_digest", "rules_digest", "规则摘要"),
    ("assessed_on", "assessed_on", "核算日期"),
    ("meanstest_version", "meanstest_version", "meanstest版本"),
)

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
    *STAMP_COLUMNS,
)


def stamp(rules_id: str, digest: str, assessed_on: str) -> tuple[str, str, str, str]:
    """The stamp cells of a row (`STAMP_COLUMNS`); an error row has no rules: empty."""
    return (rules_id, digest, assessed_on, __version__)


def summary_row(a: Assessment, line: int) -> tuple[Any, ...]:
    """One row per household for CSV/XLSX: the figures a caseworker scans for.

    ``warnings`` lists the rule keys whose values were provisional or unofficial;
    the full sentences are in the JSON result.
    """
    warned = "; ".join(dict.fromkeys(w.key for w in a.warnings if w.key))
    return (
        printable(a.household_id or ""),
        line,
        a.status,
        a.eligible,
        a.household_size,
        "" if a.status == "tekun" else fmt(a.income.per_capita_monthly),
        fmt(a.standard_monthly),
        fmt(a.benefit_monthly),
        fmt(a.support_monthly),
        *temporary.row(a.temporary_assistance),
        warned,
        "",
        *stamp(a.rules.id, a.rules.digest, a.rules.as_of.isoformat()),
    )


def error_row(record: Mapping[str, Any]) -> tuple[Any, ...]:
    """The summary row of an error record: status ``error`` and what went wrong."""
    errors = "; ".join(
        f"{e['loc']}: {e['msg']}" if e["loc"] else e["msg"] for e in record["errors"]
    )
    return (
        record["household_id"] or "",
        record["line"],
        "error",
        None,
        None,
        None,
        None,
        None,
        None,
        *temporary.row(None),
        "",
        errors,
        *stamp("", "", ""),
    )


# Complete Chinese (issue 15, point 2): under --lang zh each code column keeps its codes
# (and the field name as its header, the same in every language, so that a pipeline
# never sees its data change with the locale) and gains a label column after it.
# (code column, Chinese header of the label column, label prefix; "" for true/false)
LABEL_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("status", "认定结果", "status."),
    ("eligible", "是否享受低保", ""),
    ("temporary_type", "临时救助类型", "hardship."),
    ("temporary_eligible", "临时救助是否符合", ""),
    ("temporary_approver", "临时救助审批", "approver."),
)
_LABELLED = {name: (header, prefix) for name, header, prefix in LABEL_COLUMNS}


def labelled_columns(columns: tuple[tuple[str, str, str], ...], lang: str) -> list[tuple[str, str]]:
    """The (field, header) of each column of a CSV/XLSX sheet: in English the columns as
    they are; in Chinese a code column headed by its field name and followed by its
    label column (field ``status_label``, header 认定结果)."""
    if lang != "zh":
        return [(name, en) for name, en, _ in columns]
    out: list[tuple[str, str]] = []
    for name, en, zh in columns:
        if name in _LABELLED:
            out += [(name, en), (f"{name}_label", _LABELLED[name][0])]
        else:
            out.append((name, zh))
    return out


def with_labels(
    columns: tuple[tuple[str, str, str], ...], row: tuple[Any, ...], lang: str
) -> tuple[Any, ...]:
    """A row of ``columns`` with the label cells `labelled_columns` adds (Chinese only):
    低保 after ``dibao``, 是 after ``true``; a blank code gets a blank label."""
    if lang != "zh":
        return row
    from .labels import label  # noqa: PLC0415 - only for Chinese sheets

    out: list[Any] = []
    for (name, _, _), value in zip(columns, row, strict=True):
        out.append(value)
        if name in _LABELLED:
            prefix = _LABELLED[name][1]
            if value is None or value == "":
                out.append(None)
            elif isinstance(value, bool):
                out.append(label("yes" if value else "no", "zh"))
            else:
                out.append(label(f"{prefix}{value}", "zh"))
    return tuple(out)
