"""The assessment as `meanstest.assessment/1` JSON (contract §2).

Money is written as a string with two decimals. The layout is declared once, as the
TypedDicts of `model.contract`: this module builds plain dicts (fast, on the hot path of
batch) and mypy checks each of them against those types, while `meanstest schema
assessment` derives the JSON Schema from the same declaration. Fields may be added,
never renamed.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from .. import __version__
from ..model.result import (
    ASSESSMENT_SCHEMA,
    Assessment,
    PhaseOut,
    Reason,
    Tekun,
    TraceStep,
    Warning,
)
from ..money import fmt, fmt_before_rounding
from ..ruleset.checks import BREACH_CODES
from ..ruleset.model import SourceRef
from . import change, temporary
from .common import formula
from .labels import MESSAGES, Lang, label, message
from .privacy import ID_DATE_WARNINGS, for_sharing, mask_id_number, mask_name
from .rule_values import code_words

if TYPE_CHECKING:  # the contract's types only: pydantic is not needed to write a record
    from ..model.contract import (
        ASSESSMENT,
        Area,
        AssessmentOut,
        BenefitOut,
        ConditionName,
        DeductionKind,
        IncomeBasis,
        IncomeItemOut,
        IncomeReason,
        LimitOut,
        MessageOut,
        Per,
        PhaseOutOut,
        RigidOut,
        SelfCare,
        SourceOut,
        TekunOut,
        ThresholdName,
        TraceStepOut,
        WarningCode,
        WarningOut,
    )

# Where the result model (`model.result`) holds a word of the contract as plain text,
# the record casts it to the contract's Literal type (no cost beyond a call).
_SCHEMA = cast("ASSESSMENT", ASSESSMENT_SCHEMA)

# Trace values that are ratios or counts, written as they are; every other Decimal is
# money, written with two decimals (contract: "4560.00", never "4560").
_PLAIN = frozenset({"multiplier", "share", "months", "threshold", "band"})


_AS_IS = frozenset({str, bool, int, type(None)})


def _plain(name: str, value: object) -> Any:
    """A JSON value for a trace input or value: money to the fen, ratios as written."""
    # Exact types first: this runs some seventy times for each household of a roll.
    if type(value) in _AS_IS:
        return value
    if isinstance(value, Decimal):
        if name == "before":
            return fmt_before_rounding(value)
        return f"{value.normalize():f}" if name in _PLAIN else fmt(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(name, v) for v in value]
    if isinstance(value, bool | int | str) or value is None:
        return value
    return str(value)


def _reason(reason: Reason, lang: Lang) -> MessageOut:
    return {"code": reason.code, "message": message(reason.code, reason.params, lang)}


@functools.lru_cache(maxsize=4096)
def _source_json(source: SourceRef, lang: Lang) -> SourceOut:
    return cast("SourceOut", source.as_json(lang))


def _source(source: SourceRef | None, lang: Lang) -> SourceOut | None:
    # A handful of sources serve every household: each one's JSON is made once and
    # shared by the records (which are only ever serialised, never changed). Its note
    # is in the record's language, as its messages are.
    return None if source is None else _source_json(source, lang)


def _step(step: TraceStep, lang: Lang) -> TraceStepOut:
    return {
        "step": step.step,
        "key": step.key,
        "value": _plain(step.step, step.value),
        "inputs": {k: _plain(k, v) for k, v in step.inputs.items()},
        "source": _source(step.source, lang),
    }


def to_json(a: Assessment, lang: Lang = "en", *, show_personal_data: bool = False) -> AssessmentOut:
    """Return the result as a JSON-ready dict.

    Names and ID numbers are masked (邓**, 431022********0134) unless the caller asks
    for them: results travel into pipelines and logs (contract §1: an ID number is never
    printed unmasked except where the user asks).
    """
    # One long literal on purpose: it reads as the record it writes, key by key, and it
    # runs once per household of a case roll, where every extra call shows.
    show = show_personal_data
    if not show:
        a = for_sharing(a)
    inc = a.income
    benefit: BenefitOut = {
        "method": a.benefit.method,
        "formula": ": ".join(formula(a, lang)).rstrip(": "),
        "inputs": {k: _plain(k, v) for k, v in a.benefit.inputs.items()},
    }
    if a.benefit.top_ups:
        benefit["top_ups_monthly"] = fmt(a.benefit.top_ups)
    if a.benefit.full_standard:
        benefit["full_standard_monthly"] = fmt(a.benefit.full_standard)
    if a.benefit.alternatives:
        benefit["alternatives"] = {k: fmt(v) for k, v in a.benefit.alternatives.items()}
    if a.benefit.rounding is not None:
        r = a.benefit.rounding
        benefit["before_rounding"] = _plain("before", r.before)
        benefit["rounding"] = {"unit": f"{r.unit:f}", "mode": r.mode, "stage": r.stage}
    items: list[IncomeItemOut] = [
        {
            "index": i.item,
            "member": i.member,
            "type": i.type,
            "label": a.type_label(i.type, lang),
            "category": i.category,
            "amount": fmt(i.amount),
            "per": cast("Per", i.per),
            "monthly": fmt(i.monthly),
            "counted": i.counted,
            "reason": cast("IncomeReason", i.reason),
            "key": i.key,
        }
        for i in a.incomes
    ]
    for item, line in zip(items, a.incomes, strict=True):
        if line.basis is not None:  # imputed: say so (absent for a declared amount)
            item["basis"] = cast("IncomeBasis", line.basis)
    record: AssessmentOut = {
        "schema": _SCHEMA,
        "household_id": a.household_id,
        "rules": {
            "id": a.rules.id,
            "name": a.rules.name_zh if lang == "zh" else a.rules.name_en,
            "as_of": a.rules.as_of.isoformat(),
            "digest": a.rules.digest,
        },
        "meanstest_version": __version__,
        "area": cast("Area", a.area),
        "household_size": a.household_size,
        "standard_monthly": fmt(a.standard_monthly),
        "income": {
            "reference_months": inc.reference_months,
            "gross_monthly": fmt(inc.gross_monthly),
            "exempt_monthly": fmt(inc.exempt_monthly),
            "deductions_monthly": fmt(inc.deductions_monthly),
            "counted_monthly": fmt(inc.counted_monthly),
            # A 特困 household is not tested for dibao: no per-capita income (docs/rules.md).
            "per_capita_monthly": (None if a.status == "tekun" else fmt(inc.per_capita_monthly)),
            "floored_at_zero": inc.floored_at_zero,
            "by_category": {k: fmt(v) for k, v in inc.by_category.items()},
            "items": items,
            "deductions": [
                {
                    "index": d.item,
                    "member": d.member,
                    "type": d.type,
                    "label": a.type_label(d.type, lang),
                    "kind": cast("DeductionKind", d.kind),
                    "claimed_monthly": fmt(d.claimed_monthly),
                    "accepted_monthly": fmt(d.accepted_monthly),
                    "status": d.status,
                    "reasons": [_reason(r, lang) for r in d.reasons],
                }
                for d in a.deductions
            ],
        },
        "assets_ok": a.assets_ok,
        "assets_failed": [t.name for t in a.asset_tests if not t.passed],
        "asset_tests": [
            {
                "test": t.name,
                "passed": t.passed,
                "key": t.key,
                "code": t.reason.code,
                "message": message(t.reason.code, t.reason.params, lang),
            }
            for t in a.asset_tests
        ],
        "status": a.status,
        "eligible": a.eligible,
        "benefit_monthly": fmt(a.benefit_monthly),
        "support_monthly": fmt(a.support_monthly),
        "benefit": benefit,
        "members": [
            {
                "id": m.id,
                "name": _personal(m.name, mask_name, show),
                "id_number": _personal(m.id_number, mask_id_number, show),
                "relation": m.relation,
                "age": m.age,
                "counted": m.counted,
                "excluded_because": m.excluded_because,
                "own_counted_monthly": fmt(m.own_counted_monthly),
                "single_person": m.single_person,
                "single_person_benefit": (
                    None if m.single_person_benefit is None else fmt(m.single_person_benefit)
                ),
                "tekun": _tekun(m.tekun, lang),
                "top_up": None
                if m.top_up is None
                else {
                    "groups": list(m.top_up.groups),
                    "labels": [g.zh if lang == "zh" else g.en for g in m.top_up.labels],
                    "monthly": fmt(m.top_up.monthly),
                    "full_standard": (
                        None if m.top_up.full_standard is None else fmt(m.top_up.full_standard)
                    ),
                },
                "unsupported_child": None
                if m.child is None
                else {
                    "flagged": m.child.flagged,
                    "message": message(m.child.reason.code, m.child.reason.params, lang),
                },
            }
            for m in a.members
        ],
        "phase_out": None if a.phase_out is None else _phase_out(a.phase_out),
        "rigid_expenditure": _rigid(a, lang),
        "thresholds": [
            {
                "name": cast("ThresholdName", t.name),
                "per_capita_monthly": fmt(t.per_capita_monthly),
                "household_monthly": fmt(t.household_monthly),
                "margin_monthly": fmt(t.margin_monthly),
                "message": threshold_message(t.name, t.margin_monthly, lang, t.comparison),
            }
            for t in a.thresholds
        ],
        "reasons": [_reason(r, lang) for r in a.reasons],
        "trace": [_step(s, lang) for s in a.trace],
        "warnings": [_warning(w, lang, a.type_labels) for w in a.warnings],
        "display_rounding": "money to the fen, half up; benefit rounded as benefit.rounding says",
    }
    if a.temporary_assistance is not None:
        record["temporary_assistance"] = temporary.to_json(a.temporary_assistance, lang)
    if a.change is not None:
        record["change"] = change.to_json(a.change, lang)
    if a.township is not None:
        record["township"] = a.township
    if a.village is not None:
        record["village"] = a.village
    return record


def _warning(w: Warning, lang: Lang, declared: Mapping[str, tuple[str, str]]) -> WarningOut:
    out: WarningOut = {
        "code": cast("WarningCode", w.code),
        "key": w.key,
        "source": _source(w.source, lang),
        "message": warning_message(w.code, w.key, w.source, w.params, lang, declared),
    }
    if w.code in _BREACHES:  # the limit the value fails, for a pipeline to read
        limit: LimitOut = {"value": str(w.params["limit"]), "check": str(w.params["check"])}
        since = w.params.get("since")
        if since:
            limit["since"] = str(since)
        out["limit"] = limit
    return out


_BREACHES = frozenset(BREACH_CODES.values())


def _phase_out(phase: PhaseOut) -> PhaseOutOut:
    """The phase-out period; once it has ended nothing is paid under it (0.00), and
    `ended_by` says why: its months ran out or income reached the ceiling."""
    out: PhaseOutOut = {
        "months": phase.months,
        "start": phase.start,
        "until": phase.until,
        "monthly_benefit": fmt(Decimal(0) if phase.ended else phase.monthly),
        "ended": phase.ended,
    }
    if phase.ended:
        out["ended_by"] = "ceiling" if phase.ceiling is not None else "period"
    return out


def _personal(text: str | None, mask: Callable[[str], str], show: bool) -> str | None:
    return text if show or text is None else mask(text)


def _tekun(t: Tekun | None, lang: Lang) -> TekunOut | None:
    if t is None:
        return None
    total = t.total_monthly
    return {
        "eligible": t.eligible,
        "conditions": [
            {
                "name": cast("ConditionName", c.name),
                "met": c.met,
                "code": c.reason.code,
                "message": message(c.reason.code, c.reason.params, lang),
            }
            for c in t.conditions
        ],
        "self_care": cast("SelfCare", t.self_care),
        "basic_monthly": None if t.basic_monthly is None else fmt(t.basic_monthly),
        "care_monthly": None if t.care_monthly is None else fmt(t.care_monthly),
        "total_monthly": None if total is None else fmt(total),
        "support_mode": t.support_mode,
        "support_monthly": fmt(t.support_monthly) if t.support_monthly else "0.00",
        "notes": [_reason(n, lang) for n in t.notes],
    }


def _rigid(a: Assessment, lang: Lang) -> RigidOut | None:
    g = a.rigid
    if g is None:
        return None
    return {
        "assessed": g.assessed,
        "met": g.met,
        "code": g.reason.code,
        "message": message(g.reason.code, g.reason.params, lang),
        "expenditure_annual": fmt(g.expenditure_annual),
        "income_annual": fmt(g.income_annual),
        "share": None if g.share is None else f"{g.share.quantize(Decimal('0.0001'))}",
        "threshold": None if g.threshold is None else f"{g.threshold.normalize():f}",
        "valid_until": g.valid_until,
    }


def threshold_message(name: str, margin: Decimal, lang: Lang, comparison: str = "below") -> str:
    """Say how far the household is below (or above) a threshold, in the words of its
    rule's comparison: under ``below`` (低于) income at the line is not within it and
    must fall by more than the distance; under ``not_above`` (不高于) it is."""
    inclusive = comparison == "not_above"
    if margin > 0:
        code = "margin_below"
    elif margin == 0 and inclusive:
        code = "margin_at"
    else:
        code = "margin_within" if inclusive else "margin_above"
    return message(
        code, {"name": message(f"threshold.{name}", {}, lang), "amount": abs(margin)}, lang
    )


def warning_message(
    code: str,
    key: str | None,
    source: SourceRef | None,
    params: Mapping[str, object],
    lang: Lang,
    declared: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """Return the sentence for a warning (the same few for every household: cached).

    A rule value that is codes or a boolean is said in words (存款、有价证券, 是), the
    income and expense types by the ``declared`` labels (`Assessment.type_labels`)."""
    value = params.get("value")
    if key is not None and value is not None:
        words = code_words(key, str(value), lang, declared)
        if words is not None:
            params = {**params, "value": words}
    return _warning_message(code, key, source, tuple(sorted(params.items())), lang)


@functools.lru_cache(maxsize=4096)
def _warning_message(
    code: str,
    key: str | None,
    source: SourceRef | None,
    items: tuple[tuple[str, object], ...],
    lang: Lang,
) -> str:
    params = dict(items)
    if code in ID_DATE_WARNINGS and "id_birth_date" not in params:
        code += "_masked"  # personal data masked: the ID number's date is not shown
    extra: dict[str, object] = {"key": key or ""}
    if source is not None:
        extra["note"] = source.note_in(lang) or ""
        extra["title"] = source.title or ""
        extra["basis"] = " ".join(p for p in (source.title or source.id, source.article) if p)
        if source.kind:
            extra["kind_label"] = message(f"kind.{source.kind}", {}, lang)
        if code == "provisional_value" and source.id is not None:
            # Provisional, but on a cited basis (a cap, a news report): say which.
            code = "provisional_value_sourced"
    if code.removesuffix("_short") in _BREACHES:
        since = params.get("since")
        # Formatted here, not by `message`, which would strip its leading space.
        extra["when"] = MESSAGES["limit_since"][lang == "en"].format(since=since) if since else ""
    if code.removesuffix("_short") in _BREACHES and not extra.get("basis"):
        # A limit with no source: a number in the check itself (edge multiplier > 1), or
        # a provisional value (say so, with its note).
        extra["basis"] = (
            label("check_itself", lang)
            if source is None
            else " ".join(
                p for p in (label("provisional", lang), str(extra.get("note") or "")) if p
            )
        )
    return message(code, {**params, **extra}, lang)


def dumps(
    a: Assessment, lang: Lang = "en", *, indent: int | None = 2, show_personal_data: bool = False
) -> str:
    """Return the result as JSON text (UTF-8 Chinese kept readable)."""
    return json.dumps(
        to_json(a, lang, show_personal_data=show_personal_data), ensure_ascii=False, indent=indent
    )


__all__ = ["dumps", "label", "to_json"]
