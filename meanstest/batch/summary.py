"""The lean result record, `meanstest.summary/1`: what a pipeline needs of each household.

Declared once (`model.contract_summary.SummaryOut`) and written two ways that give the same
bytes: from a reference `Assessment` (`summary_record`, for the households the columnar
engine sends to the reference), and column-wise for the columnar engine
(`summary_lines.json_lines`). Both
keep the full record's names and values for every field they share with it (contract
§2); the codes of the reasons and the keys of the warnings are lists of words
(``reason_codes``, ``warning_keys``) where the full record has objects with sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .. import __version__
from ..files.json import dumps_line
from ..money import fmt
from ..render import temporary

if TYPE_CHECKING:
    from ..model.contract import RulesOut
    from ..model.contract_summary import SummaryOut, SummaryTemporaryOut
    from ..model.result import Assessment, TemporaryAssistance
    from ..ruleset.model import RulesAt

SUMMARY_SCHEMA: Final = "meanstest.summary/1"
INCOME_FIELDS: Final = (
    "gross_monthly",
    "exempt_monthly",
    "deductions_monthly",
    "counted_monthly",
    "per_capita_monthly",
)


def rules_object(rule_set: str, name: str, as_of: str, digest: str) -> RulesOut:
    """The ``rules`` object of a record (as the full record writes it)."""
    return {"id": rule_set, "name": name, "as_of": as_of, "digest": digest}


def rules_json(rules: RulesAt, lang: str) -> str:
    """The ``rules`` object of a snapshot as JSON text, for the SQL writer."""
    name = rules.name.zh if lang == "zh" else rules.name.en
    obj = rules_object(rules.id, name, rules.on.isoformat(), rules.digest)
    return dumps_line(obj).decode("utf-8").rstrip("\n")


def temporary_summary(t: TemporaryAssistance) -> SummaryTemporaryOut:
    """The temporary-assistance summary: the full section's deciding fields."""
    full = temporary.to_json(t, "en")
    return {
        "type": full["type"],
        "cause": full["cause"],
        "date": full["date"],
        "eligible": full["eligible"],
        "per": full["per"],
        "minimum": full["minimum"],
        "maximum": full["maximum"],
        "suggested": full["suggested"],
        "approver": full["approver"],
        "paid_first": full["paid_first"],
        "reason_codes": [r.code for r in t.reasons],
    }


def summary_record(a: Assessment, lang: str = "en") -> SummaryOut:
    """The summary of a reference assessment."""
    out = _summary(a, lang)
    if a.temporary_assistance is not None:
        out["temporary_assistance"] = temporary_summary(a.temporary_assistance)
    return out


def _summary(a: Assessment, lang: str) -> SummaryOut:
    inc = a.income
    return {
        "schema": "meanstest.summary/1",
        "household_id": a.household_id,
        "rules": rules_object(
            a.rules.id,
            a.rules.name_zh if lang == "zh" else a.rules.name_en,
            a.rules.as_of.isoformat(),
            a.rules.digest,
        ),
        "meanstest_version": __version__,
        "status": a.status,
        "eligible": a.eligible,
        "household_size": a.household_size,
        "standard_monthly": fmt(a.standard_monthly),
        "income": {
            "gross_monthly": fmt(inc.gross_monthly),
            "exempt_monthly": fmt(inc.exempt_monthly),
            "deductions_monthly": fmt(inc.deductions_monthly),
            "counted_monthly": fmt(inc.counted_monthly),
            # A 特困 household is not tested for dibao: none (as the full record).
            "per_capita_monthly": (None if a.status == "tekun" else fmt(inc.per_capita_monthly)),
        },
        "benefit_monthly": fmt(a.benefit_monthly),
        "support_monthly": fmt(a.support_monthly),
        "reason_codes": [r.code for r in a.reasons],
        "warning_keys": [w.key for w in a.warnings if w.key],
    }
