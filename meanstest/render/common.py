"""Sentences shared by the table, Markdown and JSON renderers."""

from __future__ import annotations

from ..i18n import Lang, label
from ..money import fmt
from ..result import Assessment


def formula(a: Assessment, lang: Lang) -> tuple[str, str]:
    """The benefit formula in words, and with the household's numbers."""
    words = label(f"formula.{a.benefit.method}", lang)
    if a.benefit.method == "household_gap":
        size = a.household_size
        gap = a.standard_monthly * size - a.income.counted_monthly
        return words, (f"{fmt(a.standard_monthly)} × {size} − "
                       f"{fmt(a.income.counted_monthly)} = {fmt(gap)}")
    if a.benefit.method == "single_person_sum" and a.benefit.rounding is not None:
        members = [m for m in a.members if m.single_person_benefit is not None]
        terms = " + ".join(
            f"({fmt(a.standard_monthly)} − {fmt(m.own_counted_monthly)})" for m in members)
        return words, f"{terms} = {fmt(a.benefit.rounding.before)}"
    return words, ""


def rounding(a: Assessment, lang: Lang) -> tuple[str, str]:
    """How the benefit was rounded, and the amounts before and after."""
    r = a.benefit.rounding
    if r is None:
        return "", ""
    unit = label(f"unit.{r.unit.normalize():f}", lang)
    return (f"{label(f'mode.{r.mode}', lang)}, {unit}, {label(f'stage.{r.stage}', lang)}",
            f"{fmt(r.before)} → {fmt(r.after)}")
