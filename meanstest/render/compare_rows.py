"""The change rows of a comparison: one household a row, as the CSV and JSON Lines
outputs write it, and the Chinese headers and label columns of the Chinese CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..compare import Change, TemporaryCost
from ..money import fmt
from .errors import problem_message
from .labels import Lang, label

CHANGE_FIELDS = (
    "line",
    "household_id",
    "before_status",
    "after_status",
    "before_benefit",
    "after_benefit",
    "before_support",
    "after_support",
    "change",
    "movement",
    "error",
    "before_temporary",
    "after_temporary",
    # Issue 15: the date, the months of the budget year the change is paid in
    # and its cost over them, the rules of each side and the groups.
    "assessed_on",
    "months",
    "change_budget_year",
    "before_rules",
    "before_digest",
    "after_rules",
    "after_digest",
    "groups",
)


def _temporary(cost: TemporaryCost | None) -> str | None:
    return None if cost is None else fmt(cost.suggested)


def change_row(c: Change, lang: Lang = "en") -> dict[str, Any]:
    """One household's change as the CSV and JSON Lines outputs write it (temporary
    assistance: the suggested one-off amount, blank without a hardship; why a record
    could not be compared, in ``lang``)."""
    return {
        "line": c.line,
        "household_id": c.household_id,
        "before_status": c.before_status,
        "after_status": c.after_status,
        "before_benefit": fmt(c.before_benefit),
        "after_benefit": fmt(c.after_benefit),
        "before_support": fmt(c.paid_before),
        "after_support": fmt(c.paid_after),
        "change": fmt(c.delta),
        "movement": c.movement,
        "error": _error(c, lang),
        "before_temporary": _temporary(c.before_temporary),
        "after_temporary": _temporary(c.after_temporary),
        "assessed_on": None if c.rules is None else c.rules.on.isoformat(),
        "months": None if c.error else c.months,
        "change_budget_year": None if c.error else fmt(c.year_change),
        "before_rules": None if c.rules is None else c.rules.before_id,
        "before_digest": None if c.rules is None else c.rules.before_digest,
        "after_rules": None if c.rules is None else c.rules.after_id,
        "after_digest": None if c.rules is None else c.rules.after_digest,
        "groups": " ".join(c.groups) or None,
    }


def _error(c: Change, lang: Lang) -> str | None:
    if c.error is None:
        return None
    colon = "：" if lang == "zh" else ": "
    return "; ".join(
        f"{p.loc}{colon}{problem_message(p, lang)}" if p.loc else problem_message(p, lang)
        for p in c.error
    )


def csv_text(rows: list[dict[str, Any]], header: bool, lang: Lang = "en") -> str:
    """Rows as CSV text (with the header line when asked); in Chinese with the headers
    and label columns of `zh_columns`."""
    out = io.StringIO()
    if lang == "zh":
        names, headers = zip(*zh_columns(), strict=True)
        writer = csv.DictWriter(out, names, lineterminator="\n")
        if header:
            writer.writerow(dict(zip(names, headers, strict=True)))
        writer.writerows(with_zh_labels(row) for row in rows)
        return out.getvalue()
    writer = csv.DictWriter(out, CHANGE_FIELDS, lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# Complete Chinese (issue 15, point 2): the Chinese headers of the change rows; a code
# column (statuses, movement) keeps its field name and codes, and a label column follows.
_ZH_HEADERS = {
    "line": "行号",
    "household_id": "户编号",
    "before_benefit": "现行月救助金",
    "after_benefit": "方案月救助金",
    "before_support": "现行月救助供养金合计",
    "after_support": "方案月救助供养金合计",
    "change": "每月变化",
    "error": "错误",
    "before_temporary": "现行临时救助建议金额",
    "after_temporary": "方案临时救助建议金额",
    "assessed_on": "核算日期",
    "months": "本预算年度发放月数",
    "change_budget_year": "本预算年度变化",
    "before_rules": "现行规则集",
    "before_digest": "现行规则摘要",
    "after_rules": "方案规则集",
    "after_digest": "方案规则摘要",
}
_ZH_LABELLED = {
    "before_status": ("现行认定结果", "status."),
    "after_status": ("方案认定结果", "status."),
    "movement": ("变化类型", "movement."),
    "groups": ("群体", ""),
}  # group keys (elderly size:4), each by its name


def zh_columns() -> list[tuple[str, str]]:
    """(field, Chinese header) of each column of a Chinese change CSV."""
    out: list[tuple[str, str]] = []
    for name in CHANGE_FIELDS:
        if name in _ZH_LABELLED:
            out += [(name, name), (f"{name}_label", _ZH_LABELLED[name][0])]
        else:
            out.append((name, _ZH_HEADERS[name]))
    return out


def with_zh_labels(row: dict[str, Any]) -> dict[str, Any]:
    """A change row with its label cells (低保 for ``dibao``, 新纳入 for ``enters``)."""
    from .compare_report import group_name  # noqa: PLC0415 - only for Chinese rows

    out = dict(row)
    for name, (_, prefix) in _ZH_LABELLED.items():
        code = row.get(name)
        if not code:
            out[f"{name}_label"] = None
        elif name == "groups":
            out[f"{name}_label"] = "、".join(group_name(g, "zh") for g in str(code).split())
        else:
            out[f"{name}_label"] = label(f"{prefix}{code}", "zh")
    return out
