"""The caseworker's view: rich tables for the terminal.

Renderers take a Console from the caller (never a global one), so tests render into
a StringIO at a fixed width and compare text.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..i18n import Lang, label, message
from ..money import fmt
from ..result import Assessment, MemberResult
from .json import threshold_message, warning_message

_STATUS_STYLE = {"dibao": "bold green", "dibao_single": "bold green", "edge": "bold yellow",
                 "rigid_expenditure": "bold yellow", "not_eligible": "bold red"}


def _table(title: str, *columns: str, right: tuple[int, ...] = (),
           keep: tuple[int, ...] = ()) -> Table:
    """A plain table; ``right`` columns are numbers, ``keep`` columns never wrap."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                  title_style="bold", pad_edge=False)
    for i, column in enumerate(columns):
        table.add_column(column, justify="right" if i in right else "left",
                         overflow="fold", no_wrap=i in right or i in keep)
    return table


def _member_notes(m: MemberResult, a: Assessment, lang: Lang) -> str:
    notes = []
    if not m.counted and m.excluded_because:
        notes.append(label(f"excluded.{m.excluded_because}", lang))
    if m.single_person and m.single_person_benefit is not None:
        notes.append(f"{label('single_person', lang)} {fmt(m.single_person_benefit)}")
    del a
    return "; ".join(notes)


def _money_per(amount: str, per: str, lang: Lang) -> str:
    return f"{amount} {label('per_month' if per == 'month' else 'per_year', lang)}"


