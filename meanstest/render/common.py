"""Sentences shared by the table, Markdown and JSON renderers."""

from __future__ import annotations

from decimal import Decimal

from ..model.result import Assessment, IncomeLine, MemberResult, TopUp
from ..money import fmt, to_fen
from .figures import precise
from .labels import Lang, label, message
from .text import comma, in_brackets


def tekun_support(a: Assessment) -> list[tuple[str, Decimal]]:
    """The members paid as 特困, with their monthly support (basic + care)."""
    return [
        (m.id, m.tekun.support_monthly)
        for m in a.members
        if m.tekun is not None and m.tekun.support_monthly
    ]


def group_names(top_up: TopUp, lang: Lang) -> str:
    """The names of a member's 分类施保 groups, as the rules describe them."""
    names = (g.zh if lang == "zh" else g.en for g in top_up.labels)
    return ("、" if lang == "zh" else ", ").join(names)


def group_pay(top_up: TopUp, lang: Lang) -> str:
    """What a member of 分类施保 groups is paid besides the top-up."""
    if top_up.full_standard is None:
        return label("top_up.share", lang)
    return label("top_up.full_standard", lang) + in_brackets(f"+{fmt(top_up.full_standard)}", lang)


def formula(a: Assessment, lang: Lang) -> tuple[str, str]:
    """The benefit formula in words, and with the household's numbers."""
    b = a.benefit
    words = label(f"formula.{b.method}", lang)
    extra = f" + {fmt(b.top_ups)}" if b.top_ups else ""
    if b.full_standard:
        words += f" {label('formula.full_standard', lang)}"
        extra = f" + {fmt(b.full_standard)}{extra}"
    if b.top_ups:
        words += f" {label('formula.top_ups', lang)}"
    before = b.rounding.before if b.rounding is not None else b.monthly
    if b.method == "household_gap":
        size = a.household_size
        counted, result = fmt(a.income.counted_monthly), fmt(before)
        if to_fen(a.standard_monthly) * size - to_fen(a.income.counted_monthly) + to_fen(
            b.full_standard
        ) + to_fen(b.top_ups) != to_fen(before):
            # The fen figures would not add up (379.995 shown as 380.00): write them exactly.
            counted, result = precise(a.income.counted_monthly), precise(before)
        return words, f"{fmt(a.standard_monthly)} × {size} − {counted}{extra} = {result}"
    if b.method == "tiered":
        core = before - b.top_ups - b.full_standard
        per_person = core / a.household_size if a.household_size else core
        return words, f"{fmt(per_person)} × {a.household_size}{extra} = {fmt(before)}"
    if b.method == "single_person_sum":
        members = [m for m in a.members if m.single_person_benefit is not None]
        terms = " + ".join(
            _alone(a, m.own_counted_monthly, m.single_person_benefit)
            for m in members
            if m.single_person_benefit is not None
        )
        return words, f"{terms}{extra} = {fmt(before)}"
    if b.method == "phase_out" and a.phase_out is not None:
        return words, f"{fmt(b.monthly)} → {a.phase_out.until}"
    return words, ""


def _alone(a: Assessment, own: Decimal, paid: Decimal) -> str:
    """A member enrolled alone: (standard − own income) when that is what they are paid,
    else the amount their band pays."""
    if fmt(paid) == fmt(a.standard_monthly - own):
        return f"({fmt(a.standard_monthly)} − {fmt(own)})"
    return fmt(paid)


def rounding(a: Assessment, lang: Lang) -> tuple[str, str]:
    """How the benefit was rounded, and the amounts before and after."""
    r = a.benefit.rounding
    if r is None:
        return "", ""
    unit = label(f"unit.{r.unit.normalize():f}", lang)
    # A figure that rounds to what it becomes is shown as it was (0.005 → 0.01, not
    # 0.01 → 0.01), so that the line says what the rounding did.
    before = precise(r.before) if to_fen(r.before) == r.after != r.before else fmt(r.before)
    return (
        comma(lang).join((label(f"mode.{r.mode}", lang), unit, label(f"stage.{r.stage}", lang))),
        f"{before} → {fmt(r.after)}",
    )


def income_outcome(a: Assessment, line: IncomeLine, lang: Lang) -> str:
    """Counted, not counted, or why the member's income is outside the household; and
    whether the amount was imputed (at the minimum wage) rather than declared."""
    outcome = label(f"income.{line.reason}", lang)
    if line.reason == "not_member":
        why = next((m.excluded_because for m in a.members if m.id == line.member), None)
        if why:
            outcome = label(f"excluded.{why}", lang)
    if line.basis is not None:
        imputed = label(f"income.basis.{line.basis}", lang)
        outcome += f"（{imputed}）" if lang == "zh" else f" ({imputed})"
    return outcome


def child_note(m: MemberResult, lang: Lang) -> str | None:
    """A child flagged as de-facto unsupported, or to verify: the parents' conditions."""
    if m.child is None or m.child.flagged is False:
        return None
    return message(m.child.reason.code, m.child.reason.params, lang)