def renderables(a: Assessment, lang: Lang, *, trace: bool = False,
                types: dict[str, str] | None = None) -> list[RenderableType]:
    """Return the parts of the assessment screen, top to bottom.

    Args:
        a: the assessment.
        lang: the language of labels and messages.
        trace: include the step-by-step trace with rule keys and sources.
        types: labels of income and expense types in this language (from the rules).
    """
    L = lambda key: label(key, lang)  # noqa: E731 - a short alias keeps the tables readable
    types = types or {}
    parts: list[RenderableType] = []

    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    head.add_row(L("household"), a.household_id or "-")
    head.add_row(L("rules"), f"{a.rules.name_zh if lang == 'zh' else a.rules.name_en} "
                 f"({a.rules.id}) {a.rules.digest[:19]}")
    head.add_row(L("as_of"), a.rules.as_of.isoformat())
    head.add_row(L("area"), L(a.area))
    head.add_row(L("size"), str(a.household_size))
    parts.append(Group(Text(L("title"), style="bold underline"), head))

    members = _table(L("members"), L("member"), L("name"), L("relation"), L("age"),
                     L("counted"), L("notes"), right=(3,))
    for m in a.members:
        members.add_row(m.id, m.name or "", L(f"relation.{m.relation}"), str(m.age),
                        L("yes") if m.counted else L("no"), _member_notes(m, a, lang))
    parts.append(members)

    if a.incomes:
        incomes = _table(L("incomes"), "#", L("member"), L("type"), L("category"), L("amount"),
                         L("monthly"), L("result"), right=(4, 5), keep=(0, 1))
        for i in a.incomes:
            incomes.add_row(str(i.index + 1), i.member or L("household_level"),
                            types.get(i.type, i.type), L(f"category.{i.category}"),
                            _money_per(fmt(i.amount), i.per, lang), fmt(i.monthly),
                            L(f"income.{i.reason}"))
        parts.append(incomes)

    if a.deductions:
        deductions = _table(L("deductions"), "#", L("member"), L("type"), L("claimed"),
                            L("accepted"), L("result"), L("reason"), right=(3, 4), keep=(0, 1))
        for d in a.deductions:
            why = "; ".join(message(r.code, r.params, lang) for r in d.reasons)
            deductions.add_row(str(d.index + 1), d.member or L("household_level"),
                               types.get(d.type, d.type), fmt(d.claimed_monthly),
                               fmt(d.accepted_monthly), L(f"deduction.{d.status}"), why)
        parts.append(deductions)

    inc = a.income
    edge = next(t for t in a.thresholds if t.name == "edge")
    summary = _table(L("summary"), "", L("yuan"), right=(1,))
    summary.add_row(L("gross_monthly"), fmt(inc.gross_monthly))
    summary.add_row(f"− {L('exempt_monthly')}", fmt(inc.exempt_monthly))
    summary.add_row(f"− {L('deductions_monthly')}", fmt(inc.deductions_monthly))
    summary.add_row(Text(L("counted_monthly"), style="bold"), fmt(inc.counted_monthly))
    summary.add_row(f"÷ {L('size')}", str(a.household_size))
    summary.add_row(Text(L("per_capita_monthly"), style="bold"), fmt(inc.per_capita_monthly))
    summary.add_row(L("standard_monthly"), fmt(a.standard_monthly))
    summary.add_row(L("edge_monthly"), fmt(edge.per_capita_monthly))
    summary.add_row(L("reference_months"), f"{inc.reference_months} {L('months')}")
    parts.append(summary)

    assets = _table(L("assets"), L("test"), L("result"), L("notes"))
    for t in a.asset_tests:
        assets.add_row(L(f"asset.{t.name}"),
                       Text(L("passed") if t.passed else L("failed"),
                            style="green" if t.passed else "red"),
                       message(t.reason.code, t.reason.params, lang))
    parts.append(assets)

    outcome = Table.grid(padding=(0, 2))
    outcome.add_column(style="bold")
    outcome.add_column()
    outcome.add_row(L("status"), Text(L(f"status.{a.status}"), style=_STATUS_STYLE[a.status]))
    outcome.add_row(L("benefit"), Text(f"¥{fmt(a.benefit_monthly)}", style="bold"))
    if a.benefit.rounding is not None:
        outcome.add_row(L("formula"), _formula(a))
        r = a.benefit.rounding
        outcome.add_row(L("rounding"), f"{r.mode} → {r.unit:f} ({r.stage}): "
                        f"{fmt(r.before)} → {fmt(r.after)}")
    parts.append(outcome)

    lines = [f"• {message(r.code, r.params, lang)}" for r in a.reasons]
    lines += [f"• {threshold_message(t.name, t.margin_monthly, lang)}" for t in a.thresholds]
    parts.append(Group(Text(L("reasons"), style="bold"), *(Text(x) for x in lines)))

    if a.warnings:
        warns = _table(L("warnings"), L("key"), L("value"), L("source"), keep=(0,))
        warns.title_style = "bold yellow"
        for w in a.warnings:
            if w.source is None:
                continue
            if w.code == "provisional_value":
                why = f"{L('provisional')}: {w.source.note or ''}".strip()
            else:
                why = warning_message("unofficial_source_short", None, w.source, {}, lang)
            warns.add_row(w.key or "", str(w.params.get("value", "")), Text(why, style="yellow"))
        parts.append(warns)

    if trace:
        steps = _table(L("trace"), L("step"), L("key"), L("value"), L("source"), keep=(1,))
        for s in a.trace:
            source = s.source.short() if s.source else ""
            value = fmt(s.value) if hasattr(s.value, "quantize") else str(s.value)
            steps.add_row(L(f"step.{s.step}"), s.key or "", value, source)
        parts.append(steps)
    parts.append(Text(L("display_rounding"), style="dim"))
    return parts


def _formula(a: Assessment) -> str:
    inputs = a.benefit.inputs
    if a.status == "dibao":
        size = a.household_size
        return (f"{fmt(a.standard_monthly)} × {size} − {fmt(a.income.counted_monthly)} = "
                f"{fmt(a.standard_monthly * size - a.income.counted_monthly)}")
    members = inputs.get("members", {})
    assert isinstance(members, dict)  # noqa: S101 - built by the engine
    terms = " + ".join(fmt(v) for v in members.values())
    return f"{a.benefit.formula}: {terms}"


def render(a: Assessment, console: Console, lang: Lang, *, trace: bool = False,
           types: dict[str, str] | None = None) -> None:
    """Print the assessment screen to ``console``."""
    for part in renderables(a, lang, trace=trace, types=types):
        console.print(part)
        console.print()
